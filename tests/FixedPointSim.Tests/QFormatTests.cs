using Xunit;

namespace Neuro.FixedPointSim;

public sealed class QFormatTests
{
    [Theory]
    [InlineData("sQ4.12", true, 16, 12)]
    [InlineData("uQ0.8", false, 8, 8)]
    [InlineData("Q1.15", true, 16, 15)]
    [InlineData("ap_fixed<16,4>", true, 16, 12)]
    [InlineData("ap_ufixed<8,0>", false, 8, 8)]
    [InlineData("ap_fixed<8,-3>", true, 8, 11)]
    [InlineData("ap_fixed<8,12>", true, 8, -4)]
    [InlineData(" sQ1.0 ", true, 1, 0)]
    public void Parse_ReadsBothSpellings(string text, bool signed, int width, int frac)
    {
        Assert.Equal(new QFormat(signed, width, frac), QFormat.Parse(text));
    }

    [Fact]
    public void SQm_n_IsApFixedOfWidthMPlusN()
    {
        Assert.Equal(QFormat.Parse("ap_fixed<16,4>"), QFormat.Parse("sQ4.12"));
        Assert.Equal(QFormat.ApFixed(true, 16, 4), QFormat.S(4, 12));
        Assert.Equal(4, QFormat.S(4, 12).IntBits);
    }

    [Theory]
    [InlineData(true, 16, 12, "sQ4.12")]
    [InlineData(false, 8, 8, "uQ0.8")]
    [InlineData(true, 8, 11, "ap_fixed<8,-3>")]
    [InlineData(false, 8, -4, "ap_ufixed<8,12>")]
    [InlineData(true, 64, 0, "sQ64.0")]
    public void ToString_GivesParseableSpelling(bool signed, int width, int frac, string expected)
    {
        var f = new QFormat(signed, width, frac);
        Assert.Equal(expected, f.ToString());
        Assert.Equal(f, QFormat.Parse(f.ToString()));
        Assert.Equal(f, QFormat.Parse(f.ToApFixedString()));
    }

    [Theory]
    [InlineData(0, 0, "Width must be 1..64, not 0")]
    [InlineData(65, 0, "Width must be 1..64, not 65")]
    [InlineData(8, 2000, "FracBits must be -1024..1024, not 2000")]
    public void Constructor_RejectsImpossibleFormats(int width, int frac, string message)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new QFormat(true, width, frac));
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sQ0.0", "Width must be 1..64, not 0")]
    [InlineData("sQ40.40", "Width must be 1..64, not 80")]
    [InlineData("sQ4.x", "The fractional bits 'x' in 'sQ4.x' is not a whole number")]
    [InlineData("sQ.12", "The integer bits '' in 'sQ.12' is not a whole number")]
    [InlineData("ap_fixed<16>", "needs at least a width and integer bits")]
    [InlineData("ap_fixed<16,4,AP_RND>", "a bare format takes only W and I")]
    [InlineData("fixed16", "is not a format")]
    [InlineData("", "Empty format")]
    public void Parse_NamesTheOffendingPart(string text, string fragment)
    {
        var e = Assert.Throws<FormatException>(() => QFormat.Parse(text));
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RawRange_IsExactForEveryWidth()
    {
        Assert.Equal(-(Int128)1 << 63, new QFormat(true, 64, 0).MinRawWide);
        Assert.Equal(((Int128)1 << 64) - 1, new QFormat(false, 64, 0).MaxRawWide);
        Assert.Equal(long.MinValue, new QFormat(true, 64, 0).MinRaw);
        Assert.Equal(-1, new QFormat(true, 1, 0).MinRaw);
        Assert.Equal(0, new QFormat(true, 1, 0).MaxRaw);
        Assert.Throws<OverflowException>(() => new QFormat(false, 64, 0).MaxRaw);
    }
}
