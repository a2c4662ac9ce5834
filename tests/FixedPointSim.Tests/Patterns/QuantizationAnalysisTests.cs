using System.Collections.Immutable;
using Neuro.Rules.Data;
using Neuro.Rules.Patterns;
using Xunit;

namespace Neuro.FixedPointSim.Patterns;

public sealed class QuantizationAnalysisTests
{
    /// <summary>Weight sQ4.4 (LSB 1/16); rule entry 4 bits with the weight's 4 fractional bits: raws −8..7, values −0.5..0.4375.</summary>
    private static readonly PrecisionConfig Narrow = new(
        FixedType.Parse("ap_fixed<8,4,AP_RND_CONV,AP_SAT>"),
        FixedType.Parse("ap_fixed<8,4,AP_RND_CONV,AP_SAT>"),
        FixedType.Parse("ap_fixed<16,10,AP_RND_CONV,AP_SAT>"),
        FixedType.Parse("ap_fixed<4,0,AP_RND_CONV,AP_SAT>"));

    /// <summary>Weights and inputs sQ8.24, activation sQ24.24, rule entry sQ8.24 (as in <see cref="FixedPatternNetworkTests"/>).</summary>
    private static readonly PrecisionConfig Wide = new(
        FixedType.Parse("ap_fixed<32,8,AP_RND_CONV,AP_SAT>"),
        FixedType.Parse("ap_fixed<32,8,AP_RND_CONV,AP_SAT>"),
        FixedType.Parse("ap_fixed<48,24,AP_RND_CONV,AP_SAT>"),
        FixedType.Parse("ap_fixed<32,8,AP_RND_CONV,AP_SAT>"));

    private static PatternRule ShippedRule() => PatternRuleFile.Read(Path.Combine(RepoPaths.Root, "rules", "synthetic-es.json")).Rule;

    private static (PatternNetworkSpec Spec, Dataset Train, Dataset Test) SmallTask(int trainCount)
    {
        var (train, test) = SyntheticClassification.GenerateJoosten(11);
        var spec = new PatternNetworkSpec(train.Features, train.Classes, Hidden: 20, Cap: 10, EdgeProbability: 0.5, Seed: 3);
        return (spec, train.Subset(0, trainCount), test.Subset(0, 200));
    }

    [Fact]
    public void AnalyzeRom_NarrowEntry_CountsSaturatedAndZeroedAndErrors()
    {
        // eta 1, P = 2. Hidden ·16: 0.16 → 0 (zeroed), 4 (exact), 16 → 7 (saturated), −0.5 → 0 (tie to even; zeroed).
        var rule = new PatternRule(0, 1, [0.01, 0.25, 1.0, -0.03125], [0.5, -0.5], [0, 0.0625, -0.5, 0.4375]);
        var tables = QuantizationAnalysis.AnalyzeRom(rule, Narrow);

        Assert.Equal(["hidden", "input", "output"], tables.Select(t => t.Table));
        var hidden = tables[0];
        Assert.Equal([0L, 4, 7, 0], hidden.Raw.ToArray());
        Assert.Equal([0.01, 0.25, 1.0, -0.03125], hidden.Targets.ToArray());
        Assert.Equal(4, hidden.Entries);
        Assert.Equal(1, hidden.Saturated);
        Assert.Equal(2, hidden.Zeroed);
        Assert.Equal(0.0625, hidden.Lsb);
        Assert.Equal(9, hidden.MaxAbsErrorLsb, 12);
        Assert.Equal(0.5625, hidden.MaxAbsError, 12);
        double noise = (0.01 * 0.01) + (0.5625 * 0.5625) + (0.03125 * 0.03125);
        double signal = (0.01 * 0.01) + (0.25 * 0.25) + 1 + (0.03125 * 0.03125);
        Assert.Equal(Math.Sqrt(noise / 4), hidden.RmsError, 12);
        Assert.Equal(Math.Sqrt(noise / 4) * 16, hidden.RmsErrorLsb, 10);
        Assert.Equal(10 * Math.Log10(signal / noise), hidden.SqnrDb, 10);
        Assert.False(hidden.Exact);
        Assert.Equal(0.4375, hidden.Value(2));

        // Input: 0.5 → 8 saturates to 7 (one LSB short); −0.5 → −8 exactly.
        var input = tables[1];
        Assert.Equal([7L, -8], input.Raw.ToArray());
        Assert.Equal(1, input.Saturated);
        Assert.Equal(0, input.Zeroed);
        Assert.Equal(1, input.MaxAbsErrorLsb, 12);
    }

    [Fact]
    public void AnalyzeRom_ExactTable_HasInfiniteSqnr()
    {
        var rule = new PatternRule(0, 1, [0, 0.0625, -0.5, 0.4375], null, null);
        var hidden = Assert.Single(QuantizationAnalysis.AnalyzeRom(rule, Narrow));
        Assert.True(hidden.Exact);
        Assert.Equal(double.PositiveInfinity, hidden.SqnrDb);
        Assert.Equal(0, hidden.MaxAbsErrorLsb);
        Assert.Equal(0, hidden.RmsError);
        Assert.Equal(0, hidden.Saturated);
        Assert.Equal(0, hidden.Zeroed); // a zero entry that stays zero has not collapsed
    }

    [Fact]
    public void Run_VeryWideFormats_TrackTheFloatReference()
    {
        var (spec, train, test) = SmallTask(300);
        var report = QuantizationAnalysis.Run(spec, ShippedRule(), Wide, train, test);

        var hidden = report.Table("hidden")!;
        Assert.True(hidden.SqnrDb > 100, $"SQNR {hidden.SqnrDb} dB");
        Assert.True(hidden.MaxAbsErrorLsb <= 0.5, $"max error {hidden.MaxAbsErrorLsb} LSB");
        Assert.Equal(0, hidden.Saturated);
        Assert.Equal(0, hidden.Zeroed);
        Assert.Equal(1.0, report.PatternAgreement);
        Assert.True(report.PredictionAgreement >= 0.99, $"prediction agreement {report.PredictionAgreement}");
        foreach (var layer in new[] { report.Projection, report.Hidden, report.Logits })
        {
            Assert.Equal(300 * (layer.Layer == "logits" ? spec.Classes : spec.Hidden), layer.Elements);
            Assert.True(layer.MaxAbsError < 1e-4, $"{layer.Layer}: max error {layer.MaxAbsError}");
            Assert.True(layer.RmsError <= layer.MaxAbsError);
        }

        Assert.True(report.FinalDrift.Recurrent.MaxAbsDrift < 1e-4, $"drift {report.FinalDrift.Recurrent.MaxAbsDrift}");
        Assert.True(report.FinalDrift.Recurrent.FloatRms > 0.01, "the recurrent weights learned");
        Assert.True(Math.Abs(report.LossPoints) <= 1, $"loss {report.LossPoints} points");
    }

    [Fact]
    public void Run_GroupWeightTypes_ReadEachMatrixInItsOwnScale()
    {
        // The wide config with the recurrent and output weights at 4 more fractional bits (and the input weights at 4
        // fewer): fixed point still tracks float, so each matrix's drift must be tiny when read in its own type's scale
        // (read in the weight type's, the recurrent weights would come out 16 times too large).
        var (spec, train, test) = SmallTask(300);
        var precision = Wide with
        {
            InputWeight = FixedType.Parse("ap_fixed<32,12,AP_RND_CONV,AP_SAT>"),
            RecurrentWeight = FixedType.Parse("ap_fixed<32,4,AP_RND_CONV,AP_SAT>"),
            OutputWeight = FixedType.Parse("ap_fixed<32,4,AP_RND_CONV,AP_SAT>"),
        };
        var report = QuantizationAnalysis.Run(spec, ShippedRule(), precision, train, test);
        Assert.Equal(1.0, report.PatternAgreement);
        Assert.True(report.FinalDrift.Input.MaxAbsDrift < 1e-3, $"input drift {report.FinalDrift.Input.MaxAbsDrift}");
        Assert.True(report.FinalDrift.Recurrent.MaxAbsDrift < 1e-4, $"recurrent drift {report.FinalDrift.Recurrent.MaxAbsDrift}");
        Assert.True(report.FinalDrift.Recurrent.FloatRms > 0.01, "the recurrent weights learned");
        Assert.True(report.FinalDrift.Output.MaxAbsDrift < 1e-4, $"output drift {report.FinalDrift.Output.MaxAbsDrift}");
        Assert.True(report.Logits.MaxAbsError < 1e-4, $"logits: max error {report.Logits.MaxAbsError}");
    }

    [Fact]
    public void Run_DefaultPrecision_ReportsDivergenceLockstepAndDrift()
    {
        var (spec, train, test) = SmallTask(400);
        var settings = new QuantizationAnalysisSettings { Passes = 2, DriftCheckpoints = 4 };
        var report = QuantizationAnalysis.Run(spec, ShippedRule(), PrecisionConfig.Default, train, test, settings);

        Assert.Equal(800, report.LifetimeSamples);
        Assert.Equal(200, report.TestSamples);
        Assert.Equal(["hidden", "output"], report.Tables.Select(t => t.Table));
        Assert.Null(report.Table("input"));
        Assert.InRange(report.PatternAgreement, 0, 1);
        Assert.InRange(report.PredictionAgreement, 0, 1);
        var first = Assert.NotNull(report.FirstDivergence);
        Assert.Equal(first * spec.Hidden, report.Hidden.LockstepElements);
        Assert.True(report.Hidden.LockstepMaxAbsError <= report.Hidden.MaxAbsError);
        Assert.Equal([0, 200, 400, 600, 800], report.Drift.Select(d => d.Samples));
        Assert.False(report.FinalDrift.Input.Plastic);
        Assert.True(report.FinalDrift.Recurrent.Plastic);
        Assert.True(report.FinalDrift.Output.Plastic);
        Assert.Equal(0, report.Drift[0].Recurrent.MaxAbsDrift); // both start at 0
        Assert.Equal(spec.Classes * spec.Hidden, report.FinalDrift.Output.Weights);
        Assert.Equal(QuantizationAnalysis.LossPoints(report.FloatAccuracy, report.FixedAccuracy), report.LossPoints);
    }

    [Fact]
    public void Run_IsDeterministic()
    {
        var (spec, train, test) = SmallTask(200);
        var a = QuantizationAnalysis.Run(spec, ShippedRule(), PrecisionConfig.Default, train, test);
        var b = QuantizationAnalysis.Run(spec, ShippedRule(), PrecisionConfig.Default, train, test);
        Assert.Equal(a.Hidden, b.Hidden);
        Assert.Equal(a.FinalDrift, b.FinalDrift);
        Assert.Equal(a.FixedAccuracy, b.FixedAccuracy);
    }

    [Fact]
    public void Run_ZeroPasses_Throws()
    {
        var (spec, train, test) = SmallTask(10);
        var e = Assert.Throws<ArgumentException>(() => QuantizationAnalysis.Run(
            spec, ShippedRule(), PrecisionConfig.Default, train, test, new QuantizationAnalysisSettings { Passes = 0 }));
        Assert.StartsWith("Passes must be at least 1, not 0", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LossPoints_WholeSampleDifferenceComparesExactly()
    {
        Assert.Equal(1.0, QuantizationAnalysis.LossPoints(0.603, 0.593));
        Assert.Equal(-0.5, QuantizationAnalysis.LossPoints(0.5, 0.505));
    }
}
