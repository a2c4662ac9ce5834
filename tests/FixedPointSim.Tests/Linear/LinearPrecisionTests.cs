using Neuro.Rules.Json;
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
    [InlineData("{\"input\":\"sQ3.5\",\"weight\":\"sQ4.8\"}", "precision: required member 'output' is missing")]
    [InlineData("{\"input\":\"sQ3.5\",\"weight\":\"sQ4.8\",\"output\":\"sQ8.16\",\"bias\":\"sQ4.8\"}", "precision: bias: unknown member")]
    [InlineData("{\"input\":\"sQ3.5\",\"weight\":\"sQ4.8\",\"weight\":\"sQ4.9\",\"output\":\"sQ8.16\"}", "precision: weight: appears twice")]
    [InlineData("{\"input\":\"sQ3.5\",\"weight\":\"sQ4.8\",\"output\":null}", "precision: output: must not be null")]
    [InlineData("{\"input\":\"sQ3.5\",\"weight\":\"banana\",\"output\":\"sQ8.16\"}", "precision: weight: ")]
    [InlineData("{\"input\":\"sQ3.5\",\"weight\":8,\"output\":\"sQ8.16\"}", "precision: weight: expected a string, not 8")]
    [InlineData("[1]", "precision: expected an object")]
    public void FromJson_RejectsBadConfigsNamingTheMember(string json, string expected)
    {
        var e = Assert.Throws<JsonInputException>(() => LinearPrecision.FromJson(json));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        Assert.DoesNotContain("Neuro.", e.Message, StringComparison.Ordinal);
    }
}
