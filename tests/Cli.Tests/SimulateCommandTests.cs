using System.Collections.Immutable;
using System.Globalization;
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

    [Theory]
    [InlineData("synthetic-es.json", 0.603)]
    [InlineData("synthetic-es-always.json", 0.578)]
    [InlineData("synthetic-es-smalleta.json", 0.637)]
    [InlineData("hand-delta-r3.json", 0.604)]
    [InlineData("synthetic-es-100hidden.json", 0.598)]
    public void Simulate_ShippedRule_ReproducesDocsResultsSeed1(string file, double testAccuracy)
    {
        // docs/results.md, "Shipped rules": seed 1, 20 hidden, cap 10, one online pass (float reference).
        var r = NeuroRunner.Run("simulate", "--rule", Path.Combine(RepoPaths.Root, "rules", file), "--task", "synthetic", "--seed", "1", "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.Equal(testAccuracy, doc.RootElement.GetProperty("testAccuracy").GetDouble());
    }

    [Theory]
    [InlineData("synthetic-es-100hidden.json", 0.775, 0.842)]
    [InlineData("synthetic-es-smalleta.json", 0.683, 0.838)]
    public void Simulate_RidgeReadout_ReproducesDocsResultsAt100HiddenSeed1(string file, double testAccuracy, double ridgeAccuracy)
    {
        // docs/results.md, "What limits the 100-hidden network": seed 1, 100 hidden, cap 50, one online pass.
        var r = NeuroRunner.Run(
            "simulate", "--rule", Path.Combine(RepoPaths.Root, "rules", file), "--task", "synthetic",
            "--hidden", "100", "--cap", "50", "--seed", "1", "--ridge-readout", "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.Equal(testAccuracy, doc.RootElement.GetProperty("testAccuracy").GetDouble());
        Assert.Equal(ridgeAccuracy, doc.RootElement.GetProperty("ridgeReadoutTestAccuracy").GetDouble());
    }

    [Theory]
    [InlineData(1, 0.766)]
    [InlineData(3, 0.795)]
    public void Simulate_ThreePassRule_ReproducesDocsResultsAt100HiddenSeed1(int passes, double testAccuracy)
    {
        // docs/results.md, "A rule for three passes at 100 hidden": seed 1, 100 hidden, cap 50, float reference.
        var r = NeuroRunner.Run(
            "simulate", "--rule", Path.Combine(RepoPaths.Root, "rules", "synthetic-es-100hidden-3pass.json"), "--task", "synthetic",
            "--hidden", "100", "--cap", "50", "--passes", passes.ToString(CultureInfo.InvariantCulture), "--seed", "1", "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.Equal(testAccuracy, doc.RootElement.GetProperty("testAccuracy").GetDouble());
    }

    [Fact]
    public void Simulate_RidgeReadout_IsRefusedInFixedPoint()
    {
        var r = NeuroRunner.Run("simulate", "--rule", WriteRule(), "--task", "halfspace", "--precision", "default", "--ridge-readout");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--ridge-readout runs on the float reference only", r.Stderr);
    }

    [Fact]
    [Trait("Category", "Heavy")]
    public void Simulate_SmallEtaRule_ReachesEightyPercentOnMnistInOnePass()
    {
        // docs/results.md, "MNIST and Fashion-MNIST": an R = 3 rule, one online pass over the 60,000 training images,
        // 1000 hidden, cap 500, fixed point at configs/precision-w30-e12.json, seed 1 (about a minute).
        var r = NeuroRunner.Run(
            "simulate", "--rule", Path.Combine(RepoPaths.Root, "rules", "synthetic-es-smalleta.json"), "--task", "mnist",
            "--data", RepoPaths.SharedData("mnist"), "--hidden", "1000", "--cap", "500",
            "--precision", Path.Combine(RepoPaths.Root, "configs", "precision-w30-e12.json"), "--seed", "1", "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.Equal(60000, doc.RootElement.GetProperty("trainSamples").GetInt32());
        Assert.Equal(0.8355, doc.RootElement.GetProperty("testAccuracy").GetDouble());
    }

    [Fact]
    [Trait("Category", "Heavy")]
    public void Simulate_EightBitStochasticRounding_ReproducesDocsResultsOnMnist()
    {
        // docs/results.md, "8-bit weights with stochastic rounding": R = 0, one online pass, 1000 hidden, cap 500,
        // configs/precision-w8-sr.json, seed 1 (about a minute); the digests pin the bit-exact lifetime.
        using var doc = SimulateMnistSeed1("hand-perceptron-w8.json", "precision-w8-sr.json");
        Assert.Equal(0.8376, doc.RootElement.GetProperty("testAccuracy").GetDouble());
        Assert.Equal("e4b990e3cf18422a8c0f81a7503acdd881654e4c4c20f9718c5c603ab6938511", doc.RootElement.GetProperty("weightsSha256").GetString());
    }

    [Fact]
    [Trait("Category", "Heavy")]
    public void Simulate_MarginRuleAtEightBits_ReproducesDocsResultsOnMnist()
    {
        // docs/results.md, "The margin-gated rule": rules/mnist-best-w8.json (an output table with a margin field),
        // configs/precision-w8-sr.json, seed 1; the digests pin the bit-exact lifetime.
        using var doc = SimulateMnistSeed1("mnist-best-w8.json", "precision-w8-sr.json");
        Assert.Equal(0.8643, doc.RootElement.GetProperty("testAccuracy").GetDouble());
        Assert.Equal("d48f9547a9a2f8438b22d8eb372c72bc74a7523ffba3d2d2afb165e25d98042e", doc.RootElement.GetProperty("weightsSha256").GetString());
        Assert.Equal("c45abd96c2f91bd18fef05bc7c03968ae057bec02d5ef95db12b60871598275c", doc.RootElement.GetProperty("predictionsSha256").GetString());
    }

    [Fact]
    [Trait("Category", "Heavy")]
    public void Simulate_EightBitPerNeuronStreams_ReproducesDocsResultsOnMnist()
    {
        // docs/results.md, "Per-neuron streams": the same lifetime with configs/precision-w8-sr-neurons.json, seed 1.
        using var doc = SimulateMnistSeed1("hand-perceptron-w8.json", "precision-w8-sr-neurons.json");
        Assert.Equal(0.8379, doc.RootElement.GetProperty("testAccuracy").GetDouble());
        Assert.Equal("1a039f9753668adfb5b458d2e28f1dfc71b53e6b678e0e4b8dd4bd1271103ba8", doc.RootElement.GetProperty("weightsSha256").GetString());
    }

    /// <summary>One online MNIST pass at 1000 hidden, cap 500, seed 1 with a shipped rule and config: the JSON summary.</summary>
    private static JsonDocument SimulateMnistSeed1(string rule, string config)
    {
        var r = NeuroRunner.Run(
            "simulate", "--rule", Path.Combine(RepoPaths.Root, "rules", rule), "--task", "mnist",
            "--data", RepoPaths.SharedData("mnist"), "--hidden", "1000", "--cap", "500",
            "--precision", Path.Combine(RepoPaths.Root, "configs", config), "--seed", "1", "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        return JsonDocument.Parse(r.Stdout);
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

public sealed class SimulatePrecisionTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("neuro-cli-precision-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static string Rule() => Path.Combine(RepoPaths.Root, "rules", "synthetic-es.json");

    [Fact]
    public void PrintDefaultPrecision_IsTheLoadableDefault()
    {
        var r = NeuroRunner.Run("simulate", "--print-default-precision");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(Neuro.FixedPointSim.Patterns.PrecisionConfig.Default, Neuro.FixedPointSim.Patterns.PrecisionConfig.FromJson(r.Stdout));
    }

    [Fact]
    public void Simulate_FixedBackendReportsHashesAndIsDeterministic()
    {
        string[] args = ["simulate", "--rule", Rule(), "--task", "synthetic", "--limit", "500", "--precision", "default", "--json"];
        var a = NeuroRunner.Run(args);
        var b = NeuroRunner.Run(args);
        Assert.True(a.ExitCode == 0, a.Stderr);
        using var doc = JsonDocument.Parse(a.Stdout);
        var root = doc.RootElement;
        Assert.Equal("fixed", root.GetProperty("backend").GetString());
        Assert.Equal("ap_fixed<16,4,AP_RND_CONV,AP_SAT>", root.GetProperty("precision").GetProperty("weight").GetString());
        Assert.Equal(64, root.GetProperty("weightsSha256").GetString()!.Length);
        Assert.Equal(a.Stdout.Split('\n').Where(l => l.Contains("Sha256", StringComparison.Ordinal)), b.Stdout.Split('\n').Where(l => l.Contains("Sha256", StringComparison.Ordinal)));
        var floatRun = NeuroRunner.Run("simulate", "--rule", Rule(), "--task", "synthetic", "--limit", "500", "--json");
        Assert.NotEqual(
            root.GetProperty("weightsSha256").GetString(),
            JsonDocument.Parse(floatRun.Stdout).RootElement.GetProperty("weightsSha256").GetString());
    }

    [Fact]
    public void Simulate_BadPrecisionFileNamesTheField()
    {
        string path = Path.Combine(dir, "p.json");
        File.WriteAllText(path, "{\"input\":\"sQ4.12\",\"weight\":\"sQ4.12\",\"activation\":\"sQ12.20\",\"ruleEntry\":\"sQ99.1\"}");
        string line = NeuroRunner.Run("simulate", "--rule", Rule(), "--task", "synthetic", "--precision", path).SingleErrorLine(2);
        Assert.Contains("ruleEntry", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Evolve_WithPrecisionRecordsTheBackend()
    {
        string outDir = Path.Combine(dir, "run");
        var r = NeuroRunner.Run("evolve", "--task", "synthetic", "--generations", "1", "--population", "4", "--hidden", "8", "--cap", "4",
            "--batches", "1", "--batch-size", "40", "--limit", "300", "--out", outDir, "--precision", "fixed:default", "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        string rule = File.ReadAllText(Path.Combine(outDir, "rule.json"));
        Assert.Contains("\"backend\": \"fixed\"", rule, StringComparison.Ordinal);
        Assert.Contains("fixed-point fitness", r.Stderr, StringComparison.Ordinal);
    }
}

public sealed class PrecisionFieldOptionsTests
{
    private static string Rule() => Path.Combine(RepoPaths.Root, "rules", "synthetic-es.json");

    [Fact]
    public void Flags_OverrideFieldsOfTheDefault()
    {
        var r = NeuroRunner.Run("simulate", "--rule", Rule(), "--task", "synthetic", "--limit", "300",
            "--weight-type", "ap_fixed<8,1,AP_RND_CONV,AP_SAT>", "--entry-type", "ap_fixed<6,-1,AP_RND_CONV,AP_SAT>", "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        var precision = JsonDocument.Parse(r.Stdout).RootElement.GetProperty("precision");
        Assert.Equal("ap_fixed<8,1,AP_RND_CONV,AP_SAT>", precision.GetProperty("weight").GetString());
        Assert.Equal("ap_fixed<6,-1,AP_RND_CONV,AP_SAT>", precision.GetProperty("ruleEntry").GetString());
        Assert.Equal("ap_fixed<16,4,AP_RND_CONV,AP_SAT>", precision.GetProperty("input").GetString());
    }

    [Fact]
    public void Flags_InconsistentConfigIsAUsageError()
    {
        string line = NeuroRunner.Run("simulate", "--rule", Rule(), "--task", "synthetic", "--weight-type", "ap_fixed<8,1>").SingleErrorLine(2);
        Assert.Contains("ruleEntry: must have the weight's 7 fractional bits", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Flags_BadSpellingNamesTheFlag()
    {
        string line = NeuroRunner.Run("simulate", "--rule", Rule(), "--task", "synthetic", "--input-type", "ap_fixed<8>").SingleErrorLine(2);
        Assert.StartsWith("neuro: error: --input-type:", line, StringComparison.Ordinal);
    }
}
