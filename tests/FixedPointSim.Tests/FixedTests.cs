using Xunit;

namespace Neuro.FixedPointSim;

public sealed class FixedTests
{
    private static readonly QFormat Q4_12 = QFormat.S(4, 12);

    [Fact]
    public void FromDouble_PointThreeInSQ4_12()
    {
        // 0.3 · 4096 = 1228.8 → 1229 (nearest); 1229 / 4096 = 0.300048828125.
        var x = Fixed.FromDouble(0.3, Q4_12, Rounding.RndConv, Overflow.Sat);
        Assert.Equal(1229, x.Raw);
        Assert.Equal("0x04CD", x.ToHex());
        Assert.Equal("0.300048828125", x.ToDecimalString());
        Assert.Equal(1228, Fixed.FromDouble(0.3, Q4_12, Rounding.Trn, Overflow.Sat).Raw);
    }

    [Theory]
    [InlineData(Rounding.Rnd, 3, -2)]
    [InlineData(Rounding.RndZero, 2, -2)]
    [InlineData(Rounding.RndMinInf, 2, -3)]
    [InlineData(Rounding.RndInf, 3, -3)]
    [InlineData(Rounding.RndConv, 2, -2)]
    [InlineData(Rounding.Trn, 2, -3)]
    [InlineData(Rounding.TrnZero, 2, -2)]
    public void FromDouble_TiesFollowTheMode(Rounding mode, int plus, int minus)
    {
        var f = new QFormat(true, 8, 0);
        Assert.Equal(plus, Fixed.FromDouble(2.5, f, mode, Overflow.Sat).Raw);
        Assert.Equal(minus, Fixed.FromDouble(-2.5, f, mode, Overflow.Sat).Raw);
    }

    [Theory]
    [InlineData(Overflow.Sat, 32767, -32768)]
    [InlineData(Overflow.SatZero, 0, 0)]
    [InlineData(Overflow.SatSym, 32767, -32767)]
    [InlineData(Overflow.Wrap, -32768, 32767)]
    public void FromDouble_OverflowFollowsTheMode(Overflow mode, int above, int below)
    {
        // 8.0 is one step past max (32767 LSB); -8.000244140625 is one LSB below min.
        Assert.Equal(above, Fixed.FromDouble(8.0, Q4_12, Rounding.Trn, mode).Raw);
        Assert.Equal(below, Fixed.FromDouble(-8.000244140625, Q4_12, Rounding.Trn, mode).Raw);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void FromDouble_RejectsNonFinite(double value)
    {
        var e = Assert.Throws<ArgumentException>(() => Fixed.FromDouble(value, Q4_12, Rounding.Trn, Overflow.Sat));
        Assert.Contains("only finite values", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromDouble_NegativeZeroIsZero()
    {
        Assert.Equal(0, Fixed.FromDouble(-0.0, Q4_12, Rounding.Trn, Overflow.Sat).Raw);
    }

    [Fact]
    public void ParseDecimal_IsExactWhereTheDoubleWouldTie()
    {
        // sQ1.2 steps by 0.25: 0.125 is a tie; the text is a hair above it, but its double is exactly 0.125.
        var f = QFormat.S(1, 2);
        const string text = "0.1250000000000000000001";
        Assert.Equal(1, Fixed.ParseDecimal(text, f, Rounding.RndConv, Overflow.Sat).Raw);
        Assert.Equal(0, Fixed.FromDouble(double.Parse(text, System.Globalization.CultureInfo.InvariantCulture), f, Rounding.RndConv, Overflow.Sat).Raw);
        Assert.Equal(-3, Fixed.ParseDecimal("-7.5e-1", f, Rounding.RndConv, Overflow.Sat).Raw);
    }

    [Theory]
    [InlineData("nan", "not finite")]
    [InlineData("-Infinity", "not finite")]
    [InlineData("1.2.3", "Unexpected '.'")]
    [InlineData("abc", "not a decimal number")]
    [InlineData("1e", "exponent ''")]
    [InlineData("1e99999", "outside ±10000")]
    public void ParseDecimal_RejectsBadText(string text, string fragment)
    {
        var e = Assert.Throws<FormatException>(() => Fixed.ParseDecimal(text, Q4_12, Rounding.Trn, Overflow.Sat));
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromRaw_RejectsOutOfRange()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Fixed.FromRaw(32768, Q4_12));
        Assert.Contains("Raw value 32768 is outside sQ4.12's range [-32768, 32767]", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Fixed.FromRaw(0, default));
    }

    [Fact]
    public void Operators_GrowTheFormatAsApFixed()
    {
        var a = Fixed.FromRaw(-32768, Q4_12);
        var b = Fixed.FromRaw(5, QFormat.U(2, 3));
        Assert.Equal(QFormat.S(5, 12), (a + a).Format);
        Assert.Equal(QFormat.S(8, 15), (a * Fixed.FromRaw(1, QFormat.S(4, 3))).Format);
        Assert.Equal(QFormat.S(6, 15), (a * b).Format);
        Assert.Equal(QFormat.S(5, 12), (-a).Format);
        Assert.Equal((Int128)32768, (-a).Raw);
        Assert.Equal(QFormat.S(3, 3), (b - b).Format);
    }

    [Fact]
    public void Operators_RefuseResultsWiderThan64Bits()
    {
        var a = Fixed.FromRaw(1, QFormat.S(40, 0));
        var e = Assert.Throws<OverflowException>(() => a * a);
        Assert.Contains("needs more than 64 bits", e.Message, StringComparison.Ordinal);
        var t = new FixedType(QFormat.S(16, 0), Rounding.Trn, Overflow.Sat);
        Assert.Equal(1, Fixed.Multiply(a, a, t).Raw);
    }

    [Fact]
    public void Shifts_MoveTheBinaryPointExactly()
    {
        var x = Fixed.FromRaw(3, Q4_12);
        Assert.Equal(3, (x << 4).Raw);
        Assert.Equal(QFormat.S(8, 8), (x << 4).Format);
        Assert.True((x << 4).ValueEquals(Fixed.FromRaw(48, Q4_12)));
        Assert.Equal(QFormat.S(0, 16), (x >> 4).Format);
    }

    [Fact]
    public void Comparison_IsByValueAcrossFormats()
    {
        var half = Fixed.FromRaw(2048, Q4_12);
        var halfU = Fixed.FromRaw(1, QFormat.U(0, 1));
        Assert.True(half.ValueEquals(halfU));
        Assert.NotEqual(half, halfU);
        Assert.True(Fixed.FromRaw(2047, Q4_12) < halfU);
        Assert.True(Fixed.FromRaw(-1, Q4_12) < Fixed.FromRaw(0, QFormat.U(8, 0)));
    }

    [Fact]
    public void Unsigned64_HoldsItsTrueRaw()
    {
        var f = new QFormat(false, 64, 0);
        var x = Fixed.FromDouble(1.8446744073709552E19, f, Rounding.Trn, Overflow.Sat);
        Assert.Equal(f.MaxRawWide, x.Raw);
        Assert.Equal("0xFFFFFFFFFFFFFFFF", x.ToHex());
        Assert.Equal("18446744073709551615", x.ToDecimalString());
    }
}
