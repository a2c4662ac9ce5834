using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Neuro.Rules.Layouts;
using Neuro.Rules.Patterns;

namespace Neuro.FixedPointSim.Patterns;

/// <summary>
/// A pattern rule's tables quantized into ROM words (DESIGN.md §5): <c>raw[i] = Fixed.FromDouble(rule.Eta · table[i],
/// precision.RuleEntry).Raw</c>, in the weight's LSB scale, so an additive update is <c>w ← overflow(w + rom[addr])</c>
/// with no multiplier. Result: <see cref="PrecisionConfig.RuleEntry"/>'s format (the weight's fractional bits).
/// </summary>
/// <remarks>
/// One word array per table of the rule's <see cref="RuleLayout"/>, in layout order and indexed by the layout's
/// addresses; <see cref="Words"/> concatenates them at the layout's offsets (the device's ROM buffer).
/// <c>eta · table[i]</c> is the double product the float reference adds, quantized once (no double rounding) by
/// <see cref="FixedQuantizer"/>. With stochastic rounding (<see cref="PrecisionConfig.StochasticBits"/> <c>s &gt; 0</c>) the
/// rule-entry type has <c>s</c> more fractional bits, so each word keeps <c>s</c> bits below the weight's LSB (a step of
/// a quarter LSB is stored, not rounded to 0), and <see cref="RuleRomStats.Zeroed"/> counts only values below that finer
/// scale.
/// </remarks>
public sealed class RuleRom
{
    private readonly long[][] tables;
    private readonly RuleRomStats[] stats;
    private readonly FixedType[] entries;

    /// <summary>Quantizes every table of <paramref name="rule"/> into <paramref name="precision"/>'s rule-entry type.</summary>
    /// <exception cref="PrecisionConfigException">The precision config is inconsistent, or asks for stochastic rounding of a
    /// rule with a multiply table (stochastic rounding applies to add tables only).</exception>
    public RuleRom(PatternRule rule, PrecisionConfig precision)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(precision);
        precision.Validate();
        if (precision.StochasticBits > 0 && rule.Layout.Tables.FirstOrDefault(t => t.Mode != TableMode.Add) is { } table)
        {
            throw new PrecisionConfigException(
                "stochasticBits",
                $"stochastic rounding applies to add tables only; the rule's table '{table.Name}' has mode {table.Mode.ToString().ToLowerInvariant()}");
        }

        Entry = precision.RuleEntry;
        Layout = rule.Layout;
        tables = new long[rule.Tables.Length][];
        stats = new RuleRomStats[rule.Tables.Length];
        entries = new FixedType[rule.Tables.Length];
        for (int t = 0; t < tables.Length; t++)
        {
            entries[t] = precision.EntryOf(rule.Layout.Tables[t].Synapses);
            (tables[t], stats[t]) = Quantize(rule.Eta, rule.Tables[t], entries[t]);
        }
    }

    /// <summary>The config's rule-entry type: that of every word when the weights of every group have one type (else see
    /// <see cref="EntryOf"/>).</summary>
    public FixedType Entry { get; }

    /// <summary>The type of table <paramref name="index"/>'s words: format (its weights' fractional bits), rounding and
    /// overflow used to fill it (<see cref="PrecisionConfig.EntryOf"/>).</summary>
    public FixedType EntryOf(int index) => entries[index];

    /// <summary>The rule's layout: which table each word array belongs to and what its addresses mean.</summary>
    public RuleLayout Layout { get; }

    /// <summary>Number of tables.</summary>
    public int TableCount => tables.Length;

    /// <summary>Table <paramref name="index"/>'s words, by address.</summary>
    public ImmutableArray<long> Table(int index) => ImmutableCollectionsMarshal.AsImmutableArray(tables[index]);

    /// <summary>How table <paramref name="index"/> quantized.</summary>
    public RuleRomStats Stats(int index) => stats[index];

    /// <summary>The words of the table updating <paramref name="synapses"/>, or null without one.</summary>
    public ImmutableArray<long>? TableOf(string synapses) => Layout.IndexOf(synapses) is int i and >= 0 ? Table(i) : null;

    /// <summary>How the table updating <paramref name="synapses"/> quantized, or null without one.</summary>
    public RuleRomStats? StatsOf(string synapses) => Layout.IndexOf(synapses) is int i and >= 0 ? stats[i] : null;

    /// <summary>The recurrent table's words, or null.</summary>
    public ImmutableArray<long>? Hidden => TableOf(PatternLayouts.Recurrent);

    /// <summary>The input table's words, or null.</summary>
    public ImmutableArray<long>? Input => TableOf(PatternLayouts.Input);

    /// <summary>The output table's words, or null.</summary>
    public ImmutableArray<long>? Output => TableOf(PatternLayouts.Output);

    /// <summary>Every word, tables one after another at the layout's offsets (<see cref="RuleLayout.Offset"/>).</summary>
    public long[] Words()
    {
        var words = new long[Layout.TotalEntries];
        for (int t = 0; t < tables.Length; t++)
        {
            tables[t].CopyTo(words, Layout.Offset(t));
        }

        return words;
    }

    /// <summary>Table <paramref name="index"/>'s words as a span, for update loops.</summary>
    internal ReadOnlySpan<long> Span(int index) => tables[index];

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
