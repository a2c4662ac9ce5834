using Xunit;

namespace Neuro.RtlExport;

/// <summary>
/// The exported Verilog against the C# fixed-point model: every testbench must pass with checks &gt; 0 (so it cannot pass
/// vacuously), the engine must make exactly the model's updates, and a corrupted golden vector must fail.
/// </summary>
public sealed class CosimulatorTests
{
    /// <summary>Random rule/precision/network seeds run with Icarus Verilog in the default suite.</summary>
    public static TheoryData<int> FastSeeds => [101, 102, 103, 104];

    [Theory]
    [MemberData(nameof(FastSeeds))]
    public void Iverilog_RandomRuleAndPrecision_MatchesTheModel(int seed) => AssertCosimPasses(RtlCases.Random(seed), Simulator.Iverilog);

    [Fact]
    public void Iverilog_FixedCases_MatchTheModel()
    {
        foreach (string name in RtlCases.SnapshotCases)
        {
            AssertCosimPasses(RtlCases.Fixed(name), Simulator.Iverilog);
        }
    }

    [Fact]
    public void Verilator_RandomLearner_MatchesTheModel() =>
        AssertCosimPasses(RtlCases.Random(105), Simulator.Verilator, only: "learner");

    [Fact]
    public void Verilator_EngineOfMoreThan64Neurons_MatchesTheModel()
    {
        // The plasticity unit's history loop runs over NEURONS; past Verilator's default unroll limit (64) it refused
        // the nonblocking array assignments (BLKLOOPINIT) until the cosimulator raised the limit.
        var c = RtlCases.Fixed("demo-w8-e6");
        c = c with { Name = "wide", Spec = c.Spec with { Hidden = 70, Cap = 35 }, Settings = c.Settings with { Samples = 4 } };
        AssertCosimPasses(c, Simulator.Verilator, only: "engine");
    }

    [Fact]
    [Trait("Category", "Heavy")]
    public void Iverilog_ManyRandomRules_MatchTheModel()
    {
        for (int seed = 200; seed < 240; seed++)
        {
            AssertCosimPasses(RtlCases.Random(seed), Simulator.Iverilog);
        }
    }

    [Fact]
    [Trait("Category", "Heavy")]
    public void Verilator_RandomRules_MatchTheModel()
    {
        for (int seed = 300; seed < 304; seed++)
        {
            AssertCosimPasses(RtlCases.Random(seed), Simulator.Verilator);
        }
    }

    [Fact]
    public void Iverilog_CorruptedLifetimeVector_FailsWithMismatchLine()
    {
        var c = RtlCases.Fixed("r1-all-tables-sat");
        using var dir = new TempFolder();
        c.ExportTo(dir.Path);
        string path = Path.Combine(dir.Path, "vectors", "neuro_engine_expected_hidden.mem");
        string[] lines = File.ReadAllLines(path);
        string original = lines[2];
        lines[2] = Flip(original);
        ExportPatch.Rewrite(dir.Path, Path.GetRelativePath(dir.Path, path), string.Join('\n', lines) + "\n");
        var results = Cosimulator.Run(dir.Path, Simulator.Iverilog, ["neuro_engine_tb"]);
        var r = Assert.Single(results);
        Assert.False(r.Passed);
        Assert.NotEqual(0, r.ExitCode);
        Assert.Equal(1, r.Mismatches);
        Assert.Equal($"neuro_engine hidden addr=2 expected={lines[2]} got={original}", Assert.Single(r.MismatchLines));
    }

    [Fact]
    public void Iverilog_CorruptedUnitVector_FailsWithMismatchLine()
    {
        var c = RtlCases.Fixed("r0-hidden-only-satsym");
        using var dir = new TempFolder();
        c.ExportTo(dir.Path);
        string path = Path.Combine(dir.Path, "vectors", "tiny_plasticity_unit_expected.mem");
        string[] lines = File.ReadAllLines(path);
        lines[0] = Flip(lines[0]);
        ExportPatch.Rewrite(dir.Path, Path.GetRelativePath(dir.Path, path), string.Join('\n', lines) + "\n");
        var r = Assert.Single(Cosimulator.Run(dir.Path, Simulator.Iverilog, ["tiny_plasticity_unit_tb"]));
        Assert.False(r.Passed);
        Assert.NotEqual(0, r.ExitCode);
        Assert.StartsWith("tiny_plasticity_unit update=0 table=0 addr=", Assert.Single(r.MismatchLines), StringComparison.Ordinal);
    }

    private static void AssertCosimPasses(RtlCases.Case c, Simulator simulator, string? only = null)
    {
        using var dir = new TempFolder();
        var export = c.ExportTo(dir.Path);
        var results = Cosimulator.Run(dir.Path, simulator, only is null ? null : [$"{c.Settings.Name}_{only}_tb"]);
        Assert.Equal(only is null ? 4 : 1, results.Length);
        foreach (var r in results)
        {
            Assert.True(r.Passed, $"{c.Name}: {r.Module} failed (exit {r.ExitCode}, checks {r.Checks}, mismatches {r.Mismatches}):\n{string.Join('\n', r.MismatchLines.Take(10))}\n{r.Log[^Math.Min(r.Log.Length, 2000)..]}");
            Assert.True(r.Checks > 0, $"{c.Name}: {r.Module} checked nothing");
            if (r.Module == export.Engine + "_tb")
            {
                Assert.Equal(export.ExpectedUpdates, r.Stats["updates"]);
                Assert.Equal(export.HiddenEdges + export.InputEdges + export.OutputWords + 1 + export.Samples, r.Checks);
            }

            if (r.Module == export.Learner + "_tb")
            {
                // The same lifetime as the engine's, so the same synapse updates; then the frozen phase.
                Assert.Equal(export.ExpectedUpdates, r.Stats["updates"]);
                Assert.Equal(export.Samples + c.Settings.TestSamples, r.Stats["samples"]);
                long weights = (long)c.Design().Rows * (c.Spec.Hidden + (c.Rule.Input is null ? 0 : c.Spec.Inputs) + (c.Rule.Output is null ? 0 : c.Spec.Classes)) * c.Settings.Lanes;
                Assert.Equal(2L * (export.Samples + c.Settings.TestSamples) + 5 + weights, r.Checks);
            }
        }
    }

    [Fact]
    public void Run_FileChangedAfterExport_IsRefused()
    {
        using var dir = new TempFolder();
        RtlCases.Fixed("r0-hidden-only-satsym").ExportTo(dir.Path);
        File.AppendAllText(Path.Combine(dir.Path, "rtl", "tiny_rom.v"), "// edited\n");
        var e = Assert.Throws<RtlExportException>(() => Cosimulator.Run(dir.Path, Simulator.Iverilog));
        Assert.Equal($"'rtl/tiny_rom.v' in '{dir.Path}' does not match its SHA-256 in manifest.json (changed after the export); export again", e.Message);
    }

    /// <summary>The hex word with its lowest bit flipped.</summary>
    internal static string Flip(string hex)
    {
        int last = Convert.ToInt32(hex[^1..], 16) ^ 1;
        return hex[..^1] + "0123456789abcdef"[last];
    }
}
