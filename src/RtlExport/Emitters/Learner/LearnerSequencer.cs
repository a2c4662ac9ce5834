using Neuro.RtlExport.Verilog;

namespace Neuro.RtlExport.Emitters.Learner;

/// <summary>
/// The learner core's sequencer: the phase register, the walk counters (row, column, the lanes' shared address, and
/// the broadcast row and lane of the presynaptic neuron), the drain counter, the cap's threshold search, and the
/// transitions from walk to walk; also the step pipeline (<c>p1</c>..<c>p4</c>) that carries each step's flags to the
/// stages that need them.
/// </summary>
internal static class LearnerSequencer
{
    public static void Add(VerilogModule m, HardwareDesign d)
    {
        AddRegisters(m, d);
        AddWires(m, d);
        m.Registers("Sequencer: walks of one sample, the clear sequence, and the transitions between walks", "rst",
            [("phase_reg", "PHASE_CLEAR"), ("issue_reg", "1'b0"), ("drain_reg", "3'd0"), ("addr_reg", "{ADDR_WIDTH{1'b0}}"), ("done", "1'b0")],
            [
                Stmt.Set("done", "1'b0"),
                Stmt.Chain(
                [
                    ("phase_reg == PHASE_IDLE", Idle()),
                    ("phase_reg == PHASE_CLEAR", [Stmt.If("addr_reg == CLEAR_LAST[ADDR_WIDTH-1:0]", [Stmt.Set("phase_reg", "PHASE_IDLE")], [Stmt.Set("addr_reg", "addr_reg + 1'b1")])]),
                    ("issue_reg", Advance(d)),
                    ("drain_reg != DRAIN_LAST[2:0]", [Stmt.Set("drain_reg", "drain_reg + 1'b1")]),
                ],
                Transitions(d)),
            ]);
        m.Registers("Step pipeline: each step's flags follow its data through the stages", "rst",
            [("p1_valid", "1'b0"), ("p2_valid", "1'b0"), ("p3_valid", "1'b0"), ("p4_valid", "1'b0")],
            [Stmt.Set("p1_valid", "issue_reg"), Stmt.Set("p2_valid", "p1_valid"), Stmt.Set("p3_valid", "p2_valid"), Stmt.Set("p4_valid", "p3_valid")],
            [
                Stmt.Set("p1_phase", "phase_reg"), Stmt.Set("p1_first", "col_reg == {COL_WIDTH{1'b0}}"), Stmt.Set("p1_last", "col_last_hit"),
                Stmt.Set("p1_row", "row_reg"), Stmt.Set("p1_blane", "blane_reg"), Stmt.Set("p1_addr", "addr_reg"), .. d.HasOutput ? [Stmt.Set("p1_kind", "kind_reg")] : Array.Empty<Stmt>(),
                Stmt.Set("p2_phase", "p1_phase"), Stmt.Set("p2_first", "p1_first"), Stmt.Set("p2_last", "p1_last"), Stmt.Set("p2_row", "p1_row"), Stmt.Set("p2_addr", "p1_addr"),
                Stmt.Set("p3_phase", "p2_phase"), Stmt.Set("p3_first", "p2_first"), Stmt.Set("p3_last", "p2_last"), Stmt.Set("p3_row", "p2_row"),
                Stmt.Set("p4_phase", "p3_phase"), Stmt.Set("p4_last", "p3_last"), Stmt.Set("p4_row", "p3_row"),
                .. d.PerNeuronStreams ? [Stmt.Set("p1_srow", "pat_raddr"), Stmt.Set("p2_srow", "p1_srow")] : Array.Empty<Stmt>(),
            ]);
        m.Assign("idle", "phase_reg == PHASE_IDLE");
        m.Assign("clearing", "phase_reg == PHASE_CLEAR");
    }

    private static void AddRegisters(VerilogModule m, HardwareDesign d)
    {
        m.Reg("phase_reg", "[3:0]", "The phase (which walk runs)");
        m.Reg("issue_reg", "", "The walk issues a step this clock (else it drains)");
        m.Reg("drain_reg", "[2:0]", "Drain clocks so far");
        m.Reg("row_reg", "[WALK_ROW_WIDTH-1:0]", "Walk row: a lane row, or a class for the logits and output updates");
        m.Reg("col_reg", "[COL_WIDTH-1:0]", "Walk column: an input, a presynaptic neuron, or a lane row");
        m.Reg("addr_reg", "[ADDR_WIDTH-1:0]", "The lanes' weight address: row*columns + column (or c*ROWS + column)");
        m.Reg("brow_reg", "[ROW_WIDTH-1:0]", "Broadcast: the presynaptic neuron's row (col_reg / LANES)");
        m.Reg("blane_reg", "[LANE_WIDTH-1:0]", "Broadcast: the presynaptic neuron's lane (col_reg % LANES)");
        m.Reg("round_reg", "[ROUND_WIDTH-1:0]", "The round whose cap runs (0..ROUNDS)");
        m.Reg("bit_reg", "[BIT_WIDTH-1:0]", "Cap: the threshold bit under test");
        m.Reg("threshold_reg", "[ACT_WIDTH-1:0]", "Cap: the threshold found so far (the k-th largest value once the search ends)");
        m.Reg("budget_reg", "[COUNT_WIDTH-1:0]", "Cap: how many values equal to the threshold are kept (CAP - values above it)");
        m.Reg("label_reg", "[CLASS_WIDTH-1:0]", "The sample's label");
        m.Reg("learn_reg", "", "The sample may update the weights");
        if (d.HasOutput && d.AllEdges)
        {
            m.Reg("out_class_reg", "[CLASS_WIDTH-1:0]", "Output update: the class of the row being walked");
        }

        if (d.HasOutput)
        {
            m.Reg("kind_reg", d.RowKindBits == 1 ? "" : VerilogTypes.Range(d.RowKindBits), d.RowKindBits == 1 ? "Output update: 0 on the label's row, 1 on another row" : "Output update: the row's role, 0 the label's, 1 the prediction's, 2 another");
        }

        foreach (var (stage, fields) in new[] { ("p1", d.HasOutput ? "phase first last row blane addr kind" : "phase first last row blane addr"), ("p2", "phase first last row addr"), ("p3", "phase first last row"), ("p4", "phase last row") })
        {
            m.Reg(stage + "_valid", "", $"Stage {stage[1]}: a step is here");
            foreach (string f in fields.Split(' '))
            {
                string range = f switch
                {
                    "phase" => "[3:0]",
                    "row" => "[WALK_ROW_WIDTH-1:0]",
                    "blane" => "[LANE_WIDTH-1:0]",
                    "addr" => "[ADDR_WIDTH-1:0]",
                    "kind" when d.RowKindBits > 1 => VerilogTypes.Range(d.RowKindBits),
                    _ => "",
                };
                m.Reg($"{stage}_{f}", range, $"Stage {stage[1]}: the step's {f}");
            }
        }
    }

    private static void AddWires(VerilogModule m, HardwareDesign d)
    {
        if (d.PerNeuronStreams)
        {
            m.Reg("p1_srow", "[ROW_WIDTH-1:0]", "Stage 1: the row of the lane's neuron whose generator the step draws from (the walk row, or the column of an output update)");
            m.Reg("p2_srow", "[ROW_WIDTH-1:0]", "Stage 2: the same");
        }

        m.Reg("col_last", "[COL_WIDTH-1:0]", "The walk's last column");
        m.Reg("row_last", "[WALK_ROW_WIDTH-1:0]", "The walk's last row");
        string rows = d.HasOutput && !d.AllEdges ? "label_reg == best_reg ? {WALK_ROW_WIDTH{1'b0}} : {{(WALK_ROW_WIDTH-1){1'b0}}, 1'b1}" : "CLASSES_LAST[WALK_ROW_WIDTH-1:0]";
        // The average's walk visits every output word as the logits walk does: CLASSES rows of ROWS columns.
        (string, string)[] averageCol = d.AveragesOutput ? [("PHASE_AVERAGE", "ROW_COL_LAST[COL_WIDTH-1:0]")] : [];
        (string, string)[] averageRow = d.AveragesOutput ? [("PHASE_AVERAGE", "CLASSES_LAST[WALK_ROW_WIDTH-1:0]")] : [];
        m.Items.Add(new AlwaysItem("The walk's extent by phase", "*",
        [
            Stmt.Table("phase_reg", "col_last",
                [("PHASE_PROJECT", "INPUTS_LAST[COL_WIDTH-1:0]"), ("PHASE_UPD_INPUT", "INPUTS_LAST[COL_WIDTH-1:0]"), ("PHASE_ROUND", "HIDDEN_LAST[COL_WIDTH-1:0]"), ("PHASE_UPD_HIDDEN", "HIDDEN_LAST[COL_WIDTH-1:0]"),
                 ("PHASE_LOGITS", "ROW_COL_LAST[COL_WIDTH-1:0]"), ("PHASE_UPD_OUTPUT", "ROW_COL_LAST[COL_WIDTH-1:0]"), .. averageCol], "{COL_WIDTH{1'b0}}"),
            Stmt.Table("phase_reg", "row_last", [("PHASE_LOGITS", "CLASSES_LAST[WALK_ROW_WIDTH-1:0]"), ("PHASE_UPD_OUTPUT", rows), .. averageRow], "ROWS_LAST[WALK_ROW_WIDTH-1:0]"),
        ]));
        m.Wire("col_last_hit", "", "The step is the last of its row", "col_reg == col_last");
        m.Wire("one_act", "[ACT_WIDTH-1:0]", "The constant 1 as an activation", "{{(ACT_WIDTH-1){1'b0}}, 1'b1}");
        m.Wire("candidate", "[ACT_WIDTH-1:0]", "Cap: the threshold with the bit under test set", "threshold_reg | (one_act << bit_reg)");
        m.Wire("update_sample", "", "The sample updates: learning is on" + (d.Rule.MisclassifiedOnly ? " and it was misclassified" : " (the rule updates on every sample)"),
            d.Rule.MisclassifiedOnly ? "learn_reg && best_reg != label_reg" : "learn_reg");
        if (d.HasOutput && !d.AllEdges)
        {
            m.Wire("low_class", "[CLASS_WIDTH-1:0]", "Output update: the first row walked, the lower of label and prediction", "label_reg < best_reg ? label_reg : best_reg");
            m.Wire("high_class", "[CLASS_WIDTH-1:0]", "Output update: the second row walked, the higher of label and prediction", "label_reg < best_reg ? best_reg : label_reg");
        }

        if (d.HasOutput)
        {
            m.Wire("first_class", "[CLASS_WIDTH-1:0]", "Output update: the class of the first row", d.AllEdges ? "{CLASS_WIDTH{1'b0}}" : "low_class");
            m.Wire("next_class", "[CLASS_WIDTH-1:0]", "Output update: the class of the next row", d.AllEdges ? "out_class_reg + 1'b1" : "high_class");
            m.Wire("first_base", "[ADDR_WIDTH-1:0]", "Output update: the first word of the first row", "{{(ADDR_WIDTH-CLASS_WIDTH){1'b0}}, first_class} * ROWS_ADDR[ADDR_WIDTH-1:0]");
            m.Wire("next_base", "[ADDR_WIDTH-1:0]", "Output update: the first word of the next row", "{{(ADDR_WIDTH-CLASS_WIDTH){1'b0}}, next_class} * ROWS_ADDR[ADDR_WIDTH-1:0]");
        }
    }

    /// <summary>The row kind of output row <paramref name="row"/>: 1 bit, 0 the label's and 1 another; 2 bits, 0 the label's,
    /// 1 the prediction's, 2 another (<c>PatternUpdatePlan.OutputRole</c>).</summary>
    private static string Kind(HardwareDesign d, string row) =>
        d.RowKindBits == 1 ? $"{row} != label_reg" : $"{row} == label_reg ? 2'd0 : {row} == best_reg ? 2'd1 : 2'd2";

    private static List<Stmt> Start(string phase, IEnumerable<Stmt>? extra = null, string addr = "{ADDR_WIDTH{1'b0}}") =>
    [
        Stmt.Set("phase_reg", phase),
        Stmt.Set("issue_reg", "1'b1"),
        Stmt.Set("drain_reg", "3'd0"),
        Stmt.Set("row_reg", "{WALK_ROW_WIDTH{1'b0}}"),
        Stmt.Set("col_reg", "{COL_WIDTH{1'b0}}"),
        Stmt.Set("addr_reg", addr),
        Stmt.Set("brow_reg", "{ROW_WIDTH{1'b0}}"),
        Stmt.Set("blane_reg", "{LANE_WIDTH{1'b0}}"),
        .. extra ?? [],
    ];

    private static List<Stmt> Idle() =>
    [
        Stmt.If("clear", [Stmt.Set("phase_reg", "PHASE_CLEAR"), Stmt.Set("addr_reg", "{ADDR_WIDTH{1'b0}}")],
            [Stmt.If("start", Start("PHASE_PROJECT", [Stmt.Set("label_reg", "label"), Stmt.Set("learn_reg", "learn"), Stmt.Set("round_reg", "{ROUND_WIDTH{1'b0}}")]))]),
    ];

    /// <summary>One issue clock: the next column (and the broadcast lane and row), or the next row, or the walk's end.</summary>
    private static List<Stmt> Advance(HardwareDesign d)
    {
        var rowEnd = new List<Stmt>
        {
            Stmt.Set("col_reg", "{COL_WIDTH{1'b0}}"),
            Stmt.Set("brow_reg", "{ROW_WIDTH{1'b0}}"),
            Stmt.Set("blane_reg", "{LANE_WIDTH{1'b0}}"),
            Stmt.If("row_reg == row_last", [Stmt.Set("issue_reg", "1'b0")], [Stmt.Set("row_reg", "row_reg + 1'b1")]),
        };
        if (d.HasOutput)
        {
            rowEnd.Add(Stmt.If("phase_reg == PHASE_UPD_OUTPUT",
                [Stmt.Set("addr_reg", "next_base"), .. d.AllEdges ? [Stmt.Set("out_class_reg", "next_class")] : Array.Empty<Stmt>(), Stmt.Set("kind_reg", Kind(d, "next_class"))],
                [Stmt.Set("addr_reg", "addr_reg + 1'b1")]));
        }
        else
        {
            rowEnd.Add(Stmt.Set("addr_reg", "addr_reg + 1'b1"));
        }

        return
        [
            Stmt.If("col_last_hit", rowEnd,
            [
                Stmt.Set("col_reg", "col_reg + 1'b1"),
                Stmt.Set("addr_reg", "addr_reg + 1'b1"),
                Stmt.If("blane_reg == LANES_LAST[LANE_WIDTH-1:0]", [Stmt.Set("blane_reg", "{LANE_WIDTH{1'b0}}"), Stmt.Set("brow_reg", "brow_reg + 1'b1")], [Stmt.Set("blane_reg", "blane_reg + 1'b1")]),
            ]),
        ];
    }

    /// <summary>The end of a walk (its last drain clock): decide and start the next walk, or finish the sample. With an
    /// output average, every sample learned from ends with its walk: after the last update walk, or after the logits
    /// when the sample does not update.</summary>
    private static List<Stmt> Transitions(HardwareDesign d)
    {
        List<Stmt> search = [Stmt.Set("bit_reg", "TOP_BIT[BIT_WIDTH-1:0]"), Stmt.Set("threshold_reg", "{ACT_WIDTH{1'b0}}")];
        List<Stmt> finish = [Stmt.Set("phase_reg", "PHASE_IDLE"), Stmt.Set("done", "1'b1")];
        List<Stmt> learned = d.AveragesOutput ? Start("PHASE_AVERAGE") : finish;
        List<Stmt> unupdated = d.AveragesOutput ? [Stmt.If("learn_reg", learned, finish)] : finish;
        List<Stmt> output = d.HasOutput
            ? Start("PHASE_UPD_OUTPUT", [.. d.AllEdges ? [Stmt.Set("out_class_reg", "first_class")] : Array.Empty<Stmt>(), Stmt.Set("kind_reg", Kind(d, "first_class"))], "first_base")
            : finish;
        List<Stmt> input = d.HasInput ? Start("PHASE_UPD_INPUT") : output;
        var arms = new List<(string, IReadOnlyList<Stmt>)>
        {
            ("PHASE_PROJECT", Start("PHASE_SEARCH", search)),
            ("PHASE_ROUND", Start("PHASE_SEARCH", search)),
            ("PHASE_SEARCH",
            [
                Stmt.If("count_reg >= CAP_COUNT[COUNT_WIDTH-1:0]", [Stmt.Set("threshold_reg", "candidate")]),
                Stmt.If("bit_reg == {BIT_WIDTH{1'b0}}", Start("PHASE_ABOVE"), Start("PHASE_SEARCH", [Stmt.Set("bit_reg", "bit_reg - 1'b1")])),
            ]),
            ("PHASE_ABOVE", Start("PHASE_APPLY", [Stmt.Set("budget_reg", "CAP_COUNT[COUNT_WIDTH-1:0] - count_reg")])),
            ("PHASE_APPLY", [Stmt.If("round_reg == ROUNDS_LAST[ROUND_WIDTH-1:0]", Start("PHASE_LOGITS"), Start("PHASE_ROUND", [Stmt.Set("round_reg", "round_reg + 1'b1")]))]),
            ("PHASE_LOGITS",
            [
                Stmt.Set("prediction", "best_reg"),
                Stmt.Set("updated", "update_sample"),
                Stmt.If("update_sample", Start("PHASE_UPD_HIDDEN"), unupdated),
            ]),
            ("PHASE_UPD_HIDDEN", input),
        };
        if (d.HasInput)
        {
            arms.Add(("PHASE_UPD_INPUT", output));
        }

        if (d.HasOutput)
        {
            arms.Add(("PHASE_UPD_OUTPUT", learned));
        }

        if (d.AveragesOutput)
        {
            arms.Add(("PHASE_AVERAGE", finish));
        }

        return [Stmt.Case("phase_reg", arms, [Stmt.Set("phase_reg", "PHASE_IDLE")])];
    }
}
