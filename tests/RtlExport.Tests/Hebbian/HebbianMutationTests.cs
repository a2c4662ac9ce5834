using Neuro.FixedPointSim;
using Neuro.FixedPointSim.Hebbian;
using Neuro.Rules.Hebbian;
using Xunit;

namespace Neuro.RtlExport;

/// <summary>
/// The Hebbian engine's testbench catches broken hardware, not only broken data: each test exports an engine, breaks one
/// thing in the exported files the way a bug would, and requires the co-simulation to fail with the matching mismatch.
/// </summary>
public sealed class HebbianMutationTests
{
    private const string Layer = "rtl/neuro_hidden_plasticity.v";

    [Fact]
    public void FlippedAddRomWord_Fails()
    {
        using var dir = Export(HebbianCases.Shipped, HebbianPrecision.Default);
        string path = Path.Combine(dir.Path, "rom", "neuro_hidden_add.mem");
        string[] words = File.ReadAllLines(path);
        int at = words.Length - 1; // pre and post at their top levels: a bright pixel onto a strongly active neuron
        words[at] = FlipBit(words[at], HebbianPrecision.Default.StochasticBits(HebbianPrecision.Default.HiddenWeight)); // one weight LSB
        ExportPatch.Rewrite(dir.Path, "rom/neuro_hidden_add.mem", string.Join('\n', words) + "\n");
        AssertFails(dir.Path, "neuro_hebbian_engine_tb sample=");
    }

    [Fact]
    public void FlippedScaleRomWord_Fails()
    {
        // The homeostatic term changes weights in the model, so a wrong multiply word must show.
        using var dir = Export(HebbianCases.Strong, HebbianPrecision.Default);
        string path = Path.Combine(dir.Path, "rom", "neuro_output_scale.mem");
        string[] words = File.ReadAllLines(path);
        // Teacher 0, trace level 0: the rows of the units that are not the label, whose traces decay to level 0 (the
        // label's row at level 0 multiplies only the zero weights of a unit never taught before).
        words[0] = FlipBit(words[0], 22);
        ExportPatch.Rewrite(dir.Path, "rom/neuro_output_scale.mem", string.Join('\n', words) + "\n");
        AssertFails(dir.Path, "neuro_hebbian_engine_tb sample=");
    }

    public static TheoryData<Overflow, bool, string, string> OverflowMutations => new()
    {
        { Overflow.Sat, true, "overflow_up ? WEIGHT_MAX : overflow_down ? WEIGHT_MIN : sum[WEIGHT_WIDTH-1:0]", "sum[WEIGHT_WIDTH-1:0]" },
        { Overflow.SatZero, true, "overflow_up | overflow_down ? {WEIGHT_WIDTH{1'b0}} : sum[WEIGHT_WIDTH-1:0]", "sum[WEIGHT_WIDTH-1:0]" },
        { Overflow.SatSym, false, "overflow_up ? WEIGHT_MAX : overflow_down ? WEIGHT_SYM_MIN : sum[WEIGHT_WIDTH-1:0]", "overflow_up ? WEIGHT_MAX : overflow_down ? {1'b1, {(WEIGHT_WIDTH-1){1'b0}}} : sum[WEIGHT_WIDTH-1:0]" },
        { Overflow.Wrap, false, "assign new_weight = sum[WEIGHT_WIDTH-1:0];", "assign new_weight = sum[SUM_WIDTH-1] ? {1'b1, {(WEIGHT_WIDTH-1){1'b0}}} : sum[WEIGHT_WIDTH-1:0];" },
    };

    [Theory]
    [MemberData(nameof(OverflowMutations))]
    public void WrongOverflowMode_Fails(Overflow overflow, bool stochastic, string right, string wrong)
    {
        using var dir = Export(HebbianCases.Strong, HebbianCases.WithOverflow(overflow, stochastic));
        ExportPatch.Replace(dir.Path, Layer, right, wrong);
        AssertFails(dir.Path, "neuro_hebbian_engine_tb sample=");
    }

    [Fact]
    public void GeneratorSkipsZeroWords_Fails()
    {
        // The contract advances the generator on every update, zero words included (the pattern family skips them): a
        // generator that skips the zero add words (pre level 0, as C = D = 0 makes them) draws a shifted stream.
        using var dir = Export(HebbianCases.ZeroWords, HebbianPrecision.Default);
        ExportPatch.Replace(dir.Path, Layer, "assign rng_advance = s2_valid_reg;", "assign rng_advance = s2_valid_reg & |add_word;");
        ExportPatch.Replace(dir.Path, "rtl/neuro_output_plasticity.v", "assign rng_advance = s2_valid_reg;", "assign rng_advance = s2_valid_reg & |add_word;");
        AssertFails(dir.Path, "neuro_hebbian_engine_tb sample=");
    }

    [Fact]
    public void PerPreDraws_RowsThatDoNotRestart_Fail()
    {
        // perPre: each row's first draw restarts from the walk's first state. An engine that keeps drawing on (the
        // perSynapse stream) gives the second row other draws than the model.
        using var dir = Export(HebbianCases.Shipped, HebbianExportTests.PerPre(HebbianPrecision.Default));
        ExportPatch.Replace(dir.Path, "rtl/neuro_hebbian_engine.v", "hid_rng_restart | out_rng_restart ? rng_base_reg : rng_reg", "rng_reg");
        AssertFails(dir.Path, "neuro_hebbian_engine_tb sample=");
    }

    [Fact]
    public void PerPreDraws_OutputWalkRestartingFromTheHiddenWalksState_Fails()
    {
        // The output walk's rows restart from the state the hidden walk ended with, not from the hidden walk's start.
        using var dir = Export(HebbianCases.Shipped, HebbianExportTests.PerPre(HebbianPrecision.Default));
        ExportPatch.Replace(dir.Path, "rtl/neuro_hebbian_engine.v", "if (take_start | hid_done) begin", "if (take_start) begin");
        AssertFails(dir.Path, "neuro_hebbian_engine_tb sample=");
    }

    [Fact]
    public void PreAndPostSwappedInTheAddress_Fails()
    {
        using var dir = Export(HebbianCases.Shipped, HebbianPrecision.Default);
        ExportPatch.Replace(dir.Path, Layer, ".addr({pre_level, s1_post_reg}),", ".addr({s1_post_reg, pre_level}),");
        AssertFails(dir.Path, "neuro_hebbian_engine_tb sample=");
    }

    [Fact]
    public void DoneOneClockEarly_Fails()
    {
        using var dir = Export(HebbianCases.Shipped, HebbianPrecision.Default);
        ExportPatch.Replace(dir.Path, "rtl/neuro_output_plasticity.v", "done <= s2_valid_reg & s2_last_reg;", "done <= s1_valid_reg & s1_last_reg;");
        long clocks = new Hebbian.HebbianHardwareDesign("neuro", HebbianCases.Shipped, HebbianPrecision.Default, HebbianCases.Spec).ClocksPerSample;
        var r = AssertFails(dir.Path, $"neuro_hebbian_engine_tb sample=0 clocks={clocks - 1} expected_clocks={clocks} ");
    }

    [Fact]
    public void TraceNotUpdated_Fails()
    {
        using var dir = Export(HebbianCases.Strong, HebbianPrecision.Default);
        ExportPatch.Replace(dir.Path, Layer, "assign trace_we = state_reg == ST_CLEAR || state_reg == ST_ROW;", "assign trace_we = state_reg == ST_CLEAR;");
        AssertFails(dir.Path, "neuro_hebbian_engine_tb sample=");
    }

    [Fact]
    public void WriteBackDropped_FailsTheFinalReadBack()
    {
        // The update port shows the right values while the memory keeps the old ones: only the read-back sees it.
        using var dir = Export(HebbianCases.Strong, HebbianPrecision.Default, samples: 1);
        ExportPatch.Replace(dir.Path, Layer, "assign weight_we = s2_valid_reg | (host_we & host_ok);", "assign weight_we = host_we & host_ok;");
        var r = AssertFails(dir.Path, "neuro_hebbian_engine_tb final layer=0 ");
        Assert.DoesNotContain(r.MismatchLines, l => l.Contains("sample=", StringComparison.Ordinal));
    }

    [Fact]
    public void CorruptedVector_IsRefusedThenFails()
    {
        using var dir = Export(HebbianCases.Shipped, HebbianPrecision.Default);
        string relative = "vectors/neuro_hebbian_engine_expected.mem";
        string path = Path.Combine(dir.Path, relative);
        string original = File.ReadAllText(path);
        var lines = File.ReadAllLines(path);
        lines[100] = FlipBit(lines[100], 0);
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
        var refused = Assert.Throws<RtlExportException>(() => Cosimulator.Run(dir.Path, Simulator.Iverilog));
        Assert.Contains(relative, refused.Message, StringComparison.Ordinal);

        File.WriteAllText(path, original);
        ExportPatch.Rewrite(dir.Path, relative, string.Join('\n', lines) + "\n");
        var r = AssertFails(dir.Path, "neuro_hebbian_engine_tb sample=1 update=16 "); // 84 updates per sample
        Assert.Equal(1, r.Mismatches);
    }

    /// <summary>The hex word with bit <paramref name="bit"/> inverted.</summary>
    internal static string FlipBit(string hex, int bit)
    {
        int digit = hex.Length - 1 - (bit / 4);
        int value = Convert.ToInt32(hex[digit..(digit + 1)], 16) ^ (1 << (bit % 4));
        return hex[..digit] + "0123456789abcdef"[value] + hex[(digit + 1)..];
    }

    private static TempFolder Export(HebbianRule rule, HebbianPrecision precision, int samples = 8)
    {
        var dir = new TempFolder();
        HardwareExporter.Export(rule, precision, HebbianCases.Spec, HebbianCases.Stream(samples), new HardwareExportSettings(), dir.Path);
        return dir;
    }

    private static TestbenchResult AssertFails(string dir, string mismatchPrefix)
    {
        var r = Assert.Single(Cosimulator.Run(dir, Simulator.Iverilog));
        Assert.False(r.Passed, "the mutation went unnoticed");
        Assert.True(r.MismatchLines.Any(l => l.StartsWith(mismatchPrefix, StringComparison.Ordinal)),
            $"no mismatch line starts with '{mismatchPrefix}':\n{string.Join('\n', r.MismatchLines.Take(10))}\n{r.Log[^Math.Min(r.Log.Length, 2000)..]}");
        return r;
    }
}
