namespace Neuro.FixedPointSim.Patterns;

/// <summary>Settings of <see cref="PrecisionSweep.Run"/>, varied with <c>with</c>.</summary>
public sealed record PrecisionSweepSettings
{
    /// <summary>The config every cell is derived from (<see cref="PrecisionSweep.Derive"/>): its weight's integer bits, its
    /// modes, and its input and activation types.</summary>
    public PrecisionConfig Base { get; init; } = PrecisionConfig.Default;

    /// <summary>Rule-entry (ROM word) widths to try.</summary>
    public BitRange EntryBits { get; init; } = new(2, 10);

    /// <summary>Weight widths to try.</summary>
    public BitRange WeightBits { get; init; } = new(4, 16);

    /// <summary>Online passes over the training set before the test set is scored.</summary>
    public int Passes { get; init; } = 1;

    /// <summary>Accuracy loss against the float reference, in percentage points, that a cell may have and still count as good enough.</summary>
    public double BudgetPoints { get; init; } = 1.0;

    /// <summary>Cells run at once (0: one per core); the results do not depend on it.</summary>
    public int Threads { get; init; }
}
