using Neuro.Rules.Layouts;
using Neuro.RtlExport.Verilog;

namespace Neuro.RtlExport.Emitters.Learner;

/// <summary>
/// One lane of the learner core (a generate block replicated <c>LANES</c> times): its neurons' activation, projection
/// and pattern memories, its plastic weight memories, the multiply-accumulate pipeline with the two narrowings (the
/// projection <c>u</c> and the recurrent sum <c>s</c>), its part of the cap, and its plasticity datapath: the rule-ROM
/// address formed from the table's fields, the ROM read, and <c>w ← overflow(w + rom[addr])</c>.
/// </summary>
internal static class LearnerLaneEmitter
{
    /// <summary>The signals a lane drives each address field with (DESIGN.md §4): the broadcast presynaptic pattern, the
    /// lane's own neuron's pattern, the output row's role, the lane's weight code, and the sample's margin and phase codes
    /// that the core latched when the logits walk ended.</summary>
    internal static readonly AddressSignals FieldSignals = new("pre_pattern", "pat_q", "p1_kind", (t, signal) => signal switch
    {
        Signal.Weight => t.WeightCodeWire,
        Signal.Pre => LevelCodeWire(t),
        _ => LearnerDatapathEmitter.SampleCodeReg(t, signal),
    });

    /// <summary>The lane's wire holding table <paramref name="t"/>'s pre level of the lane's neuron in the output update.</summary>
    private static string LevelCodeWire(RuleTable t) => t.Name + "_pre_code";

    /// <summary>The width of an address field in the core's parameters.</summary>
    private static string FieldWidth(TableField field) =>
        field.Signal is Signal.PreHistory or Signal.PostHistory ? "PATTERN_WIDTH" : Expr.Int(field.Bits);

    public static GenerateForItem Build(HardwareDesign d)
    {
        var lane = new GenerateForItem("The lanes: lane l holds neurons r*LANES + l", "l", "LANES", "lane");
        var b = lane.Body;
        AddMemories(b, d);
        AddMac(b, d);
        AddUpdate(b, d);
        AddWeightPort(b, "wg", "PHASE_UPD_HIDDEN", "2'd0", "HIDDEN_WORDS", "HW_BITS", "Recurrent weights: word r*HIDDEN + pre");
        if (d.HasInput)
        {
            AddWeightPort(b, "win", "PHASE_UPD_INPUT", "2'd1", "INPUT_WORDS", "IW_BITS", "Input weights: word r*INPUTS + j");
        }

        if (d.HasOutput)
        {
            AddWeightPort(b, "wout", "PHASE_UPD_OUTPUT", "2'd2", "OUTPUT_WORDS", "OW_BITS", "Output weights: word c*ROWS + r");
        }

        if (d.AveragesOutput)
        {
            AddAverage(b);
        }

        b.Assign("h_q_bus[l*ACT_WIDTH +: ACT_WIDTH]", "h_q");
        b.Assign("u_q_bus[l*ACT_WIDTH +: ACT_WIDTH]", "u_q");
        b.Assign("patb_q_bus[l*PATTERN_WIDTH +: PATTERN_WIDTH]", "patb_q");
        b.Assign("acc_bus[l*ACC_WIDTH +: ACC_WIDTH]", "acc_reg");
        b.Assign("hit_bus[l]", "p1_phase == PHASE_SEARCH ? s_q >= candidate : s_q > threshold_reg");
        b.Assign("gt_bus[l]", "s_q > threshold_reg");
        b.Assign("eq_bus[l]", "s_q == threshold_reg");
        b.Assign("upd_bus[l]", "upd_write");
        return lane;
    }

    private static void AddMemories(GenerateBody b, HardwareDesign d)
    {
        b.Reg("s_mem", "[ACT_WIDTH-1:0]", "Capped-to-be values: ReLU of the projection (round 0) or of the recurrent sum", "[0:ROWS-1]");
        b.Reg("u_mem", "[ACT_WIDTH-1:0]", "The input projection u", "[0:ROWS-1]");
        b.Reg("h_mem", "[ACT_WIDTH-1:0]", "The hidden state h after the last cap", "[0:ROWS-1]");
        b.Reg("pat_mem", "[PATTERN_WIDTH-1:0]", "Firing patterns, read at the lane's own row", "[0:ROWS-1]");
        b.Reg("patb_mem", "[PATTERN_WIDTH-1:0]", "Firing patterns (a copy), read at the broadcast row", "[0:ROWS-1]");
        b.Reg("s_q", "[ACT_WIDTH-1:0]", "s_mem read at the walk row");
        b.Reg("u_q", "[ACT_WIDTH-1:0]", "u_mem read at the broadcast row");
        b.Reg("h_q", "[ACT_WIDTH-1:0]", "h_mem read");
        b.Reg("pat_q", "[PATTERN_WIDTH-1:0]", "pat_mem read: the lane's neuron's pattern");
        b.Reg("patb_q", "[PATTERN_WIDTH-1:0]", "patb_mem read at the broadcast row");
        b.Wire("fired", "", "Cap apply: the neuron survives with a positive value", "keep_bus[l] && s_q != {ACT_WIDTH{1'b0}}");
        b.Wire("shifted", "[PATTERN_WIDTH:0]", "Cap apply: the pattern with this round's fire bit shifted in", "{pat_q, fired}");
        b.Wire("unused_lane_bits", "", "The bit shifted out (lint: intentionally unused)", "&{1'b0, shifted[PATTERN_WIDTH], 1'b0}");
        b.Wire("u_val", "[ACT_WIDTH-1:0]", $"The accumulator narrowed as a projection (fractional bits {d.InputWeightFrac} + INPUT_FRAC)");
        b.Wire("s_val", "[ACT_WIDTH-1:0]", $"The accumulator narrowed as a recurrent sum (fractional bits {d.RecurrentWeightFrac} + ACT_FRAC)");
        b.Wire("row_done", "", "Stage 4: the accumulator holds a whole row's sum", "p4_valid && p4_last");
        b.Clocked("Projection, recurrent sum and cap input: written when a row's sum is complete",
        [
            Stmt.If("row_done && p4_phase == PHASE_PROJECT", [Stmt.Set("u_mem[p4_row[ROW_WIDTH-1:0]]", "u_val")]),
            Stmt.If("row_done && (p4_phase == PHASE_PROJECT || p4_phase == PHASE_ROUND)",
                [Stmt.Set("s_mem[p4_row[ROW_WIDTH-1:0]]", "p4_phase == PHASE_PROJECT ? (u_val[ACT_WIDTH-1] ? {ACT_WIDTH{1'b0}} : u_val) : (s_val[ACT_WIDTH-1] ? {ACT_WIDTH{1'b0}} : s_val)")]),
            Stmt.Set("s_q", "s_mem[row_reg[ROW_WIDTH-1:0]]"),
            Stmt.Set("u_q", "u_mem[brow_reg]"),
        ]);
        b.Clocked("Hidden state and patterns: written by the cap's apply pass",
        [
            Stmt.If("p1_valid && p1_phase == PHASE_APPLY",
            [
                Stmt.Set("h_mem[p1_row[ROW_WIDTH-1:0]]", "keep_bus[l] ? s_q : {ACT_WIDTH{1'b0}}"),
                Stmt.Set("pat_mem[p1_row[ROW_WIDTH-1:0]]", "shifted[PATTERN_WIDTH-1:0]"),
                Stmt.Set("patb_mem[p1_row[ROW_WIDTH-1:0]]", "shifted[PATTERN_WIDTH-1:0]"),
            ]),
            Stmt.Set("h_q", "h_mem[h_raddr]"),
            Stmt.Set("pat_q", "pat_mem[pat_raddr]"),
            Stmt.Set("patb_q", "patb_mem[brow_reg]"),
        ]);
        b.Instance("Narrow a row's sum as a projection", d.Requantize, "u_narrow",
            [("IN_WIDTH", "ACC_WIDTH"), ("IN_FRAC", $"{d.InputWeightFrac} + INPUT_FRAC"), ("OUT_WIDTH", "ACT_WIDTH"), ("OUT_FRAC", "ACT_FRAC")],
            [("in", "acc_reg"), ("out", "u_val")]);
        b.Instance("Narrow a row's sum as a recurrent sum", d.Requantize, "s_narrow",
            [("IN_WIDTH", "ACC_WIDTH"), ("IN_FRAC", $"{d.RecurrentWeightFrac} + ACT_FRAC"), ("OUT_WIDTH", "ACT_WIDTH"), ("OUT_FRAC", "ACT_FRAC")],
            [("in", "acc_reg"), ("out", "s_val")]);
    }

    private static void AddMac(GenerateBody b, HardwareDesign d)
    {
        b.Reg("op_reg", "[OPERAND_WIDTH-1:0]", "Stage 2: the operand (input, z, or the lane's activation for the logits)");
        b.Reg("w_reg", "[WEIGHT_WIDTH-1:0]", "Stage 2: the weight");
        b.Reg("prod_reg", "[PRODUCT_WIDTH-1:0]", "Stage 3: operand * weight, exact");
        b.Reg("acc_reg", "[ACC_WIDTH-1:0]", "Stage 4: the row's sum so far");
        // With an output average, the logits of a sample presented with learn off (a frozen prediction) read the readout,
        // through the module's bus: the lane's avg_readout wire is declared further down, and Yosys (unlike Icarus and
        // Verilator) refuses a wire used before its declaration.
        string output = d.AveragesOutput ? "learn_reg ? wout_q_bus[l*WEIGHT_WIDTH +: WEIGHT_WIDTH] : avg_readout_bus[l*WEIGHT_WIDTH +: WEIGHT_WIDTH]" : "wout_q_bus[l*WEIGHT_WIDTH +: WEIGHT_WIDTH]";
        b.Wire("w_mac", "[WEIGHT_WIDTH-1:0]", d.AveragesOutput ? "The weight of the MAC step (the logits: the live output weight when learning, else the average's readout)" : "The weight of the MAC step",
            $"p1_phase == PHASE_PROJECT ? win_q_bus[l*WEIGHT_WIDTH +: WEIGHT_WIDTH] : p1_phase == PHASE_ROUND ? wg_q_bus[l*WEIGHT_WIDTH +: WEIGHT_WIDTH] : {output}");
        b.Wire("product", "[PRODUCT_WIDTH-1:0]", "op_reg * w_reg as signed values",
            "$signed({{WEIGHT_WIDTH{op_reg[OPERAND_WIDTH-1]}}, op_reg}) * $signed({{OPERAND_WIDTH{w_reg[WEIGHT_WIDTH-1]}}, w_reg})");
        b.Wire("product_ext", "[ACC_WIDTH-1:0]", "The product sign-extended to the accumulator", "{{(ACC_WIDTH-PRODUCT_WIDTH){prod_reg[PRODUCT_WIDTH-1]}}, prod_reg}");
        b.Clocked("Multiply-accumulate: operand and weight, product, then the row's sum (restarted at each row's first column)",
        [
            Stmt.Set("op_reg", "p1_phase == PHASE_LOGITS ? {{(OPERAND_WIDTH-ACT_WIDTH){h_q[ACT_WIDTH-1]}}, h_q} : bcast_op"),
            Stmt.Set("w_reg", "w_mac"),
            Stmt.Set("prod_reg", "product"),
            Stmt.Set("acc_reg", "p3_first ? product_ext : acc_reg + product_ext"),
        ]);
    }

    private static void AddUpdate(GenerateBody b, HardwareDesign d)
    {
        var weights = new List<(string, string)> { ("p1_phase == PHASE_UPD_HIDDEN", "wg_q_bus[l*WEIGHT_WIDTH +: WEIGHT_WIDTH]") };
        if (d.HasInput)
        {
            weights.Add(("p1_phase == PHASE_UPD_INPUT", "win_q_bus[l*WEIGHT_WIDTH +: WEIGHT_WIDTH]"));
        }

        string weightNow = Expr.Mux(weights, "wout_q_bus[l*WEIGHT_WIDTH +: WEIGHT_WIDTH]");
        if (d.Tables.Any(t => t.Uses(Signal.Weight)))
        {
            // The weight field reads the weight before the update: the one the ROM address is formed with, in stage 1.
            b.Wire("upd_w_now", "[WEIGHT_WIDTH-1:0]", "Update stage 1: the weight before the update, read from the layer's memory", weightNow);
            weightNow = "upd_w_now";
            PlasticityUnitEmitter.AddWeightCodes(b, d, weightNow);
        }

        if (d.LevelField is { } level)
        {
            // The output update reads the lane's neuron's activity at the walk's column (h_raddr), beside its pattern.
            b.Wire(LevelCodeWire(level.Table), VerilogTypes.Range(level.Field.Bits),
                $"Table '{level.Table.Name}': the lane's neuron's pre level, how many of {string.Join(", ", level.Field.Thresholds.Select(t => t.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))} times the sample's largest activity its activity is above",
                FieldLogic.PreCode(level.Field, "h_q", "hmax_reg", d.Precision.Activation.Format.Width));
        }

        foreach (var t in d.Tables)
        {
            b.Wire($"{t.Name}_entry", "[ENTRY_WIDTH-1:0]", $"Rule table '{t.Name}' at {t.Address(FieldSignals)}");
        }

        b.Reg("upd_w_reg", "[WEIGHT_WIDTH-1:0]", "Update stage 2: the weight before the update");
        b.Reg("upd_mask_reg", "", "Update stage 2: the synapse exists (its mask bit)");
        b.Reg("upd_result", "[WEIGHT_WIDTH-1:0]", "The weight after the update");
        var entries = d.Tables.Select(t => ($"p2_phase == PHASE_UPD_{t.Name.ToUpperInvariant()}", $"{t.Name}_entry")).ToList();
        b.Wire("entry", "[ENTRY_WIDTH-1:0]", "The ROM word of the update in stage 2", Expr.Mux(entries.Take(entries.Count - 1), entries[^1].Item2));
        if (d.StochasticBits == 0)
        {
            PlasticityUnitEmitter.AddSum(b, d, "upd_w_reg", "entry");
        }

        string mask = Expr.Mux(
            d.HasInput ? [("p1_phase == PHASE_UPD_HIDDEN", "mask_g_word[l]"), ("p1_phase == PHASE_UPD_INPUT", "mask_in_word[l]")] : [("p1_phase == PHASE_UPD_HIDDEN", "mask_g_word[l]")],
            "1'b1");
        b.Wire("upd_write", "", "Update stage 2: write the updated weight back (the synapse exists)",
            d.AveragesOutput ? "p2_valid && upd_mask_reg && p2_phase >= PHASE_UPD_HIDDEN && p2_phase <= PHASE_UPD_OUTPUT" : "p2_valid && upd_mask_reg && p2_phase >= PHASE_UPD_HIDDEN");
        if (d.PerNeuronStreams)
        {
            // One generator per neuron: the lane keeps its rows' states; a row's updates come in the golden order.
            b.Reg("rng_mem", "[31:0]", "Per-neuron stochastic rounding: the xorshift32 state of the lane's neuron of each row", "[0:ROWS-1]");
            b.Wire("rng_state", "[31:0]", "The generator of stage 2's neuron", "rng_mem[p2_srow]");
            PlasticityUnitEmitter.AddXorShift(b, d, "rng_state");
            b.Clocked("Per-neuron stochastic rounding: the clear sequence seeds every row's generator; an update with a nonzero word draws from its neuron's",
            [
                Stmt.If("seed_load_reg", [Stmt.Set("rng_mem[seed_row_reg]", "seed_word[l*32 +: 32]")],
                    [Stmt.If("upd_write && entry != {ENTRY_WIDTH{1'b0}}", [Stmt.Set("rng_mem[p2_srow]", "rng_next")])]),
            ]);
            PlasticityUnitEmitter.AddSum(b, d, "upd_w_reg", "entry");
        }
        else if (d.StochasticBits > 0)
        {
            // One lane (HardwareDesign refuses more): its updates are the golden walk, one per clock, in order.
            PlasticityUnitEmitter.AddRandom(b, d, "phase_reg == PHASE_CLEAR", "upd_write && entry != {ENTRY_WIDTH{1'b0}}");
            PlasticityUnitEmitter.AddSum(b, d, "upd_w_reg", "entry");
        }

        foreach (var t in d.Tables)
        {
            var fieldWidths = t.Fields.Select(FieldWidth).ToList();
            string width = fieldWidths.Count == 1 ? fieldWidths[0] : string.Join(" + ", fieldWidths);
            b.Instance($"Rule table '{t.Name}': the address is its fields concatenated ({string.Join(", ", t.Fields.Select(f => f.Label))})", d.RomModule, $"{t.Name}_rom",
                [("DATA_WIDTH", "ENTRY_WIDTH"), ("ADDR_WIDTH", width), ("DEPTH", $"1 << ({width})"), ("INIT_FILE", t.Name.ToUpperInvariant() + "_ROM_FILE")],
                [("clk", "clk"), ("en", "p1_valid"), ("addr", t.Address(FieldSignals)), ("data", $"{t.Name}_entry")]);
        }

        b.Clocked("Update stage 2: the weight and its mask bit, while the ROM is read",
        [
            Stmt.Set("upd_w_reg", weightNow),
            Stmt.Set("upd_mask_reg", mask),
        ]);
        b.Items.Add(new AlwaysItem($"w + rom[addr] under the weight's overflow mode ({d.Overflow})", "*", PlasticityUnitEmitter.OverflowResult(d.Overflow, "upd_result", blocking: true)));
    }

    /// <summary>
    /// The output average of the lane's output weights (<see cref="Neuro.FixedPointSim.Patterns.FixedOutputAverage"/>):
    /// <c>avg_mem</c> beside <c>wout_mem</c>, same words, read at the same address. The average's walk reads <c>w</c> and
    /// <c>A</c> at each word and writes <c>A + ((w·2^(s+1) − A) &gt;&gt;&gt; s)</c> back one clock later (stage 1); the
    /// readout <c>(A + 2^s) &gt;&gt;&gt; (s + 1)</c> of the word read feeds the logits with learn off and the host port's
    /// layer 3. Clear zeroes <c>A</c> with the output weights (both start at 0); host writes leave <c>A</c> alone.
    /// </summary>
    private static void AddAverage(GenerateBody b)
    {
        b.Reg("avg_mem", "[AVG_WIDTH-1:0]", "Output averages A: word c*ROWS + r, the output weight's with AVG_SHIFT + 1 more fractional bits", "[0:OUTPUT_WORDS-1]");
        b.Reg("avg_q", "[AVG_WIDTH-1:0]", "avg_mem read at the lanes' weight address");
        b.Wire("avg_target", "[AVG_WIDTH-1:0]", "The output weight read, at the average's scale: w * 2^(AVG_SHIFT+1)", "{wout_q, {(AVG_SHIFT+1){1'b0}}}");
        b.Wire("avg_diff", "[AVG_WIDTH:0]", "w * 2^(AVG_SHIFT+1) - A, exact", "{avg_target[AVG_WIDTH-1], avg_target} - {avg_q[AVG_WIDTH-1], avg_q}");
        b.Wire("avg_step", "[AVG_WIDTH:0]", "The step (w * 2^(AVG_SHIFT+1) - A) >>> AVG_SHIFT, floored", "{{AVG_SHIFT{avg_diff[AVG_WIDTH]}}, avg_diff[AVG_WIDTH:AVG_SHIFT]}");
        b.Wire("avg_next", "[AVG_WIDTH-1:0]", "The stepped average (it stays between A and the weight: never overflows)", "avg_q + avg_step[AVG_WIDTH-1:0]");
        b.Wire("avg_round", "[AVG_WIDTH:0]", "A + 2^AVG_SHIFT, exact", "{avg_q[AVG_WIDTH-1], avg_q} + ({{AVG_WIDTH{1'b0}}, 1'b1} << AVG_SHIFT)");
        b.Wire("avg_readout", "[WEIGHT_WIDTH-1:0]", "The readout (A + 2^AVG_SHIFT) >>> (AVG_SHIFT+1): A rounded to a weight LSB, half up (always fits)", "avg_round[AVG_SHIFT+1 +: WEIGHT_WIDTH]");
        b.Wire("avg_we", "", "Write enable: clearing, or the average's walk one clock after its read", "phase_reg == PHASE_CLEAR || (p1_valid && p1_phase == PHASE_AVERAGE)");
        b.Wire("avg_waddr", "[OW_BITS-1:0]", "Write address", "phase_reg == PHASE_CLEAR ? addr_reg[OW_BITS-1:0] : p1_addr[OW_BITS-1:0]");
        b.Wire("avg_wdata", "[AVG_WIDTH-1:0]", "Write data: zero, or the stepped average", "phase_reg == PHASE_CLEAR ? {AVG_WIDTH{1'b0}} : avg_next");
        b.Wire("unused_avg_bits", "", "Bits the step and the rounding drop (lint: intentionally unused)", "&{1'b0, avg_diff, avg_step[AVG_WIDTH], avg_round, 1'b0}");
        b.Clocked("Output averages: one write port, one read port",
        [
            Stmt.If("avg_we", [Stmt.Set("avg_mem[avg_waddr]", "avg_wdata")]),
            Stmt.Set("avg_q", "avg_mem[weight_raddr[OW_BITS-1:0]]"),
        ]);
        b.Assign("avg_readout_bus[l*WEIGHT_WIDTH +: WEIGHT_WIDTH]", "avg_readout");
    }

    /// <summary>A plastic weight memory of the lane: one write port (clear, update or host, exclusive by phase) and one read port.</summary>
    private static void AddWeightPort(GenerateBody b, string name, string phase, string layer, string words, string bits, string comment)
    {
        b.Reg($"{name}_mem", "[WEIGHT_WIDTH-1:0]", comment, $"[0:{words}-1]");
        b.Reg($"{name}_q", "[WEIGHT_WIDTH-1:0]", $"{name}_mem read at the lanes' weight address");
        b.Wire($"{name}_host", "", "The host loads this lane's weight", $"host_we && phase_reg == PHASE_IDLE && host_writable && host_layer == {layer} && host_lane == l");
        b.Wire($"{name}_we", "", "Write enable: clearing, an update, or the host", $"phase_reg == PHASE_CLEAR || (upd_write && p2_phase == {phase}) || {name}_host");
        b.Wire($"{name}_waddr", $"[{bits}-1:0]", "Write address",
            $"phase_reg == PHASE_CLEAR ? addr_reg[{bits}-1:0] : {name}_host ? host_local[{bits}-1:0] : p2_addr[{bits}-1:0]");
        b.Wire($"{name}_wdata", "[WEIGHT_WIDTH-1:0]", "Write data: zero, the updated weight, or the host's",
            $"phase_reg == PHASE_CLEAR ? {{WEIGHT_WIDTH{{1'b0}}}} : {name}_host ? host_wdata : upd_result");
        b.Clocked($"{comment.Split(':')[0]}: one write port, one read port",
        [
            Stmt.If($"{name}_we", [Stmt.Set($"{name}_mem[{name}_waddr]", $"{name}_wdata")]),
            Stmt.Set($"{name}_q", $"{name}_mem[weight_raddr[{bits}-1:0]]"),
        ]);
        b.Assign($"{name}_q_bus[l*WEIGHT_WIDTH +: WEIGHT_WIDTH]", $"{name}_q");
    }
}
