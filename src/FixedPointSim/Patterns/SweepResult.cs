namespace Neuro.FixedPointSim.Patterns;

/// <summary>What a <see cref="PrecisionSweep"/> found.</summary>
/// <param name="Settings">The settings it ran with.</param>
/// <param name="FloatAccuracy">Test accuracy of the float reference after the same lifetime: the baseline of every loss.</param>
/// <param name="Cells">Every cell, entry width outer and weight width inner, narrowest first.</param>
/// <param name="Smallest">The smallest valid cell within <see cref="PrecisionSweepSettings.BudgetPoints"/>
/// (<see cref="PrecisionSweep.SmallestWithinBudget"/>); null if none is.</param>
public sealed record SweepResult(PrecisionSweepSettings Settings, double FloatAccuracy, IReadOnlyList<SweepCell> Cells, SweepCell? Smallest)
{
    /// <summary>The cell for a pair of widths.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A width is outside the sweep's ranges.</exception>
    public SweepCell Cell(int entryBits, int weightBits)
    {
        var (entry, weight) = (Settings.EntryBits, Settings.WeightBits);
        if (entryBits < entry.Min || entryBits > entry.Max || weightBits < weight.Min || weightBits > weight.Max)
        {
            throw new ArgumentOutOfRangeException(nameof(entryBits), $"No cell ({entryBits}, {weightBits}) in entry {entry} × weight {weight}");
        }

        return Cells[(entryBits - entry.Min) * weight.Count + (weightBits - weight.Min)];
    }
}
