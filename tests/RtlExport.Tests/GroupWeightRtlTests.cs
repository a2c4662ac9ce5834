using Neuro.FixedPointSim;
using Neuro.FixedPointSim.Patterns;
using Xunit;

namespace Neuro.RtlExport;

/// <summary>
/// Per-group weight types in the exported RTL (<see cref="PrecisionConfig.WeightOf"/>): the learner, unit, engine and
/// narrowing units co-simulate bit-exact against the golden model when the groups' types differ in their fractional bits
/// (the input projection and the recurrent sum narrow from their own groups' bits, the margin thresholds sit at the output
/// weights' scale, each table's weight code reads its group's scale, each ROM is in its group's LSB scale); other widths
/// or overflow modes per group are refused.
/// </summary>
public sealed class GroupWeightRtlTests
{
    [Theory]
    [InlineData(402)]
    [InlineData(403)]
    [InlineData(406)]
    public void Export_RandomCaseWithGroupWeightTypes_CosimulatesBitExact(int seed)
    {
        var c = RtlCases.RandomGroup(seed);
        Assert.False(c.Precision.UniformWeights);
        LayoutRtlTests.AssertCosimPasses(c, Simulator.Iverilog);
    }

    [Theory]
    [InlineData("precision-synthetic-w8.json", 12)]
    [InlineData("precision-synthetic-w8-100hidden.json", 13)]
    public void Export_ShippedSyntheticEightBitConfig_NamesTheRecurrentFracAndCosimulates(string config, int recurrentFrac)
    {
        // The shipped 8-bit synthetic configs: the recurrent weights at 12 (13) fractional bits, the others at 8.
        var c = RtlCases.Fixed("sr-sat");
        var precision = PrecisionConfig.Load(Path.Combine(RepoPaths.Root, "configs", config));
        var rule = new Neuro.Rules.Patterns.PatternRule(c.Rule.Rounds, Math.ScaleB(1, -10), c.Rule.Layout, c.Rule.Tables, c.Rule.MisclassifiedOnly, c.Rule.OutputEdges);
        var grouped = c with { Rule = rule, Precision = precision, Settings = c.Settings with { Name = "grp" } };
        using var dir = new TempFolder();
        grouped.ExportTo(dir.Path);
        string core = File.ReadAllText(Path.Combine(dir.Path, "rtl", "grp_learner_core.v"));
        Assert.Contains($"parameter RECURRENT_WEIGHT_FRAC = {recurrentFrac}", core, StringComparison.Ordinal);
        Assert.Contains(".IN_FRAC(RECURRENT_WEIGHT_FRAC + ACT_FRAC)", core, StringComparison.Ordinal);
        Assert.DoesNotContain("INPUT_WEIGHT_FRAC", core, StringComparison.Ordinal);
        Assert.Contains("\"recurrentWeight\"", File.ReadAllText(Path.Combine(dir.Path, "manifest.json")), StringComparison.Ordinal);
        var results = Cosimulator.Run(dir.Path, Simulator.Iverilog);
        Assert.All(results, r => Assert.True(r.Passed && r.Checks > 0, $"{r.Module}: {string.Join('\n', r.MismatchLines.Take(5))}"));
    }

    [Theory]
    [InlineData("ap_fixed<9,1,AP_RND_CONV,AP_SAT>")]
    [InlineData("ap_fixed<8,2,AP_RND_CONV,AP_WRAP>")]
    public void Design_GroupOfAnotherWidthOrOverflow_Refused(string type)
    {
        var c = RtlCases.Fixed("sr-sat");
        var precision = c.Precision with { OutputWeight = FixedType.Parse(type) };
        var e = Assert.Throws<RtlExportException>(() => (c with { Precision = precision }).Design());
        Assert.Contains($"the weight type {type}", e.Message, StringComparison.Ordinal);
        Assert.Contains("may differ in their fractional bits only", e.Message, StringComparison.Ordinal);
    }
}
