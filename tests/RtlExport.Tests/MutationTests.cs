using Xunit;

namespace Neuro.RtlExport;

/// <summary>
/// The testbenches catch broken hardware, not only broken data: each test exports a design, breaks one thing in the
/// exported files the way a bug would (a flipped ROM word, a changed overflow mode, the cap's tie rule reversed,
/// <c>done</c> one clock early or late), and requires the co-simulation to fail with the matching mismatch.
/// </summary>
public sealed class MutationTests
{
    private const string Case = "ties-sat";

    [Fact]
    public void FlippedRuleRomWord_FailsEngineAndLearner()
    {
        using var dir = Export(out var c);
        string path = Path.Combine(dir.Path, "rom", "mut_hidden.mem");
        string[] words = File.ReadAllLines(path);
        words[0] = CosimulatorTests.Flip(words[0]);
        ExportPatch.Rewrite(dir.Path, "rom/mut_hidden.mem", string.Join('\n', words) + "\n");
        var results = Cosimulator.Run(dir.Path, Simulator.Iverilog, ["mut_engine_tb", "mut_learner_tb"]);
        Assert.All(results, r => Assert.False(r.Passed, r.Module));
        Assert.Contains(results.Single(r => r.Module == "mut_learner_tb").MismatchLines, l => l.StartsWith("mut_learner hidden addr=", StringComparison.Ordinal));
    }

    [Fact]
    public void FlippedInputMaskWord_FailsLearner()
    {
        using var dir = Export(out _);
        string path = Path.Combine(dir.Path, "rom", "mut_learner_input_mask.mem");
        string[] words = File.ReadAllLines(path);
        words[1] = CosimulatorTests.Flip(words[1]);
        ExportPatch.Rewrite(dir.Path, "rom/mut_learner_input_mask.mem", string.Join('\n', words) + "\n");
        AssertFails(dir.Path, "mut_learner_tb", "mut_learner input addr=");
    }

    [Fact]
    public void ActivationOverflowSatToWrap_FailsNarrowing()
    {
        using var dir = Export(out _);
        ExportPatch.Replace(dir.Path, "rtl/mut_requantize.v",
            "assign out = overflow ? (negative ? {1'b1, {(OUT_WIDTH-1){1'b0}}} : {1'b0, {(OUT_WIDTH-1){1'b1}}}) : signed_value[OUT_WIDTH-1:0];",
            "assign out = overflow ? signed_value[OUT_WIDTH-1:0] : signed_value[OUT_WIDTH-1:0];");
        AssertFails(dir.Path, "mut_requantize_tb", "mut_requantize instance=");
    }

    [Fact]
    public void WeightOverflowSatToWrap_FailsLearner()
    {
        using var dir = Export(out _);
        ExportPatch.Replace(dir.Path, "rtl/mut_learner_core.v", "upd_result = WEIGHT_MAX;", "upd_result = sum[WEIGHT_WIDTH-1:0];");
        ExportPatch.Replace(dir.Path, "rtl/mut_learner_core.v", "upd_result = WEIGHT_MIN;", "upd_result = sum[WEIGHT_WIDTH-1:0];");
        AssertFails(dir.Path, "mut_learner_tb", "mut_learner ");
    }

    [Fact]
    public void CapTieRuleReversed_FailsLearner()
    {
        // The higher index wins: the count pass counts values at or above the threshold (G), so CAP - G is minus the
        // number of tied values to skip, and the apply pass keeps a tie once that many have been seen.
        using var dir = Export(out _);
        ExportPatch.Replace(dir.Path, "rtl/mut_learner_core.v",
            "assign hit_bus[l] = p1_phase == PHASE_SEARCH ? s_q >= candidate : s_q > threshold_reg;",
            "assign hit_bus[l] = p1_phase == PHASE_SEARCH ? s_q >= candidate : s_q >= threshold_reg;");
        ExportPatch.Replace(dir.Path, "rtl/mut_learner_core.v",
            "keep_bus[j] = gt_bus[j] | (eq_bus[j] & (eq_seen < budget_reg));",
            "keep_bus[j] = gt_bus[j] | (eq_bus[j] & (eq_seen >= ~budget_reg + 1'b1));");
        AssertFails(dir.Path, "mut_learner_tb", "mut_learner ");
    }

    [Fact]
    public void LearnerResultOneClockEarly_FailsLatency()
    {
        using var dir = Export(out _);
        ExportPatch.Replace(dir.Path, "rtl/mut_learner.v", "assign m_axis_tvalid = result_valid_reg;", "assign m_axis_tvalid = result_valid_reg || core_done;");
        AssertFails(dir.Path, "mut_learner_tb", "mut_learner latency sample=0 ");
    }

    [Fact]
    public void LearnerResultOneClockLate_FailsLatency()
    {
        using var dir = Export(out _);
        ExportPatch.Replace(dir.Path, "rtl/mut_learner.v", "assign m_axis_tvalid = result_valid_reg;",
            "reg late_reg;\nalways @(posedge aclk) late_reg <= result_valid_reg;\nassign m_axis_tvalid = result_valid_reg && late_reg;");
        AssertFails(dir.Path, "mut_learner_tb", "mut_learner latency sample=0 ");
    }

    [Fact]
    public void EngineDoneOneClockEarly_FailsClocks()
    {
        // The last write-back still lands, so only the timing check can see it.
        using var dir = Export(out _);
        ExportPatch.Replace(dir.Path, "rtl/mut_engine.v", "wire pipe_active = walk_valid_reg | rd_valid_reg | pu_busy;",
            "wire pipe_active = walk_valid_reg | rd_valid_reg | (pu_busy & ~pu_out_valid);");
        var r = AssertFails(dir.Path, "mut_engine_tb", "mut_engine clocks addr=0 ");
        Assert.DoesNotContain(r.MismatchLines, l => l.StartsWith("mut_engine hidden", StringComparison.Ordinal));
    }

    [Fact]
    public void EngineDoneOneClockLate_FailsClocks()
    {
        using var dir = Export(out _);
        ExportPatch.Replace(dir.Path, "rtl/mut_engine.v", "done <= ", "done_early <= ", count: 3);
        ExportPatch.Replace(dir.Path, "rtl/mut_engine.v", "\nendmodule", "\nreg done_early;\nalways @(posedge clk) done <= done_early;\n\nendmodule");
        AssertFails(dir.Path, "mut_engine_tb", "mut_engine clocks addr=0 ");
    }

    [Fact]
    public void Unmutated_Passes()
    {
        using var dir = Export(out _);
        var results = Cosimulator.Run(dir.Path, Simulator.Iverilog);
        Assert.All(results, r => Assert.True(r.Passed, $"{r.Module}: {string.Join('\n', r.MismatchLines.Take(5))}\n{r.Log[^Math.Min(2000, r.Log.Length)..]}"));
    }

    private static TempFolder Export(out RtlCases.Case c)
    {
        c = RtlCases.Fixed(Case);
        var dir = new TempFolder();
        c.ExportTo(dir.Path);
        return dir;
    }

    private static TestbenchResult AssertFails(string dir, string testbench, string mismatchPrefix)
    {
        var r = Assert.Single(Cosimulator.Run(dir, Simulator.Iverilog, [testbench]));
        Assert.False(r.Passed, $"{testbench} passed with the mutation");
        Assert.NotEqual(0, r.ExitCode);
        Assert.True(r.MismatchLines.Any(l => l.StartsWith(mismatchPrefix, StringComparison.Ordinal)),
            $"no mismatch starting '{mismatchPrefix}':\n{string.Join('\n', r.MismatchLines.Take(10))}\n{r.Log[^Math.Min(1500, r.Log.Length)..]}");
        return r;
    }
}
