using System.Text.Json;
using Xunit;

namespace Neuro.Cli;

/// <summary><c>neuro evolve --task linear</c>: EMNN's GA on y = Wx + b.</summary>
public sealed class LinearEvolveTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "neuro-cli-linear-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Evolve_ReportsWBAndMsePerGenerationAndReachesTwoAndThree()
    {
        var r = NeuroRunner.Run("evolve", "--task", "linear", "--generations", "30", "--seed", "1", "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        var json = doc.RootElement;
        var generations = json.GetProperty("generations");
        Assert.Equal(30, generations.GetArrayLength());
        foreach (var g in generations.EnumerateArray())
        {
            double w = g.GetProperty("w").GetDouble(), b = g.GetProperty("b").GetDouble();
            double meanSquare = Enumerable.Range(0, 17).Select(i => -2 + (i / 4.0)).Average(x => x * x);
            Assert.Equal(((w - 2) * (w - 2) * meanSquare) + ((b - 3) * (b - 3)), g.GetProperty("mse").GetDouble(), 9);
        }

        Assert.InRange(json.GetProperty("w").GetDouble(), 2 - 1e-3, 2 + 1e-3);
        Assert.InRange(json.GetProperty("b").GetDouble(), 3 - 1e-3, 3 + 1e-3);
        Assert.Equal(generations.EnumerateArray().Min(g => g.GetProperty("mse").GetDouble()), json.GetProperty("mse").GetDouble());
        Assert.Equal("ga", json.GetProperty("algorithm").GetString());
    }

    [Fact]
    public void Evolve_FixedPointLandsOnTheNearestRepresentableValues()
    {
        string config = Path.Combine(root, "w6.json");
        Directory.CreateDirectory(root);
        // W and b reach only 1.9375 in steps of 1/16: the nearest to (2, 3) is (1.9375, 1.9375), raw 31 and 31.
        File.WriteAllText(config, """{ "input": "ap_fixed<8,3,AP_RND_CONV,AP_SAT>", "weight": "ap_fixed<6,2,AP_RND_CONV,AP_SAT>", "output": "ap_fixed<24,8,AP_RND_CONV,AP_SAT>" }""");
        var r = NeuroRunner.Run("evolve", "--task", "linear", "--generations", "30", "--seed", "3", "--precision", config, "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        var json = doc.RootElement;
        Assert.Equal(31, json.GetProperty("target").GetProperty("wRaw").GetInt64());
        Assert.Equal(31, json.GetProperty("target").GetProperty("bRaw").GetInt64());
        Assert.Equal(31, json.GetProperty("wRaw").GetInt64());
        Assert.Equal(31, json.GetProperty("bRaw").GetInt64());
        Assert.Equal(1.9375, json.GetProperty("w").GetDouble());
    }

    [Fact]
    public void Evolve_ResumeGivesTheSameRun()
    {
        string whole = Path.Combine(root, "whole"), split = Path.Combine(root, "split");
        Assert.Equal(0, NeuroRunner.Run("evolve", "--task", "linear", "--generations", "10", "--seed", "4", "--precision", "default", "--out", whole).ExitCode);
        Assert.Equal(0, NeuroRunner.Run("evolve", "--task", "linear", "--generations", "4", "--seed", "4", "--precision", "default", "--out", split).ExitCode);
        var resumed = NeuroRunner.Run("evolve", "--out", split, "--resume", "--generations", "10", "--json");
        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        foreach (string file in new[] { "rule.json", "checkpoint.json", "best.csv" })
        {
            Assert.Equal(File.ReadAllText(Path.Combine(whole, file)), File.ReadAllText(Path.Combine(split, file)));
        }

        using var doc = JsonDocument.Parse(resumed.Stdout);
        Assert.Equal(10, doc.RootElement.GetProperty("generations").GetArrayLength()); // the history survives the resume
        using var rule = JsonDocument.Parse(File.ReadAllText(Path.Combine(whole, "rule.json")));
        Assert.Equal("linear", rule.RootElement.GetProperty("family").GetString());
        Assert.Equal(doc.RootElement.GetProperty("wRaw").GetInt64(), rule.RootElement.GetProperty("fixedPoint").GetProperty("wRaw").GetInt64());
    }

    [Fact]
    public void Evolve_EqualBudgetWithCmaEs()
    {
        var r = NeuroRunner.Run("evolve", "--task", "linear", "--generations", "5", "--seed", "1", "--algorithm", "cmaes", "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.Equal(50, doc.RootElement.GetProperty("population").GetInt32());
        Assert.Equal(5 * (50 + 4), doc.RootElement.GetProperty("evaluations").GetInt64());
    }

    [Fact]
    public void Evolve_EsTakesItsStepAndKeepsItOnResume()
    {
        string dir = Path.Combine(root, "es");
        var r = NeuroRunner.Run("evolve", "--task", "linear", "--algorithm", "es", "--sigma", "0.5", "--learning-rate", "0.3", "--generations", "2", "--seed", "1", "--out", dir);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.StartsWith("neuro: error: --learning-rate cannot be changed on --resume", NeuroRunner.Run("evolve", "--out", dir, "--resume", "--generations", "3", "--learning-rate", "0.1").SingleErrorLine(2), StringComparison.Ordinal);
        using var config = JsonDocument.Parse(Neuro.Rules.Evolution.EvolutionCheckpoint.LoadFrom(dir).Config);
        Assert.Equal(0.3, config.RootElement.GetProperty("learningRate").GetDouble());
    }

    [Fact]
    public void Evolve_PlotWritesAPng()
    {
        Directory.CreateDirectory(root);
        string png = Path.Combine(root, "emnn.png");
        var r = NeuroRunner.Run("evolve", "--task", "linear", "--generations", "5", "--seed", "1", "--plot", png);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(png)[..4]);
        Assert.Equal("neuro: error: --plot applies only to --task linear", NeuroRunner.Run("evolve", "--task", "boolean1", "--out", Path.Combine(root, "b"), "--plot", png).SingleErrorLine(2));
    }

    [Fact]
    public void Evolve_BadPrecisionIsExit2()
    {
        Directory.CreateDirectory(root);
        string config = Path.Combine(root, "bad.json");
        File.WriteAllText(config, """{ "input": "ap_fixed<8,3>", "weight": "ap_fixed<6,2>" }""");
        string line = NeuroRunner.Run("evolve", "--task", "linear", "--precision", config).SingleErrorLine(2);
        Assert.Equal($"neuro: error: --precision {config}: required member 'output' is missing", line);
        Assert.Equal("neuro: error: --nodes applies only to --task boolean1 or boolean2", NeuroRunner.Run("evolve", "--task", "linear", "--nodes", "3").SingleErrorLine(2));
    }
}
