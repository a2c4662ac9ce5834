using Neuro.FixedPointSim.Patterns;
using Xunit;

namespace Neuro.FixedPointSim.Hebbian;

public sealed class HebbianPrecisionTests
{
    [Fact]
    public void Json_RoundTrips()
    {
        string json = HebbianPrecision.Default.ToJson();
        Assert.Equal(HebbianPrecision.Default, HebbianPrecision.FromJson(json));
        Assert.Contains("\"hiddenWeight\": \"ap_fixed<8,-2,AP_RND_CONV,AP_SAT>\"", json, StringComparison.Ordinal);
        Assert.Equal(16, HebbianPrecision.Default.StochasticBits(HebbianPrecision.Default.HiddenWeight));
        Assert.Equal(19, HebbianPrecision.Default.StochasticBits(HebbianPrecision.Default.OutputWeight));
    }

    private static string Json(string replace, string with) => HebbianPrecision.Default.ToJson().Replace(replace, with, StringComparison.Ordinal);

    public static TheoryData<string, string, string> BadFiles => new()
    {
        { Json("\"inputBits\": 4", "\"inputBits\": 9"), "inputBits", "must be 1..8, not 9" },
        { Json("\"traceBits\": 4", "\"traceBits\": 4, \"colour\": 1"), "colour", "could not be mapped" },
        { Json("\"traceBits\": 4", "\"traceBits\": 4, \"traceBits\": 5"), "traceBits", "Duplicate" },
        { Json("\"hiddenBits\": 4,", ""), "$", "missing required properties" },
        { Json("ap_fixed<8,-2,AP_RND_CONV,AP_SAT>", "ap_ufixed<8,-2>"), "hiddenWeight", "must be signed" },
        { Json("ap_fixed<8,1,AP_RND_CONV,AP_SAT>", "ap_fixed<8,1,AP_RND_LOUD>"), "outputWeight", "" },
        { Json("\"ruleEntry\": \"ap_fixed<24,-2", "\"ruleEntry\": \"ap_fixed<24,-50"), "ruleEntry", "must have 0..24 fractional bits more than the hiddenWeight's 10" },
        { Json("\"traceBits\": 4", "\"traceBits\": 4, \"stochasticDraws\": \"perRow\""), "stochasticDraws", "must be \"perSynapse\" or \"perPre\", not \"perRow\"" },
        { Json("\"traceBits\": 4", "\"traceBits\": 4, \"stochasticDraws\": 1"), "stochasticDraws", "" },
    };

    [Fact]
    public void StochasticDraws_IsOptional_AndRoundTrips()
    {
        // Old files (no member) read as perSynapse and are written back without it, byte for byte.
        Assert.DoesNotContain("stochasticDraws", HebbianPrecision.Default.ToJson(), StringComparison.Ordinal);
        Assert.Equal(HebbianDraws.PerSynapse, HebbianPrecision.FromJson(HebbianPrecision.Default.ToJson()).StochasticDraws);
        string perSynapse = Json("\"traceBits\": 4", "\"traceBits\": 4, \"stochasticDraws\": \"perSynapse\"");
        Assert.Equal(HebbianPrecision.Default, HebbianPrecision.FromJson(perSynapse));

        var shared = HebbianPrecision.Default with { StochasticDraws = HebbianDraws.PerPre };
        string json = shared.ToJson();
        Assert.Contains("\"stochasticDraws\": \"perPre\"", json, StringComparison.Ordinal);
        Assert.Equal(shared, HebbianPrecision.FromJson(json));
    }

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void FromJson_RejectsBadConfigsNamingTheField(string json, string field, string message)
    {
        var e = Assert.Throws<PrecisionConfigException>(() => HebbianPrecision.FromJson(json));
        Assert.Equal(field, e.Field.TrimStart('$', '.') is "" ? "$" : e.Field.TrimStart('$', '.'));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }
}
