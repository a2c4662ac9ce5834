using Neuro.FixedPointSim;
using Neuro.FixedPointSim.Patterns;
using Xunit;

namespace Neuro.RtlExport;

/// <summary>
/// Stochastic rounding from per-neuron streams (<see cref="StochasticStreams.PerNeuron"/>) in the exported RTL: the
/// learner with several lanes (each lane keeps its neurons' generators, seeded by the clear sequence), the plasticity
/// unit and the engine co-simulate bit-exact against the golden model, so the learner's result is the same for every
/// lane count; breaking the contract (a draw on a zero word, an output update drawing from its class row's generator,
/// a lane seeded with another lane's seeds, no seeding by the clear sequence) fails them.
/// </summary>
public sealed class PerNeuronStreamsRtlTests
{
    [Fact]
    public void Export_PerNeuronStreamsLanesOneTwoFour_CosimulateBitExactWithOneGoldenLifetime()
    {
        // The point of the design: one golden lifetime (the C# model knows nothing of lanes), matched by the learner at
        // 1, 2 and 4 lanes. Unit, engine and narrowing do not depend on the lanes and run once.
        var c = RtlCases.Fixed("sr-neurons");
        string? results = null;
        foreach (int lanes in new[] { 1, 2, 4 })
        {
            using var dir = new TempFolder();
            (c with { Settings = c.Settings with { Lanes = lanes } }).ExportTo(dir.Path);
            string[]? only = lanes == 1 ? null : ["srn_learner_tb"];
            var runs = Cosimulator.Run(dir.Path, Simulator.Iverilog, only);
            Assert.Equal(lanes == 1 ? 4 : 1, runs.Length);
            Assert.All(runs, r => Assert.True(r.Passed && r.Checks > 0, $"lanes {lanes} {r.Module}: {string.Join('\n', r.MismatchLines.Take(5))}\n{r.Log[^Math.Min(2000, r.Log.Length)..]}"));
            string lifetime = File.ReadAllText(Path.Combine(dir.Path, "vectors", "srn_learner_results.mem"));
            results ??= lifetime;
            Assert.Equal(results, lifetime);
        }
    }

    [Theory]
    [InlineData(201)]
    [InlineData(203)]
    public void Export_RandomCaseWithPerNeuronStreams_CosimulatesBitExact(int seed)
    {
        var c = RtlCases.RandomPerNeuron(seed);
        using var dir = new TempFolder();
        c.ExportTo(dir.Path);
        var results = Cosimulator.Run(dir.Path, Simulator.Iverilog);
        Assert.Equal(4, results.Length);
        Assert.All(results, r => Assert.True(r.Passed && r.Checks > 0, $"{c.Name} (lanes {c.Settings.Lanes}) {r.Module}: {string.Join('\n', r.MismatchLines.Take(5))}\n{r.Log[^Math.Min(2000, r.Log.Length)..]}"));
    }

    [Fact]
    public void RandomPerNeuronCases_UseSeveralLanes()
    {
        // The random cases must exercise more than one lane, or they would test what the single-stream cases do.
        Assert.All(new[] { 201, 203 }, seed => Assert.True(RtlCases.RandomPerNeuron(seed).Settings.Lanes > 1, $"seed {seed}"));
    }

    [Fact]
    public void Export_PerNeuronStreams_WritesTheSeedImages()
    {
        var c = RtlCases.Fixed("sr-neurons");
        using var dir = new TempFolder();
        c.ExportTo(dir.Path);
        var d = c.Design();
        string[] unit = File.ReadAllLines(Path.Combine(dir.Path, d.NeuronSeedsPath));
        Assert.Equal([.. Enumerable.Range(0, d.SeedNeurons).Select(i => XorShift32.NeuronSeed(19, i).ToString("x8", System.Globalization.CultureInfo.InvariantCulture))], unit);

        // Lanes 2: word r is {seed of neuron 2r + 1, seed of neuron 2r}.
        string[] learner = File.ReadAllLines(Path.Combine(dir.Path, d.LearnerRomPath("seeds")));
        Assert.Equal(4, learner.Length);
        Assert.Equal($"{XorShift32.NeuronSeed(19, 3):x8}{XorShift32.NeuronSeed(19, 2):x8}", learner[1]);
        Assert.DoesNotContain("RANDOM_SEED", File.ReadAllText(Path.Combine(dir.Path, "rtl", "srn_learner_core.v")), StringComparison.Ordinal);
    }

    [Fact]
    public void Design_SingleStreamWithLanes_RefusedNamingPerNeuron()
    {
        var c = RtlCases.Fixed("sr-neurons");
        var single = c.Precision with { StochasticStreams = StochasticStreams.Single };
        var e = Assert.Throws<RtlExportException>(() => new HardwareDesign("srn", c.Rule, single, c.Spec, c.Spec.BuildMasks(), lanes: 2));
        Assert.Equal(
            "The precision config asks for stochastic rounding (stochasticBits 4) from one stream with --lanes 2; one generator advanced in the golden walk order allows one lane only. Use --lanes 1, or add \"stochasticStreams\": \"perNeuron\" to the precision config (one generator per hidden neuron: any number of lanes)",
            e.Message);
        Assert.Equal(8, new HardwareDesign("srn", c.Rule, c.Precision, c.Spec, c.Spec.BuildMasks(), lanes: 8).Lanes);
    }

    [Fact]
    public void LearnerRtl_SeedsOnlyThroughTheClearSequence()
    {
        // The generators' states are written by the clear sequence and the updates only, never by an initial block (which
        // would make a second lifetime after CLEAR start from the last one's states); the seed ROM is the ROM module.
        using var dir = Export(lanes: 2);
        Assert.DoesNotContain("initial", File.ReadAllText(Path.Combine(dir.Path, "rtl", "srn_learner_core.v")), StringComparison.Ordinal);
    }

    [Fact]
    public void DrawOnZeroWord_FailsUnitEngineAndLearner()
    {
        using var dir = Export(lanes: 2);
        ExportPatch.Replace(dir.Path, "rtl/srn_plasticity_unit.v", "else if (s1_valid_reg && entry != {ENTRY_WIDTH{1'b0}})", "else if (s1_valid_reg)");
        ExportPatch.Replace(dir.Path, "rtl/srn_learner_core.v", "else if (upd_write && entry != {ENTRY_WIDTH{1'b0}})", "else if (upd_write)");
        AssertFail(dir.Path, "srn_plasticity_unit_tb", "srn_engine_tb", "srn_learner_tb");
    }

    [Fact]
    public void OutputUpdateDrawingFromItsClassRow_FailsLearner()
    {
        // A generator per (table, row) would give the output table one per class, shared across the lanes: the learner
        // drawing the output updates from the walk row (the class) instead of the lane's neuron must fail.
        using var dir = Export(lanes: 2);
        ExportPatch.Replace(dir.Path, "rtl/srn_learner_core.v", "p1_srow <= pat_raddr;", "p1_srow <= row_reg[ROW_WIDTH-1:0];");
        AssertFail(dir.Path, "srn_learner_tb");
    }

    [Fact]
    public void LaneSeededWithAnotherLanesSeeds_FailsLearner()
    {
        using var dir = Export(lanes: 2);
        ExportPatch.Replace(dir.Path, "rtl/srn_learner_core.v", "rng_mem[seed_row_reg] <= seed_word[l*32 +: 32];", "rng_mem[seed_row_reg] <= seed_word[((l + 1) % LANES)*32 +: 32];");
        AssertFail(dir.Path, "srn_learner_tb");
    }

    [Fact]
    public void NoSeedingByTheClearSequence_FailsUnitEngineAndLearner()
    {
        using var dir = Export(lanes: 2);
        ExportPatch.Replace(dir.Path, "rtl/srn_learner_core.v", "if (seed_load_reg) begin", "if (1'b0) begin");
        ExportPatch.Replace(dir.Path, "rtl/srn_plasticity_unit.v", "rng_mem[i] <= seed_mem[i];", "rng_mem[i] <= rng_mem[i];");
        AssertFail(dir.Path, "srn_plasticity_unit_tb", "srn_engine_tb", "srn_learner_tb");
    }

    [Fact]
    [Trait("Category", "Heavy")]
    public void Verilator_PerNeuronStreamsFourLanes_CosimulatesBitExact()
    {
        using var dir = Export(lanes: 4);
        var results = Cosimulator.Run(dir.Path, Simulator.Verilator, ["srn_plasticity_unit_tb", "srn_engine_tb", "srn_learner_tb"]);
        Assert.Equal(3, results.Length);
        Assert.All(results, r => Assert.True(r.Passed && r.Checks > 0, $"{r.Module}: {string.Join('\n', r.MismatchLines.Take(5))}\n{r.Log[^Math.Min(2000, r.Log.Length)..]}"));
    }

    private static TempFolder Export(int lanes)
    {
        var c = RtlCases.Fixed("sr-neurons");
        var dir = new TempFolder();
        (c with { Settings = c.Settings with { Lanes = lanes } }).ExportTo(dir.Path);
        return dir;
    }

    private static void AssertFail(string dir, params string[] testbenches)
    {
        var results = Cosimulator.Run(dir, Simulator.Iverilog, testbenches);
        Assert.Equal(testbenches.Length, results.Length);
        Assert.All(results, r =>
        {
            Assert.False(r.Passed, $"{r.Module} passed with the mutation");
            Assert.Contains(r.MismatchLines, l => l.StartsWith(r.Module[..^3] + " ", StringComparison.Ordinal));
        });
    }
}
