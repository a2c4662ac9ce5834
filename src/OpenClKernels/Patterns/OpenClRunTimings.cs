namespace Neuro.OpenClKernels.Patterns;

/// <summary>
/// Where the wall-clock time of one <see cref="OpenClLifetimeBatch.Run"/> went, summed over its launches: host
/// preparation (masks, starting weights, ROM words, quantized inputs, buffer images), upload, the kernel itself (launch to
/// finish), and read-back with the results in the golden model's layout.
/// </summary>
/// <param name="PrepareSeconds">Host work before the first upload.</param>
/// <param name="UploadSeconds">Buffer allocation and host-to-device copies.</param>
/// <param name="KernelSeconds">From enqueueing the kernel until the queue finished.</param>
/// <param name="ReadBackSeconds">Device-to-host copies and building the results.</param>
public sealed record OpenClRunTimings(double PrepareSeconds, double UploadSeconds, double KernelSeconds, double ReadBackSeconds)
{
    /// <summary>No run yet.</summary>
    public static OpenClRunTimings None { get; } = new(0, 0, 0, 0);

    /// <summary>The four parts together.</summary>
    public double TotalSeconds => PrepareSeconds + UploadSeconds + KernelSeconds + ReadBackSeconds;

    /// <inheritdoc/>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"prepare {PrepareSeconds:F3} s, upload {UploadSeconds:F3} s, kernel {KernelSeconds:F3} s, read-back {ReadBackSeconds:F3} s");
}
