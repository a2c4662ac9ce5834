namespace Neuro.OpenClKernels.Patterns;

/// <summary>How an <see cref="OpenClLifetimeBatch"/> uses its device.</summary>
public sealed record OpenClBatchSettings
{
    /// <summary>
    /// Device bytes one launch may use (all its buffers together); lifetimes beyond it go to further launches. Null: three
    /// quarters of the device's global memory. Any single buffer also stays within the device's largest allocation.
    /// </summary>
    public long? MemoryBudgetBytes { get; init; }

    /// <summary>
    /// Work-items per lifetime (one work-group each). Null: 64 on GPUs (at most the device's work-group limit), 1 on
    /// other devices (a CPU runs work-groups on its cores; FPGA flows prefer single work-items).
    /// </summary>
    public int? LocalSize { get; init; }
}
