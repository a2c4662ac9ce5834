using System.Text.RegularExpressions;
using Xunit;

namespace Neuro.RtlExport;

/// <summary>
/// The layout co-simulations catch broken address logic (issue 15): each test exports the <c>layout-mut</c> case (a
/// phase, absolute and relative margins, weight codes and a 2-bit role, every sample updating every output row), breaks
/// one piece of the new address logic the way a bug would, and requires the testbench that can see it to fail.
/// </summary>
public sealed partial class LayoutMutationTests
{
    private const string Core = "rtl/lmut_learner_core.v";
    private const string Unit = "rtl/lmut_plasticity_unit.v";
    private const string Engine = "rtl/lmut_engine.v";

    [Fact]
    public void Unmutated_Passes()
    {
        using var dir = Export();
        var results = Cosimulator.Run(dir.Path, Simulator.Iverilog);
        Assert.Equal(4, results.Length);
        Assert.All(results, r => Assert.True(r.Passed, $"{r.Module}: {string.Join('\n', r.MismatchLines.Take(5))}\n{r.Log[^Math.Min(2000, r.Log.Length)..]}"));
    }

    [Fact]
    public void MarginAboveOrEqual_FailsLearner()
    {
        // A margin equal to a threshold is not above it: the relative threshold 0 meets margin 0 whenever logits tie.
        using var dir = Export();
        ExportPatch.Replace(dir.Path, Core, "($signed(margin_value) > $signed(", "($signed(margin_value) >= $signed(", count: 4);
        AssertFails(dir.Path, "lmut_learner_tb");
    }

    [Fact]
    public void RelativeThresholdShiftOffByOne_FailsLearner()
    {
        // floor(L/8) becomes floor(L/4) for the threshold +1/8 (the bound of a relative margin is a shift of L).
        using var dir = Export();
        string text = File.ReadAllText(Path.Combine(dir.Path, Core));
        var line = RelativeBound().Match(text);
        Assert.True(line.Success, "no bound wire of the +1/8 threshold");
        int width = int.Parse(line.Groups["w"].Value, System.Globalization.CultureInfo.InvariantCulture);
        int top = int.Parse(line.Groups["top"].Value, System.Globalization.CultureInfo.InvariantCulture);
        ExportPatch.Replace(dir.Path, Core, line.Value, line.Value.Replace($"{{{{{width}{{1'b0}}}}, max_abs_reg[{top}:3]}}", $"{{{{{width - 1}{{1'b0}}}}, max_abs_reg[{top}:2]}}", StringComparison.Ordinal));
        AssertFails(dir.Path, "lmut_learner_tb");
    }

    [Fact]
    public void PhaseCapOffByOne_FailsLearner()
    {
        // The 2-bit phase stops at 2 instead of 3 (the comparison seen >= 7 is dropped).
        using var dir = Export();
        ExportPatch.Replace(dir.Path, Core, " + {{1{1'b0}}, (seen_reg >= 3'h7)}", "");
        AssertFails(dir.Path, "lmut_learner_tb");
    }

    [Fact]
    public void PhaseCountsTheCurrentSample_FailsLearner()
    {
        // The phase code reads the count including the current sample (the model reads the samples seen before it).
        using var dir = Export();
        ExportPatch.Replace(dir.Path, Core, "(seen_reg >= ", "(seen_reg + 1'b1 >= ", count: 3);
        AssertFails(dir.Path, "lmut_learner_tb");
    }

    [Fact]
    public void PhaseCounterNotClearedByReset_FailsLearner()
    {
        using var dir = Export();
        ExportPatch.Replace(dir.Path, Core, "        seen_reg <= {3{1'b0}};\n    end else if (", "        seen_reg <= seen_reg;\n    end else if (");
        AssertFails(dir.Path, "lmut_learner_tb");
    }

    [Fact]
    public void WeightCodeAfterTheUpdate_FailsEngine()
    {
        // The engine's weight field reads the weight its unit just wrote (the previous synapse's, after its update).
        using var dir = Export();
        ReplaceInLine(dir.Path, Unit, "wire [1:0] input_weight_code = ", "in_weight", "out_weight");
        AssertFails(dir.Path, "lmut_engine_tb");
    }

    [Fact]
    public void WeightCodeOneStageLate_FailsLearner()
    {
        // The learner's weight field reads stage 2's weight (the previous synapse's, before its update) instead of stage 1's.
        using var dir = Export();
        ReplaceInLine(dir.Path, Core, "    wire [1:0] input_weight_code = ", "upd_w_now", "upd_w_reg");
        AssertFails(dir.Path, "lmut_learner_tb");
    }

    [Fact]
    public void WeightSignBitDropped_FailsUnit()
    {
        // The input table's 2-bit weight code loses its sign bit: negative weights read the words of positive ones.
        using var dir = Export();
        ExportPatch.Replace(dir.Path, Unit, "? in_weight[3:2] : (in_weight[4] ? 2'h2 : 2'h1);", "? {1'b0, in_weight[2]} : 2'h1;");
        AssertFails(dir.Path, "lmut_plasticity_unit_tb");
    }

    [Fact]
    public void AddressFieldsSwapped_FailsUnitEngineAndLearner()
    {
        using var dir = Export();
        ExportPatch.Replace(dir.Path, Unit, ".addr({pre_pattern, in_hidden_phase, post_pattern}),", ".addr({post_pattern, in_hidden_phase, pre_pattern}),");
        ExportPatch.Replace(dir.Path, Core, ".addr({pre_pattern, hidden_phase_reg, pat_q}),", ".addr({pat_q, hidden_phase_reg, pre_pattern}),");
        var results = Cosimulator.Run(dir.Path, Simulator.Iverilog, ["lmut_plasticity_unit_tb", "lmut_engine_tb", "lmut_learner_tb"]);
        Assert.All(results, r => Assert.False(r.Passed, $"{r.Module} passed with the fields swapped"));
    }

    [Fact]
    public void RoleOfPredictionAndOtherRowsSwapped_FailsEngineAndLearner()
    {
        using var dir = Export();
        ExportPatch.Replace(dir.Path, Engine, "prediction_reg ? 2'd1 : 2'd2", "prediction_reg ? 2'd2 : 2'd1", count: 2);
        ExportPatch.Replace(dir.Path, Core, "best_reg ? 2'd1 : 2'd2", "best_reg ? 2'd2 : 2'd1", count: 2);
        var results = Cosimulator.Run(dir.Path, Simulator.Iverilog, ["lmut_engine_tb", "lmut_learner_tb"]);
        Assert.All(results, r => Assert.False(r.Passed, $"{r.Module} passed with the roles swapped"));
    }

    [Fact]
    public void BestOtherLogitIncludesTheLabel_FailsLearner()
    {
        // The margin's best other logit also takes the label's logit (so a right answer never has a positive margin).
        using var dir = Export();
        ExportPatch.Replace(dir.Path, Core, "if (logit_class_reg == label_reg) begin\n            label_logit_reg <= logit_reg;\n        end else if (",
            "if (logit_class_reg == label_reg) begin\n            label_logit_reg <= logit_reg;\n        end\n        if (");
        AssertFails(dir.Path, "lmut_learner_tb");
    }

    /// <summary>Replaces <paramref name="old"/> with <paramref name="replacement"/> within the one line starting <paramref name="prefix"/>.</summary>
    private static void ReplaceInLine(string dir, string file, string prefix, string old, string replacement)
    {
        string line = Assert.Single(File.ReadAllLines(Path.Combine(dir, file)), l => l.StartsWith(prefix, StringComparison.Ordinal));
        Assert.Contains(old, line, StringComparison.Ordinal);
        ExportPatch.Replace(dir, file, line, line.Replace(old, replacement, StringComparison.Ordinal));
    }

    private static TempFolder Export()
    {
        var dir = new TempFolder();
        RtlCases.Fixed("layout-mut").ExportTo(dir.Path);
        return dir;
    }

    private static void AssertFails(string dir, string testbench)
    {
        var r = Assert.Single(Cosimulator.Run(dir, Simulator.Iverilog, [testbench]));
        Assert.False(r.Passed, $"{testbench} passed with the mutation");
        Assert.NotEqual(0, r.ExitCode);
        Assert.NotEmpty(r.MismatchLines);
    }

    [GeneratedRegex(@"wire \[\d+:0\] output_margin_bound_2 = \{\{(?<w>\d+)\{1'b0\}\}, max_abs_reg\[(?<top>\d+):3\]\};")]
    private static partial Regex RelativeBound();
}
