using System.Globalization;
using Neuro.FixedPointSim;
using Neuro.FixedPointSim.Hebbian;
using Neuro.Rules.Hebbian;

namespace Neuro.RtlExport.Hebbian;

/// <summary>
/// Refuses a Hebbian rule whose compiled ROMs cannot move a weight at a precision (DESIGN.md §6): a layer whose rule is
/// not zero but whose add and multiply words all quantize to zero cannot learn, and its hardware would be a costly no-op.
/// The message names the layer, the format to widen and the fractional bits it needs. <c>neuro export</c> checks it
/// before it writes anything.
/// </summary>
public static class HebbianRomCheck
{
    /// <summary>Says why the compiled ROMs (<see cref="HebbianRom"/>, exactly what the export writes) cannot learn, or null when they can.</summary>
    /// <exception cref="FixedPointSim.Patterns.PrecisionConfigException">The precision config is invalid.</exception>
    public static string? Problem(HebbianRule rule, HebbianPrecision precision)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(precision);
        rule.Validate();
        precision.Validate();
        var layers = new[]
        {
            ("hidden", new HebbianRom(rule.Hidden, precision, precision.Input, precision.HiddenActivity)),
            ("output", new HebbianRom(rule.Output, precision, precision.HiddenActivity, HebbianPrecision.Teacher)),
        };
        if (layers.All(l => l.Item2.AddTable.Entries.All(e => e == 0) && l.Item2.ScaleTable.Entries.All(e => e == 0)))
        {
            return "every entry of the rule's compiled tables is zero in both layers, so no weight ever changes; there is nothing to export";
        }

        foreach (var (name, rom) in layers)
        {
            bool formulaZero = rom.AddTable.Entries.All(e => e == 0) && rom.ScaleTable.Entries.All(e => e == 0);
            if (formulaZero || rom.Add.Any(w => w != 0) || rom.Scale.Any(w => w != 0))
            {
                continue;
            }

            double largest = rom.AddTable.Entries.Concat(rom.ScaleTable.Entries).Max(Math.Abs);
            var entry = precision.RuleEntry;
            int frac = entry.Format.FracBits;
            if (Math.ScaleB(largest, frac) >= 1)
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"every word of the {name} layer's compiled ROMs is zero: its largest |entry| ({largest:G4}) overflows ruleEntry {entry} or scaleEntry {precision.ScaleEntry}, whose overflow mode sets it to zero; give them more integer bits or another overflow mode");
            }

            int needed = (int)Math.Ceiling(-Math.Log2(largest));
            int more = needed - frac;
            string suggestion = entry.Format.Width + more <= 32
                ? $" (e.g. ruleEntry {entry with { Format = new QFormat(true, entry.Format.Width + more, needed) }})"
                : "";
            return string.Create(CultureInfo.InvariantCulture,
                $"every word of the {name} layer's compiled ROMs is zero at ruleEntry {entry} and scaleEntry {precision.ScaleEntry}: its largest |entry| is {largest:G4}, below the LSB 2^{-frac}, so the layer cannot learn at this precision; widen ruleEntry (and scaleEntry) to at least {needed} fractional bits{suggestion}");
        }

        return null;
    }

    /// <summary>Throws when <see cref="Problem"/> finds one.</summary>
    /// <exception cref="RtlExportException">A layer's compiled ROMs are all zero.</exception>
    public static void Ensure(HebbianRule rule, HebbianPrecision precision)
    {
        if (Problem(rule, precision) is { } problem)
        {
            throw new RtlExportException(problem);
        }
    }
}
