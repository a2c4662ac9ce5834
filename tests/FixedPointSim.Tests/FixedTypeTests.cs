using Xunit;

namespace Neuro.FixedPointSim;

public sealed class FixedTypeTests
{
    [Fact]
    public void Parse_ReadsApFixedWithModes()
    {
        var t = FixedType.Parse("ap_fixed<16,4,AP_RND_CONV,AP_SAT>");
        Assert.Equal(new FixedType(QFormat.S(4, 12), Rounding.RndConv, Overflow.Sat), t);
        Assert.Equal("ap_fixed<16,4,AP_RND_CONV,AP_SAT>", t.ToString());
        Assert.Equal(t, FixedType.Parse(t.ToString()));
    }

    [Fact]
    public void Parse_DefaultsToTrnWrapAsVitisHls()
    {
        var (type, hasRounding, hasOverflow) = FixedType.ParseDetailed("ap_ufixed<8,0>");
        Assert.Equal(new FixedType(QFormat.U(0, 8), Rounding.Trn, Overflow.Wrap), type);
        Assert.False(hasRounding);
        Assert.False(hasOverflow);
    }

    [Theory]
    [InlineData("ap_fixed<16,4,AP_ROUND>", "Unknown rounding mode 'AP_ROUND'")]
    [InlineData("ap_fixed<16,4,AP_RND,AP_WRAP_SM>", "sign-magnitude wrap) is not supported")]
    [InlineData("ap_fixed<16,4,AP_RND,AP_SAT,2>", "Saturation bits N = '2'")]
    public void Parse_RejectsUnknownOrUnsupportedModes(string text, string fragment)
    {
        var e = Assert.Throws<FormatException>(() => FixedType.Parse(text));
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
    }
}
