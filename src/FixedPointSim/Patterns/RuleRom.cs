using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Neuro.Rules.Patterns;

namespace Neuro.FixedPointSim.Patterns;

/// <summary>
/// A pattern rule's tables quantized into ROM words (DESIGN.md §5): <c>raw[i] = Fixed.FromDouble(rule.Eta · table[i],
/// precision.RuleEntry).Raw</c>, in the weight's LSB scale, so an additive update is <c>w ← overflow(w + rom[addr])</c>
/// with no multiplier. Result: <see cref="PrecisionConfig.RuleEntry"/>'s format (the weight's fractional bits).
/// </summary>
/// <remarks>
/// Addresses are those of <see cref="PatternRule"/>: hidden <c>pre·P + post</c>, input <c>post</c>, output
/// <c>2·pattern + (0 for the label's row, 1 for the prediction's)</c>. <c>eta · table[i]</c> is the double product the
/// float reference adds, quantized once (no double rounding) by <see cref="FixedQuantizer"/>.
/// </remarks>
public sealed class RuleRom
{
    private readonly long[] hidden;
    private readonly long[]? input;
    private readonly long[]? output;

    /// <summary>Quantizes every table of <paramref name="rule"/> into <paramref name="precision"/>'s rule-entry type.</summary>
    /// <exception cref="PrecisionConfigException">The precision config is inconsistent.</exception>
    public RuleRom(PatternRule rule, PrecisionConfig precision)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(precision);
        precision.Validate();
        Entry = precision.RuleEntry;
        Patterns = rule.Patterns;
        (hidden, HiddenStats) = Quantize(rule.Eta, rule.Hidden, Entry);
        if (rule.Input is { } inputTable)
        {
            (input, var stats) = Quantize(rule.Eta, inputTable, Entry);
            InputStats = stats;
        }

        if (rule.Output is { } outputTable)
        {
            (output, var stats) = Quantize(rule.Eta, outputTable, Entry);
            OutputStats = stats;
        }
    }

    /// <summary>The type of every word: format (the weight's fractional bits), rounding and overflow used to fill the ROM.</summary>
    public FixedType Entry { get; }

    /// <summary>Number of firing patterns <c>P</c> of the rule.</summary>
    public int Patterns { get; }

    /// <summary>Hidden-table words, <c>P·P</c>, address <c>pre·P + post</c>.</summary>
    public ImmutableArray<long> Hidden => ImmutableCollectionsMarshal.AsImmutableArray(hidden);

    /// <summary>Input-table words, <c>P</c>, address <c>post</c>; null when the rule has no input table.</summary>
    public ImmutableArray<long>? Input => input is null ? null : ImmutableCollectionsMarshal.AsImmutableArray(input);

    /// <summary>Output-table words, <c>2P</c>, address <c>2·pattern + row kind</c>; null when the rule has no output table.</summary>
    public ImmutableArray<long>? Output => output is null ? null : ImmutableCollectionsMarshal.AsImmutableArray(output);

    /// <summary>How the hidden table quantized.</summary>
    public RuleRomStats HiddenStats { get; }

    /// <summary>How the input table quantized; null without one.</summary>
    public RuleRomStats? InputStats { get; }

    /// <summary>How the output table quantized; null without one.</summary>
    public RuleRomStats? OutputStats { get; }

    /// <summary>The hidden words as a span, for the network's update loop.</summary>
    internal ReadOnlySpan<long> HiddenSpan => hidden;

    /// <summary>The input words as a span (empty without an input table).</summary>
    internal ReadOnlySpan<long> InputSpan => input;

    /// <summary>The output words as a span (empty without an output table).</summary>
    internal ReadOnlySpan<long> OutputSpan => output;

    private static (long[] Raws, RuleRomStats Stats) Quantize(double eta, ImmutableArray<double> table, FixedType entry)
    {
        var values = new double[table.Length];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = eta * table[i];
        }

        var raws = new long[values.Length];
        FixedQuantizer.Quantize(values, raws, entry);

        // Only a value of at least half the range's magnitude can overflow; those few take the exact scalar path to find out.
        var format = entry.Format;
        double overflowCandidate = Math.ScaleB(1.0, format.Width - 2 - format.FracBits);
        int saturated = 0, zeroed = 0;
        for (int i = 0; i < values.Length; i++)
        {
            bool overflowed = false;
            if (Math.Abs(values[i]) >= overflowCandidate)
            {
                _ = Fixed.QuantizeDouble(values[i], format, entry.Rounding, entry.Overflow, out overflowed);
            }

            if (overflowed)
            {
                saturated++;
            }
            else if (raws[i] == 0 && values[i] != 0)
            {
                zeroed++;
            }
        }

        return (raws, new RuleRomStats(values.Length, saturated, zeroed));
    }
}
