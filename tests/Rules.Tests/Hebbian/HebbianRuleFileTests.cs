using Neuro.Rules.Patterns;
using Neuro.Rules.Json;
using Xunit;

namespace Neuro.Rules.Hebbian;

public sealed class HebbianRuleFileTests
{
    private static readonly HebbianRule Sample = new(
        new HebbianLayerRule(3.1e-6, -1.6, 0.62, -0.59, -0.138, -1.31, -0.369, -0.525, 9),
        new HebbianLayerRule(4.75e-5, 2.18, -0.16, -0.44, -0.187, -0.728, 0.112, 0.549, 16));

    private const string Layer = "{\"eta\":0.1,\"A\":1,\"B\":0,\"C\":0,\"D\":0,\"E\":1,\"F\":0,\"G\":0,\"traceShift\":10}";

    private static string Json(string hidden = Layer, string extra = "", string format = "neuro-rule/2", string family = "hebbian") =>
        $"{{\"format\":\"{format}\",\"family\":\"{family}\",\"layers\":{{\"hidden\":{hidden},\"output\":{Layer}}}{extra}}}";

    [Fact]
    public void SerializeParse_RoundTripsExactly()
    {
        var provenance = new RuleProvenance(3, "ga", "continual", 0.6125)
        {
            Extra = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["command"] = "\"neuro continual evolve --seed 3\"", ["generations"] = "20" },
        };
        string text = HebbianRuleFile.Serialize(Sample, provenance);
        var (rule, back) = HebbianRuleFile.Parse(text);
        Assert.Equal(Sample, rule);
        Assert.Equal(3, back!.Seed);
        Assert.Equal("ga", back.Algorithm);
        Assert.Equal(0.6125, back.Fitness);
        Assert.Equal("20", back.Extra["generations"]);
        Assert.Equal(text, HebbianRuleFile.Serialize(rule, back));
        Assert.Contains("\"format\": \"neuro-rule/2\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AcceptsAFileWithoutProvenance()
    {
        var (rule, provenance) = HebbianRuleFile.Parse(Json());
        Assert.Null(provenance);
        Assert.Equal(new HebbianLayerRule(0.1, 1, 0, 0, 0, 1, 0, 0, 10), rule.Hidden);
    }

    public static TheoryData<string, string, string> BadFiles => new()
    {
        { Json(family: "pattern"), "family", "the rule is of family 'pattern'; this needs a 'hebbian' rule" },
        { Json(format: "neuro-rule/1"), "format", "must be 'neuro-rule/2', not 'neuro-rule/1'" },
        { Json(extra: ",\"colour\":1"), "colour", "unknown member" },
        { Json(extra: ",\"format\":\"neuro-rule/2\""), "format", "appears twice" },
        { Json(hidden: Layer.Replace("\"A\":1,", "", StringComparison.Ordinal)), "layers.hidden", "required member 'A' is missing" },
        { Json(hidden: Layer.Replace("\"A\":1", "\"A\":\"NaN\"", StringComparison.Ordinal)), "layers.hidden.A", "expected a finite number, not \"NaN\"" },
        { Json(hidden: Layer.Replace("\"A\":1", "\"A\":1e400", StringComparison.Ordinal)), "layers.hidden.A", "1e400 is not a finite number" },
        { Json(hidden: Layer.Replace("\"eta\":0.1", "\"eta\":-0.1", StringComparison.Ordinal)), "layers.hidden", "eta must be finite and non-negative, not -0.1" },
        { Json(hidden: Layer.Replace("10}", "30}", StringComparison.Ordinal)), "layers.hidden", "TraceShift must be 0..24, not 30" },
        { Json(hidden: "null"), "layers.hidden", "expected an object, not null" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Parse_RejectsBadFilesNamingTheField(string json, string field, string message)
    {
        var e = Assert.Throws<JsonInputException>(() => HebbianRuleFile.Parse(json));
        Assert.Equal(field, e.JsonPath);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MalformedJson_SaysWhere()
    {
        var e = Assert.Throws<JsonInputException>(() => HebbianRuleFile.Parse("{\"format\":"));
        Assert.Contains("malformed JSON at line 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShippedRule_ReadsAndNamesTheCommandThatMadeIt()
    {
        var (rule, provenance) = HebbianRuleFile.Read(Path.Combine(RepoPaths.Root, "rules", "hebbian-continual.json"));
        Assert.Null(rule.Problem);
        Assert.Equal("continual", provenance!.Task);
        Assert.StartsWith("\"neuro continual evolve", provenance.Extra["command"], StringComparison.Ordinal);
    }

    [Fact]
    public void ShippedEightBitRule_IsTheEvolvedRuleWithoutTheOutputDrift()
    {
        // rules/hebbian-continual-w8.json is what its provenance says: the evolved rule with the output layer's B and D
        // at 0, every other constant unchanged.
        var (evolved, _) = HebbianRuleFile.Read(Path.Combine(RepoPaths.Root, "rules", "hebbian-continual.json"));
        var (derived, provenance) = HebbianRuleFile.Read(Path.Combine(RepoPaths.Root, "rules", "hebbian-continual-w8.json"));
        Assert.Equal(evolved with { Output = evolved.Output with { B = 0, D = 0 } }, derived);
        Assert.NotEqual(evolved, derived);
        Assert.Equal("\"rules/hebbian-continual.json\"", provenance!.Extra["derivedFrom"]);
    }

    [Fact]
    public void Read_PrefixesTheFileAndWriteIsAtomic()
    {
        string dir = Directory.CreateTempSubdirectory("neuro-hebbian-rule-").FullName;
        try
        {
            string path = Path.Combine(dir, "rule.json");
            HebbianRuleFile.Write(path, Sample, null);
            Assert.Equal(Sample, HebbianRuleFile.Read(path).Rule);
            Assert.Single(Directory.GetFiles(dir));
            File.WriteAllText(path, Json(family: "baxter"));
            var e = Assert.Throws<JsonInputException>(() => HebbianRuleFile.Read(path));
            Assert.StartsWith($"{path}: family: the rule is of family 'baxter'", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
