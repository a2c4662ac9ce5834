using System.Text.Json;
using Xunit;

namespace Neuro.Cli;

/// <summary><c>neuro evolve --task boolean1|boolean2</c> and <c>neuro simulate</c> on baxter rule files.</summary>
public sealed class BaxterCommandTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "neuro-cli-baxter-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static string[] Evolve(string dir, int generations, params string[] more) =>
        ["evolve", "--task", "boolean1", "--nodes", "4", "--seed", "2", "--generations", $"{generations}", "--out", dir, .. more];

    [Fact]
    public void Evolve_WritesTheLearnerAndSaysWhetherItLearnedAll()
    {
        // Seed 2, 4 nodes, population 50: measured to learn all four functions in generation 15 (a Hebbian learner).
        string dir = Path.Combine(root, "a");
        var r = NeuroRunner.Run(Evolve(dir, 20, "--json"));
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        var json = doc.RootElement;
        Assert.True(json.GetProperty("learnedAll").GetBoolean());
        Assert.Equal(1, json.GetProperty("bestFitness").GetDouble());
        Assert.Equal(15, json.GetProperty("successGeneration").GetInt32());
        Assert.Equal(20, json.GetProperty("generations").GetInt32());
        Assert.Equal("ga", json.GetProperty("algorithm").GetString());
        foreach (string f in new[] { "identity", "not", "zero", "one" })
        {
            Assert.True(json.GetProperty("learned").GetProperty(f).GetBoolean(), f);
        }

        foreach (string file in new[] { "rule.json", "log.csv", "checkpoint.json", "best.csv" })
        {
            Assert.True(File.Exists(Path.Combine(dir, file)), file);
        }

        Assert.Equal(21, File.ReadAllLines(Path.Combine(dir, "log.csv")).Length);
        using var rule = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "rule.json")));
        Assert.Equal("baxter", rule.RootElement.GetProperty("family").GetString());
        Assert.Equal("neuro-rule/2", rule.RootElement.GetProperty("format").GetString());
        var table = rule.RootElement.GetProperty("tables")[0];
        Assert.Equal("write", table.GetProperty("mode").GetString());
        Assert.Equal(4, table.GetProperty("entries").GetArrayLength());
        Assert.True(rule.RootElement.GetProperty("provenance").GetProperty("learnedAll").GetBoolean());
        Assert.Equal(2, rule.RootElement.GetProperty("provenance").GetProperty("seed").GetInt64());
    }

    [Fact]
    public void Evolve_ResumeGivesTheSameRunAsAnUninterruptedOne()
    {
        string whole = Path.Combine(root, "whole"), split = Path.Combine(root, "split");
        Assert.Equal(0, NeuroRunner.Run(Evolve(whole, 8, "--threads", "1")).ExitCode);
        Assert.Equal(0, NeuroRunner.Run(Evolve(split, 3, "--threads", "2")).ExitCode);
        var resumed = NeuroRunner.Run("evolve", "--out", split, "--resume", "--generations", "8");
        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        foreach (string file in new[] { "rule.json", "checkpoint.json", "best.csv" })
        {
            Assert.Equal(File.ReadAllText(Path.Combine(whole, file)), File.ReadAllText(Path.Combine(split, file)));
        }

        Assert.Equal(LogWithoutSeconds(whole), LogWithoutSeconds(split));
    }

    [Fact]
    public void Evolve_RejectsOptionsThatDoNotApply()
    {
        string dir = Path.Combine(root, "bad");
        Assert.Equal("neuro: error: --batches does not apply to --task boolean1", NeuroRunner.Run(Evolve(dir, 1, "--batches", "3")).SingleErrorLine(2));
        Assert.Equal("neuro: error: --precision does not apply to --task boolean1 (its weights are ±1 and 0 already)", NeuroRunner.Run(Evolve(dir, 1, "--precision", "default")).SingleErrorLine(2));
        Assert.Equal("neuro: error: --nodes applies only to --task boolean1 or boolean2", NeuroRunner.Run("evolve", "--task", "synthetic", "--nodes", "4", "--out", dir).SingleErrorLine(2));
        Assert.Equal("neuro: error: --out DIR is required for --task boolean1", NeuroRunner.Run("evolve", "--task", "boolean1").SingleErrorLine(2));
        Assert.Equal("neuro: error: --nodes must be 3..32 for --task boolean1 (bias, 1 input(s), output, hidden), not 2", NeuroRunner.Run("evolve", "--task", "boolean1", "--nodes", "2", "--out", dir).SingleErrorLine(2));
        Assert.Equal("neuro: error: --nodes must be 4..32 for --task boolean2 (bias, 2 input(s), output, hidden), not 3", NeuroRunner.Run("evolve", "--task", "boolean2", "--nodes", "3", "--out", dir).SingleErrorLine(2));
        Assert.Equal(0, NeuroRunner.Run(Evolve(dir, 1)).ExitCode);
        Assert.StartsWith("neuro: error: --nodes cannot be changed on --resume", NeuroRunner.Run("evolve", "--out", dir, "--resume", "--generations", "2", "--nodes", "5").SingleErrorLine(2), StringComparison.Ordinal);
    }

    [Fact]
    public void Evolve_Boolean2ReportsWhichFunctionsWereLearned()
    {
        string dir = Path.Combine(root, "b2");
        var r = NeuroRunner.Run("evolve", "--task", "boolean2", "--nodes", "5", "--seed", "1", "--generations", "3", "--out", dir, "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        var learned = doc.RootElement.GetProperty("learned");
        Assert.Equal(16, learned.EnumerateObject().Count());
        Assert.Equal(learned.EnumerateObject().Count(p => p.Value.GetBoolean()), doc.RootElement.GetProperty("functionsLearned").GetInt32());
        Assert.False(doc.RootElement.GetProperty("learnedAll").GetBoolean());
    }

    [Fact]
    public void Simulate_ShowsTheLearnerLearningEachFunction()
    {
        string dir = Path.Combine(root, "sim");
        Assert.Equal(0, NeuroRunner.Run(Evolve(dir, 20)).ExitCode);
        string rule = Path.Combine(dir, "rule.json");
        string png = Path.Combine(dir, "trace.png");
        var text = NeuroRunner.Run("simulate", "--rule", rule, "--plot", png);
        Assert.True(text.ExitCode == 0, text.Stderr);
        foreach (string f in new[] { "identity", "not", "zero", "one" })
        {
            Assert.Contains($"{f}: learned", text.Stdout, StringComparison.Ordinal);
        }

        Assert.Contains("4 of 4 functions learned", text.Stdout, StringComparison.Ordinal);
        Assert.True(new FileInfo(png).Length > 1000);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(png)[..4]);

        var json = NeuroRunner.Run("simulate", "--rule", rule, "--json", "--function", "not");
        Assert.True(json.ExitCode == 0, json.Stderr);
        using var doc = JsonDocument.Parse(json.Stdout);
        var not = doc.RootElement.GetProperty("functions")[0];
        Assert.Equal("not", not.GetProperty("name").GetString());
        Assert.True(not.GetProperty("learned").GetBoolean());
        Assert.Equal(12, not.GetProperty("steps").GetArrayLength()); // 2 epochs × 2 cases × 2 steps, then 2 tests × 2 steps
        Assert.Equal([1, -1], not.GetProperty("outputs").EnumerateArray().Select(e => e.GetInt32()));
    }

    public static TheoryData<string, string, string> Malformed => new()
    {
        { "\"entries\": [\n        1,", "\"entries\": [\n        3,", "tables[0].entries[0]: must be -1 or +1 (f is one of the 16 Boolean functions of two ±1 inputs), not 3" },
        { "\"weight\": 1,", "\"weight\": -2,", "weight must be -1, 0 or +1, not -2" },
        { "\"pre\": 0,", "\"pre\": 12,", "pre-synaptic node 12 does not exist (nodes 0..3)" },
        { "\"learnable\": true", "\"learnable\": true, \"weight\": 0", "appears twice" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Simulate_MalformedBaxterFileIsExit2WithOneLine(string find, string replace, string message)
    {
        string path = WrittenRule();
        string json = File.ReadAllText(path);
        int at = json.IndexOf(find, StringComparison.Ordinal);
        Assert.True(at >= 0, find);
        File.WriteAllText(path, json[..at] + replace + json[(at + find.Length)..]);
        string line = NeuroRunner.Run("simulate", "--rule", path).SingleErrorLine(2);
        Assert.StartsWith($"neuro: error: {path}: ", line, StringComparison.Ordinal);
        Assert.Contains(message, line, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_LearnableZeroWeightIsExit2()
    {
        string path = WrittenRule();
        string json = File.ReadAllText(path);
        // The first synapse of the seed-2 learner is learnable with weight +1; make it 0.
        int at = json.IndexOf("\"weight\": 1,\n        \"learnable\": true", StringComparison.Ordinal);
        Assert.True(at >= 0);
        File.WriteAllText(path, json[..at] + "\"weight\": 0," + json[(at + "\"weight\": 1,".Length)..]);
        Assert.EndsWith("a learnable weight cannot be 0 (zero weights are fixed)", NeuroRunner.Run("simulate", "--rule", path).SingleErrorLine(2), StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_RejectsPatternOptionsForABaxterRule()
    {
        string path = WrittenRule();
        Assert.StartsWith("neuro: error: --passes does not apply to a baxter rule", NeuroRunner.Run("simulate", "--rule", path, "--passes", "2").SingleErrorLine(2), StringComparison.Ordinal);
        Assert.StartsWith("neuro: error: --function 'xor' is not a function of boolean1", NeuroRunner.Run("simulate", "--rule", path, "--function", "xor").SingleErrorLine(2), StringComparison.Ordinal);
    }

    [Fact]
    public void ExportCosimSynth_ShippedLearnerLearnsAllFourInRtl()
    {
        string rule = Path.Combine(RepoPaths.Root, "rules", "baxter", "boolean1-seed2.json");
        string hw = Path.Combine(root, "hw");
        var export = NeuroRunner.Run("export", "--rule", rule, "--out", hw, "--json");
        Assert.True(export.ExitCode == 0, export.Stderr);
        using (var doc = JsonDocument.Parse(export.Stdout))
        {
            Assert.Equal("neuro_learner", doc.RootElement.GetProperty("top").GetString());
            Assert.Equal(60, doc.RootElement.GetProperty("cycles").GetInt32());
        }

        var cosim = NeuroRunner.Run("cosim", hw);
        Assert.True(cosim.ExitCode == 0, cosim.Stdout + cosim.Stderr);
        Assert.Contains("neuro_learner_tb (iverilog): answers=8 functions=4 learned=4 learned_identity=1 learned_not=1 learned_one=1 learned_zero=1 right=8", cosim.Stdout, StringComparison.Ordinal);
        var synth = NeuroRunner.Run("synth", hw, "--target", "ice40", "--json");
        Assert.True(synth.ExitCode == 0, synth.Stderr);
        using var report = JsonDocument.Parse(synth.Stdout);
        Assert.InRange(report.RootElement.GetProperty("luts").GetInt64(), 5, 60);
        Assert.StartsWith("neuro: error: --precision does not apply to a baxter rule", NeuroRunner.Run("export", "--rule", rule, "--out", hw, "--precision", "default").SingleErrorLine(2), StringComparison.Ordinal);
    }

    private string WrittenRule()
    {
        string dir = Path.Combine(root, "w" + Guid.NewGuid().ToString("N"));
        Assert.Equal(0, NeuroRunner.Run(Evolve(dir, 2)).ExitCode);
        return Path.Combine(dir, "rule.json");
    }

    private static string[] LogWithoutSeconds(string dir) =>
        [.. File.ReadAllLines(Path.Combine(dir, "log.csv")).Select(l => string.Join(',', l.Split(',')[..5]))];
}
