using System.Globalization;
using Xunit;

namespace Neuro.FixedPointSim;

public class FixedQuantizerTests
{
    private const int FormatsPerPair = 150;
    private const int ValuesPerFormat = 160;

    public static TheoryData<Rounding, Overflow> ModePairs()
    {
        var data = new TheoryData<Rounding, Overflow>();
        foreach (var rounding in Enum.GetValues<Rounding>())
        {
            foreach (var overflow in Enum.GetValues<Overflow>())
            {
                data.Add(rounding, overflow);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ModePairs))]
    public void Quantize_MatchesScalarGolden(Rounding rounding, Overflow overflow)
    {
        // One literal seed; each pair draws its own stream from it so a failure reproduces on its own.
        var rng = new Random(1234 + (10 * (int)rounding) + (int)overflow);
        for (int f = 0; f < FormatsPerPair; f++)
        {
            var format = RandomFormat(rng);
            var values = RandomValues(rng, format, ValuesPerFormat + rng.Next(4));
            AssertMatchesGolden(values, format, rounding, overflow);
        }
    }

    [Theory]
    [MemberData(nameof(ModePairs))]
    public void Quantize_BenchmarkFormat_MatchesScalarGolden(Rounding rounding, Overflow overflow)
    {
        var rng = new Random(4321);
        var format = QFormat.S(4, 12);
        var values = new double[4099];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (rng.NextDouble() * 20) - 10;
        }

        AssertMatchesGolden(values, format, rounding, overflow);
    }

    [Theory]
    [InlineData(Rounding.Rnd, 0)]
    [InlineData(Rounding.RndZero, 0)]
    [InlineData(Rounding.RndMinInf, 0)]
    [InlineData(Rounding.RndInf, 0)]
    [InlineData(Rounding.RndConv, 0)]
    [InlineData(Rounding.Trn, -1)]
    [InlineData(Rounding.TrnZero, 0)]
    public void Quantize_JustAboveMinusHalfLsb_IsNotATie(Rounding rounding, long expected)
    {
        // -0.5 + 2^-54 is not a tie, but splitting with Floor computes s - (-1) = 0.5 after rounding: a false tie.
        double[] values = [-0.5 + Math.ScaleB(1, -54), -0.5 + Math.ScaleB(1, -54), -0.5 + Math.ScaleB(1, -54), -0.5 + Math.ScaleB(1, -54), 0.49999999999999994];
        var raws = new long[values.Length];
        FixedQuantizer.Quantize(values, raws, QFormat.S(8, 0), rounding, Overflow.Sat);
        Assert.Equal([expected, expected, expected, expected, 0], raws);
        Assert.Equal(expected, (long)Fixed.QuantizeDouble(values[0], QFormat.S(8, 0), rounding, Overflow.Sat));
    }

    [Fact]
    public void Quantize_FixedTypeOverload_MatchesFormatOverload()
    {
        var type = FixedType.Parse("ap_fixed<16,4,AP_RND_INF,AP_SAT_SYM>");
        double[] values = [-9, -8, -7.9998779296875, 0.0001220703125, 0.00006103515625, -0.0001220703125, 7.9999, 8, 100];
        var viaType = new long[values.Length];
        var viaFormat = new long[values.Length];
        FixedQuantizer.Quantize(values, viaType, type);
        FixedQuantizer.Quantize(values, viaFormat, type.Format, type.Rounding, type.Overflow);
        Assert.Equal(viaFormat, viaType);
        // SatSym (as SystemC's SC_SAT_SYM) treats MinRaw −32768 itself as an overflow: −8 and −7.99987… (a tie that
        // RndInf takes to −32768) both become −MaxRaw = −32767.
        Assert.Equal([-32767, -32767, -32767, 1, 0, -1, 32767, 32767, 32767], viaType);
    }

    [Fact]
    public void Quantize_EmptySpans_DoesNothing()
    {
        FixedQuantizer.Quantize([], [], QFormat.S(4, 12), Rounding.RndConv, Overflow.Sat);
    }

    [Fact]
    public void Quantize_LengthMismatch_ThrowsWithBothLengths()
    {
        var ex = Assert.Throws<ArgumentException>(() => FixedQuantizer.Quantize(new double[3], new long[4], QFormat.S(4, 12), Rounding.Trn, Overflow.Wrap));
        Assert.Equal("values has 3 elements but raws has 4; they must have the same length (Parameter 'raws')", ex.Message);
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void Quantize_NonFiniteValue_ThrowsNamingIndexAndValue(double bad, string spelled)
    {
        foreach (var format in new[] { QFormat.S(4, 12), QFormat.S(60, 0), new QFormat(true, 8, 1024) })
        {
            var values = Enumerable.Range(0, 40).Select(i => i * 0.125).ToArray();
            values[17] = bad;
            values[30] = double.NaN;
            var ex = Assert.Throws<ArgumentException>(() => FixedQuantizer.Quantize(values, new long[40], format, Rounding.RndConv, Overflow.Sat));
            Assert.Equal("values", ex.ParamName);
            Assert.StartsWith($"values[17] is {spelled}; only finite values have a fixed-point representation in {format}", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Quantize_UnsignedWidth64_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => FixedQuantizer.Quantize([1.0], new long[1], new QFormat(false, 64, 0), Rounding.Trn, Overflow.Sat));
        Assert.Equal("format", ex.ParamName);
        Assert.StartsWith("The format uQ64.0 is unsigned 64-bit: its raw values reach 2^64 - 1, which does not fit a long", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Quantize_DefaultFormat_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => FixedQuantizer.Quantize([1.0], new long[1], default, Rounding.Trn, Overflow.Sat));
        Assert.Equal("format", ex.ParamName);
        Assert.StartsWith("The format is default(QFormat), which has no bits", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Quantize_UndefinedModes_Throw()
    {
        var rounding = Assert.Throws<ArgumentOutOfRangeException>(() => FixedQuantizer.Quantize([1.0], new long[1], QFormat.S(4, 12), (Rounding)7, Overflow.Sat));
        Assert.Equal("rounding", rounding.ParamName);
        Assert.StartsWith("Unknown rounding mode 7", rounding.Message, StringComparison.Ordinal);
        var overflow = Assert.Throws<ArgumentOutOfRangeException>(() => FixedQuantizer.Quantize([1.0], new long[1], QFormat.S(4, 12), Rounding.Trn, (Overflow)4));
        Assert.Equal("overflow", overflow.ParamName);
        Assert.StartsWith("Unknown overflow mode 4", overflow.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Quantize_NullType_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => FixedQuantizer.Quantize([1.0], new long[1], (FixedType)null!));
    }

    [Fact]
    public void Dequantize_MatchesFixedToDouble()
    {
        var rng = new Random(5678);
        for (int f = 0; f < 400; f++)
        {
            var format = RandomFormat(rng);
            var raws = new long[37];
            for (int i = 0; i < raws.Length; i++)
            {
                raws[i] = rng.Next(4) switch
                {
                    0 => format.MinRaw,
                    1 => format.MaxRaw,
                    2 => rng.NextInt64(-3, 4) is var small && format.Contains(small) ? small : 0,
                    _ => rng.NextInt64(format.MinRaw, format.MaxRaw) + rng.Next(2),
                };
            }

            var values = new double[raws.Length];
            FixedQuantizer.Dequantize(raws, format, values);
            for (int i = 0; i < raws.Length; i++)
            {
                double expected = Fixed.FromRaw(raws[i], format).ToDouble();
                Assert.True(
                    BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(values[i]),
                    string.Create(CultureInfo.InvariantCulture, $"{format}: raw {raws[i]} gave {values[i]:R}, expected {expected:R}"));
            }
        }
    }

    [Fact]
    public void Dequantize_ThenQuantize_RoundTrips()
    {
        var format = QFormat.S(4, 12);
        long[] raws = [-32768, -32767, -1, 0, 1, 4096, 32767];
        var values = new double[raws.Length];
        var back = new long[raws.Length];
        FixedQuantizer.Dequantize(raws, format, values);
        FixedQuantizer.Quantize(values, back, format, Rounding.Trn, Overflow.Wrap);
        Assert.Equal(raws, back);
    }

    [Fact]
    public void Dequantize_RawOutOfRange_ThrowsNamingIndexAndValue()
    {
        var ex = Assert.Throws<ArgumentException>(() => FixedQuantizer.Dequantize([0, 32768], QFormat.S(4, 12), new double[2]));
        Assert.Equal("raws[1] is 32768, outside sQ4.12's range [-32768, 32767] (Parameter 'raws')", ex.Message);
        var unsigned = Assert.Throws<ArgumentException>(() => FixedQuantizer.Dequantize([-1], QFormat.U(0, 8), new double[1]));
        Assert.StartsWith("raws[0] is -1, outside uQ0.8's range [0, 255]", unsigned.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dequantize_BadArguments_Throw()
    {
        var length = Assert.Throws<ArgumentException>(() => FixedQuantizer.Dequantize(new long[2], QFormat.S(4, 12), new double[3]));
        Assert.Equal("raws has 2 elements but values has 3; they must have the same length (Parameter 'values')", length.Message);
        Assert.Equal("format", Assert.Throws<ArgumentException>(() => FixedQuantizer.Dequantize([0], default, new double[1])).ParamName);
        Assert.Equal("format", Assert.Throws<ArgumentException>(() => FixedQuantizer.Dequantize([0], new QFormat(false, 64, 0), new double[1])).ParamName);
    }

    private static void AssertMatchesGolden(double[] values, QFormat format, Rounding rounding, Overflow overflow)
    {
        var actual = new long[values.Length];
        FixedQuantizer.Quantize(values, actual, format, rounding, overflow);
        for (int i = 0; i < values.Length; i++)
        {
            long expected = (long)Fixed.QuantizeDouble(values[i], format, rounding, overflow);
            if (actual[i] != expected)
            {
                Assert.Fail(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{format} ({format.ToApFixedString()}) {rounding}/{overflow}: values[{i}] = {values[i]:R} " +
                    $"(bits 0x{BitConverter.DoubleToInt64Bits(values[i]):X16}) gave raw {actual[i]}, golden {expected}"));
            }
        }
    }

    private static QFormat RandomFormat(Random rng)
    {
        bool signed = rng.Next(2) == 0;
        int maxWidth = signed ? 64 : 63;
        int[] edgeWidths = [1, 2, 16, 31, 32, 33, 49, 50, 51, 52, 53, 54, 55, 62, 63, 64];
        int width = rng.Next(3) == 0 ? Math.Min(edgeWidths[rng.Next(edgeWidths.Length)], maxWidth) : rng.Next(1, maxWidth + 1);
        int[] extremes = [-1024, -1023, -1022, -1000, -64, 1000, 1022, 1023, 1024];
        int frac = rng.Next(7) switch
        {
            0 => rng.Next(-70, 0),
            1 => 0,
            2 => rng.Next(0, width + 1),
            3 => width + rng.Next(1, 70),
            4 => extremes[rng.Next(extremes.Length)],
            5 => rng.Next(-1024, 1025),
            _ => rng.Next(-4, width + 5),
        };
        return new QFormat(signed, width, frac);
    }

    /// <summary>Values in runs of one kind, so whole vector blocks see the same kind of input as well as mixtures.</summary>
    private static double[] RandomValues(Random rng, QFormat format, int count)
    {
        var values = new double[count];
        int i = 0;
        while (i < count)
        {
            int kind = rng.Next(13);
            for (int run = rng.Next(1, 9); run > 0 && i < count; run--)
            {
                double v = RandomValue(rng, format, kind);
                values[i++] = double.IsFinite(v) ? v : RandomBits(rng);
            }
        }

        return values;
    }

    private static double RandomValue(Random rng, QFormat format, int kind)
    {
        int frac = format.FracBits;
        double maxRaw = format.MaxRaw, minRaw = format.MinRaw;
        double sign = rng.Next(2) == 0 ? 1 : -1;
        double edge = rng.Next(2) == 0 ? maxRaw : minRaw;
        double edgeSign = edge == maxRaw ? 1 : -1;
        double Lsbs(double k) => Math.ScaleB(k, -frac);
        switch (kind)
        {
            case 0:
                return RandomBits(rng);
            case 1: // near the ends of the range, in quarter LSBs
                return Lsbs(edge + (rng.Next(-12, 13) / 4.0));
            case 2: // an exact half LSB, (k + 0.5)·2^-F
                {
                    double k = Math.Floor(Math.Clamp(rng.NextDouble() * (maxRaw - minRaw + 3) + minRaw - 1, -Math.ScaleB(1, 51), Math.ScaleB(1, 51)));
                    return Lsbs(k + 0.5);
                }

            case 3:
                double[] specials =
                [
                    0.0, -0.0, double.MaxValue, -double.MaxValue, double.Epsilon, -double.Epsilon, 2.2250738585072014E-308,
                    -2.2250738585072014E-308, 1e300, -1e300, 1e-300, -1e-300, 1.0, -1.0, 0.5, -0.5, 0.49999999999999994,
                    -0.49999999999999994, 4503599627370496.0, 4503599627370497.0, -4503599627370497.0, 9007199254740993.0,
                ];
                return specials[rng.Next(specials.Length)];
            case 4: // one LSB past the range, and the doubles either side of the ends
                return rng.Next(4) switch
                {
                    0 => Lsbs(maxRaw + 1),
                    1 => Lsbs(minRaw - 1),
                    2 => Math.BitIncrement(Lsbs(edge)),
                    _ => Math.BitDecrement(Lsbs(edge)),
                };
            case 5: // thousands of LSBs past
                return Lsbs(edge + (edgeSign * rng.Next(1000, 100_000)));
            case 6: // tiny: subnormal, or far below an LSB
                return rng.Next(2) == 0
                    ? sign * BitConverter.Int64BitsToDouble(rng.NextInt64(1, 1L << 52))
                    : sign * Math.ScaleB(rng.NextDouble(), -frac - rng.Next(1, 80));
            case 7: // uniform over twice the range
                return ((rng.NextDouble() * 4) - 2) * Math.ScaleB(Math.Max(maxRaw, -minRaw), -frac);
            case 8: // an integer of LSBs in range plus quarters
                return Lsbs(Math.Floor(rng.NextDouble() * (maxRaw - minRaw) + minRaw) + (rng.Next(4) / 4.0));
            case 9: // around half an LSB and 1.5 LSBs, and the false-tie case -0.5 + 2^-54
                {
                    double[] around = [0.5, 1.5, 2.5, -0.5 + Math.ScaleB(1, -54), 0.5 - Math.ScaleB(1, -54), 0.49999999999999994];
                    double x = Lsbs(sign * around[rng.Next(around.Length)]);
                    return rng.Next(3) switch
                    {
                        0 => x,
                        1 => Math.BitIncrement(x),
                        _ => Math.BitDecrement(x),
                    };
                }

            case 10: // next to an exact multiple of the LSB
                {
                    double x = Lsbs(Math.Floor(((rng.NextDouble() * 2) - 1) * Math.Min(Math.ScaleB(1, 60), Math.Max(maxRaw, 4))));
                    return rng.Next(2) == 0 ? Math.BitIncrement(x) : Math.BitDecrement(x);
                }

            case 11: // where doubles stop having fractional bits, 2^52..2^54 LSBs
                return Lsbs(sign * (Math.ScaleB(1, 52 + rng.Next(2)) + rng.Next(-3, 4) + (rng.Next(2) * 0.5)));
            default: // large magnitudes
                return sign * Math.ScaleB(1 + rng.NextDouble(), rng.Next(60, 1024));
        }
    }

    private static double RandomBits(Random rng)
    {
        while (true)
        {
            double v = BitConverter.Int64BitsToDouble(rng.NextInt64(long.MinValue, long.MaxValue));
            if (double.IsFinite(v))
            {
                return v;
            }
        }
    }
}
