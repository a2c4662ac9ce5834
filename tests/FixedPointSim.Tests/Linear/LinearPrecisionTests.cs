using Xunit;

namespace Neuro.FixedPointSim.Linear;

public sealed class LinearPrecisionTests
{
    [Fact]
    public void ToJson_RoundTrips()
    {
        string json = LinearPrecision.Default.ToJson();
        Assert.Contains("\"weight\": \"ap_fixed<12,4,AP_RND_CONV,AP_SAT>\"", json, StringComparison.Ordinal);
        Assert.Equal(LinearPrecision.Default, LinearPrecision.FromJson(json));
    }

    [Theory]
    [InlineData("{\"input\":\"sQ3.5\",\"weight\":\"sQ4.8\"}", "missing")]
    [InlineData("{\"input\":\"sQ3.5\",\"weight\":\"sQ4.8\",\"output\":\"sQ8.16\",\"bias\":\"sQ4.8\"}", "bias")]
    [InlineData("{\"input\":\"sQ3.5\",\"weight\":\"sQ4.8\",\"weight\":\"sQ4.9\",\"output\":\"sQ8.16\"}", "weight")]
    [InlineData("{\"input\":\"sQ3.5\",\"weight\":\"sQ4.8\",\"output\":null}", "$.output")]
    [InlineData("{\"input\":\"sQ3.5\",\"weight\":\"banana\",\"output\":\"sQ8.16\"}", "$.weight:")]
    [InlineData("{\"input\":\"sQ3.5\",\"weight\":8,\"output\":\"sQ8.16\"}", "$.weight")]
    [InlineData("[1]", "$")]
    public void FromJson_RejectsBadConfigsNamingTheMember(string json, string expected)
    {
        var e = Assert.ThrowsAny<FormatException>(() => LinearPrecision.FromJson(json));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        Assert.DoesNotContain("Neuro.", e.Message, StringComparison.Ordinal);
    }
}
