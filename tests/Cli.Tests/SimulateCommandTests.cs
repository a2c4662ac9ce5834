using System.Collections.Immutable;
using System.Text.Json;
using Neuro.Rules.Patterns;
using Xunit;

namespace Neuro.Cli;

public sealed class SimulateCommandTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("neuro-cli-simulate-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string WriteRule()
    {
        // A perceptron output rule (R = 0): fired neurons move toward the label's row and away from the prediction's.
        var rule = new PatternRule(0, 0.01, ImmutableArray.Create(0.0, 0, 0, 0), null, ImmutableArray.Create(0.0, 0, 1, -1));
        string path = Path.Combine(dir, "rule.json");
        PatternRuleFile.Write(path, rule, new RuleProvenance(0, "hand", "halfspace", 0));
        return path;
    }

    [Fact]
    public void Simulate_ReportsTrainAndTestAccuracyAsJson()
    {
        var r = NeuroRunner.Run("simulate", "--rule", WriteRule(), "--task", "halfspace", "--hidden", "100", "--cap", "50", "--passes", "3", "--seed", "4", "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        var root = doc.RootElement;
        Assert.Equal(4, root.GetProperty("seed").GetInt32());
        Assert.Equal(4000, root.GetProperty("trainSamples").GetInt32());
        Assert.True(root.GetProperty("testAccuracy").GetDouble() > 0.85, r.Stdout);
        Assert.True(root.GetProperty("trainAccuracy").GetDouble() > 0.85, r.Stdout);
    }

    [Fact]
    public void Simulate_ReadsCsv()
    {
        string train = Path.Combine(dir, "train.csv"), test = Path.Combine(dir, "test.csv");
        File.WriteAllLines(train, ["x,y,label", "1,0,0", "0,1,1", "1,0.1,0", "0.1,1,1"]);
        File.WriteAllLines(test, ["1,0,0", "0,1,1"]);
        var r = NeuroRunner.Run("simulate", "--rule", WriteRule(), "--train", train, "--test", test, "--hidden", "10", "--cap", "5", "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal("csv", JsonDocument.Parse(r.Stdout).RootElement.GetProperty("task").GetString());
    }

    [Fact]
    public void Simulate_NamesTheBadFieldOfARuleFile()
    {
        string path = Path.Combine(dir, "bad.json");
        File.WriteAllText(path, "{\"family\":\"pattern\",\"rounds\":0,\"eta\":0.01,\"hidden\":[0,0,0]}");
        string line = NeuroRunner.Run("simulate", "--rule", path, "--task", "halfspace").SingleErrorLine(2);
        Assert.Contains("hidden: must have 4 entries", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_WithoutDataIsAUsageError()
    {
        string line = NeuroRunner.Run("simulate", "--rule", WriteRule()).SingleErrorLine(2);
        Assert.Contains("Name the data", line, StringComparison.Ordinal);
    }
}
