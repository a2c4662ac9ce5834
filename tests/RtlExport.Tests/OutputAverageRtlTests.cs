using Neuro.FixedPointSim;
using Neuro.FixedPointSim.Patterns;
using Neuro.Rules.Patterns;
using Xunit;

namespace Neuro.RtlExport;

/// <summary>
/// The learner's output average (<see cref="PatternRule.OutputAverageShift"/>, <see cref="FixedOutputAverage"/>): the
/// learner co-simulates bit-exact against the golden model, with the frozen phase's predictions read from the average's
/// readout and the final readout read back through the host port's layer 3; the vectors would catch logits that read the
/// live weights, and the testbench catches both that and an average that skips the samples that do not update.
/// </summary>
public sealed class OutputAverageRtlTests
{
    /// <summary>The shipped averaging rule (shift 12, every sample updates) at the shipped stochastic-rounding config, 20 hidden.</summary>
    private static RtlCases.Case Shipped(int samples = 30, int testSamples = 16) => new("avg-shipped",
        PatternRuleFile.Read(Path.Combine(RepoPaths.Root, "rules", "synthetic-best-20hidden-avg.json")).Rule,
        PrecisionConfig.Load(Path.Combine(RepoPaths.Root, "configs", "precision-default-sr8.json")),
        new PatternNetworkSpec(10, 4, Hidden: 20, Cap: 10, EdgeProbability: 0.5, Seed: 1),
        new HardwareExportSettings { Name = "avg", Samples = samples, TestSamples = testSamples });

    /// <summary>The shipped rule updating after misclassified samples only, with a short average (shift 2), two lanes:
    /// many samples are learned from without an update, and the average must step on them too.</summary>
    private static RtlCases.Case Misclassified()
    {
        var r = Shipped().Rule;
        var rule = new PatternRule(r.Rounds, r.Eta, r.Layout, r.Tables, misclassifiedOnly: true, r.OutputEdges, outputAverageShift: 2);
        return new("avg-misclassified", rule, PrecisionConfig.Default,
            new PatternNetworkSpec(10, 4, Hidden: 8, Cap: 4, EdgeProbability: 0.5, Seed: 2),
            new HardwareExportSettings { Name = "avgm", Samples = 40, TestSamples = 16, Lanes = 2 });
    }

    [Theory]
    [InlineData(Simulator.Iverilog)]
    [InlineData(Simulator.Verilator)]
    public void Export_ShippedAveragingRule_CosimulatesBitExactWithTheFrozenPhaseChecked(Simulator simulator)
    {
        var c = Shipped();
        var d = c.Design();
        Assert.True(d.AveragesOutput);
        using var dir = new TempFolder();
        c.ExportTo(dir.Path);
        Assert.Contains("localparam [3:0] PHASE_AVERAGE = 4'd11;", File.ReadAllText(Path.Combine(dir.Path, "rtl", "avg_learner_core.v")), StringComparison.Ordinal);
        var result = Cosimulator.Run(dir.Path, simulator, ["avg_learner_tb"]).Single();
        Assert.True(result.Passed && result.Mismatches == 0, string.Join('\n', result.MismatchLines.Take(5)));

        // Every result and latency (the frozen phase's included), five registers, and every weight read back: the
        // recurrent, input and output memories and the output average's readout.
        int v = c.Spec.Hidden, total = c.Settings.Samples + c.Settings.TestSamples;
        long weights = (long)v * v + (d.HasInput ? (long)v * c.Spec.Inputs : 0) + 2L * c.Spec.Classes * v;
        Assert.Equal(2L * total + 5 + weights, result.Checks);
    }

    [Fact]
    public void Vectors_FrozenPredictions_DifferFromTheLiveWeights()
    {
        // Learning does not read the average, so the same rule without it learns the same weights; its frozen predictions
        // read the live weights. The testbench can only catch logits that read w if some frozen prediction differs.
        foreach (var c in new[] { Shipped(), Misclassified() })
        {
            var r = c.Rule;
            var live = new PatternRule(r.Rounds, r.Eta, r.Layout, r.Tables, r.MisclassifiedOnly, r.OutputEdges);
            var averaged = new FixedPatternNetwork(c.Spec, c.Spec.BuildMasks(), r, c.Precision);
            var plain = new FixedPatternNetwork(c.Spec, c.Spec.BuildMasks(), live, c.Precision);
            var data = RtlCases.Data;
            int differing = 0;
            for (int s = 0; s < c.Settings.Samples + c.Settings.TestSamples; s++)
            {
                var x = data.Row(s % data.Count);
                if (s < c.Settings.Samples)
                {
                    Assert.Equal(plain.Learn(x, data.Label(s % data.Count)), averaged.Learn(x, data.Label(s % data.Count)));
                }
                else if (averaged.Predict(x) != plain.Predict(x))
                {
                    differing++;
                }
            }

            Assert.True(differing > 0, $"{c.Name}: every frozen prediction is the same with the live weights");
            Assert.False(averaged.ReadoutWeightsRaw.SequenceEqual(averaged.OutputWeightsRaw), $"{c.Name}: the readout equals the live weights");
        }
    }

    [Fact]
    public void Export_MisclassifiedOnlyAveragingRule_CosimulatesBitExact()
    {
        var c = Misclassified();
        using var dir = new TempFolder();
        c.ExportTo(dir.Path);
        var result = Cosimulator.Run(dir.Path, Simulator.Iverilog, ["avgm_learner_tb"]).Single();
        Assert.True(result.Passed && result.Checks > 0, string.Join('\n', result.MismatchLines.Take(5)));
    }

    [Fact]
    public void Vectors_MisclassifiedOnlyCase_LearnsFromSamplesItDoesNotUpdateOn()
    {
        var c = Misclassified();
        var network = new FixedPatternNetwork(c.Spec, c.Spec.BuildMasks(), c.Rule, c.Precision);
        var data = RtlCases.Data;
        int correct = 0;
        for (int s = 0; s < c.Settings.Samples; s++)
        {
            correct += network.Learn(data.Row(s % data.Count), data.Label(s % data.Count)) == data.Label(s % data.Count) ? 1 : 0;
        }

        Assert.InRange(correct, 5, c.Settings.Samples - 5);
    }

    [Fact]
    public void Synthesizer_AveragingLearnerWithAPreLevel_Maps()
    {
        // Yosys is stricter than the simulators: the lane once read its average's readout before declaring it, which
        // Icarus and Verilator accept and Yosys refuses ("Failed to detect width of signal access"). The shipped 20-hidden
        // rule (output average and pre level) at a small size, two lanes (per-neuron stochastic rounding streams).
        var c = new RtlCases.Case("avg-pre",
            PatternRuleFile.Read(Path.Combine(RepoPaths.Root, "rules", "synthetic-best-20hidden.json")).Rule,
            PrecisionConfig.Load(Path.Combine(RepoPaths.Root, "configs", "precision-default-sr8-fine-recurrent.json")) with { StochasticStreams = StochasticStreams.PerNeuron },
            new PatternNetworkSpec(10, 4, Hidden: 8, Cap: 4, EdgeProbability: 0.5, Seed: 3),
            new HardwareExportSettings { Name = "avgpre", Samples = 8, TestSamples = 4, Lanes = 2 });
        using var dir = new TempFolder();
        c.ExportTo(dir.Path);

        var report = Synthesizer.Run(dir.Path, SynthTarget.Generic);

        Assert.Equal("avgpre_learner", report.Top);
        Assert.True(report.Luts > 0 && report.FlipFlops > 0, $"{report.Luts} LUTs, {report.FlipFlops} flip-flops");
    }

    [Fact]
    public void FrozenLogitsReadingTheLiveWeights_FailsLearner()
    {
        // Mutation: the frozen phase's logits multiply w instead of the average's readout.
        var c = Shipped();
        using var dir = new TempFolder();
        c.ExportTo(dir.Path);
        ExportPatch.Replace(dir.Path, "rtl/avg_learner_core.v",
            "learn_reg ? wout_q_bus[l*WEIGHT_WIDTH +: WEIGHT_WIDTH] : avg_readout_bus[l*WEIGHT_WIDTH +: WEIGHT_WIDTH]", "wout_q_bus[l*WEIGHT_WIDTH +: WEIGHT_WIDTH]");
        var result = Cosimulator.Run(dir.Path, Simulator.Iverilog, ["avg_learner_tb"]).Single();
        Assert.False(result.Passed);
        Assert.Contains(result.MismatchLines, l => l.StartsWith("avg_learner result sample=", StringComparison.Ordinal));
    }

    [Fact]
    public void AverageSkippingSamplesThatDoNotUpdate_FailsLearner()
    {
        // Mutation: the average's walk runs (the latency stays) but writes only after samples that updated.
        var c = Misclassified();
        using var dir = new TempFolder();
        c.ExportTo(dir.Path);
        ExportPatch.Replace(dir.Path, "rtl/avgm_learner_core.v",
            "(p1_valid && p1_phase == PHASE_AVERAGE)", "(p1_valid && p1_phase == PHASE_AVERAGE && updated)");
        var result = Cosimulator.Run(dir.Path, Simulator.Iverilog, ["avgm_learner_tb"]).Single();
        Assert.False(result.Passed);
        Assert.Contains(result.MismatchLines, l => l.StartsWith("avgm_learner readout addr=", StringComparison.Ordinal));
    }

    [Fact]
    public void Design_RuleWithoutAverage_KeepsNoAverageAndItsTiming()
    {
        var c = RtlCases.Fixed("r1-all-tables-sat");
        var d = c.Design();
        Assert.False(d.AveragesOutput);
        Assert.Equal(0, d.Timing.Average);
        Assert.Equal(d.Timing.Latency(true, 2), d.Timing.Latency(true, 2, learned: true));
        Assert.DoesNotContain(d.ReadBackLayers, l => l.Code == HardwareDesign.ReadoutLayer);
    }

    [Fact]
    public void Timing_AveragingDesign_AddsTheWalkToEveryLearnedSample()
    {
        var t = Shipped().Design().Timing;
        Assert.Equal(4L * 20 + LearnerTiming.Drain, t.Average);
        Assert.Equal(t.Latency(false, 1) + t.Average, t.Latency(false, 1, learned: true));
    }
}
