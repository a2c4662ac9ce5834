using Neuro.Rules.Json;
using Xunit;

namespace Neuro.Rules.Baxter;

public sealed class BaxterRuleFileTests
{
    private static readonly BaxterRuleDocument Document = new(
        new BaxterLearner(new BaxterNetwork(4, 1, [new(1, 2, -1, true), new(0, 3, 1, false), new(3, 2, 1, true)]), BaxterRule.Hebb),
        BooleanTask.Named("boolean1", 2, 3),
        new BaxterProvenance(5, "ga", "boolean1", 1, true, 40, 12, 1234, 50));

    private static string Valid => BaxterRuleFile.Serialize(Document);

    [Fact]
    public void Serialize_RoundTrips()
    {
        var back = BaxterRuleFile.Parse(Valid);
        Assert.Equal(Document.Learner.Network.Synapses.ToArray(), back.Learner.Network.Synapses.ToArray());
        Assert.Equal(Document.Learner.Rule, back.Learner.Rule);
        Assert.Equal((2, 3, "boolean1"), (back.Task.Epochs, back.Task.Steps, back.Task.Name));
        Assert.Equal(Document.Provenance, back.Provenance);
        Assert.Equal(Valid, BaxterRuleFile.Serialize(back));
    }

    [Fact]
    public void Serialize_HasTheRuleLayoutShape()
    {
        string json = Valid;
        Assert.Contains("\"format\": \"neuro-rule/2\"", json, StringComparison.Ordinal);
        Assert.Contains("\"family\": \"baxter\"", json, StringComparison.Ordinal);
        Assert.Contains("\"mode\": \"write\"", json, StringComparison.Ordinal);
        Assert.Contains("\"signal\": \"pre\"", json, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> Malformed => new()
    {
        // f outside the 16 functions
        { "\"entries\": [\n        1,\n        -1,", "\"entries\": [\n        1,\n        0,", "rule.json: tables[0].entries[1]: must be -1 or +1 (f is one of the 16 Boolean functions of two ±1 inputs), not 0" },
        { "\"entries\": [\n        1,\n        -1,", "\"entries\": [\n        1,\n        2,", "rule.json: tables[0].entries[1]: must be -1 or +1" },
        // a weight outside {−1, 0, +1}
        { "\"weight\": -1,", "\"weight\": 2,", "rule.json: network.synapses[0]: weight must be -1, 0 or +1, not 2" },
        // a dangling node index
        { "\"pre\": 1,", "\"pre\": 9,", "rule.json: network.synapses[0]: pre-synaptic node 9 does not exist (nodes 0..3)" },
        { "\"post\": 3,", "\"post\": 4,", "rule.json: network.synapses[2]: post-synaptic node 4 does not exist (nodes 0..3)" },
        // a learnable zero weight
        { "\"weight\": -1,", "\"weight\": 0,", "rule.json: network.synapses[0]: a learnable weight cannot be 0 (zero weights are fixed)" },
        // schema
        { "\"mode\": \"write\"", "\"mode\": \"add\"", "rule.json: tables[0]: mode must be 'write' (w <- f(pre, post)), not 'add'" },
        { "\"bits\": 1\n", "\"bits\": 2\n", "rule.json: tables[0]: fields must be [pre:1, post:1], not [pre:2,post:1]" },
        { "\"family\": \"baxter\"", "\"family\": \"pattern\"", "rule.json: family: unknown family 'pattern'" },
        { "\"format\": \"neuro-rule/2\"", "\"format\": \"neuro-rule/1\"", "rule.json: format: must be 'neuro-rule/2'" },
        { "\"task\": \"boolean1\",\n    \"epochs\"", "\"task\": \"boolean9\",\n    \"epochs\"", "rule.json: protocol: Unknown Boolean task 'boolean9'" },
        { "\"inputs\": 1,", "\"inputs\": 2,", "rule.json: network.inputs: task 'boolean1' needs 1 input(s), not 2" },
        { "\"nodes\": 4,", "\"nodes\": 2,", "rule.json: network.nodes: Nodes must be 3..32" },
        { "\"learnable\": true", "\"learnable\": true, \"delay\": 1", "rule.json: network.synapses[0].delay: unknown member; expected one of pre, post, weight, learnable" },
        { "\"learnable\": true", "\"learnable\": true, \"learnable\": false", "rule.json: network.synapses[0].learnable: appears twice" },
        { "\"weight\": -1,", "\"weight\": -1.5,", "rule.json: network.synapses[0].weight: expected an integer, not -1.5" },
        { "\"weight\": -1,", "\"weight\": \"-1\",", "rule.json: network.synapses[0].weight: expected an integer, not \"-1\"" },
        { "\"weight\": -1,", "", "rule.json: network.synapses[0]: required member 'weight' is missing" },
        { "\"weight\": -1,", "\"weight\": null,", "rule.json: network.synapses[0].weight: expected an integer, not null" },
        { "\"family\"", "\"family\" ", "" },
        { "{", "{ ,", "rule.json: malformed JSON" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Parse_RejectsMalformedFilesWithOneLineNamingTheField(string find, string replace, string message)
    {
        string json = Valid;
        Assert.Contains(find, json, StringComparison.Ordinal);
        json = ReplaceFirst(json, find, replace);
        if (message.Length == 0)
        {
            BaxterRuleFile.Parse(json); // whitespace changes nothing
            return;
        }

        var e = Assert.Throws<JsonInputException>(() => BaxterRuleFile.Parse(json));
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        Assert.DoesNotContain("Neuro.", e.Message, StringComparison.Ordinal); // no .NET type names
    }

    [Fact]
    public void Read_PrefixesThePath()
    {
        string path = Path.Combine(Path.GetTempPath(), "neuro-baxter-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            File.WriteAllText(path, Valid.Replace("\"weight\": -1,", "\"weight\": 5,", StringComparison.Ordinal));
            var e = Assert.Throws<JsonInputException>(() => BaxterRuleFile.Read(path));
            Assert.StartsWith($"{path}: network.synapses[0]: weight must be", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string ReplaceFirst(string text, string find, string replace)
    {
        int i = text.IndexOf(find, StringComparison.Ordinal);
        return text[..i] + replace + text[(i + find.Length)..];
    }
}
