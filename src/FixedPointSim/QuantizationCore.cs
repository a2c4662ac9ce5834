using System.Numerics;

namespace Neuro.FixedPointSim;

/// <summary>Where the discarded part of a value lies relative to half an LSB of the target format.</summary>
internal enum Remainder
{
    /// <summary>Nothing was discarded: the value is exact.</summary>
    Zero,

    /// <summary>Less than half an LSB was discarded.</summary>
    BelowHalf,

    /// <summary>Exactly half an LSB was discarded (a tie).</summary>
    Half,

    /// <summary>More than half an LSB was discarded.</summary>
    AboveHalf,
}

/// <summary>
/// The one implementation of SystemC quantization and overflow. Every conversion (from double, decimal text,
/// raw integers, sums and products) reduces its exact value to sign, truncated magnitude and remainder class,
/// and ends here.
/// </summary>
/// <remarks>
/// Works on sign and magnitude so the rounding rules read exactly as IEEE 1666 §7.10 states them. A magnitude
/// that does not fit 127 bits is replaced by one that keeps its low 64 bits and sets bit 127: every target is at
/// most 64 bits wide, so overflow detection and wrap-around stay exact.
/// </remarks>
internal static class QuantizationCore
{
    private static readonly UInt128 Low64Mask = ulong.MaxValue;
    private static readonly UInt128 HugeBit = UInt128.One << 127;

    /// <summary>Quantizes <c>(negative ? −1 : 1) · (truncated + remainder) · 2^-target.FracBits</c> into <paramref name="target"/>.</summary>
    /// <returns>The raw integer of the target format.</returns>
    internal static Int128 Finish(bool negative, UInt128 truncated, Remainder remainder, QFormat target, Rounding rounding, Overflow overflow) =>
        Finish(negative, truncated, remainder, target, rounding, overflow, out _);

    /// <summary>As <see cref="Finish(bool, UInt128, Remainder, QFormat, Rounding, Overflow)"/>, also saying whether the rounded value lay outside the target's range (so the overflow mode replaced it).</summary>
    internal static Int128 Finish(
        bool negative, UInt128 truncated, Remainder remainder, QFormat target, Rounding rounding, Overflow overflow, out bool overflowed)
    {
        overflowed = false;
        UInt128 magnitude = RoundUp(negative, truncated, remainder, rounding) ? truncated + 1 : truncated;
        if (magnitude == UInt128.Zero)
        {
            return Int128.Zero;
        }

        int w = target.Width;
        UInt128 positiveLimit = target.Signed ? (UInt128.One << (w - 1)) - 1 : (UInt128.One << w) - 1;
        // SC_SAT_SYM makes the range symmetric: the most negative code -2^(W-1) counts as an overflow too.
        UInt128 negativeLimit = !target.Signed ? UInt128.Zero
            : overflow == Overflow.SatSym ? positiveLimit
            : UInt128.One << (w - 1);
        bool overflows = negative ? magnitude > negativeLimit : magnitude > positiveLimit;
        if (!overflows)
        {
            return negative ? -(Int128)magnitude : (Int128)magnitude;
        }

        overflowed = true;
        return overflow switch
        {
            Overflow.Sat => negative ? target.MinRawWide : target.MaxRawWide,
            Overflow.SatZero => Int128.Zero,
            Overflow.SatSym => negative ? (target.Signed ? -target.MaxRawWide : Int128.Zero) : target.MaxRawWide,
            Overflow.Wrap => Wrap(negative ? UInt128.Zero - magnitude : magnitude, target),
            _ => throw new ArgumentOutOfRangeException(nameof(overflow), overflow, $"Unknown overflow mode {overflow}"),
        };
    }

    /// <summary>The low <c>Width</c> bits of a two's complement pattern, read as the target's raw integer.</summary>
    internal static Int128 Wrap(UInt128 twosComplement, QFormat target)
    {
        int w = target.Width;
        UInt128 low = twosComplement & ((UInt128.One << w) - 1);
        if (target.Signed && (low >> (w - 1)) != UInt128.Zero)
        {
            return (Int128)low - (Int128.One << w);
        }

        return (Int128)low;
    }

    /// <summary>Whether the magnitude rounds away from its truncation, per IEEE 1666 §7.10.9.</summary>
    internal static bool RoundUp(bool negative, UInt128 truncated, Remainder remainder, Rounding rounding) => remainder switch
    {
        Remainder.Zero => false,
        Remainder.AboveHalf => rounding is not (Rounding.Trn or Rounding.TrnZero) || (rounding == Rounding.Trn && negative),
        Remainder.BelowHalf => rounding == Rounding.Trn && negative,
        Remainder.Half => rounding switch
        {
            Rounding.Rnd => !negative,
            Rounding.RndZero => false,
            Rounding.RndMinInf => negative,
            Rounding.RndInf => true,
            Rounding.RndConv => !UInt128.IsEvenInteger(truncated),
            Rounding.Trn => negative,
            Rounding.TrnZero => false,
            _ => throw new ArgumentOutOfRangeException(nameof(rounding), rounding, $"Unknown rounding mode {rounding}"),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(remainder)),
    };

    /// <summary>
    /// Quantizes <c>(negative ? −1 : 1) · magnitude · 2^-sourceFracBits</c>: the exact path for doubles and raw integers.
    /// </summary>
    internal static Int128 FromScaled(bool negative, UInt128 magnitude, int sourceFracBits, QFormat target, Rounding rounding, Overflow overflow) =>
        FromScaled(negative, magnitude, sourceFracBits, target, rounding, overflow, out _);

    /// <summary>As <see cref="FromScaled(bool, UInt128, int, QFormat, Rounding, Overflow)"/>, also saying whether the overflow mode replaced the rounded value.</summary>
    internal static Int128 FromScaled(
        bool negative, UInt128 magnitude, int sourceFracBits, QFormat target, Rounding rounding, Overflow overflow, out bool overflowed)
    {
        long shift = (long)sourceFracBits - target.FracBits;
        if (shift <= 0)
        {
            return Finish(negative, ShiftLeftKeepingLowBits(magnitude, -shift), Remainder.Zero, target, rounding, overflow, out overflowed);
        }

        var (truncated, remainder) = Split(magnitude, shift);
        return Finish(negative, truncated, remainder, target, rounding, overflow, out overflowed);
    }

    /// <summary>
    /// Quantizes the exact value <c>raw · 2^-sourceFracBits</c> of a (possibly wide) raw integer into <paramref name="target"/>:
    /// how accumulators, sums and products of raw integers are narrowed. Result: the target's raw integer.
    /// </summary>
    internal static Int128 FromRaw(Int128 raw, int sourceFracBits, QFormat target, Rounding rounding, Overflow overflow) =>
        FromScaled(raw < 0, Magnitude(raw), sourceFracBits, target, rounding, overflow);

    /// <summary>
    /// As <see cref="FromRaw(Int128, int, QFormat, Rounding, Overflow)"/> for a raw that fits a <see cref="long"/>: the
    /// once-per-neuron narrowing of the fast networks, in 64-bit arithmetic where it can be (<see cref="RawNarrowing"/>,
    /// which also holds the per-format work for loops). Result: the target's raw integer, identical to the wide path's.
    /// </summary>
    internal static long FromRaw64(long raw, int sourceFracBits, QFormat target, Rounding rounding, Overflow overflow) =>
        new RawNarrowing(sourceFracBits, target, rounding, overflow).Apply(raw);

    /// <summary>
    /// As <see cref="RoundToInteger(Int128, int, Rounding)"/> for a raw that fits a <see cref="long"/> and
    /// <c>fracBits</c> in 1..62, where the result always fits a <see cref="long"/>; <see cref="RoundUp"/> decides.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fracBits"/> is outside 1..62.</exception>
    internal static long RoundToInteger64(long raw, int fracBits, Rounding rounding)
    {
        if (fracBits < 1 || fracBits > 62)
        {
            throw new ArgumentOutOfRangeException(nameof(fracBits), fracBits, $"FracBits must be 1..62, not {fracBits}");
        }

        bool negative = raw < 0;
        ulong magnitude = negative ? 0UL - (ulong)raw : (ulong)raw;
        ulong truncated = magnitude >> fracBits;
        ulong rest = magnitude & ((1UL << fracBits) - 1);
        ulong half = 1UL << (fracBits - 1);
        var remainder = rest == 0 ? Remainder.Zero
            : rest < half ? Remainder.BelowHalf
            : rest == half ? Remainder.Half
            : Remainder.AboveHalf;
        ulong rounded = remainder != Remainder.Zero && RoundUp(negative, truncated, remainder, rounding) ? truncated + 1 : truncated;
        return negative ? -(long)rounded : (long)rounded;
    }

    /// <summary>
    /// Rounds <c>raw · 2^-fracBits</c> to an integer with <paramref name="rounding"/>'s rule and no overflow handling:
    /// the rounding half of a requantization, for a result that is added to something else before the overflow mode applies.
    /// </summary>
    /// <exception cref="OverflowException">The result does not fit 127 bits (only possible for negative <paramref name="fracBits"/>).</exception>
    internal static Int128 RoundToInteger(Int128 raw, int fracBits, Rounding rounding)
    {
        bool negative = raw < 0;
        UInt128 magnitude = Magnitude(raw);
        if (fracBits <= 0)
        {
            int bits = 128 - (int)UInt128.LeadingZeroCount(magnitude);
            if (magnitude != UInt128.Zero && bits - (long)fracBits > 127)
            {
                throw new OverflowException($"{raw} · 2^{-fracBits} does not fit 127 bits");
            }

            return magnitude == UInt128.Zero ? Int128.Zero : raw << -fracBits;
        }

        var (truncated, remainder) = Split(magnitude, fracBits);
        UInt128 rounded = RoundUp(negative, truncated, remainder, rounding) ? truncated + 1 : truncated;
        return negative ? -(Int128)rounded : (Int128)rounded;
    }

    /// <summary>Quantizes the exact rational <c>numerator / denominator</c> (denominator &gt; 0): the path for decimal text and wide arithmetic.</summary>
    internal static Int128 FromRational(BigInteger numerator, BigInteger denominator, QFormat target, Rounding rounding, Overflow overflow)
    {
        bool negative = numerator.Sign < 0;
        BigInteger scaledNumerator = BigInteger.Abs(numerator);
        BigInteger scaledDenominator = denominator;
        if (target.FracBits >= 0)
        {
            scaledNumerator <<= target.FracBits;
        }
        else
        {
            scaledDenominator <<= -target.FracBits;
        }

        BigInteger truncated = BigInteger.DivRem(scaledNumerator, scaledDenominator, out BigInteger rest);
        int compare = (rest << 1).CompareTo(scaledDenominator);
        var remainder = rest.IsZero ? Remainder.Zero
            : compare < 0 ? Remainder.BelowHalf
            : compare == 0 ? Remainder.Half
            : Remainder.AboveHalf;
        return Finish(negative, Clamp(truncated), remainder, target, rounding, overflow);
    }

    /// <summary>Quantizes the exact value <c>raw · 2^-fracBits</c> given as a big integer.</summary>
    internal static Int128 FromBig(BigInteger raw, int fracBits, QFormat target, Rounding rounding, Overflow overflow) =>
        fracBits <= 0
            ? FromRational(raw << -fracBits, BigInteger.One, target, rounding, overflow)
            : FromRational(raw, BigInteger.One << fracBits, target, rounding, overflow);

    /// <summary>Splits <c>magnitude · 2^-shift</c> (<c>shift &gt; 0</c>) into its integer part and the class of the discarded fraction.</summary>
    private static (UInt128 Truncated, Remainder Remainder) Split(UInt128 magnitude, long shift)
    {
        if (magnitude == UInt128.Zero)
        {
            return (UInt128.Zero, Remainder.Zero);
        }

        if (shift > 128)
        {
            // magnitude < 2^128 <= 2^(shift-1): strictly below half an LSB.
            return (UInt128.Zero, Remainder.BelowHalf);
        }

        int s = (int)shift;
        UInt128 truncated = s == 128 ? UInt128.Zero : magnitude >> s;
        UInt128 rest = s == 128 ? magnitude : magnitude & ((UInt128.One << s) - 1);
        UInt128 half = UInt128.One << (s - 1);
        var remainder = rest == UInt128.Zero ? Remainder.Zero
            : rest < half ? Remainder.BelowHalf
            : rest == half ? Remainder.Half
            : Remainder.AboveHalf;
        return (truncated, remainder);
    }

    /// <summary>Magnitude of an Int128 as UInt128 (exact also for <see cref="Int128.MinValue"/>).</summary>
    internal static UInt128 Magnitude(Int128 value) => value < 0 ? UInt128.Zero - (UInt128)value : (UInt128)value;

    private static UInt128 ShiftLeftKeepingLowBits(UInt128 magnitude, long shift)
    {
        if (magnitude == UInt128.Zero || shift == 0)
        {
            return magnitude;
        }

        int bits = 128 - (int)UInt128.LeadingZeroCount(magnitude);
        if (bits + shift <= 127)
        {
            return magnitude << (int)shift;
        }

        // Too large for any 64-bit target: keep the low 64 bits (for wrap) and mark it huge.
        UInt128 low = shift >= 64 ? UInt128.Zero : (magnitude << (int)shift) & Low64Mask;
        return low | HugeBit;
    }

    private static UInt128 Clamp(BigInteger magnitude)
    {
        if (magnitude.GetBitLength() <= 127)
        {
            return (UInt128)magnitude;
        }

        return (UInt128)(ulong)(magnitude & ulong.MaxValue) | HugeBit;
    }
}
