using System.Collections.Immutable;
using Neuro.Rules.Evolution;
using Neuro.Rules.Json;
using Neuro.Rules.Patterns;
using Xunit;

namespace Neuro.Rules.Connectome;

public sealed class ConnectomeRuleFileTests
{
    private static readonly ConnectomeNetworkSpec Spec = ConnectomeNetworkConformanceTests.Tiny();

    private static ConnectomeRule Edited()
    {
        var weights = new ConnectomeDecoder(Spec).Decode(RuleGenome.Of([20, 36, 5, -7, -40, -2]))!;
        return new ConnectomeRule(Spec.Settings, new string('a', 64), ConnectomeRule.EditsOf(weights))
        {
            ConnectomePath = "/data/connectome",
            Provenance = new RuleProvenance(7, "enomad", "foraging", 123.5) { Extra = new SortedDictionary<string, string> { ["evaluations"] = "1000" } },
        };
    }

    [Fact]
    public void Write_ThenReadGivesTheSameWeights()
    {
        var rule = Edited();
        Assert.Equal(
            [new WeightEdit(SynapseType.Chemical, "B", "A", 35, 36), new WeightEdit(SynapseType.Electrical, "B", "C", 3, -2)],
            rule.Edits.ToArray());
        string json = ConnectomeRuleFile.ToJson(rule);
        var read = ConnectomeRuleFile.Parse(json);
        Assert.Equal(rule.Edits.ToArray(), read.Edits.ToArray());
        Assert.Equal("/data/connectome", read.ConnectomePath);
        Assert.Equal("1000", read.Provenance!.Extra["evaluations"]);
        Assert.Equal([20, 36, 5, -7, -40, -2], read.ToWeights(Spec).Raw.ToArray());
        Assert.Equal(json, ConnectomeRuleFile.ToJson(read));
        Assert.Contains("\"format\": \"neuro-rule/2\"", json, StringComparison.Ordinal);
        Assert.Contains("\"type\": \"electrical\"", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"family\": \"connectome\",", "\"family\": \"connectome\", \"colour\": 1,", "colour", "unknown member; expected one of")]
    [InlineData("\"family\": \"connectome\",", "\"family\": \"connectome\", \"family\": \"connectome\",", "family", "appears twice")]
    [InlineData("\"weight\": 36", "\"weight\": \"36\"", "edits[0].weight", "")]
    [InlineData("\"weight\": 36", "\"weight\": NaN", "edits[0].weight", "NaN is not a finite number")]
    [InlineData("\"weight\": 36", "\"weight\": 1e400", "edits[0].weight", "is not a finite number")]
    [InlineData("\"type\": \"chemical\"", "\"type\": \"ionic\"", "edits[0].type", "")]
    [InlineData("\"format\": \"neuro-rule/2\"", "\"format\": \"neuro-rule/1\"", "format", "expected 'neuro-rule/2', not 'neuro-rule/1'")]
    [InlineData("\"family\": \"connectome\"", "\"family\": \"pattern\"", "family", "unknown family 'pattern'; this reader takes 'connectome'")]
    [InlineData("\"fractionBits\": 0", "\"fractionBits\": 17", "network.fractionBits", "must be 0..16, not 17")]
    [InlineData("\"biological\": 35,", "", "edits[0]", "required member")]
    public void Parse_RejectsSchemaBreaksNamingTheField(string from, string to, string field, string message)
    {
        string json = ConnectomeRuleFile.ToJson(Edited());
        Assert.Contains(from, json, StringComparison.Ordinal);
        var e = Assert.Throws<JsonInputException>(() => ConnectomeRuleFile.Parse(json.Replace(from, to, StringComparison.Ordinal), "rule.json"));
        Assert.Equal("rule.json", e.Source);
        Assert.NotNull(e.JsonPath);
        Assert.StartsWith(field, e.JsonPath, StringComparison.Ordinal);
        Assert.Contains(message, e.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Theory]
    [InlineData(SynapseType.Chemical, "A", "C", 0, 1, "edits[0]", "the network has no chemical synapse A -> C")]
    [InlineData(SynapseType.Chemical, "B", "A", 34, 1, "edits[0].biological", "the chemical synapse B -> A has biological weight 35 in this connectome, not 34")]
    [InlineData(SynapseType.Electrical, "C", "B", 3, 0.5, "edits[0].weight", "must be a finite multiple of 2^-0")]
    public void ToWeights_RejectsEditsThatDoNotFitTheNetwork(SynapseType type, string source, string target, double biological, double weight, string field, string message)
    {
        var rule = Edited() with { Edits = [new WeightEdit(type, source, target, biological, weight)] };
        var e = Assert.Throws<JsonInputException>(() => rule.ToWeights(Spec, "rule.json"));
        Assert.Equal("rule.json", e.Source);
        Assert.Equal(field, e.JsonPath);
        Assert.StartsWith(message, e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ToWeights_AcceptsAGapJunctionNamedInEitherOrderButNotTwice()
    {
        var rule = Edited() with { Edits = [new WeightEdit(SynapseType.Electrical, "C", "B", 3, 4)] };
        Assert.Equal(4, rule.ToWeights(Spec).Raw[5]);
        rule = Edited() with { Edits = [new WeightEdit(SynapseType.Electrical, "C", "B", 3, 4), new WeightEdit(SynapseType.Electrical, "B", "C", 3, 5)] };
        Assert.Equal("rule.json: edits[1]: the gap junction B -- C is edited twice", Assert.Throws<JsonInputException>(() => rule.ToWeights(Spec, "rule.json")).Message);
    }

    [Fact]
    public void Read_NamesTheFile()
    {
        string path = Path.Combine(Path.GetTempPath(), $"neuro-rule-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, "{\"format\": 1}");
        try
        {
            var e = Assert.Throws<JsonInputException>(() => ConnectomeRuleFile.Read(path));
            Assert.StartsWith($"{path}: ", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
