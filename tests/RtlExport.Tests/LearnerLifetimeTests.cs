using Neuro.FixedPointSim.Patterns;
using Neuro.Rules.Data;
using Neuro.Rules.Patterns;
using Xunit;

namespace Neuro.RtlExport;

/// <summary>
/// Whole lifetimes bit-exact in both simulators (issue 19): the synthetic task's 4,000 training samples at 20 hidden
/// (then 1,000 frozen), and 200 MNIST samples at 1,000 hidden, cap 500, eight lanes. Every prediction, every latency and
/// every final weight must equal the C# model's. Slow (minutes to hours in Icarus), so Heavy.
/// </summary>
public sealed class LearnerLifetimeTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromHours(3);

    [Theory]
    [Trait("Category", "Heavy")]
    [InlineData(Simulator.Iverilog)]
    [InlineData(Simulator.Verilator)]
    public void Synthetic_WholeLifetime_MatchesTheModel(Simulator simulator)
    {
        var rule = PatternRuleFile.Read(Path.Combine(RepoPaths.Root, "rules", "synthetic-es.json")).Rule;
        var precision = PrecisionConfig.Load(Path.Combine(RepoPaths.Root, "configs", "precision-w8-e6.json"));
        var spec = new PatternNetworkSpec(10, 4, Hidden: 20, Cap: 10, EdgeProbability: 0.5, Seed: 1);
        Run(rule, precision, spec, RtlCases.Data, new HardwareExportSettings { Samples = 4000, TestSamples = 1000 }, simulator);
    }

    [Theory]
    [Trait("Category", "Heavy")]
    [InlineData(Simulator.Iverilog)]
    [InlineData(Simulator.Verilator)]
    public void Mnist_200Samples_1000Hidden_MatchesTheModel(Simulator simulator)
    {
        string dir = RepoPaths.SharedData("mnist");
        var data = IdxReader.ReadDataset(Path.Combine(dir, "train-images-idx3-ubyte.gz"), Path.Combine(dir, "train-labels-idx1-ubyte.gz"), 300);
        var rule = PatternRuleFile.Read(Path.Combine(RepoPaths.Root, "rules", "mnist-es.json")).Rule;
        var precision = PrecisionConfig.Load(Path.Combine(RepoPaths.Root, "configs", "precision-w8-e6.json"));
        var spec = new PatternNetworkSpec(data.Features, data.Classes, Hidden: 1000, Cap: 500, EdgeProbability: 0.5, Seed: 1);
        Run(rule, precision, spec, data, new HardwareExportSettings { Samples = 200, TestSamples = 20, Lanes = 8 }, simulator);
    }

    private static void Run(PatternRule rule, PrecisionConfig precision, PatternNetworkSpec spec, Dataset data, HardwareExportSettings settings, Simulator simulator)
    {
        using var dir = new TempFolder();
        var export = HardwareExporter.Export(rule, precision, spec, data, settings, dir.Path);
        var r = Assert.Single(Cosimulator.Run(dir.Path, simulator, [export.Learner + "_tb"], Limit));
        Assert.True(r.Passed, $"{r.Module} failed (exit {r.ExitCode}, checks {r.Checks}, mismatches {r.Mismatches}):\n{string.Join('\n', r.MismatchLines.Take(10))}\n{r.Log[^Math.Min(r.Log.Length, 2000)..]}");
        Assert.Equal(settings.Samples + settings.TestSamples, r.Stats["samples"]);
        Assert.Equal(export.ExpectedUpdates, r.Stats["updates"]);
    }
}
