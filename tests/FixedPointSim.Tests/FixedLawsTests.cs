using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Neuro.FixedPointSim;

/// <summary>
/// Property tests (FsCheck, fixed replay seeds) for the laws of the fixed-point core, each judged by
/// <see cref="BigInteger"/> arithmetic written here rather than by the code under test.
/// </summary>
public sealed class FixedLawsTests
{
    private const string Seed = "20261123,97";

    private static readonly Gen<QFormat> Formats =
        from signed in Gen.Elements(true, false)
        from width in Gen.Choose(1, 64)
        from intBits in Gen.OneOf(Gen.Choose(-20, -1), Gen.Constant(0), Gen.Choose(0, 64), Gen.Choose(64, 84))
        select new QFormat(signed, width, width - Math.Min(intBits, width + 20));

    private static Gen<Fixed> ValuesOf(QFormat f) =>
        from pick in Gen.Choose(0, 5)
        from hi in ArbMap.Default.GeneratorFor<long>()
        from lo in ArbMap.Default.GeneratorFor<long>()
        select Fixed.FromRaw(pick switch
        {
            0 => f.MinRawWide,
            1 => f.MaxRawWide,
            2 => Int128.Zero,
            _ => f.MinRawWide + (Int128)(((UInt128)(ulong)hi << 64 | (ulong)lo) % ((UInt128)(f.MaxRawWide - f.MinRawWide) + 1)),
        }, f);

    private static readonly Gen<Fixed> Values = Formats.SelectMany(ValuesOf);

    private static readonly Gen<Rounding> Roundings = Gen.Elements(Enum.GetValues<Rounding>());

    private static readonly Gen<double> Doubles =
        ArbMap.Default.GeneratorFor<double>().Where(double.IsFinite);

    private static readonly Gen<(QFormat, double, Rounding)> FormatDoubleRounding =
        from f in Formats
        from d in Doubles
        from r in Roundings
        select (f, d, r);

    private static BigInteger Exact(Fixed x, int frac) => (BigInteger)x.Raw << (frac - x.Format.FracBits);

    [Property(Replay = Seed, MaxTest = 3000)]
    public Property Add_AgreesWithBigIntegerSum() =>
        Prop.ForAll(Arb.From(Gen.Zip(Values, Values)), pair =>
        {
            var (a, b) = pair;
            if (!Fits(() => a + b, out var sum))
            {
                return true.Label("wider than 64 bits: exact operator refuses");
            }

            int frac = Math.Max(a.Format.FracBits, b.Format.FracBits);
            return (sum.Format.FracBits == frac && (BigInteger)sum.Raw == Exact(a, frac) + Exact(b, frac)).Label($"{a} + {b} = {sum}");
        });

    [Property(Replay = Seed, MaxTest = 3000)]
    public Property Subtract_AgreesWithBigIntegerDifference() =>
        Prop.ForAll(Arb.From(Gen.Zip(Values, Values)), pair =>
        {
            var (a, b) = pair;
            if (!Fits(() => a - b, out var diff))
            {
                return true.Label("wider than 64 bits");
            }

            int frac = Math.Max(a.Format.FracBits, b.Format.FracBits);
            return ((BigInteger)diff.Raw == Exact(a, frac) - Exact(b, frac) && diff.Format.Signed).Label($"{a} - {b} = {diff}");
        });

    [Property(Replay = Seed, MaxTest = 3000)]
    public Property Multiply_AgreesWithBigIntegerProduct() =>
        Prop.ForAll(Arb.From(Gen.Zip(Values, Values)), pair =>
        {
            var (a, b) = pair;
            if (!Fits(() => a * b, out var product))
            {
                return (a.Format.Width + b.Format.Width > 64).Label("refused although the ap_fixed product width fits");
            }

            return ((BigInteger)product.Raw == (BigInteger)a.Raw * (BigInteger)b.Raw
                    && product.Format.FracBits == a.Format.FracBits + b.Format.FracBits
                    && product.Format.Width <= a.Format.Width + b.Format.Width)
                .Label($"{a} * {b} = {product}");
        });

    [Property(Replay = Seed, MaxTest = 3000)]
    public Property Requantize_ToWiderFormatIsLossless() =>
        Prop.ForAll(Arb.From(from x in Values
                             from moreInt in Gen.Choose(1, 8)
                             from moreFrac in Gen.Choose(0, 8)
                             from signed in Gen.Elements(true, false)
                             from r in Roundings
                             from o in Gen.Elements(Enum.GetValues<Overflow>())
                             select (x, moreInt, moreFrac, signed, r, o)),
            t =>
            {
                var (x, moreInt, moreFrac, toSigned, r, o) = t;
                bool signed = toSigned || x.Format.Signed;
                int intBits = x.Format.IntBits + moreInt + (signed && !x.Format.Signed ? 1 : 0);
                int frac = x.Format.FracBits + moreFrac;
                if (intBits + frac > 64)
                {
                    return true.Label("no wider format exists");
                }

                var wide = new QFormat(signed, intBits + frac, frac);
                // At least one more integer bit: SatSym's symmetric range excludes MinRaw of a format of the same range.
                var y = x.Requantize(wide, r, o);
                var back = y.Requantize(x.Format, r, Overflow.Wrap);
                return (y.ValueEquals(x) && back == x).Label($"{x} -> {wide} = {y}, back {back}");
            });

    [Property(Replay = Seed, MaxTest = 3000)]
    public Property Sat_NeverLeavesRangeAndClampsToTheNearestEnd() =>
        Prop.ForAll(Arb.From(FormatDoubleRounding), t =>
        {
            var (f, d, r) = t;
            var x = Fixed.FromDouble(d, f, r, Overflow.Sat);
            BigInteger unbounded = RoundedUnbounded(d, f, r);
            BigInteger expected = BigInteger.Clamp(unbounded, f.MinRawWide, f.MaxRawWide);
            return (f.Contains(x.Raw) && (BigInteger)x.Raw == expected).Label($"{d:R} -> {f} {r}: {x.Raw}, expected {expected}");
        });

    [Property(Replay = Seed, MaxTest = 3000)]
    public Property Wrap_EqualsTheLowBits() =>
        Prop.ForAll(Arb.From(FormatDoubleRounding), t =>
        {
            var (f, d, r) = t;
            var x = Fixed.FromDouble(d, f, r, Overflow.Wrap);
            BigInteger modulus = BigInteger.One << f.Width;
            BigInteger low = ((RoundedUnbounded(d, f, r) % modulus) + modulus) % modulus;
            if (f.Signed && low >= modulus / 2)
            {
                low -= modulus;
            }

            return ((BigInteger)x.Raw == low).Label($"{d:R} -> {f} {r}: {x.Raw}, low bits {low}");
        });

    [Property(Replay = Seed, MaxTest = 2000)]
    public Property ParseDecimal_AgreesWithFromDoubleOnExactDecimalsOfDoubles() =>
        Prop.ForAll(Arb.From(FormatDoubleRounding), t =>
        {
            var (f, d, r) = t;
            // Every double is a dyadic rational with an exact finite decimal; both paths must see the same number.
            string exact = ExactDecimal(d);
            var viaText = Fixed.ParseDecimal(exact, f, r, Overflow.Wrap);
            var viaDouble = Fixed.FromDouble(d, f, r, Overflow.Wrap);
            return (viaText == viaDouble).Label($"{exact} -> {viaText} vs {viaDouble}");
        });

    /// <summary>The rounded integer of <c>d · 2^FracBits</c> with no overflow, computed with BigInteger and the rounding rules' definitions.</summary>
    private static BigInteger RoundedUnbounded(double d, QFormat f, Rounding r)
    {
        var (num, den) = Rational(d);
        if (f.FracBits >= 0)
        {
            num <<= f.FracBits;
        }
        else
        {
            den <<= -f.FracBits;
        }

        BigInteger floor = BigInteger.Divide(num, den);
        if (num.Sign < 0 && floor * den != num)
        {
            floor -= 1;
        }

        BigInteger twiceRest = 2 * (num - floor * den); // in [0, 2·den)
        int vsHalf = twiceRest.CompareTo(den);
        bool exact = twiceRest.IsZero;
        BigInteger ceil = exact ? floor : floor + 1;
        bool negative = num.Sign < 0;
        return r switch
        {
            Rounding.Trn => floor,
            Rounding.TrnZero => negative ? ceil : floor,
            _ when vsHalf < 0 => floor,
            _ when vsHalf > 0 => ceil,
            Rounding.Rnd => ceil,
            Rounding.RndZero => negative ? ceil : floor,
            Rounding.RndMinInf => floor,
            Rounding.RndInf => negative ? floor : ceil,
            Rounding.RndConv => floor.IsEven ? floor : ceil,
            _ => throw new ArgumentOutOfRangeException(nameof(r)),
        };
    }

    private static (BigInteger Num, BigInteger Den) Rational(double d)
    {
        long bits = BitConverter.DoubleToInt64Bits(d);
        int e = (int)((bits >> 52) & 0x7FF);
        BigInteger m = bits & 0xF_FFFF_FFFF_FFFFL;
        int exp = e == 0 ? -1074 : e - 1075;
        if (e != 0)
        {
            m += BigInteger.One << 52;
        }

        if (bits < 0)
        {
            m = -m;
        }

        return exp >= 0 ? (m << exp, BigInteger.One) : (m, BigInteger.One << -exp);
    }

    private static string ExactDecimal(double d)
    {
        var (num, den) = Rational(d);
        int k = (int)(den.GetBitLength() - 1); // den = 2^k
        string digits = (BigInteger.Abs(num) * BigInteger.Pow(5, k)).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(k + 1, '0');
        string sign = num.Sign < 0 || double.IsNegative(d) ? "-" : "";
        return k == 0 ? sign + digits : $"{sign}{digits[..^k]}.{digits[^k..]}";
    }

    private static bool Fits(Func<Fixed> op, out Fixed result)
    {
        try
        {
            result = op();
            return true;
        }
        catch (OverflowException)
        {
            result = default;
            return false;
        }
    }
}
