using System.Globalization;
using Neuro.FixedPointSim;
using Neuro.FixedPointSim.Hebbian;
using Neuro.RtlExport.Emitters;
using Neuro.RtlExport.Verilog;
using static Neuro.RtlExport.Verilog.Expr;

namespace Neuro.RtlExport.Hebbian;

/// <summary>
/// One plastic layer of the Hebbian engine: its weight memory, its activity traces and its two ROMs, walked once per
/// sample exactly as <see cref="FixedHebbianNetwork.Learn"/> updates the layer: row by row (post neuron), then column
/// by column (pre neuron), one synapse per clock through a three-stage pipeline.
/// </summary>
/// <remarks>
/// <para>Per row: a prologue of two clocks reads the post neuron's level and trace, forms the trace level from the
/// model's thresholds, reads the scale word <c>scale[{post, trace level}]</c> and writes the updated trace
/// <c>t + ((post·2^16 − t) &gt;&gt;&gt; TRACE_SHIFT)</c> (the model updates it after the weights; the row reads it only in
/// its prologue, so the result is the same).</para>
/// <para>Per synapse: issue (read the weight and the pre level), stage 1 (read <c>add[{pre, post}]</c>, multiply
/// <c>w·scale</c>), stage 2 (<c>acc = add + ((w·scale) &gt;&gt;&gt; SCALE_SHIFT)</c>, draw <c>r</c>, <c>w ←
/// overflow(w + ((acc + r) &gt;&gt;&gt; STOCHASTIC_BITS))</c>, write back). Every signal is an unsigned vector holding a two's
/// complement pattern; sign extensions are written out.</para>
/// </remarks>
internal static class HebbianLayerEmitter
{
    public static VerilogModule Build(HebbianHardwareDesign d, HebbianLayerDesign l)
    {
        int w = l.WeightWidth, aw = l.AddRom.WordWidth, sw = l.ScaleRom.WordWidth, s = l.StochasticBits;
        int pw = w + sw;
        int qw = Math.Max(pw - l.ScaleShift, 1);
        int accWidth = Math.Max(Math.Max(aw, qw), s + 1) + 2;
        int deltaWidth = accWidth - s;
        int sumWidth = Math.Max(w, deltaWidth) + 1;
        var m = new VerilogModule(l.Module,
        [
            $"The {l.Name} layer of the Hebbian plasticity engine ({d.Engine}): {l.Rows} post x {l.Cols} pre weights, row-major,",
            $"updated once per sample as FixedHebbianNetwork.Learn updates them (rule {d.RuleHash}).",
            "",
            $"pre: {l.PreMeaning} ({l.Pre.Bits} bits); post: {l.PostMeaning} ({l.Post.Bits} bit(s)); trace: the post neuron's",
            $"activity trace, raw in units of one level / 2^16, rate 2^-{l.Rule.TraceShift}, quantized to {l.TraceLevels.Bits} bits.",
            "Per row (post neuron): a two-clock prologue reads post and the trace, reads scale[{post, trace level}] and writes the",
            "trace t + ((post*2^16 - t) >>> TRACE_SHIFT). Per synapse, one per clock:",
            "  acc = add[{pre, post}] + ((w * scale) >>> SCALE_SHIFT)",
            s > 0
                ? $"  w <= overflow(w + ((acc + r) >>> {s})), r = the top {s} bits of the engine's xorshift32 draw for this update"
                    + (d.SharedDraws ? " (perPre: the j-th draw of the layer's walk in every row)" : "")
                : "  w <= overflow(w + acc) (no stochastic rounding: the add words are in weight LSBs)",
            $"Weight: {VerilogTypes.Describe(l.Weight.Format)}, overflow {l.Weight.Overflow} (applied only outside the range, as the model does).",
            $"add words: {VerilogTypes.Describe(d.Precision.RuleEntry.Format)}; scale words: {VerilogTypes.Describe(d.Precision.ScaleEntry.Format)}.",
            "",
            "rst clears the traces (one row per clock, ROWS clocks; ready low meanwhile). The host port writes weights while",
            "ready (or clearing) and reads them with one clock of latency while ready.",
        ]);
        m.Parameter("ADD_ROM_FILE", HardwareDesign.Quote(d.RomPath(l.AddRom)), $"$readmemh image of the add table [pre, post] ({l.AddRom.Depth} words)");
        m.Parameter("SCALE_ROM_FILE", HardwareDesign.Quote(d.RomPath(l.ScaleRom)), $"$readmemh image of the multiply table [post, trace] ({l.ScaleRom.Depth} words)");
        AddPorts(m, d, l);
        AddLocalParams(m, l, pw, qw, accWidth, deltaWidth, sumWidth);
        if (d.SharedDraws)
        {
            m.Reg("s1_first_reg", "", "Stage 1: the row's first synapse (its draw restarts the row's draws)");
            m.Reg("s2_first_reg", "", "Stage 2: the row's first synapse");
        }

        AddSignals(m, l);
        AddMemories(m);
        AddPrologue(m, d, l);
        AddDatapath(m, d, l, pw, qw, accWidth, deltaWidth, sumWidth);
        AddControlOutputs(m, d);
        AddWalkControl(m, l, d.SharedDraws);
        return m;
    }

    /// <summary>The weight and trace memories: one write and one registered read port each (block-RAM inferable).</summary>
    private static void AddMemories(VerilogModule m)
    {
        m.Assign("weight_we", "s2_valid_reg | (host_we & host_ok)");
        m.Assign("weight_waddr", "s2_valid_reg ? s2_addr_reg : host_addr");
        m.Assign("weight_wdata", "s2_valid_reg ? new_weight : host_wdata");
        m.Assign("weight_raddr", "state_reg == ST_WALK ? addr_reg : host_addr");
        m.Clocked("Weight memory: the pipeline's write (or the host's), and a registered read",
        [
            Stmt.If("weight_we", [Stmt.Set("weight_mem[weight_waddr]", "weight_wdata")]),
            Stmt.Set("weight_rdata_reg", "weight_mem[weight_raddr]"),
        ]);
        m.Clocked("Trace memory: cleared after reset, written in each row's prologue, read at the row",
        [
            Stmt.If("trace_we", [Stmt.Set("trace_mem[row_reg]", "trace_wdata")]),
            Stmt.Set("trace_rdata_reg", "trace_mem[row_reg]"),
        ]);
    }

    /// <summary>The row's prologue: the trace level, the trace update and the multiply ROM that reads the row's scale word.</summary>
    private static void AddPrologue(VerilogModule m, HebbianHardwareDesign d, HebbianLayerDesign l)
    {
        m.Assign("trace_level", Mux(
            Enumerable.Range(1, l.TraceLevels.Top).Reverse().Select(level =>
                ($"trace_rdata_reg >= TRACE_THRESHOLD_{Int(level)}", VerilogTypes.Decimal(level, l.TraceLevels.Bits))),
            VerilogTypes.Decimal(0, l.TraceLevels.Bits)));
        int pad = l.TraceWidth + 1 - l.Post.Bits - FixedHebbianNetwork.TraceFracBits;
        m.Assign("trace_target", Concat([.. pad > 0 ? new[] { VerilogTypes.Decimal(0, pad) } : [], "post_level", VerilogTypes.Decimal(0, FixedHebbianNetwork.TraceFracBits)]));
        m.Assign("trace_diff", "trace_target - {1'b0, trace_rdata_reg}");
        int tw1 = l.TraceWidth + 1, ts = l.Rule.TraceShift;
        m.Assign("trace_step", ts == 0 ? "trace_diff"
            : ts >= tw1 ? Replicate(Int(tw1), "trace_diff[TRACE_WIDTH]")
            : Concat([Replicate(Int(ts), "trace_diff[TRACE_WIDTH]"), $"trace_diff[TRACE_WIDTH:{Int(ts)}]"]));
        m.Assign("trace_sum", "{1'b0, trace_rdata_reg} + trace_step");
        m.Assign("trace_next", "trace_sum[TRACE_WIDTH-1:0]");
        m.Assign("trace_we", "state_reg == ST_CLEAR || state_reg == ST_ROW");
        m.Assign("trace_wdata", $"state_reg == ST_CLEAR ? {VerilogTypes.Decimal(0, l.TraceWidth)} : trace_next");
        m.Instance("The multiply ROM: -s(post, trace level), read in the row's prologue, held through the row", d.RomModule, "scale_rom_inst",
        [
            ("DATA_WIDTH", "SCALE_WIDTH"), ("ADDR_WIDTH", Int(l.ScaleRom.AddressWidth)), ("DEPTH", Int(l.ScaleRom.Depth)), ("INIT_FILE", "SCALE_ROM_FILE"),
        ],
        [("clk", "clk"), ("en", "state_reg == ST_ROW"), ("addr", "{post_level, trace_level}"), ("data", "scale_word")]);
    }

    /// <summary>
    /// The synapse pipeline: stage 1 (the add ROM and the product w * scale), stage 2 (acc, the stochastic rounding, the sum
    /// and the overflow mode), and the lint sink of the bits it drops on purpose.
    /// </summary>
    private static void AddDatapath(VerilogModule m, HebbianHardwareDesign d, HebbianLayerDesign l, int pw, int qw, int accWidth, int deltaWidth, int sumWidth)
    {
        int w = l.WeightWidth, aw = l.AddRom.WordWidth, sw = l.ScaleRom.WordWidth, s = l.StochasticBits;

        // Stage 1: the add word and the product w * scale.
        m.Instance("The add ROM: a(pre, post), read in stage 1", d.RomModule, "add_rom_inst",
        [
            ("DATA_WIDTH", "ADD_WIDTH"), ("ADDR_WIDTH", Int(l.AddRom.AddressWidth)), ("DEPTH", Int(l.AddRom.Depth)), ("INIT_FILE", "ADD_ROM_FILE"),
        ],
        [("clk", "clk"), ("en", "s1_valid_reg"), ("addr", "{pre_level, s1_post_reg}"), ("data", "add_word")]);
        m.Assign("product", $"{Sext("weight_rdata_reg", w, pw)} * {Sext("scale_word", sw, pw)}");

        // Stage 2: acc, the stochastic rounding, the sum and the overflow mode.
        string scaled = l.ScaleShift == 0 ? "s2_product_reg"
            : l.ScaleShift >= pw ? "s2_product_reg[PRODUCT_WIDTH-1]"
            : $"s2_product_reg[PRODUCT_WIDTH-1:{Int(l.ScaleShift)}]";
        m.Assign("scaled", scaled);
        string random = s > 0 ? $" + {Zext($"rng_state[31:{Int(32 - s)}]", s, accWidth)}" : "";
        m.Assign("acc", $"{Sext("add_word", aw, accWidth)} + {Sext("scaled", qw, accWidth)}{random}");
        m.Assign("delta", s > 0 ? $"acc[ACC_WIDTH-1:{Int(s)}]" : "acc");
        m.Assign("sum", $"{Sext("s2_weight_reg", w, sumWidth)} + {Sext("delta", deltaWidth, sumWidth)}");
        AddOverflow(m, l.Weight.Overflow);
        var unused = new List<string>();
        if (s > 0 && s < 32)
        {
            unused.Add($"rng_state[{Int(31 - s)}:0]");
        }

        if (l.ScaleShift > 0)
        {
            unused.Add($"s2_product_reg[{Int(Math.Min(l.ScaleShift, pw) - 1)}:0]");
        }

        unused.Add("trace_sum[TRACE_WIDTH]");
        if (s > 0)
        {
            unused.Add($"acc[{Int(s - 1)}:0]");
        }

        m.Wire("unused_bits", "", "Bits dropped on purpose: the generator's low bits, the product's and acc's shifted-out bits, the trace sum's sign (lint)",
            $"&{{1'b0, {string.Join(", ", unused)}, 1'b0}}");
    }

    /// <summary>The generator's advance strobe, the host port's enable and read data, ready, and the level read addresses.</summary>
    private static void AddControlOutputs(VerilogModule m, HebbianHardwareDesign d)
    {
        if (d.UsesRandom)
        {
            m.Assign("rng_advance", "s2_valid_reg");
        }

        if (d.SharedDraws)
        {
            m.Assign("rng_restart", "s2_valid_reg & s2_first_reg");
        }

        m.Assign("host_ok", "state_reg == ST_IDLE || state_reg == ST_CLEAR");
        m.Assign("host_rdata", "weight_rdata_reg");
        m.Assign("ready", "state_reg == ST_IDLE");
        m.Assign("pre_addr", "col_reg");
        m.Assign("post_addr", "row_reg");
    }

    /// <summary>
    /// The walk's state machine (clear the traces after reset; per sample every row's prologue, then its synapses, then drain)
    /// and the pipeline registers that carry a synapse through stages 1 and 2 to the update port.
    /// </summary>
    private static void AddWalkControl(VerilogModule m, HebbianLayerDesign l, bool sharedDraws)
    {
        var firstColumn = sharedDraws
            ? new[] { Stmt.Set("s1_first_reg", $"col_reg == {VerilogTypes.Decimal(0, l.ColWidth)}"), Stmt.Set("s2_first_reg", "s1_first_reg") }
            : [];
        string rowLast = VerilogTypes.Decimal(l.Rows - 1, l.RowWidth), colLast = VerilogTypes.Decimal(l.Cols - 1, l.ColWidth);
        m.Registers("Walk control: clear the traces after reset; then per sample every row (prologue, then its synapses), then drain", "rst",
            [
                ("state_reg", "ST_CLEAR"), ("row_reg", VerilogTypes.Decimal(0, l.RowWidth)), ("col_reg", VerilogTypes.Decimal(0, l.ColWidth)),
                ("addr_reg", VerilogTypes.Decimal(0, l.AddressWidth)), ("s1_valid_reg", "1'b0"), ("s2_valid_reg", "1'b0"), ("upd_valid", "1'b0"), ("done", "1'b0"),
            ],
            [
                Stmt.Set("s1_valid_reg", "state_reg == ST_WALK"),
                Stmt.Set("s2_valid_reg", "s1_valid_reg"),
                Stmt.Set("upd_valid", "s2_valid_reg"),
                Stmt.Set("done", "s2_valid_reg & s2_last_reg"),
                Stmt.Case("state_reg",
                [
                    ("ST_CLEAR", [
                        Stmt.Set("row_reg", $"row_reg + {VerilogTypes.Decimal(1, l.RowWidth)}"),
                        Stmt.If($"row_reg == {rowLast}", [Stmt.Set("state_reg", "ST_IDLE"), Stmt.Set("row_reg", VerilogTypes.Decimal(0, l.RowWidth))]),
                    ]),
                    ("ST_IDLE", [Stmt.If("start", [
                        Stmt.Set("state_reg", "ST_PRO"), Stmt.Set("row_reg", VerilogTypes.Decimal(0, l.RowWidth)), Stmt.Set("addr_reg", VerilogTypes.Decimal(0, l.AddressWidth)),
                    ])]),
                    ("ST_PRO", [Stmt.Set("state_reg", "ST_ROW")]),
                    ("ST_ROW", [Stmt.Set("state_reg", "ST_WALK"), Stmt.Set("col_reg", VerilogTypes.Decimal(0, l.ColWidth)), Stmt.Set("row_post_reg", "post_level")]),
                    ("ST_WALK", [
                        Stmt.Set("addr_reg", $"addr_reg + {VerilogTypes.Decimal(1, l.AddressWidth)}"),
                        Stmt.Set("col_reg", $"col_reg + {VerilogTypes.Decimal(1, l.ColWidth)}"),
                        Stmt.If($"col_reg == {colLast}",
                        [
                            Stmt.If($"row_reg == {rowLast}", [Stmt.Set("state_reg", "ST_DRAIN")],
                                [Stmt.Set("state_reg", "ST_PRO"), Stmt.Set("row_reg", $"row_reg + {VerilogTypes.Decimal(1, l.RowWidth)}")]),
                        ]),
                    ]),
                    ("ST_DRAIN", [Stmt.If("s2_valid_reg & s2_last_reg", [Stmt.Set("state_reg", "ST_IDLE")])]),
                ],
                [Stmt.Set("state_reg", "ST_IDLE")]),
            ],
            [
                Stmt.Set("s1_addr_reg", "addr_reg"),
                Stmt.Set("s1_post_reg", "row_post_reg"),
                Stmt.Set("s1_last_reg", $"row_reg == {rowLast} && col_reg == {colLast}"),
                Stmt.Set("s2_addr_reg", "s1_addr_reg"),
                Stmt.Set("s2_last_reg", "s1_last_reg"),
                Stmt.Set("s2_weight_reg", "weight_rdata_reg"),
                Stmt.Set("s2_product_reg", "product"),
                Stmt.Set("upd_addr", "s2_addr_reg"),
                Stmt.Set("upd_weight", "new_weight"),
                .. firstColumn,
            ]);
    }

    private static void AddPorts(VerilogModule m, HebbianHardwareDesign d, HebbianLayerDesign l)
    {
        m.Input("clk", "", "Clock");
        m.Input("rst", "", "Synchronous reset, active high: stops a walk and clears the traces");
        m.Input("start", "", "Walk the layer once (one sample's update); taken while ready");
        m.OutputWire("ready", "", "Idle: start, host writes and host reads are taken");
        m.OutputReg("done", "", "High for one clock after the walk's last weight is written");
        m.OutputWire("pre_addr", VerilogTypes.Range(l.ColWidth), "The pre neuron whose level the engine returns on pre_level one clock later");
        m.Input("pre_level", VerilogTypes.Range(l.Pre.Bits), $"Level of pre_addr of the previous clock: {l.PreMeaning}");
        m.OutputWire("post_addr", VerilogTypes.Range(l.RowWidth), "The post neuron whose level the engine returns on post_level one clock later");
        m.Input("post_level", VerilogTypes.Range(l.Post.Bits), $"Level of post_addr of the previous clock: {l.PostMeaning}");
        if (d.UsesRandom)
        {
            m.OutputWire("rng_advance", "", "A synapse update draws from the engine's generator this clock (every update draws)");
        }

        if (d.SharedDraws)
        {
            m.OutputWire("rng_restart", "", "This clock's draw is a row's first: it restarts from the state the layer's walk started with (stochasticDraws perPre)");
        }

        if (l.StochasticBits > 0)
        {
            m.Input("rng_state", "[31:0]", "The generator's state after this clock's draw; r is its top STOCHASTIC_BITS bits");
        }

        m.Input("host_we", "", "Write host_wdata to weight host_addr (while ready)");
        m.Input("host_addr", VerilogTypes.Range(l.AddressWidth), "Host weight address: post * pre-count + pre");
        m.Input("host_wdata", VerilogTypes.Range(l.WeightWidth), "Weight to write");
        m.OutputWire("host_rdata", VerilogTypes.Range(l.WeightWidth), "The weight at host_addr of the previous clock (while ready)");
        m.OutputReg("upd_valid", "", "An updated weight was written: upd_addr, upd_weight");
        m.OutputReg("upd_addr", VerilogTypes.Range(l.AddressWidth), "Its address, post * pre-count + pre");
        m.OutputReg("upd_weight", VerilogTypes.Range(l.WeightWidth), "Its new value");
    }

    private static void AddLocalParams(VerilogModule m, HebbianLayerDesign l, int pw, int qw, int accWidth, int deltaWidth, int sumWidth)
    {
        m.LocalParam("ROWS", Int(l.Rows), "Post neurons (rows)");
        m.LocalParam("WEIGHTS", Int(l.Weights), $"Weights of the layer: ROWS x {Int(l.Cols)} pre neurons");
        m.LocalParam("WEIGHT_WIDTH", Int(l.WeightWidth), $"Bits of a weight: {VerilogTypes.Describe(l.Weight.Format)}");
        m.LocalParam("ADD_WIDTH", Int(l.AddRom.WordWidth), "Bits of an add word");
        m.LocalParam("SCALE_WIDTH", Int(l.ScaleRom.WordWidth), "Bits of a scale word");
        m.LocalParam("PRODUCT_WIDTH", Int(pw), "Bits of w * scale");
        m.LocalParam("SCALED_WIDTH", Int(qw), $"Bits of (w * scale) >>> SCALE_SHIFT, SCALE_SHIFT = {Int(l.ScaleShift)} (weight + scale fractional bits - add fractional bits)");
        m.LocalParam("ACC_WIDTH", Int(accWidth), "Bits of acc (+ r): wide enough never to overflow");
        m.LocalParam("DELTA_WIDTH", Int(deltaWidth), "Bits of the step in weight LSBs");
        m.LocalParam("SUM_WIDTH", Int(sumWidth), "Bits of the exact w + step");
        m.LocalParam("TRACE_WIDTH", Int(l.TraceWidth), $"Bits of an unsigned trace raw (0 .. {Int(l.TraceTop)} * 2^16)");
        for (int level = 1; level <= l.TraceLevels.Top; level++)
        {
            m.LocalParam($"TRACE_THRESHOLD_{Int(level)}", VerilogTypes.Decimal(l.TraceThresholds[level - 1], l.TraceWidth),
                $"Smallest trace raw at trace level {Int(level)} (the model's nearest level of t / (2^16 * {Int(l.TraceTop)}))", VerilogTypes.Range(l.TraceWidth));
        }

        string[] states = ["ST_CLEAR", "ST_IDLE", "ST_PRO", "ST_ROW", "ST_WALK", "ST_DRAIN"];
        string[] meaning = ["clearing the traces after reset", "idle", "row prologue 1: read post level and trace", "row prologue 2: trace level, scale word, trace write", "issue one synapse per clock", "drain the pipeline"];
        for (int i = 0; i < states.Length; i++)
        {
            m.LocalParam(states[i], VerilogTypes.Decimal(i, 3), $"State: {meaning[i]}", "[2:0]");
        }

        if (l.Weight.Overflow == Overflow.SatSym)
        {
            // Unlike the pattern unit, the model leaves the most negative code itself (it applies overflow only outside the range).
            m.LocalParam("WEIGHT_MAX", VerilogTypes.Literal(l.Weight.Format.MaxRaw, l.WeightWidth), "Largest weight: positive overflow saturates here", "[WEIGHT_WIDTH-1:0]");
            m.LocalParam("WEIGHT_SYM_MIN", VerilogTypes.Literal(-l.Weight.Format.MaxRaw, l.WeightWidth), "-WEIGHT_MAX: negative overflow saturates here", "[WEIGHT_WIDTH-1:0]");
        }
        else
        {
            PlasticityUnitEmitter.AddOverflowParams(m, l.Weight);
        }
    }

    private static void AddSignals(VerilogModule m, HebbianLayerDesign l)
    {
        string wr = VerilogTypes.Range(l.WeightWidth), ar = VerilogTypes.Range(l.AddressWidth);
        m.Reg("weight_mem", "[WEIGHT_WIDTH-1:0]", "The weights, post * pre-count + pre", "[0:WEIGHTS-1]");
        m.Reg("weight_rdata_reg", wr, "Registered weight read");
        m.Reg("trace_mem", "[TRACE_WIDTH-1:0]", "Activity trace of each post neuron", "[0:ROWS-1]");
        m.Reg("trace_rdata_reg", "[TRACE_WIDTH-1:0]", "Registered trace read");
        m.Reg("state_reg", "[2:0]", "Walk state");
        m.Reg("row_reg", VerilogTypes.Range(l.RowWidth), "Post neuron of the row being walked (or cleared)");
        m.Reg("col_reg", VerilogTypes.Range(l.ColWidth), "Pre neuron issued this clock");
        m.Reg("addr_reg", ar, "Weight address issued this clock");
        m.Reg("row_post_reg", VerilogTypes.Range(l.Post.Bits), "Post level of the row being issued");
        m.Reg("s1_valid_reg", "", "Stage 1 holds a synapse");
        m.Reg("s1_last_reg", "", "Stage 1: the walk's last synapse");
        m.Reg("s1_addr_reg", ar, "Stage 1: weight address");
        m.Reg("s1_post_reg", VerilogTypes.Range(l.Post.Bits), "Stage 1: post level");
        m.Reg("s2_valid_reg", "", "Stage 2 holds a synapse");
        m.Reg("s2_last_reg", "", "Stage 2: the walk's last synapse");
        m.Reg("s2_addr_reg", ar, "Stage 2: weight address");
        m.Reg("s2_weight_reg", wr, "Stage 2: the weight before the update");
        m.Reg("s2_product_reg", "[PRODUCT_WIDTH-1:0]", "Stage 2: w * scale");
        m.Wire("weight_we", "", "Weight memory write enable");
        m.Wire("weight_waddr", ar, "Weight memory write address");
        m.Wire("weight_wdata", wr, "Weight memory write data");
        m.Wire("weight_raddr", ar, "Weight memory read address");
        m.Wire("host_ok", "", "The host port may write");
        m.Wire("trace_level", VerilogTypes.Range(l.TraceLevels.Bits), "The row's trace level");
        m.Wire("trace_target", "[TRACE_WIDTH:0]", "post * 2^16");
        m.Wire("trace_diff", "[TRACE_WIDTH:0]", "post * 2^16 - t (two's complement)");
        m.Wire("trace_step", "[TRACE_WIDTH:0]", $"trace_diff >>> {Int(l.Rule.TraceShift)} (arithmetic)");
        m.Wire("trace_sum", "[TRACE_WIDTH:0]", "t + trace_step");
        m.Wire("trace_next", "[TRACE_WIDTH-1:0]", "The updated trace (never negative, never above the top level)");
        m.Wire("trace_we", "", "Trace memory write enable");
        m.Wire("trace_wdata", "[TRACE_WIDTH-1:0]", "Trace memory write data");
        m.Wire("scale_word", "[SCALE_WIDTH-1:0]", "scale[{post, trace level}] of the row");
        m.Wire("add_word", "[ADD_WIDTH-1:0]", "add[{pre, post}] of the synapse in stage 2");
        m.Wire("product", "[PRODUCT_WIDTH-1:0]", "w * scale of the synapse in stage 1 (two's complement, exact)");
        m.Wire("scaled", "[SCALED_WIDTH-1:0]", "(w * scale) >>> SCALE_SHIFT");
        m.Wire("acc", "[ACC_WIDTH-1:0]", l.StochasticBits > 0 ? "add + scaled + r" : "add + scaled");
        m.Wire("delta", "[DELTA_WIDTH-1:0]", l.StochasticBits > 0 ? $"acc >>> {Int(l.StochasticBits)}: the step in weight LSBs" : "The step in weight LSBs");
        m.Wire("sum", "[SUM_WIDTH-1:0]", "Exact w + delta");
        m.Wire("new_weight", wr, "overflow(sum): the weight after the update");
    }

    /// <summary>
    /// <c>new_weight</c> from <c>sum</c> under the weight's overflow mode, applied only when <c>sum</c> is outside the weight's range
    /// (the model's rule: the most negative code stays itself even under SatSym).
    /// </summary>
    private static void AddOverflow(VerilogModule m, Overflow overflow)
    {
        if (overflow == Overflow.Wrap)
        {
            m.Wire("unused_sum", "", "The sum's bits above the weight (wrap drops them; lint)", "&{1'b0, sum[SUM_WIDTH-1:WEIGHT_WIDTH], 1'b0}");
            m.Assign("new_weight", "sum[WEIGHT_WIDTH-1:0]");
            return;
        }

        m.Wire("in_range", "", "The sum's bits from the weight's sign bit up all agree: it fits the weight", "&sum[SUM_WIDTH-1:WEIGHT_WIDTH-1] | ~|sum[SUM_WIDTH-1:WEIGHT_WIDTH-1]");
        m.Wire("overflow_up", "", "The sum exceeds the largest weight", "~sum[SUM_WIDTH-1] & ~in_range");
        m.Wire("overflow_down", "", "The sum is below the smallest weight", "sum[SUM_WIDTH-1] & ~in_range");
        m.Assign("new_weight", overflow switch
        {
            Overflow.Sat => "overflow_up ? WEIGHT_MAX : overflow_down ? WEIGHT_MIN : sum[WEIGHT_WIDTH-1:0]",
            Overflow.SatZero => "overflow_up | overflow_down ? {WEIGHT_WIDTH{1'b0}} : sum[WEIGHT_WIDTH-1:0]",
            Overflow.SatSym => "overflow_up ? WEIGHT_MAX : overflow_down ? WEIGHT_SYM_MIN : sum[WEIGHT_WIDTH-1:0]",
            _ => throw new ArgumentOutOfRangeException(nameof(overflow), overflow, $"Unknown overflow mode {overflow}"),
        });
    }

    /// <summary><paramref name="signal"/> of <paramref name="from"/> bits sign-extended to <paramref name="to"/> bits.</summary>
    internal static string Sext(string signal, int from, int to) =>
        to == from ? signal
        : from == 1 ? Replicate(Int(to), signal)
        : Concat([Replicate(Int(to - from), $"{signal}[{Int(from - 1)}]"), signal]);

    /// <summary><paramref name="signal"/> of <paramref name="from"/> bits zero-extended to <paramref name="to"/> bits.</summary>
    internal static string Zext(string signal, int from, int to) =>
        to == from ? signal : Concat([VerilogTypes.Decimal(0, to - from), signal]);

    private static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);
}
