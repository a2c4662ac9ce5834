using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace Neuro.FixedPointSim;

/// <summary>The narrowing helpers the fixed-point networks use, judged by the public <see cref="Fixed"/> API.</summary>
public sealed class QuantizationCoreTests
{
    private const string Seed = "20260512,41";

    private static readonly Gen<(long Raw, int Frac, Rounding Rounding)> Cases =
        from raw in ArbMap.Default.GeneratorFor<long>()
        from frac in Gen.Choose(0, 70)
        from rounding in Gen.Elements(Enum.GetValues<Rounding>())
        select (raw, frac, rounding);

    [Property(Replay = Seed, MaxTest = 3000)]
    public Property RoundToInteger_AgreesWithRequantizeToAnIntegerFormat() =>
        Prop.ForAll(Arb.From(Cases), c =>
        {
            var expected = Fixed.FromRaw(c.Raw, new QFormat(true, 64, c.Frac)).Requantize(new QFormat(true, 64, 0), c.Rounding, Overflow.Sat).Raw;
            return (QuantizationCore.RoundToInteger(c.Raw, c.Frac, c.Rounding) == expected).Label($"{c}");
        });

    [Fact]
    public void RoundToInteger_NegativeFracBitsScaleExactly()
    {
        Assert.Equal((Int128)(-40), QuantizationCore.RoundToInteger(-5, -3, Rounding.Trn));
        Assert.Equal(Int128.Zero, QuantizationCore.RoundToInteger(0, -200, Rounding.Trn));
        Assert.Throws<OverflowException>(() => QuantizationCore.RoundToInteger(3, -126, Rounding.Trn));
    }

    [Property(Replay = Seed, MaxTest = 3000)]
    public Property FromRaw_AgreesWithFixedAdd() =>
        Prop.ForAll(Arb.From(Cases), c =>
        {
            // A wide sum of two 64-bit raws, narrowed into sQ8.8 by the helper and by Fixed's fused add.
            var format = new QFormat(true, 64, c.Frac);
            var a = Fixed.FromRaw(c.Raw, format);
            var b = Fixed.FromRaw(c.Raw / 3, format);
            var target = new FixedType(QFormat.S(8, 8), c.Rounding, Overflow.Wrap);
            var expected = Fixed.Add(a, b, target).Raw;
            return (QuantizationCore.FromRaw((Int128)c.Raw + (c.Raw / 3), c.Frac, target.Format, target.Rounding, target.Overflow) == expected).Label($"{c}");
        });

    [Theory]
    [InlineData(7.96875, true)] // 127.5 ties to even: 128, outside the range
    [InlineData(7.96, false)] // 127.36 → 127, in range
    [InlineData(7.97, true)] // 127.52 → 128: the rounded value leaves the range
    [InlineData(200.0, true)]
    [InlineData(-8.0, false)] // −128 exactly
    [InlineData(-8.03, false)] // −128.48 → −128, in range after rounding
    [InlineData(-8.04, true)] // −128.64 → −129
    public void QuantizeDouble_ReportsOverflowOfTheRoundedValue(double value, bool overflowed)
    {
        _ = Fixed.QuantizeDouble(value, QFormat.S(4, 4), Rounding.RndConv, Overflow.Sat, out bool actual);
        Assert.Equal(overflowed, actual);
    }

    private static readonly Gen<(long Raw, int Frac, QFormat Target, Rounding Rounding, Overflow Overflow)> NarrowCases =
        from raw in Gen.OneOf(ArbMap.Default.GeneratorFor<long>(), Gen.Choose(-70_000, 70_000).Select(i => (long)i), Gen.Elements(long.MinValue, long.MaxValue, 0L, -1L))
        from frac in Gen.Choose(-8, 72)
        from signed in ArbMap.Default.GeneratorFor<bool>()
        from width in Gen.Choose(1, 64)
        from targetFrac in Gen.Choose(-4, 40)
        from rounding in Gen.Elements(Enum.GetValues<Rounding>())
        from overflow in Gen.Elements(Enum.GetValues<Overflow>())
        select (raw, frac, new QFormat(signed, width, targetFrac), rounding, overflow);

    [Property(Replay = Seed, MaxTest = 20000)]
    public Property FromRaw64_AgreesWithTheWidePath() =>
        Prop.ForAll(Arb.From(NarrowCases), c =>
        {
            if (!c.Target.Signed && c.Target.Width == 64)
            {
                return true.Label("unsigned 64-bit raws do not fit a long");
            }

            var expected = QuantizationCore.FromRaw(c.Raw, c.Frac, c.Target, c.Rounding, c.Overflow);
            return (QuantizationCore.FromRaw64(c.Raw, c.Frac, c.Target, c.Rounding, c.Overflow) == expected).Label($"{c}");
        });

    private static readonly Gen<(long Raw, int Frac, QFormat Target, Rounding Rounding, Overflow Overflow)> TieCases =
        from c in NarrowCases
        from shift in Gen.Choose(1, 40)
        from offset in Gen.Elements(-1L, 0L, 1L)
        from units in Gen.Choose(-100_000, 100_000)
        select (((long)units << shift) + (1L << (shift - 1)) + offset, c.Target.FracBits + shift, c.Target, c.Rounding, c.Overflow);

    [Property(Replay = Seed, MaxTest = 20000)]
    public Property FromRaw64_AgreesWithTheWidePathOnTies() =>
        Prop.ForAll(Arb.From(TieCases), c =>
        {
            if (!c.Target.Signed && c.Target.Width == 64)
            {
                return true.Label("unsigned 64-bit raws do not fit a long");
            }

            var expected = QuantizationCore.FromRaw(c.Raw, c.Frac, c.Target, c.Rounding, c.Overflow);
            return (QuantizationCore.FromRaw64(c.Raw, c.Frac, c.Target, c.Rounding, c.Overflow) == expected).Label($"{c}");
        });

    [Property(Replay = Seed, MaxTest = 5000)]
    public Property RoundToInteger64_AgreesWithTheWidePath() =>
        Prop.ForAll(Arb.From(Cases), c =>
        {
            int frac = Math.Clamp(c.Frac, 1, 62);
            return (QuantizationCore.RoundToInteger64(c.Raw, frac, c.Rounding) == QuantizationCore.RoundToInteger(c.Raw, frac, c.Rounding)).Label($"{c}");
        });

    [Fact]
    public void RoundToInteger64_RejectsFracBitsOutside1To62()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => QuantizationCore.RoundToInteger64(5, 0, Rounding.Trn));
        Assert.StartsWith("FracBits must be 1..62, not 0", e.Message, StringComparison.Ordinal);
    }
}
