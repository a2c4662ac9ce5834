using Neuro.Rules.Layouts;
using Neuro.RtlExport.Verilog;
using static Neuro.RtlExport.Verilog.Expr;

namespace Neuro.RtlExport.Emitters.Learner;

/// <summary>
/// What the learner's lanes share: the input buffer, the broadcast of the presynaptic neuron (its activation, the
/// recurrent operand <c>z = h + u</c> narrowed into the activation format, its firing pattern), the cap's counts and
/// its keep decision in index order, the sum of the lanes' logit partials and the argmax, the fixed-weight and mask
/// ROMs, and the host port's read multiplexer.
/// </summary>
internal static class LearnerDatapathEmitter
{
    public static void Add(VerilogModule m, HardwareDesign d)
    {
        AddDeclarations(m, d);
        m.Clocked("Input buffer: written while idle, read by the projection walk",
        [
            Stmt.If("x_we && phase_reg == PHASE_IDLE", [Stmt.Set("x_mem[x_addr]", "x_data")]),
            Stmt.Set("x_q", "x_mem[col_reg[IN_INDEX_WIDTH-1:0]]"),
        ]);
        m.Items.Add(new AlwaysItem("Cap: values over the candidate (search) or the threshold (count) across the lanes; the apply pass keeps the first equal values up to the budget, in index order", "*",
        [
            Stmt.Let("hit_count", "{COUNT_WIDTH{1'b0}}"),
            Stmt.Let("eq_seen", "ties_reg"),
            Stmt.For("j = 0", "j < LANES", "j = j + 1",
            [
                Stmt.Let("hit_count", "hit_count + {{(COUNT_WIDTH-1){1'b0}}, hit_bus[j]}"),
                Stmt.Let("keep_bus[j]", "gt_bus[j] | (eq_bus[j] & (eq_seen < budget_reg))"),
                Stmt.Let("eq_seen", "eq_seen + {{(COUNT_WIDTH-1){1'b0}}, eq_bus[j]}"),
            ]),
        ]));
        m.Clocked("Cap counters: cleared at each walk's end",
        [
            Stmt.If("walk_end", [Stmt.Set("count_reg", "{COUNT_WIDTH{1'b0}}"), Stmt.Set("ties_reg", "{COUNT_WIDTH{1'b0}}")],
            [
                Stmt.If("p2_valid && (p2_phase == PHASE_SEARCH || p2_phase == PHASE_ABOVE)", [Stmt.Set("count_reg", "count_reg + rowcount_reg")]),
                Stmt.If("p1_valid && p1_phase == PHASE_APPLY", [Stmt.Set("ties_reg", "eq_seen")]),
            ]),
            Stmt.Set("rowcount_reg", "hit_count"),
        ]);
        m.Items.Add(new AlwaysItem("Logits: the lanes' partial sums of one class, and the weights written this clock", "*",
        [
            Stmt.Let("logit_sum", "{ACC_WIDTH{1'b0}}"),
            Stmt.Let("writes", "{$clog2(LANES+1){1'b0}}"),
            Stmt.For("j = 0", "j < LANES", "j = j + 1",
            [
                Stmt.Let("logit_sum", "logit_sum + acc_bus[j*ACC_WIDTH +: ACC_WIDTH]"),
                Stmt.Let("writes", "writes + {{($clog2(LANES+1)-1){1'b0}}, upd_bus[j]}"),
            ]),
        ]));
        m.Clocked("Argmax: a class's logit two clocks after its walk row; strictly greater wins, so the lower class wins ties",
        [
            Stmt.Set("logit_valid_reg", "p4_valid && p4_last && p4_phase == PHASE_LOGITS"),
            Stmt.Set("logit_reg", "logit_sum"),
            Stmt.Set("logit_class_reg", "p4_row[CLASS_WIDTH-1:0]"),
            Stmt.If("logit_valid_reg && (logit_class_reg == {CLASS_WIDTH{1'b0}} || $signed(logit_reg) > $signed(best_logit_reg))",
                [Stmt.Set("best_logit_reg", "logit_reg"), Stmt.Set("best_reg", "logit_class_reg")]),
            Stmt.Set("update_count", "writes"),
        ]);
        AddSampleCodes(m, d);
        AddLargestActivity(m, d);
        AddFixedRoms(m, d);
        // With an output average, layer 3 reads the output weights' readout (read-only).
        (string, IReadOnlyList<Stmt>)[] readout = d.AveragesOutput ? [("2'd2", [Stmt.Set("host_rdata", "wout_q_bus[host_lane*WEIGHT_WIDTH +: WEIGHT_WIDTH]")])] : [];
        m.Clocked("Host port: the addressed weight, one clock after the lanes' read",
        [
            Stmt.Case("host_layer",
            [
                ("2'd0", [Stmt.Set("host_rdata", "wg_q_bus[host_lane*WEIGHT_WIDTH +: WEIGHT_WIDTH]")]),
                ("2'd1", [Stmt.Set("host_rdata", "win_q_bus[host_lane*WEIGHT_WIDTH +: WEIGHT_WIDTH]")]),
                .. readout,
            ], [Stmt.Set("host_rdata", (d.AveragesOutput ? "avg_readout_bus" : "wout_q_bus") + "[host_lane*WEIGHT_WIDTH +: WEIGHT_WIDTH]")]),
        ]);
        m.Assign("host_index_ok", "{1'b0, host_lane} < LANES_8[8:0] && (host_layer == 2'd0 ? {1'b0, host_local} < HIDDEN_WORDS_24[24:0]"
            + $" : host_layer == 2'd1 ? {{1'b0, host_local}} < INPUT_WORDS_24[24:0] : {(d.AveragesOutput ? "host_layer[1]" : "host_layer == 2'd2")} && {{1'b0, host_local}} < OUTPUT_WORDS_24[24:0])");
        var writable = new List<string> { "host_layer == 2'd0" };
        if (d.HasInput)
        {
            writable.Add("host_layer == 2'd1");
        }

        if (d.HasOutput)
        {
            writable.Add("host_layer == 2'd2");
        }

        m.Assign("host_writable", $"host_index_ok && ({string.Join(" || ", writable)})");
    }

    /// <summary>The register holding table <paramref name="table"/>'s code of the sample's <paramref name="signal"/> (margin or phase) during the updates.</summary>
    internal static string SampleCodeReg(RuleTable table, Signal signal) => $"{table.Name}_{LayoutField.Name(signal)}_reg";

    /// <summary>
    /// The per-sample field codes (DESIGN.md §4), latched when the logits walk ends, so the update walks read constants:
    /// the margin from the exact logits as they stream past the argmax (the label's, the best other, the largest
    /// magnitude), and the phase from a saturating count of the samples learned from since the weights were cleared
    /// (<see cref="Neuro.FixedPointSim.Patterns.FixedPatternNetwork"/> counts every sample it learns from, before the update).
    /// </summary>
    private static void AddSampleCodes(VerilogModule m, HardwareDesign d)
    {
        var margins = d.Tables.Where(t => t.Uses(Signal.Margin)).ToList();
        var phases = d.Tables.Where(t => t.Uses(Signal.Phase)).ToList();
        var latch = new List<Stmt>();
        if (margins.Count > 0)
        {
            int acc = d.AccumulatorWidth, cw = acc + FieldLogic.MarginGuardBits, logitFrac = d.WeightFracOf(Neuro.Rules.Patterns.PatternLayouts.Output) + d.Precision.Activation.Format.FracBits;
            m.Reg("label_logit_reg", "[ACC_WIDTH-1:0]", "Margin: the label's logit");
            m.Reg("other_logit_reg", "[ACC_WIDTH-1:0]", "Margin: the largest logit of another class");
            m.Reg("max_abs_reg", "[ACC_WIDTH-1:0]", "Margin: the largest logit magnitude L");
            m.Wire("logit_abs", "[ACC_WIDTH-1:0]", "|logit_reg| (exact: a logit needs fewer bits than the accumulator)", "logit_reg[ACC_WIDTH-1] ? {ACC_WIDTH{1'b0}} - logit_reg : logit_reg");
            m.Wire("first_other", "[CLASS_WIDTH-1:0]", "The first class that is not the label", "label_reg == {CLASS_WIDTH{1'b0}} ? {{(CLASS_WIDTH-1){1'b0}}, 1'b1} : {CLASS_WIDTH{1'b0}}");
            m.Clocked("Margin: the label's logit, the best other logit and the largest magnitude, as the logits pass the argmax",
            [
                Stmt.If("logit_valid_reg",
                [
                    Stmt.If("logit_class_reg == label_reg", [Stmt.Set("label_logit_reg", "logit_reg")],
                        [Stmt.If("logit_class_reg == first_other || $signed(logit_reg) > $signed(other_logit_reg)", [Stmt.Set("other_logit_reg", "logit_reg")])]),
                    Stmt.If("logit_class_reg == {CLASS_WIDTH{1'b0}} || logit_abs > max_abs_reg", [Stmt.Set("max_abs_reg", "logit_abs")]),
                ]),
            ]);
            string ext(string v) => $"{{{{{FieldLogic.MarginGuardBits}{{{v}[ACC_WIDTH-1]}}}}, {v}}}";
            m.Wire("margin_value", VerilogTypes.Range(cw), "The margin: the label's logit minus the best other, exact (signed)", $"{ext("label_logit_reg")} - {ext("other_logit_reg")}");
            foreach (var t in margins)
            {
                var field = t.Field(Signal.Margin)!;
                var above = FieldLogic.MarginAbove(m, $"{t.Name}_margin", field, field.RawThresholds(logitFrac).AsSpan(), "margin_value", cw, "max_abs_reg", acc, cw);
                string code = $"{t.Name}_margin_code";
                m.Wire(code, VerilogTypes.Range(field.Bits), $"Table '{t.Name}': how many of its margin thresholds the margin is strictly above", FieldLogic.Count(above, field.Bits));
                m.Reg(SampleCodeReg(t, Signal.Margin), VerilogTypes.Range(field.Bits), $"Table '{t.Name}': the sample's margin code, latched when the logits walk ends");
                latch.Add(Stmt.Set(SampleCodeReg(t, Signal.Margin), code));
            }
        }

        if (phases.Count > 0)
        {
            int counter = phases.Max(t => FieldLogic.CounterBits(t.Field(Signal.Phase)!.Bits));
            m.Reg("seen_reg", VerilogTypes.Range(counter), "Phase: samples learned from since the weights were cleared (saturates at all ones, where every phase code is capped)");
            foreach (var t in phases)
            {
                var field = t.Field(Signal.Phase)!;
                m.Reg(SampleCodeReg(t, Signal.Phase), VerilogTypes.Range(field.Bits), $"Table '{t.Name}': the phase code min({field.Values - 1}, floor(log2(1 + samples seen))), latched when the logits walk ends");
                latch.Add(Stmt.Set(SampleCodeReg(t, Signal.Phase), FieldLogic.PhaseCode("seen_reg", counter, field.Bits)));
            }

            m.Clocked("Phase: count the samples learned from (after their codes are latched); cleared with the weights",
            [
                Stmt.If("phase_reg == PHASE_CLEAR", [Stmt.Set("seen_reg", Replicate(Int(counter), "1'b0"))],
                    [Stmt.If("phase_reg == PHASE_LOGITS && walk_end && learn_reg && !(&seen_reg)", [Stmt.Set("seen_reg", "seen_reg + 1'b1")])]),
            ]);
        }

        if (latch.Count > 0)
        {
            m.Clocked("Sample codes: latched when the logits walk ends, read by the update walks", [Stmt.If("phase_reg == PHASE_LOGITS && walk_end", latch)]);
        }
    }

    /// <summary>
    /// With a pre level field: the sample's largest last-round activity, the maximum of every activity the logits walk
    /// reads (it reads each neuron's once per class), cleared when the next sample's projection starts; the lanes compare
    /// their neuron's activity with it during the output update (<see cref="FieldLogic.PreCode"/>).
    /// </summary>
    private static void AddLargestActivity(VerilogModule m, HardwareDesign d)
    {
        if (d.LevelField is null)
        {
            return;
        }

        m.Reg("lanes_hmax", "[ACT_WIDTH-1:0]", "Pre level: the largest of the lanes' activities read this clock");
        m.Reg("hmax_reg", "[ACT_WIDTH-1:0]", "Pre level: the sample's largest last-round activity (activities are never negative)");
        m.Integer("lj", "Pre level: lane loop index");
        m.Items.Add(new AlwaysItem("Pre level: the largest activity on the lanes' read bus", "*",
        [
            Stmt.Let("lanes_hmax", "{ACT_WIDTH{1'b0}}"),
            Stmt.For("lj = 0", "lj < LANES", "lj = lj + 1",
            [
                Stmt.If("h_q_bus[lj*ACT_WIDTH +: ACT_WIDTH] > lanes_hmax", [Stmt.Let("lanes_hmax", "h_q_bus[lj*ACT_WIDTH +: ACT_WIDTH]")]),
            ]),
        ]));
        m.Clocked("Pre level: the largest activity, over the logits walk's reads; cleared at each sample's projection",
        [
            Stmt.If("phase_reg == PHASE_PROJECT", [Stmt.Set("hmax_reg", "{ACT_WIDTH{1'b0}}")],
                [Stmt.If("p1_valid && p1_phase == PHASE_LOGITS && lanes_hmax > hmax_reg", [Stmt.Set("hmax_reg", "lanes_hmax")])]),
        ]);
    }

    private static void AddDeclarations(VerilogModule m, HardwareDesign d)
    {
        m.Reg("x_mem", "[INPUT_WIDTH-1:0]", "The sample's inputs", "[0:INPUTS-1]");
        m.Reg("x_q", "[INPUT_WIDTH-1:0]", "The input of the projection step");
        m.Wire("walk_end", "", "The walk's last drain clock", "phase_reg >= PHASE_PROJECT && !issue_reg && drain_reg == DRAIN_LAST[2:0]");
        m.Wire("h_q_bus", "[LANES*ACT_WIDTH-1:0]", "Every lane's activation at the broadcast row (or, for the logits, its own row)");
        m.Wire("u_q_bus", "[LANES*ACT_WIDTH-1:0]", "Every lane's projection at the broadcast row");
        m.Wire("patb_q_bus", "[LANES*PATTERN_WIDTH-1:0]", "Every lane's firing pattern at the broadcast row");
        m.Wire("wg_q_bus", "[LANES*WEIGHT_WIDTH-1:0]", "Every lane's recurrent weight read");
        m.Wire("win_q_bus", "[LANES*WEIGHT_WIDTH-1:0]", "Every lane's input weight read");
        m.Wire("wout_q_bus", "[LANES*WEIGHT_WIDTH-1:0]", "Every lane's output weight read");
        if (d.AveragesOutput)
        {
            m.Wire("avg_readout_bus", "[LANES*WEIGHT_WIDTH-1:0]", "Every lane's output-average readout at the lanes' weight address");
        }

        m.Wire("acc_bus", "[LANES*ACC_WIDTH-1:0]", "Every lane's accumulator");
        m.Wire("hit_bus", "[LANES-1:0]", "Cap: the lane's value is over the candidate (search) or the threshold (count)");
        m.Wire("gt_bus", "[LANES-1:0]", "Cap apply: the lane's value is above the threshold");
        m.Wire("eq_bus", "[LANES-1:0]", "Cap apply: the lane's value equals the threshold");
        m.Wire("upd_bus", "[LANES-1:0]", "Update: the lane writes a weight back this clock");
        m.Reg("keep_bus", "[LANES-1:0]", "Cap apply: the lane's value survives the cap");
        m.Reg("hit_count", "[COUNT_WIDTH-1:0]", "Cap: lanes hitting this clock");
        m.Reg("eq_seen", "[COUNT_WIDTH-1:0]", "Cap apply: values equal to the threshold in lower lanes and earlier rows");
        m.Reg("rowcount_reg", "[COUNT_WIDTH-1:0]", "Cap: lanes hitting in the previous clock");
        m.Reg("count_reg", "[COUNT_WIDTH-1:0]", "Cap: values hitting in this walk");
        m.Reg("ties_reg", "[COUNT_WIDTH-1:0]", "Cap apply: values equal to the threshold in earlier rows");
        m.Reg("logit_sum", "[ACC_WIDTH-1:0]", "The lanes' partial logits summed");
        m.Reg("writes", "[$clog2(LANES+1)-1:0]", "Weights written back this clock");
        m.Reg("logit_valid_reg", "", "A class's logit is in logit_reg");
        m.Reg("logit_reg", "[ACC_WIDTH-1:0]", "The logit of logit_class_reg, exact");
        m.Reg("logit_class_reg", "[CLASS_WIDTH-1:0]", "Its class");
        m.Reg("best_logit_reg", "[ACC_WIDTH-1:0]", "The largest logit so far");
        m.Reg("best_reg", "[CLASS_WIDTH-1:0]", "Its class: the prediction once the logits walk ends");
        m.Wire("h_bcast", "[ACT_WIDTH-1:0]", "The presynaptic neuron's activation", "h_q_bus[p1_blane*ACT_WIDTH +: ACT_WIDTH]");
        m.Wire("u_bcast", "[ACT_WIDTH-1:0]", "The presynaptic neuron's projection", "u_q_bus[p1_blane*ACT_WIDTH +: ACT_WIDTH]");
        m.Wire("pre_pattern", "[PATTERN_WIDTH-1:0]", "The presynaptic neuron's firing pattern", "patb_q_bus[p1_blane*PATTERN_WIDTH +: PATTERN_WIDTH]");
        m.Wire("z_sum", "[ACT_WIDTH:0]", "h + u of the presynaptic neuron, exact", "{h_bcast[ACT_WIDTH-1], h_bcast} + {u_bcast[ACT_WIDTH-1], u_bcast}");
        m.Wire("z", "[ACT_WIDTH-1:0]", "The recurrent operand z = h + u in the activation format");
        string x = d.InputSigned ? "{{(OPERAND_WIDTH-INPUT_WIDTH){x_q[INPUT_WIDTH-1]}}, x_q}" : "{{(OPERAND_WIDTH-INPUT_WIDTH){1'b0}}, x_q}";
        m.Wire("bcast_op", "[OPERAND_WIDTH-1:0]", "The broadcast MAC operand: the input (projection) or z (rounds)",
            $"p1_phase == PHASE_PROJECT ? {x} : {{{{(OPERAND_WIDTH-ACT_WIDTH){{z[ACT_WIDTH-1]}}}}, z}}");
        m.Wire("weight_raddr", "[ADDR_WIDTH-1:0]", "The lanes' weight read address: the walk's, or the host's while idle", "phase_reg == PHASE_IDLE ? host_local[ADDR_WIDTH-1:0] : addr_reg");
        if (d.LevelField is null)
        {
            m.Wire("h_raddr", "[ROW_WIDTH-1:0]", "Activation read address: the broadcast row, or the lane's row for the logits", "phase_reg == PHASE_LOGITS ? col_reg[ROW_WIDTH-1:0] : brow_reg");
        }
        else
        {
            m.Wire("h_raddr", "[ROW_WIDTH-1:0]", "Activation read address: the broadcast row, or the lane's row for the logits and the output update (its pre level)",
                "phase_reg == PHASE_LOGITS || phase_reg == PHASE_UPD_OUTPUT ? col_reg[ROW_WIDTH-1:0] : brow_reg");
        }

        m.Wire("pat_raddr", "[ROW_WIDTH-1:0]", "Pattern read address: the walk row, or the column for the output update", "phase_reg == PHASE_UPD_OUTPUT ? col_reg[ROW_WIDTH-1:0] : row_reg[ROW_WIDTH-1:0]");
        m.Wire("mask_g_word", "[LANES-1:0]", "Recurrent mask bits of the lanes at the read stage's address");
        if (d.HasInput)
        {
            m.Wire("mask_in_word", "[LANES-1:0]", "Input mask bits of the lanes at the read stage's address");
        }

        if (d.PerNeuronStreams)
        {
            m.Wire("seed_word", "[32*LANES-1:0]", "Per-neuron stochastic rounding: the seed ROM's word, lane l's seed in bits l*32");
            m.Reg("seed_load_reg", "", "Per-neuron stochastic rounding: the lanes load seed_word into row seed_row_reg");
            m.Reg("seed_row_reg", "[ROW_WIDTH-1:0]", "Per-neuron stochastic rounding: the row whose seeds seed_word holds");
        }

        m.Wire("unused_bits", "", "Bits some parameter values leave unused (lint: intentionally unused)", "&{1'b0, host_local, col_reg, row_reg, p4_row, addr_reg, p2_addr, weight_raddr, label_reg, 1'b0}");
        m.Integer("j", "Lane loop index");
        m.Genvar("l", "Lane index");
        m.Instance("The recurrent operand z = h + u, narrowed (only the activation's overflow can act)", d.Requantize, "z_narrow",
            [("IN_WIDTH", "ACT_WIDTH + 1"), ("IN_FRAC", "ACT_FRAC"), ("OUT_WIDTH", "ACT_WIDTH"), ("OUT_FRAC", "ACT_FRAC")],
            [("in", "z_sum"), ("out", "z")]);
    }

    private static void AddFixedRoms(VerilogModule m, HardwareDesign d)
    {
        m.Instance("Recurrent mask: one bit per lane", d.RomModule, "recurrent_mask_rom",
            [("DATA_WIDTH", "LANES"), ("ADDR_WIDTH", "HW_BITS"), ("DEPTH", "HIDDEN_WORDS"), ("INIT_FILE", "RECURRENT_MASK_FILE")],
            [("clk", "clk"), ("en", "1'b1"), ("addr", "addr_reg[HW_BITS-1:0]"), ("data", "mask_g_word")]);
        if (d.HasInput)
        {
            m.Instance("Input mask: one bit per lane", d.RomModule, "input_mask_rom",
                [("DATA_WIDTH", "LANES"), ("ADDR_WIDTH", "IW_BITS"), ("DEPTH", "INPUT_WORDS"), ("INIT_FILE", "INPUT_MASK_FILE")],
                [("clk", "clk"), ("en", "1'b1"), ("addr", "addr_reg[IW_BITS-1:0]"), ("data", "mask_in_word")]);
        }
        else
        {
            m.Instance("Fixed input weights (masked), one per lane", d.RomModule, "input_weights_rom",
                [("DATA_WIDTH", "LANES*WEIGHT_WIDTH"), ("ADDR_WIDTH", "IW_BITS"), ("DEPTH", "INPUT_WORDS"), ("INIT_FILE", "INPUT_WEIGHTS_FILE")],
                [("clk", "clk"), ("en", "1'b1"), ("addr", "weight_raddr[IW_BITS-1:0]"), ("data", "win_q_bus")]);
        }

        if (d.PerNeuronStreams)
        {
            m.Instance("Per-neuron stochastic rounding: the seeds of a row's neurons, one per lane, read by the clear sequence", d.RomModule, "seed_rom",
                [("DATA_WIDTH", "32*LANES"), ("ADDR_WIDTH", "ROW_WIDTH"), ("DEPTH", "ROWS"), ("INIT_FILE", "SEEDS_FILE")],
                [("clk", "clk"), ("en", "1'b1"), ("addr", "addr_reg[ROW_WIDTH-1:0]"), ("data", "seed_word")]);
            m.Registers("Per-neuron stochastic rounding: the clear sequence loads row addr_reg's seeds one clock after reading them", "rst",
                [("seed_load_reg", "1'b0")],
                [Stmt.Set("seed_load_reg", "phase_reg == PHASE_CLEAR && addr_reg <= ROWS_LAST[ADDR_WIDTH-1:0]")],
                [Stmt.Set("seed_row_reg", "addr_reg[ROW_WIDTH-1:0]")]);
        }

        if (!d.HasOutput)
        {
            m.Instance("Fixed output weights, one per lane", d.RomModule, "output_weights_rom",
                [("DATA_WIDTH", "LANES*WEIGHT_WIDTH"), ("ADDR_WIDTH", "OW_BITS"), ("DEPTH", "OUTPUT_WORDS"), ("INIT_FILE", "OUTPUT_WEIGHTS_FILE")],
                [("clk", "clk"), ("en", "1'b1"), ("addr", "weight_raddr[OW_BITS-1:0]"), ("data", "wout_q_bus")]);
        }
    }
}
