using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Neuro.FixedPointSim;

/// <summary>
/// <see cref="QuantizationCore.FromRaw64"/> for one source scale and one target type, with the per-format work (shift,
/// rounding bias, limits) done once: how the fast networks narrow each neuron's exact 64-bit sum. Result: the target's
/// raw integer, identical to <see cref="QuantizationCore.FromRaw"/>'s.
/// </summary>
/// <remarks>
/// <para>On sign and magnitude <c>m</c>, with <c>s</c> the bits shifted out and <c>h = 2^(s−1)</c>, each rounding mode of
/// IEEE 1666 §7.10.9 (as <see cref="QuantizationCore.RoundUp"/> states them) is one addition before the shift,
/// <c>(m + bias) &gt;&gt; s</c>, so the common path has no data-dependent branch:</para>
/// <list type="table">
/// <listheader><term>mode</term><description>bias (positive; negative)</description></listheader>
/// <item><term>Trn</term><description><c>0</c>; <c>2^s − 1</c> (floor: a negative magnitude rounds up)</description></item>
/// <item><term>TrnZero</term><description><c>0</c>; <c>0</c></description></item>
/// <item><term>Rnd</term><description><c>h</c>; <c>h − 1</c> (a tie goes toward +∞)</description></item>
/// <item><term>RndZero</term><description><c>h − 1</c>; <c>h − 1</c></description></item>
/// <item><term>RndInf</term><description><c>h</c>; <c>h</c></description></item>
/// <item><term>RndMinInf</term><description><c>h − 1</c>; <c>h</c></description></item>
/// <item><term>RndConv</term><description><c>h − 1 + t₀</c> for both, <c>t₀</c> the lowest kept bit (a tie goes to even)</description></item>
/// </list>
/// <para>A rounded magnitude outside the target's symmetric range <c>[−(2^(W−1)−1), 2^(W−1)−1]</c> (unsigned:
/// <c>[0, 2^W−1]</c>), where the overflow modes start to differ, goes to
/// <see cref="QuantizationCore.Finish(bool, UInt128, Remainder, QFormat, Rounding, Overflow)"/>, and shifts outside
/// 0..62 and unsigned 64-bit targets to the wide path, so overflow stays defined in one place. <c>QuantizationCoreTests</c>
/// checks the whole against <see cref="QuantizationCore.FromRaw"/>, ties included, for every mode.</para>
/// </remarks>
internal readonly struct RawNarrowing
{
    private readonly QFormat target;
    private readonly Rounding rounding;
    private readonly Overflow overflow;
    private readonly int sourceFracBits;
    private readonly bool wide;
    private readonly int shift;
    private readonly ulong positiveBias;
    private readonly ulong negativeBias;
    private readonly ulong evenBit;
    private readonly ulong positiveLimit;
    private readonly ulong negativeLimit;

    /// <summary>Prepares the narrowing of raws at <paramref name="sourceFracBits"/> fractional bits into the target type.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The rounding mode is not a defined value.</exception>
    public RawNarrowing(int sourceFracBits, QFormat target, Rounding rounding, Overflow overflow)
    {
        this.target = target;
        this.rounding = rounding;
        this.overflow = overflow;
        this.sourceFracBits = sourceFracBits;
        long s = (long)sourceFracBits - target.FracBits;
        wide = (ulong)s > 62 || (!target.Signed && target.Width == QFormat.MaxWidth);
        shift = wide ? 0 : (int)s;
        positiveLimit = wide ? 0 : target.Signed ? (1UL << (target.Width - 1)) - 1 : (1UL << target.Width) - 1;
        negativeLimit = target.Signed ? positiveLimit : 0;
        if (shift == 0)
        {
            return;
        }

        ulong half = 1UL << (shift - 1), all = (1UL << shift) - 1;
        (positiveBias, negativeBias, evenBit) = rounding switch
        {
            Rounding.Trn => (0UL, all, 0UL),
            Rounding.TrnZero => (0UL, 0UL, 0UL),
            Rounding.Rnd => (half, half - 1, 0UL),
            Rounding.RndZero => (half - 1, half - 1, 0UL),
            Rounding.RndInf => (half, half, 0UL),
            Rounding.RndMinInf => (half - 1, half, 0UL),
            Rounding.RndConv => (half - 1, half - 1, 1UL),
            _ => throw new ArgumentOutOfRangeException(nameof(rounding), rounding, $"Unknown rounding mode {rounding}"),
        };
    }

    /// <summary>Fractional bits of the raws this narrowing takes.</summary>
    public int SourceFracBits => sourceFracBits;

    /// <summary>The target's raw integer for the exact value <c>raw · 2^-sourceFracBits</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Apply(long raw)
    {
        if (wide)
        {
            return (long)QuantizationCore.FromRaw(raw, sourceFracBits, target, rounding, overflow);
        }

        // Branch-free on the sign (sums are as often negative as positive): sign is 0 or all ones.
        ulong sign = (ulong)(raw >> 63);
        ulong magnitude = ((ulong)raw ^ sign) - sign;
        ulong bias = (positiveBias ^ ((positiveBias ^ negativeBias) & sign)) + ((magnitude >> shift) & evenBit);
        ulong rounded = (magnitude + bias) >> shift;
        if (rounded <= (positiveLimit ^ ((positiveLimit ^ negativeLimit) & sign)))
        {
            return (long)((rounded ^ sign) - sign);
        }

        bool negative = raw < 0;
        return Overflowed(negative, magnitude);
    }

    /// <summary>
    /// As <see cref="Apply(long)"/>, lane by lane, for raws with <c>|raw| &lt; 2^63</c> (sums whose bound fits 64 bits): the
    /// same branch-free formula in vectors; if a lane leaves the symmetric range, the four lanes take the scalar path.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<long> Apply(Vector256<long> raw)
    {
        if (!wide)
        {
            var sign = Vector256.LessThan(raw, Vector256<long>.Zero).AsUInt64();
            var magnitude = (raw.AsUInt64() ^ sign) - sign;
            var bias = (Vector256.Create(positiveBias) ^ (Vector256.Create(positiveBias ^ negativeBias) & sign))
                + (Vector256.ShiftRightLogical(magnitude, shift) & Vector256.Create(evenBit));
            var rounded = Vector256.ShiftRightLogical(magnitude + bias, shift);
            var limit = Vector256.Create(positiveLimit) ^ (Vector256.Create(positiveLimit ^ negativeLimit) & sign);

            // Both sides are below 2^63 (|raw| < 2^63, bias < 2^62 and shift ≥ 1 when bias ≠ 0), so a signed compare is exact.
            if (Vector256.LessThanOrEqualAll(rounded.AsInt64(), limit.AsInt64()))
            {
                return ((rounded ^ sign) - sign).AsInt64();
            }
        }

        return Vector256.Create(Apply(raw[0]), Apply(raw[1]), Apply(raw[2]), Apply(raw[3]));
    }

    /// <summary>The rare path: the exact rules decide what the overflow mode makes of the value.</summary>
    private long Overflowed(bool negative, ulong magnitude)
    {
        ulong truncated = magnitude >> shift;
        var remainder = Remainder.Zero;
        if (shift > 0)
        {
            ulong rest = magnitude & ((1UL << shift) - 1), half = 1UL << (shift - 1);
            remainder = rest == 0 ? Remainder.Zero
                : rest < half ? Remainder.BelowHalf
                : rest == half ? Remainder.Half
                : Remainder.AboveHalf;
        }

        return (long)QuantizationCore.Finish(negative, truncated, remainder, target, rounding, overflow);
    }
}
