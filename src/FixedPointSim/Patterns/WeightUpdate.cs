using Neuro.Rules.Layouts;

namespace Neuro.FixedPointSim.Patterns;

/// <summary>
/// One weight update by one ROM word, as <see cref="FixedPatternNetwork"/> does it (its class remarks give the
/// arithmetic), in 64-bit arithmetic where the formats prove it exact and in <see cref="Int128"/> otherwise.
/// Result: the weight format's raw integer.
/// </summary>
/// <remarks>
/// Additive: <c>w + rom</c> fits a <see cref="long"/> for weights of at most 62 bits. Multiplicative: the product
/// <c>w·rom</c> is below <c>2^(Ww + We − 2)</c>, so <c>Ww + We ≤ 64</c> keeps it (and <c>w</c> plus its rounded
/// increment) inside a <see cref="long"/> when <c>1 ≤ fw ≤ 62</c>. Rounding and overflow are
/// <see cref="QuantizationCore"/>'s either way.
/// </remarks>
internal sealed class WeightUpdate
{
    private readonly FixedType weight;
    private readonly int frac;
    private readonly bool multiplicative;
    private readonly bool longSum;
    private readonly bool longProduct;

    /// <summary>Prepares the updates of weights of type <paramref name="weight"/> by a table of <paramref name="mode"/> (add or
    /// multiply) whose words have type <paramref name="entry"/>.</summary>
    public WeightUpdate(FixedType weight, FixedType entry, TableMode mode)
    {
        this.weight = weight;
        frac = weight.Format.FracBits;
        multiplicative = mode == TableMode.Multiply;
        int ww = weight.Format.Width, we = entry.Format.Width;
        longSum = ww <= 62;
        longProduct = ww <= 62 && ww + we <= 64 && frac >= 1 && frac <= 62;
    }

    /// <summary>Whether the table multiplies (else it adds).</summary>
    public bool Multiplicative => multiplicative;

    /// <summary>
    /// The updated weight with stochastic rounding (an add table, <paramref name="bits"/> = <c>s &gt; 0</c>): a zero word
    /// leaves the weight and the generator as they are; otherwise advances <paramref name="state"/> once, then
    /// <c>overflow_w(w + floor((rom + r) / 2^s))</c> (<see cref="XorShift32.Delta"/>).
    /// </summary>
    public long ApplyStochastic(long w, long entry, int bits, ref uint state)
    {
        if (entry == 0)
        {
            return w;
        }

        state = XorShift32.Next(state);
        long delta = XorShift32.Delta(entry, state, bits);
        return longSum
            ? QuantizationCore.FromRaw64(w + delta, frac, weight.Format, weight.Rounding, weight.Overflow)
            : (long)QuantizationCore.FromRaw((Int128)w + delta, frac, weight.Format, weight.Rounding, weight.Overflow);
    }

    /// <summary>The updated weight: <c>overflow_w(w + rom)</c> or <c>overflow_w(w + round_w(w·rom / 2^fw))</c>.</summary>
    public long Apply(long w, long entry)
    {
        if (!multiplicative)
        {
            return longSum
                ? QuantizationCore.FromRaw64(w + entry, frac, weight.Format, weight.Rounding, weight.Overflow)
                : (long)QuantizationCore.FromRaw((Int128)w + entry, frac, weight.Format, weight.Rounding, weight.Overflow);
        }

        if (longProduct)
        {
            long delta = QuantizationCore.RoundToInteger64(w * entry, frac, weight.Rounding);
            return QuantizationCore.FromRaw64(w + delta, frac, weight.Format, weight.Rounding, weight.Overflow);
        }

        Int128 wide = QuantizationCore.RoundToInteger((Int128)w * entry, frac, weight.Rounding);
        return (long)QuantizationCore.FromRaw(w + wide, frac, weight.Format, weight.Rounding, weight.Overflow);
    }
}
