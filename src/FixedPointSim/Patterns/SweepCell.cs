namespace Neuro.FixedPointSim.Patterns;

/// <summary>One cell of a <see cref="PrecisionSweep"/>: a rule-entry width, a weight width, and how the network did.</summary>
/// <param name="EntryBits">Width of a rule ROM word.</param>
/// <param name="WeightBits">Width of a weight.</param>
/// <param name="Precision">The derived config; null when the widths give no valid config.</param>
/// <param name="Accuracy">Test accuracy of the fixed-point network after the lifetime; null for an invalid cell.</param>
/// <param name="LossPoints">Accuracy lost against the float reference in percentage points
/// (<see cref="QuantizationAnalysis.LossPoints"/>); null for an invalid cell.</param>
/// <param name="Problem">Why the cell is invalid (e.g. the rule entry is wider than the weight); null for a valid cell.</param>
public sealed record SweepCell(int EntryBits, int WeightBits, PrecisionConfig? Precision, double? Accuracy, double? LossPoints, string? Problem)
{
    /// <summary>True when the cell ran.</summary>
    public bool Valid => Problem is null;

    /// <summary>Entry plus weight bits: the size the "smallest within budget" choice minimizes.</summary>
    public int TotalBits => EntryBits + WeightBits;
}
