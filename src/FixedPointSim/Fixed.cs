using System.Globalization;
using System.Numerics;
using System.Text;

namespace Neuro.FixedPointSim;

/// <summary>
/// A fixed-point value: a raw integer and its <see cref="QFormat"/>; the value is <c>Raw · 2^-Format.FracBits</c>.
/// </summary>
/// <remarks>
/// Never holds a float: doubles appear only in <see cref="FromDouble(double, QFormat, Rounding, Overflow)"/> and
/// <see cref="ToDouble()"/>, and the conversion from double is exact before it is quantized once (no double rounding).
/// Arithmetic grows the format so no bit is lost; narrowing is always an explicit <see cref="Requantize(QFormat, Rounding, Overflow)"/> with no
/// default arguments. <see cref="Raw"/> is an <see cref="Int128"/> so every format up to 64 bits, the unsigned
/// 64-bit one included, holds its true integer.
/// Equality (<c>==</c>, <see cref="Equals(Fixed)"/>) is equality of representation (same raw, same format);
/// ordering (<c>&lt;</c>, <see cref="CompareTo"/>) compares exact values across formats.
/// </remarks>
public readonly struct Fixed : IEquatable<Fixed>, IComparable<Fixed>
{
    private Fixed(Int128 raw, QFormat format)
    {
        Raw = raw;
        Format = format;
    }

    /// <summary>The raw integer, in <c>[Format.MinRaw, Format.MaxRaw]</c>.</summary>
    public Int128 Raw { get; }

    /// <summary>The format that gives <see cref="Raw"/> its meaning.</summary>
    public QFormat Format { get; }

    /// <summary>Wraps a raw integer, which must lie in the format's range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The raw value does not fit; the message names it and the range.</exception>
    public static Fixed FromRaw(Int128 raw, QFormat format)
    {
        CheckFormat(format);
        if (!format.Contains(raw))
        {
            throw new ArgumentOutOfRangeException(nameof(raw), $"Raw value {raw} is outside {format}'s range [{format.MinRawWide}, {format.MaxRawWide}]");
        }

        return new Fixed(raw, format);
    }

    /// <summary>Quantizes a double exactly once into <paramref name="format"/>.</summary>
    /// <exception cref="ArgumentException">The value is NaN or infinite.</exception>
    public static Fixed FromDouble(double value, QFormat format, Rounding rounding, Overflow overflow)
    {
        CheckFormat(format);
        return new Fixed(QuantizeDouble(value, format, rounding, overflow), format);
    }

    /// <summary>Quantizes a double exactly once into <paramref name="type"/>'s format with its modes.</summary>
    public static Fixed FromDouble(double value, FixedType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return FromDouble(value, type.Format, type.Rounding, type.Overflow);
    }

    /// <summary>
    /// Quantizes a decimal number written as text (<c>0.3</c>, <c>-1.25e-3</c>) exactly once: the decimal is
    /// taken as the exact rational it spells, not first rounded to a double.
    /// </summary>
    /// <exception cref="FormatException">The text is not a finite decimal number; the message quotes it.</exception>
    public static Fixed ParseDecimal(string text, QFormat format, Rounding rounding, Overflow overflow)
    {
        CheckFormat(format);
        var (numerator, denominator) = DecimalText.Parse(text);
        return new Fixed(QuantizationCore.FromRational(numerator, denominator, format, rounding, overflow), format);
    }

    /// <summary>Narrows or widens into another format. Result: <paramref name="format"/>.</summary>
    public Fixed Requantize(QFormat format, Rounding rounding, Overflow overflow)
    {
        CheckFormat(format);
        return new Fixed(QuantizationCore.FromRaw(Raw, Format.FracBits, format, rounding, overflow), format);
    }

    /// <summary>Narrows or widens into <paramref name="type"/>.</summary>
    public Fixed Requantize(FixedType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return Requantize(type.Format, type.Rounding, type.Overflow);
    }

    /// <summary>The nearest double (ties to even); exact when the value has at most 53 significant bits and lies in double's range.</summary>
    public double ToDouble() => ToDouble(Raw, Format.FracBits);

    /// <summary>The nearest double to <c>raw · 2^-fracBits</c>.</summary>
    internal static double ToDouble(Int128 raw, int fracBits)
    {
        // Int128 → double rounds to nearest; the power-of-two scaling is exact unless the result leaves double's normal range.
        return Math.ScaleB((double)raw, -fracBits);
    }

    /// <summary>The exact value in decimal, e.g. <c>0.300048828125</c>; every dyadic value has a finite decimal expansion.</summary>
    public string ToDecimalString() => DecimalText.Format(Raw, Format.FracBits);

    /// <summary><c>value (raw 0x… in sQ4.12)</c>.</summary>
    public override string ToString() => $"{ToDecimalString()} (raw {Raw} in {Format})";

    /// <summary>The raw integer as two's complement hex masked to the width, <c>0x</c> and ⌈Width/4⌉ digits.</summary>
    public string ToHex() => HexOf(Raw, Format.Width);

    /// <summary>Two's complement hex of a raw integer masked to <paramref name="width"/> bits: <c>0x</c> and ⌈width/4⌉ digits.</summary>
    public static string HexOf(Int128 raw, int width)
    {
        UInt128 bits = (UInt128)raw & ((UInt128.One << width) - 1);
        int digits = (width + 3) / 4;
        var sb = new StringBuilder("0x", digits + 2);
        for (int d = digits - 1; d >= 0; d--)
        {
            sb.Append("0123456789ABCDEF"[(int)((bits >> (4 * d)) & 0xF)]);
        }

        return sb.ToString();
    }

    // ---- exact arithmetic -------------------------------------------------------------------------------------

    /// <summary>Exact sum. Result: FracBits = max(a.Frac, b.Frac); signed if either operand is; the smallest width holding every sum of the two ranges.</summary>
    /// <exception cref="OverflowException">The exact result needs more than 64 bits; use <see cref="Add(Fixed, Fixed, FixedType)"/>.</exception>
    public static Fixed operator +(Fixed a, Fixed b) => Exact(a, b, ArithmeticOp.Add);

    /// <summary>Exact difference. Result: FracBits = max(a.Frac, b.Frac); always signed; the smallest width holding every difference.</summary>
    public static Fixed operator -(Fixed a, Fixed b) => Exact(a, b, ArithmeticOp.Subtract);

    /// <summary>Exact product. Result: FracBits = a.Frac + b.Frac; signed if either operand is; width a.Width + b.Width (as ap_fixed), or less when that suffices.</summary>
    public static Fixed operator *(Fixed a, Fixed b) => Exact(a, b, ArithmeticOp.Multiply);

    /// <summary>Exact negation. Result: signed, same FracBits, one bit wider (so <c>−MinRaw</c> fits).</summary>
    public static Fixed operator -(Fixed a)
    {
        var format = Holding(true, -(BigInteger)a.Format.MaxRawWide, -(BigInteger)a.Format.MinRawWide, a.Format.FracBits);
        return new Fixed(-a.Raw, format);
    }

    /// <summary>Exact multiplication by <c>2^n</c>: the raw integer is unchanged, the binary point moves. Result: FracBits − n.</summary>
    public static Fixed operator <<(Fixed a, int n) => ShiftPoint(a, -n);

    /// <summary>Exact division by <c>2^n</c>: the raw integer is unchanged, the binary point moves. Result: FracBits + n.</summary>
    public static Fixed operator >>(Fixed a, int n) => ShiftPoint(a, n);

    /// <summary>Sum quantized once into <paramref name="target"/>, with no limit on the intermediate width.</summary>
    public static Fixed Add(Fixed a, Fixed b, FixedType target) => Fused(a, b, target, ArithmeticOp.Add);

    /// <summary>Difference quantized once into <paramref name="target"/>.</summary>
    public static Fixed Subtract(Fixed a, Fixed b, FixedType target) => Fused(a, b, target, ArithmeticOp.Subtract);

    /// <summary>Product quantized once into <paramref name="target"/> (as a multiplier followed by a requantizer).</summary>
    public static Fixed Multiply(Fixed a, Fixed b, FixedType target) => Fused(a, b, target, ArithmeticOp.Multiply);

    // ---- comparison -------------------------------------------------------------------------------------------

    /// <summary>Compares exact values, across formats.</summary>
    public int CompareTo(Fixed other)
    {
        int frac = Math.Max(Format.FracBits, other.Format.FracBits);
        return Align(this, frac).CompareTo(Align(other, frac));
    }

    /// <summary>True when both stand for the same number, whatever their formats.</summary>
    public bool ValueEquals(Fixed other) => CompareTo(other) == 0;

    /// <inheritdoc/>
    public bool Equals(Fixed other) => Raw == other.Raw && Format == other.Format;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Fixed f && Equals(f);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Raw, Format);

    /// <summary>Same raw integer and same format.</summary>
    public static bool operator ==(Fixed left, Fixed right) => left.Equals(right);

    /// <summary>Different raw integer or format.</summary>
    public static bool operator !=(Fixed left, Fixed right) => !left.Equals(right);

    /// <summary>Exact value comparison.</summary>
    public static bool operator <(Fixed left, Fixed right) => left.CompareTo(right) < 0;

    /// <summary>Exact value comparison.</summary>
    public static bool operator <=(Fixed left, Fixed right) => left.CompareTo(right) <= 0;

    /// <summary>Exact value comparison.</summary>
    public static bool operator >(Fixed left, Fixed right) => left.CompareTo(right) > 0;

    /// <summary>Exact value comparison.</summary>
    public static bool operator >=(Fixed left, Fixed right) => left.CompareTo(right) >= 0;

    // ---- internals --------------------------------------------------------------------------------------------

    /// <summary>The single exact double → raw conversion that the scalar API and the bulk quantizer's slow path share.</summary>
    internal static Int128 QuantizeDouble(double value, QFormat format, Rounding rounding, Overflow overflow) =>
        QuantizeDouble(value, format, rounding, overflow, out _);

    /// <summary>As <see cref="QuantizeDouble(double, QFormat, Rounding, Overflow)"/>, also saying whether the rounded value lay outside the format's range.</summary>
    internal static Int128 QuantizeDouble(double value, QFormat format, Rounding rounding, Overflow overflow, out bool overflowed)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"Cannot quantize {value.ToString(CultureInfo.InvariantCulture)} into {format}: only finite values have a fixed-point representation", nameof(value));
        }

        long bits = BitConverter.DoubleToInt64Bits(value);
        bool negative = bits < 0;
        int exponentField = (int)((bits >> 52) & 0x7FF);
        ulong mantissa = (ulong)bits & 0xF_FFFF_FFFF_FFFFUL;
        int exponent;
        if (exponentField == 0)
        {
            exponent = -1074; // subnormal or zero
        }
        else
        {
            mantissa |= 1UL << 52;
            exponent = exponentField - 1075;
        }

        // value = ±mantissa · 2^exponent = ±mantissa · 2^-(−exponent)
        return QuantizationCore.FromScaled(negative, mantissa, -exponent, format, rounding, overflow, out overflowed);
    }

    private enum ArithmeticOp
    {
        Add,
        Subtract,
        Multiply,
    }

    private static void CheckFormat(QFormat format)
    {
        if (format.Width == 0)
        {
            throw new ArgumentException("The format is default(QFormat), which has no bits; construct one with new QFormat(signed, width, fracBits)", nameof(format));
        }
    }

    private static Fixed ShiftPoint(Fixed a, int moveBy)
    {
        long frac = (long)a.Format.FracBits + moveBy;
        string? problem = QFormat.Problem(a.Format.Width, (int)Math.Clamp(frac, int.MinValue, int.MaxValue));
        if (problem is not null || frac != (int)frac)
        {
            throw new OverflowException($"Shifting {a.Format} by {moveBy} leaves the supported range: {problem}");
        }

        return new Fixed(a.Raw, new QFormat(a.Format.Signed, a.Format.Width, (int)frac));
    }

    private static BigInteger Align(Fixed a, int frac) => (BigInteger)a.Raw << (frac - a.Format.FracBits);

    private static (BigInteger Raw, int FracBits) ExactRaw(Fixed a, Fixed b, ArithmeticOp op)
    {
        if (op == ArithmeticOp.Multiply)
        {
            return ((BigInteger)a.Raw * (BigInteger)b.Raw, a.Format.FracBits + b.Format.FracBits);
        }

        int frac = Math.Max(a.Format.FracBits, b.Format.FracBits);
        BigInteger x = Align(a, frac), y = Align(b, frac);
        return (op == ArithmeticOp.Add ? x + y : x - y, frac);
    }

    private static Fixed Exact(Fixed a, Fixed b, ArithmeticOp op)
    {
        CheckFormat(a.Format);
        CheckFormat(b.Format);
        var (raw, frac) = ExactRaw(a, b, op);

        // The result format holds every result of the operand ranges, not only this one, so it depends on formats alone.
        BigInteger aMin = a.Format.MinRawWide, aMax = a.Format.MaxRawWide, bMin = b.Format.MinRawWide, bMax = b.Format.MaxRawWide;
        BigInteger min, max;
        bool signed = a.Format.Signed || b.Format.Signed;
        switch (op)
        {
            case ArithmeticOp.Multiply:
                BigInteger[] corners = [aMin * bMin, aMin * bMax, aMax * bMin, aMax * bMax];
                min = corners.Min();
                max = corners.Max();
                break;
            default:
                int shiftA = frac - a.Format.FracBits, shiftB = frac - b.Format.FracBits;
                (aMin, aMax, bMin, bMax) = (aMin << shiftA, aMax << shiftA, bMin << shiftB, bMax << shiftB);
                (min, max) = op == ArithmeticOp.Add ? (aMin + bMin, aMax + bMax) : (aMin - bMax, aMax - bMin);
                signed |= op == ArithmeticOp.Subtract;
                break;
        }

        var format = Holding(signed, min, max, frac);
        return new Fixed((Int128)raw, format);
    }

    private static Fixed Fused(Fixed a, Fixed b, FixedType target, ArithmeticOp op)
    {
        ArgumentNullException.ThrowIfNull(target);
        CheckFormat(a.Format);
        CheckFormat(b.Format);
        var (raw, frac) = ExactRaw(a, b, op);
        return new Fixed(QuantizationCore.FromBig(raw, frac, target.Format, target.Rounding, target.Overflow), target.Format);
    }

    /// <summary>The smallest format with the given signedness and fractional bits that holds every raw integer in <c>[min, max]</c>.</summary>
    private static QFormat Holding(bool signed, BigInteger min, BigInteger max, int fracBits)
    {
        if (QFormat.Problem(1, fracBits) is { } problem)
        {
            throw new OverflowException($"The exact result needs {fracBits} fractional bits: {problem}");
        }

        for (int width = 1; width <= QFormat.MaxWidth; width++)
        {
            var candidate = new QFormat(signed, width, fracBits);
            if (min >= candidate.MinRawWide && max <= candidate.MaxRawWide)
            {
                return candidate;
            }
        }

        throw new OverflowException(
            $"The exact result (raw range [{min}, {max}] with {fracBits} fractional bits) needs more than {QFormat.MaxWidth} bits; " +
            "requantize the operands first or use Fixed.Add/Subtract/Multiply with a target type");
    }
}
