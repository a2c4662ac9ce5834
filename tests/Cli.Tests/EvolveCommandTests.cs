using System.Text.Json;
using Xunit;

namespace Neuro.Cli;

public sealed class EvolveCommandTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "neuro-cli-evolve-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static string[] Small(string dir, int generations, params string[] more) =>
        ["evolve", "--task", "synthetic", "--algorithm", "es", "--generations", $"{generations}", "--population", "6", "--hidden", "8", "--cap", "4",
         "--batches", "1", "--batch-size", "40", "--limit", "400", "--seed", "3", "--out", dir, .. more];

    [Fact]
    public void Evolve_WritesRuleLogAndCheckpoint()
    {
        string dir = Path.Combine(root, "a");
        var r = NeuroRunner.Run(Small(dir, 2, "--json"));
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.Equal(2, doc.RootElement.GetProperty("generations").GetInt32());
        Assert.InRange(doc.RootElement.GetProperty("testAccuracy").GetDouble(), 0, 1);
        Assert.Equal(3, File.ReadAllLines(Path.Combine(dir, "log.csv")).Length);
        Assert.StartsWith("generation,best,mean,std,evaluations,seconds", File.ReadAllText(Path.Combine(dir, "log.csv")), StringComparison.Ordinal);
        string rule = File.ReadAllText(Path.Combine(dir, "rule.json"));
        Assert.Contains("\"algorithm\": \"es\"", rule, StringComparison.Ordinal);
        Assert.Contains("\"seed\": 3", rule, StringComparison.Ordinal);
        Assert.Contains("generation 2/2", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Evolve_SigmaAndLearningRateAreRecordedAndKeptOnResume()
    {
        string dir = Path.Combine(root, "s");
        var r = NeuroRunner.Run(Small(dir, 1, "--sigma", "0.02", "--learning-rate", "0.005"));
        Assert.True(r.ExitCode == 0, r.Stderr);
        using (var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "rule.json"))))
        {
            var provenance = doc.RootElement.GetProperty("provenance");
            Assert.Equal(0.02, provenance.GetProperty("sigma").GetDouble());
            Assert.Equal(0.005, provenance.GetProperty("learningRate").GetDouble());
        }

        string line = NeuroRunner.Run("evolve", "--out", dir, "--resume", "--generations", "2", "--sigma", "0.5").SingleErrorLine(2);
        Assert.Contains("--sigma cannot be changed on --resume", line, StringComparison.Ordinal);
        var resumed = NeuroRunner.Run("evolve", "--out", dir, "--resume", "--generations", "2");
        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        Assert.Contains("\"sigma\": 0.02", File.ReadAllText(Path.Combine(dir, "rule.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void Evolve_OutputAverage_EvaluatesAndWritesRulesThatKeepIt()
    {
        // The run's rules keep the average (its fitness reads it; the written rule says so and simulates as evolved), and
        // --init refuses a rule whose average differs from the run's instead of dropping it silently.
        string dir = Path.Combine(root, "avg"), plain = Path.Combine(root, "plain");
        var r = NeuroRunner.Run(Small(dir, 1, "--always", "--output-average-shift", "3", "--json"));
        var p = NeuroRunner.Run(Small(plain, 1, "--always", "--json"));
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.True(p.ExitCode == 0, p.Stderr);
        string rulePath = Path.Combine(dir, "rule.json");
        var (rule, provenance) = Neuro.Rules.Patterns.PatternRuleFile.Read(rulePath);
        Assert.Equal(3, rule.OutputAverageShift);
        Assert.Equal("3", provenance!.Extra["outputAverageShift"]);
        Assert.Equal(0, Neuro.Rules.Patterns.PatternRuleFile.Read(Path.Combine(plain, "rule.json")).Rule.OutputAverageShift);
        static string Fitnesses(string run) => string.Join(',', File.ReadAllLines(Path.Combine(run, "log.csv"))[1].Split(',')[1..4]); // best, mean, std
        Assert.NotEqual(Fitnesses(plain), Fitnesses(dir));

        string line = NeuroRunner.Run(Small(Path.Combine(root, "init"), 1, "--always", "--init", rulePath)).SingleErrorLine(2);
        Assert.Contains("has output average shift 3; the run has 0 (see --output-average-shift)", line, StringComparison.Ordinal);
        var again = NeuroRunner.Run(Small(Path.Combine(root, "init2"), 1, "--always", "--output-average-shift", "3", "--init", rulePath));
        Assert.True(again.ExitCode == 0, again.Stderr);
    }

    [Fact]
    public void Evolve_LearningRateWithGaIsAUsageError()
    {
        string[] args = Small(Path.Combine(root, "ga"), 1, "--learning-rate", "0.01");
        args[Array.IndexOf(args, "--algorithm") + 1] = "ga";
        string line = NeuroRunner.Run(args).SingleErrorLine(2);
        Assert.Contains("A learning rate applies only to 'es', not 'ga'", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Resume_MatchesAnUninterruptedRun()
    {
        string whole = Path.Combine(root, "whole"), split = Path.Combine(root, "split");
        Assert.Equal(0, NeuroRunner.Run(Small(whole, 4, "--fitness", "holdout", "--lifetime", "100", "--holdout", "50")).ExitCode);
        Assert.Equal(0, NeuroRunner.Run(Small(split, 2, "--fitness", "holdout", "--lifetime", "100", "--holdout", "50")).ExitCode);
        var resumed = NeuroRunner.Run("evolve", "--out", split, "--resume", "--generations", "4");
        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        Assert.Equal(File.ReadAllText(Path.Combine(whole, "rule.json")), File.ReadAllText(Path.Combine(split, "rule.json")));
        Assert.Equal(File.ReadAllText(Path.Combine(whole, "checkpoint.json")), File.ReadAllText(Path.Combine(split, "checkpoint.json")));
    }

    [Fact]
    public void Resume_RefusesToChangeTheRunsSettings()
    {
        string dir = Path.Combine(root, "c");
        Assert.Equal(0, NeuroRunner.Run(Small(dir, 1)).ExitCode);
        string line = NeuroRunner.Run("evolve", "--out", dir, "--resume", "--generations", "2", "--hidden", "30").SingleErrorLine(2);
        Assert.Contains("--hidden cannot be changed on --resume", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Resume_WithoutCheckpointIsAUsageError()
    {
        string line = NeuroRunner.Run("evolve", "--out", Path.Combine(root, "none"), "--resume").SingleErrorLine(2);
        Assert.Contains("Cannot resume from", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--algorithm", "simplex", "Unknown --algorithm 'simplex'")]
    [InlineData("--fitness", "vibes", "Unknown --fitness 'vibes'")]
    [InlineData("--cap", "99", "Cap must be 1..Hidden (8), not 99")]
    [InlineData("--sigma", "-1", "Sigma must be positive and finite, not -1")]
    [InlineData("--learning-rate", "0", "LearningRate must be positive and finite, not 0")]
    [InlineData("--output-average-shift", "21", "--output-average-shift must be 0 (off) or 1..20, not 21")]
    public void Evolve_RejectsBadSettings(string option, string value, string fragment)
    {
        string[] args = Small(Path.Combine(root, "bad"), 1);
        int at = Array.IndexOf(args, option);
        if (at >= 0)
        {
            args[at + 1] = value;
        }
        else
        {
            args = [.. args, option, value];
        }

        string line = NeuroRunner.Run(args).SingleErrorLine(2);
        Assert.Contains(fragment, line, StringComparison.Ordinal);
    }
}
