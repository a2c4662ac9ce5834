namespace Neuro.FixedPointSim.Patterns;

/// <summary>Settings of <see cref="QuantizationAnalysis.Run"/>, varied with <c>with</c>.</summary>
public sealed record QuantizationAnalysisSettings
{
    /// <summary>Online passes over the training set (no resets between passes), as <c>neuro simulate --passes</c>.</summary>
    public int Passes { get; init; } = 1;

    /// <summary>Number of points, besides the start, at which the weight drift is recorded; the last is the end of the lifetime.</summary>
    public int DriftCheckpoints { get; init; } = 8;
}
