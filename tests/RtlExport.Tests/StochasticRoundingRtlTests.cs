using Neuro.FixedPointSim;
using Neuro.FixedPointSim.Patterns;
using Xunit;

namespace Neuro.RtlExport;

/// <summary>
/// Stochastic rounding of updates in the exported RTL (one lane): the plasticity unit, the engine and the learner each
/// run the xorshift32 generator of the golden model (DESIGN.md §5) and co-simulate bit-exact against vectors the C#
/// model wrote with the same precision config; breaking the generator's contract (a draw on a zero word, r shifted one
/// bit further, the seed plus one) fails them.
/// </summary>
public sealed class StochasticRoundingRtlTests
{
    [Theory]
    [InlineData("sr-sat")]
    [InlineData("sr-wrap")]
    public void Export_StochasticRounding_CosimulatesBitExact(string name)
    {
        var c = RtlCases.Fixed(name);
        using var dir = new TempFolder();
        c.ExportTo(dir.Path);
        var results = Cosimulator.Run(dir.Path, Simulator.Iverilog);
        Assert.Equal(4, results.Length);
        Assert.All(results, r => Assert.True(r.Passed, $"{r.Module}: {string.Join('\n', r.MismatchLines.Take(5))}\n{r.Log[^Math.Min(2000, r.Log.Length)..]}"));
    }

    [Theory]
    [InlineData(201)]
    [InlineData(202)]
    [InlineData(203)]
    public void Export_RandomCaseWithStochasticRounding_CosimulatesBitExact(int seed)
    {
        var c = RtlCases.RandomStochastic(seed);
        using var dir = new TempFolder();
        c.ExportTo(dir.Path);
        var results = Cosimulator.Run(dir.Path, Simulator.Iverilog);
        Assert.Equal(4, results.Length);
        Assert.All(results, r => Assert.True(r.Passed, $"{c.Name} {r.Module}: {string.Join('\n', r.MismatchLines.Take(5))}\n{r.Log[^Math.Min(2000, r.Log.Length)..]}"));
    }

    [Fact]
    [Trait("Category", "Heavy")]
    public void Verilator_StochasticRounding_CosimulatesBitExact()
    {
        var c = RtlCases.Fixed("sr-sat");
        using var dir = new TempFolder();
        c.ExportTo(dir.Path);
        var results = Cosimulator.Run(dir.Path, Simulator.Verilator, ["sr_plasticity_unit_tb", "sr_engine_tb", "sr_learner_tb"]);
        Assert.Equal(3, results.Length);
        Assert.All(results, r => Assert.True(r.Passed, $"{r.Module}: {string.Join('\n', r.MismatchLines.Take(5))}\n{r.Log[^Math.Min(2000, r.Log.Length)..]}"));
    }

    [Fact]
    public void SrSat_RuleIsSubLsbWithZeroWords()
    {
        // The case exercises what it claims: some ROM words are 0 (no draw) and none reaches one weight LSB (2^s),
        // so without the random bits no weight would move.
        var c = RtlCases.Fixed("sr-sat");
        var rom = new RuleRom(c.Rule, c.Precision);
        long[] words = [.. rom.Hidden!.Value, .. rom.Input!.Value, .. rom.Output!.Value];
        Assert.Contains(0L, words);
        Assert.Contains(words, w => w != 0);
        Assert.All(words, w => Assert.True(Math.Abs(w) < 1L << c.Precision.StochasticBits, $"word {w}"));
    }

    [Fact]
    public void Design_StochasticRoundingSeed_IsTheModelsSeed()
    {
        var c = RtlCases.Fixed("sr-sat");
        var d = c.Design();
        Assert.Equal(XorShift32.Seed(13), d.RandomSeed);
        Assert.Equal(4, d.StochasticBits);
    }

    [Fact]
    public void Design_StochasticRoundingWithLanes_Refused()
    {
        var c = RtlCases.Fixed("sr-sat");
        var e = Assert.Throws<RtlExportException>(() => new HardwareDesign("sr", c.Rule, c.Precision, c.Spec, c.Spec.BuildMasks(), lanes: 2));
        Assert.Equal(
            "The precision config asks for stochastic rounding (stochasticBits 4) from one stream with --lanes 2; one generator advanced in the golden walk order allows one lane only. Use --lanes 1, or add \"stochasticStreams\": \"perNeuron\" to the precision config (one generator per hidden neuron: any number of lanes)",
            e.Message);
    }

    [Fact]
    public void DrawOnZeroWord_FailsUnitEngineAndLearner()
    {
        using var dir = Export();
        ExportPatch.Replace(dir.Path, "rtl/sr_plasticity_unit.v", "else if (s1_valid_reg && entry != {ENTRY_WIDTH{1'b0}})", "else if (s1_valid_reg)");
        ExportPatch.Replace(dir.Path, "rtl/sr_learner_core.v", "else if (upd_write && entry != {ENTRY_WIDTH{1'b0}})", "else if (upd_write)");
        AssertAllFail(dir.Path);
    }

    [Fact]
    public void RandomBitsShiftedOnceMore_FailsUnitEngineAndLearner()
    {
        using var dir = Export();
        ExportPatch.Replace(dir.Path, "rtl/sr_plasticity_unit.v", "wire [3:0] rng_bits = rng_next[31:28];", "wire [3:0] rng_bits = {1'b0, rng_next[31:29]};");
        ExportPatch.Replace(dir.Path, "rtl/sr_learner_core.v", "wire [3:0] rng_bits = rng_next[31:28];", "wire [3:0] rng_bits = {1'b0, rng_next[31:29]};");
        AssertAllFail(dir.Path);
    }

    [Fact]
    public void SeedPlusOne_FailsUnitEngineAndLearner()
    {
        using var dir = Export();
        string seed = VerilogTypes.Literal(XorShift32.Seed(13), 32);
        string plusOne = VerilogTypes.Literal(XorShift32.Seed(13) + 1L, 32);
        ExportPatch.Replace(dir.Path, "rtl/sr_plasticity_unit.v", $"RANDOM_SEED = {seed};", $"RANDOM_SEED = {plusOne};");
        ExportPatch.Replace(dir.Path, "rtl/sr_learner_core.v", $"RANDOM_SEED = {seed};", $"RANDOM_SEED = {plusOne};");
        AssertAllFail(dir.Path);
    }

    [Fact]
    public void EngineLabelRowFirst_FailsEngine()
    {
        // Without stochastic rounding the engine walks the label's row first; with it the rows go in class order.
        using var dir = Export();
        ExportPatch.Replace(dir.Path, "rtl/sr_engine.v", "walk_addr_reg <= prediction_reg < label_reg ? prediction_base : label_base;", "walk_addr_reg <= label_base;");
        ExportPatch.Replace(dir.Path, "rtl/sr_engine.v", "walk_row_kind_reg <= prediction_reg < label_reg;", "walk_row_kind_reg <= 1'b0;");
        ExportPatch.Replace(dir.Path, "rtl/sr_engine.v", "walk_addr_reg <= prediction_reg < label_reg ? label_base : prediction_base;", "walk_addr_reg <= prediction_base;");
        ExportPatch.Replace(dir.Path, "rtl/sr_engine.v", "walk_row_kind_reg <= !(prediction_reg < label_reg);", "walk_row_kind_reg <= 1'b1;");
        var r = Assert.Single(Cosimulator.Run(dir.Path, Simulator.Iverilog, ["sr_engine_tb"]));
        Assert.False(r.Passed, "the engine passed with the label's row first");
        Assert.Contains(r.MismatchLines, l => l.StartsWith("sr_engine output", StringComparison.Ordinal));
    }

    private static TempFolder Export()
    {
        var dir = new TempFolder();
        RtlCases.Fixed("sr-sat").ExportTo(dir.Path);
        return dir;
    }

    private static void AssertAllFail(string dir)
    {
        var results = Cosimulator.Run(dir, Simulator.Iverilog, ["sr_plasticity_unit_tb", "sr_engine_tb", "sr_learner_tb"]);
        Assert.Equal(3, results.Length);
        Assert.All(results, r =>
        {
            Assert.False(r.Passed, $"{r.Module} passed with the mutation");
            Assert.Contains(r.MismatchLines, l => l.StartsWith(r.Module[..^3] + " ", StringComparison.Ordinal));
        });
    }
}
