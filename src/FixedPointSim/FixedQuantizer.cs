using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Neuro.FixedPointSim;

/// <summary>
/// Quantizes whole arrays of doubles into raw integers of one format (rule tables, weight tensors), and back.
/// Every element gets exactly the raw integer <see cref="Fixed.FromDouble(double, QFormat, Rounding, Overflow)"/> gives.
/// </summary>
/// <remarks>
/// <para>
/// Fast path, per element: <c>s = value · 2^FracBits</c>, which is exact whenever <c>s</c> is a normal double (multiplying by
/// a power of two only moves the exponent); round <c>s</c> to an integer in double arithmetic (exact, see the rounding steps);
/// compare with the exact power-of-two bounds <c>2^(W−1)</c> and <c>−2^(W−1)</c> (unsigned: <c>2^W</c> and <c>0</c>), never
/// with <c>(double)MaxRaw</c>, which is inexact above 53 bits; convert. Sat, SatZero and SatSym overflow become
/// precomputed raw values; Wrap keeps the low <c>W</c> bits of the rounded integer when <c>|r| &lt; 2^63</c>.
/// </para>
/// <para>
/// Anything else takes the exact scalar path (the golden conversion itself), element by element: a scaled value
/// that is subnormal, or zero although the input is not, or infinite; a scale <c>2^FracBits</c> that is itself infinite
/// (<c>FracBits = 1024</c>); and Wrap of a larger integer. So the fast path never has to be right about a case it does
/// not handle.
/// </para>
/// <para>
/// Raws are <see cref="long"/>, so the unsigned 64-bit format (raw up to <c>2^64 − 1</c>) is rejected; use
/// <see cref="Fixed"/> for it. Where 256-bit vectors are accelerated and <c>W ≤ 50</c>, four elements go at a time;
/// the result is the same either way.
/// </para>
/// </remarks>
public static class FixedQuantizer
{
    /// <summary>The smallest positive normal double, <c>2^-1022</c>.</summary>
    private const double MinNormal = 2.2250738585072014E-308;

    /// <summary>Widest format the vector loop handles: its results need <c>|r| &lt; 2^51</c> for the conversion below, and exact <c>MaxRaw</c>.</summary>
    private const int VectorMaxWidth = 50;

    /// <summary><c>2^63</c>: integer-valued doubles in <c>[−2^63, 2^63)</c> convert to <see cref="long"/> exactly.</summary>
    private const double TwoPow63 = 9223372036854775808.0;

    /// <summary><c>1.5 · 2^52</c>: adding it to an integer-valued <c>|r| &lt; 2^51</c> puts <c>r</c> in the low mantissa bits.</summary>
    private const double ConversionMagic = 6755399441055744.0;

    /// <summary>
    /// Quantizes each <c>values[i]</c> into <paramref name="format"/>: <c>raws[i] = Fixed.FromDouble(values[i], format, rounding, overflow).Raw</c>.
    /// </summary>
    /// <param name="values">Finite doubles.</param>
    /// <param name="raws">Receives the raw integers, in <c>[MinRaw, MaxRaw]</c>; same length as <paramref name="values"/>.
    /// If an exception is thrown, its contents are unspecified.</param>
    /// <param name="format">The target format; any width 1..64 except unsigned 64-bit.</param>
    /// <param name="rounding">Quantization mode for values between two LSB steps.</param>
    /// <param name="overflow">What values outside the range become.</param>
    /// <exception cref="ArgumentException">The lengths differ; a value is NaN or infinite (the message names its index);
    /// the format is <c>default(QFormat)</c> or unsigned 64-bit.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A mode is not a defined enum value.</exception>
    public static void Quantize(ReadOnlySpan<double> values, Span<long> raws, QFormat format, Rounding rounding, Overflow overflow)
    {
        CheckFormat(format);
        if (values.Length != raws.Length)
        {
            throw new ArgumentException(
                $"values has {values.Length} elements but raws has {raws.Length}; they must have the same length", nameof(raws));
        }

        if (!Enum.IsDefined(overflow))
        {
            throw new ArgumentOutOfRangeException(nameof(overflow), overflow, $"Unknown overflow mode {overflow}");
        }

        var plan = new Plan(format, rounding, overflow);
        switch (rounding)
        {
            case Rounding.Rnd:
                Dispatch<RndStep>(values, raws, plan);
                break;
            case Rounding.RndZero:
                Dispatch<RndZeroStep>(values, raws, plan);
                break;
            case Rounding.RndMinInf:
                Dispatch<RndMinInfStep>(values, raws, plan);
                break;
            case Rounding.RndInf:
                Dispatch<RndInfStep>(values, raws, plan);
                break;
            case Rounding.RndConv:
                Dispatch<RndConvStep>(values, raws, plan);
                break;
            case Rounding.Trn:
                Dispatch<TrnStep>(values, raws, plan);
                break;
            case Rounding.TrnZero:
                Dispatch<TrnZeroStep>(values, raws, plan);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(rounding), rounding, $"Unknown rounding mode {rounding}");
        }
    }

    /// <summary>Quantizes each <c>values[i]</c> into <paramref name="type"/>'s format with its modes.</summary>
    /// <inheritdoc cref="Quantize(ReadOnlySpan{double}, Span{long}, QFormat, Rounding, Overflow)"/>
    /// <exception cref="ArgumentNullException"><paramref name="type"/> is null.</exception>
    public static void Quantize(ReadOnlySpan<double> values, Span<long> raws, FixedType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        Quantize(values, raws, type.Format, type.Rounding, type.Overflow);
    }

    /// <summary>
    /// The nearest double to each raw value: <c>values[i] = Math.ScaleB((double)raws[i], −FracBits)</c>, the same as
    /// <see cref="Fixed.ToDouble()"/>; exact when the value has at most 53 significant bits and is a normal double.
    /// </summary>
    /// <param name="raws">Raw integers, each in <c>[MinRaw, MaxRaw]</c> of <paramref name="format"/>.</param>
    /// <param name="format">Their format; any width 1..64 except unsigned 64-bit.</param>
    /// <param name="values">Receives the doubles; same length as <paramref name="raws"/>.</param>
    /// <exception cref="ArgumentException">The lengths differ; a raw value is outside the format's range (the message names
    /// its index); the format is <c>default(QFormat)</c> or unsigned 64-bit.</exception>
    public static void Dequantize(ReadOnlySpan<long> raws, QFormat format, Span<double> values)
    {
        CheckFormat(format);
        if (raws.Length != values.Length)
        {
            throw new ArgumentException(
                $"raws has {raws.Length} elements but values has {values.Length}; they must have the same length", nameof(values));
        }

        long min = format.MinRaw, max = format.MaxRaw;
        int shift = -format.FracBits;

        // A power of two is exact down to 2^-1074, so raw · 2^shift rounds once, as ScaleB does; only 2^1024 itself is infinite.
        double scale = Math.ScaleB(1.0, shift);
        bool scaleIsFinite = double.IsFinite(scale);
        for (int i = 0; i < raws.Length; i++)
        {
            long raw = raws[i];
            if (raw < min || raw > max)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"raws[{i}] is {raw}, outside {format}'s range [{min}, {max}]"), nameof(raws));
            }

            values[i] = scaleIsFinite ? raw * scale : Math.ScaleB(raw, shift);
        }
    }

    private static void CheckFormat(QFormat format)
    {
        if (format.Width == 0)
        {
            throw new ArgumentException(
                "The format is default(QFormat), which has no bits; construct one with new QFormat(signed, width, fracBits)", nameof(format));
        }

        if (!format.Signed && format.Width == QFormat.MaxWidth)
        {
            throw new ArgumentException(
                $"The format {format} is unsigned 64-bit: its raw values reach 2^64 - 1, which does not fit a long; use Fixed for it",
                nameof(format));
        }
    }

    private static void Dispatch<TRound>(ReadOnlySpan<double> values, Span<long> raws, in Plan plan)
        where TRound : struct, IRoundingStep
    {
        switch (plan.Overflow)
        {
            case Overflow.Sat:
                Run<TRound, SatStep>(values, raws, plan);
                break;
            case Overflow.SatZero:
            case Overflow.SatSym:
                Run<TRound, SelectStep>(values, raws, plan);
                break;
            case Overflow.Wrap:
                Run<TRound, WrapStep>(values, raws, plan);
                break;
            default:
                throw new UnreachableException($"Unknown overflow mode {plan.Overflow}, which Quantize rejects");
        }
    }

    private static void Run<TRound, TOverflow>(ReadOnlySpan<double> values, Span<long> raws, in Plan plan)
        where TRound : struct, IRoundingStep
        where TOverflow : struct, IOverflowStep
    {
        int i = 0;
        if (!plan.ScaleIsFinite)
        {
            for (; i < values.Length; i++)
            {
                raws[i] = Exact(values, i, plan);
            }

            return;
        }

        if (Vector256.IsHardwareAccelerated && plan.Format.Width <= VectorMaxWidth)
        {
            ref double source = ref MemoryMarshal.GetReference(values);
            ref long target = ref MemoryMarshal.GetReference(raws);
            var scale = Vector256.Create(plan.Scale);
            var minNormal = Vector256.Create(MinNormal);
            var maxFinite = Vector256.Create(double.MaxValue);
            var lo = Vector256.Create(plan.Lo);
            var hi = Vector256.Create(plan.Hi);
            var negative = Vector256.Create((double)plan.NegativeOverflow);
            var positive = Vector256.Create((double)plan.PositiveOverflow);
            var magic = Vector256.Create(ConversionMagic);
            var magicBits = magic.AsInt64();
            var wrapMask = Vector256.Create(plan.WrapMask);
            var wrapSign = Vector256.Create(plan.WrapSign);
            int last = values.Length - Vector256<double>.Count;
            for (; i <= last; i += Vector256<double>.Count)
            {
                var v = Vector256.LoadUnsafe(ref source, (nuint)i);
                var s = v * scale;
                var a = Vector256.Abs(s);

                // Exact product: s normal (NaN fails both tests), or a zero input.
                var exact = (Vector256.GreaterThanOrEqual(a, minNormal) & Vector256.LessThanOrEqual(a, maxFinite))
                    | Vector256.Equals(v, Vector256<double>.Zero);
                if (exact.ExtractMostSignificantBits() == 0b1111)
                {
                    var r = TRound.Round(s);
                    if (TOverflow.TryResolve(ref r, lo, hi, negative, positive))
                    {
                        // r is an integer with |r| < 2^51: r + 1.5·2^52 is exact and holds r in its low mantissa bits.
                        var raw = (r + magic).AsInt64() - magicBits;
                        if (TOverflow.WrapsBits)
                        {
                            raw = ((raw & wrapMask) ^ wrapSign) - wrapSign;
                        }

                        raw.StoreUnsafe(ref target, (nuint)i);
                        continue;
                    }
                }

                for (int k = i; k < i + Vector256<double>.Count; k++)
                {
                    raws[k] = One<TRound>(values, k, plan);
                }
            }
        }

        for (; i < values.Length; i++)
        {
            raws[i] = One<TRound>(values, i, plan);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long One<TRound>(ReadOnlySpan<double> values, int index, in Plan plan)
        where TRound : struct, IRoundingStep
    {
        double value = values[index];
        double s = value * plan.Scale;
        double a = Math.Abs(s);
        if ((a >= MinNormal && a <= double.MaxValue) || value == 0)
        {
            double r = TRound.Round(s);
            if (r < plan.Hi && r >= plan.Lo)
            {
                return (long)r;
            }

            if (plan.Overflow != Overflow.Wrap)
            {
                return r >= plan.Hi ? plan.PositiveOverflow : plan.NegativeOverflow;
            }

            if (r < TwoPow63 && r >= -TwoPow63)
            {
                // The integer r fits a long exactly; keep its low W bits and sign-extend them.
                return (((long)r & plan.WrapMask) ^ plan.WrapSign) - plan.WrapSign;
            }
        }

        return Exact(values, index, plan);
    }

    /// <summary>The golden conversion, for elements the fast path does not cover; also where non-finite input is reported.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long Exact(ReadOnlySpan<double> values, int index, in Plan plan)
    {
        double value = values[index];
        if (!double.IsFinite(value))
        {
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"values[{index}] is {value}; only finite values have a fixed-point representation in {plan.Format}"),
                nameof(values));
        }

        // Unsigned 64-bit is rejected up front, so every raw fits a long.
        return (long)Fixed.QuantizeDouble(value, plan.Format, plan.Rounding, plan.Overflow);
    }

    /// <summary>Everything the loops need about one target, computed once per call.</summary>
    private readonly struct Plan
    {
        public Plan(QFormat format, Rounding rounding, Overflow overflow)
        {
            Format = format;
            Rounding = rounding;
            Overflow = overflow;
            Scale = Math.ScaleB(1.0, format.FracBits);
            ScaleIsFinite = double.IsFinite(Scale);
            Hi = Math.ScaleB(1.0, format.Signed ? format.Width - 1 : format.Width);
            // SatSym's range is symmetric: the most negative code −2^(W−1) is an overflow too, so rounded values must
            // exceed −2^(W−1); for doubles, r > −Hi is exactly r ≥ BitIncrement(−Hi), at every width.
            Lo = !format.Signed ? 0.0 : overflow == Overflow.SatSym ? Math.BitIncrement(-Hi) : -Hi;
            (NegativeOverflow, PositiveOverflow) = overflow switch
            {
                Overflow.Sat => (format.MinRaw, format.MaxRaw),
                Overflow.SatZero => (0L, 0L),
                Overflow.SatSym => (format.Signed ? -format.MaxRaw : 0L, format.MaxRaw),
                _ => (0L, 0L), // Wrap keeps low bits instead; an unknown mode is rejected before a plan is made.
            };
            WrapMask = format.Width == QFormat.MaxWidth ? -1L : (1L << format.Width) - 1;
            WrapSign = format.Signed ? 1L << (format.Width - 1) : 0L;
        }

        public QFormat Format { get; }

        public Rounding Rounding { get; }

        public Overflow Overflow { get; }

        /// <summary><c>2^FracBits</c>, exact (subnormal for <c>FracBits ≤ −1023</c>, infinite for 1024).</summary>
        public double Scale { get; }

        public bool ScaleIsFinite { get; }

        /// <summary>Exclusive upper bound on rounded values: <c>2^(W−1)</c> or <c>2^W</c>.</summary>
        public double Hi { get; }

        /// <summary>Inclusive lower bound on rounded values: <c>−2^(W−1)</c> (just above it for SatSym) or 0.</summary>
        public double Lo { get; }

        /// <summary>The raw value a negative overflow becomes (not used for Wrap).</summary>
        public long NegativeOverflow { get; }

        /// <summary>The raw value a positive overflow becomes (not used for Wrap).</summary>
        public long PositiveOverflow { get; }

        /// <summary>Wrap keeps <c>raw &amp; WrapMask</c>, <c>2^W − 1</c>.</summary>
        public long WrapMask { get; }

        /// <summary>Wrap sign-extends with <c>((raw &amp; WrapMask) ^ WrapSign) − WrapSign</c>: <c>2^(W−1)</c> if signed, else 0.</summary>
        public long WrapSign { get; }
    }
}
