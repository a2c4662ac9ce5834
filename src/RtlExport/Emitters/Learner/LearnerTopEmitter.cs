using System.Globalization;
using Neuro.RtlExport.Verilog;
using static Neuro.RtlExport.Verilog.Expr;

namespace Neuro.RtlExport.Emitters.Learner;

/// <summary>
/// The learner's top level with the interfaces FPGA users know: AXI4-Stream samples in (a label beat, then one beat per
/// input, <c>TLAST</c> on the last), AXI4-Stream results out (one beat per sample, backpressure honoured), an AXI4-Lite
/// register port (<see cref="RegisterMap"/>) for control, status, counters and reading and loading any weight, and a
/// <c>done</c> pulse for an interrupt. Wraps <see cref="LearnerCoreEmitter"/>'s core.
/// </summary>
internal static class LearnerTopEmitter
{
    public static VerilogModule Build(HardwareDesign d, VerilogModule core)
    {
        var m = new VerilogModule(d.Learner,
        [
            "On-chip learner of the pattern rule (DESIGN.md, section 6; docs/hardware.md; README.md of the export).",
            "",
            "Input stream (AXI4-Stream): per sample one beat with the label in bits [CLASS_WIDTH-1:0], then INPUTS",
            "beats with the raw inputs in bits [INPUT_WIDTH-1:0] (two's complement), TLAST on the last. A frame",
            "that ends early, runs long or carries a label >= CLASSES is dropped and counted (ERRORS, FRAME_ERROR).",
            "Output stream: one beat per sample, {updated, label, prediction}, TLAST high; held until TREADY.",
            "Register port (AXI4-Lite, 32-bit): see the C header NAME_regs.h. Samples are accepted while",
            "CONTROL.START is set, one at a time: the next label beat waits until the result has been taken.",
            "aresetn (synchronous, active low) starts the clear sequence that zeroes every plastic weight.",
        ]);
        // The core's parameters, passed through unchanged.
        foreach (var p in core.Parameters)
        {
            m.Parameters.Add(p);
        }

        AddPorts(m);
        AddDeclarations(m, d);
        AddLoader(m);
        AddResultAndCounters(m);
        AddRegisterWrites(m, d);
        AddRegisterReads(m, d);
        m.Instance("The compute core", d.LearnerCore, "core",
            [.. core.Parameters.Select(p => (p.Name, p.Name))],
            [
                ("clk", "aclk"), ("rst", "rst"), ("clear", "clear_reg"), ("x_we", "x_we"), ("x_addr", "feat_reg"), ("x_data", "s_axis_tdata[INPUT_WIDTH-1:0]"),
                ("start", "core_start"), ("label", "label_in_reg"), ("learn", "learn_reg"), ("idle", "core_idle"), ("clearing", "core_clearing"),
                ("done", "core_done"), ("prediction", "core_prediction"), ("updated", "core_updated"), ("update_count", "core_update_count"),
                ("host_layer", "weight_layer_reg"), ("host_lane", "weight_index_reg[7:0]"), ("host_local", "weight_index_reg[31:8]"),
                ("host_index_ok", "host_index_ok"), ("host_writable", "host_writable"), ("host_we", "host_we_reg"), ("host_wdata", "host_wdata_reg"),
                ("host_rdata", "weight_rdata"),
            ]);
        m.Assign("s_axis_tready", "ld_state_reg == LD_LABEL ? start_reg && core_idle && !result_valid_reg : ld_state_reg != LD_WAIT");
        m.Assign("m_axis_tvalid", "result_valid_reg");
        m.Assign("m_axis_tdata", Concat([Replicate(Int(d.ResultWidth - 2 * d.ClassWidth - 1), "1'b0"), "updated_reg", "label_out_reg", "prediction_reg"]));
        m.Assign("m_axis_tlast", "1'b1");
        m.Assign("done", "core_done");
        return m;
    }

    private static void AddPorts(VerilogModule m)
    {
        m.Parameter("BEAT_WIDTH", "8 * (((INPUT_WIDTH > $clog2(CLASSES) ? INPUT_WIDTH : $clog2(CLASSES)) + 7) / 8)", "Bits of an input beat (derived: keep the default)");
        m.Parameter("RESULT_WIDTH", "8 * ((2 * $clog2(CLASSES) + 8) / 8)", "Bits of a result beat (derived: keep the default)");
        m.Input("aclk", "", "Clock");
        m.Input("aresetn", "", "Synchronous reset, active low: clears the plastic weights, counters and registers");
        m.Input("s_axis_tdata", "[BEAT_WIDTH-1:0]", "Input stream: a label, then the inputs");
        m.Input("s_axis_tvalid", "", "Input stream: valid");
        m.OutputWire("s_axis_tready", "", "Input stream: ready");
        m.Input("s_axis_tlast", "", "Input stream: the sample's last beat");
        m.OutputWire("m_axis_tdata", "[RESULT_WIDTH-1:0]", "Result stream: {updated, label, prediction}");
        m.OutputWire("m_axis_tvalid", "", "Result stream: valid");
        m.Input("m_axis_tready", "", "Result stream: ready");
        m.OutputWire("m_axis_tlast", "", "Result stream: last (every beat is a packet)");
        m.Input("s_axil_awaddr", $"[{RegisterMap.AddressWidth - 1}:0]", "Register port: write address");
        m.Input("s_axil_awvalid", "", "Register port: write address valid");
        m.OutputWire("s_axil_awready", "", "Register port: write address ready");
        m.Input("s_axil_wdata", "[31:0]", "Register port: write data");
        m.Input("s_axil_wstrb", "[3:0]", "Register port: write strobes (a register is written only with all four)");
        m.Input("s_axil_wvalid", "", "Register port: write data valid");
        m.OutputWire("s_axil_wready", "", "Register port: write data ready");
        m.OutputReg("s_axil_bresp", "[1:0]", "Register port: write response (OKAY or SLVERR)");
        m.OutputReg("s_axil_bvalid", "", "Register port: write response valid");
        m.Input("s_axil_bready", "", "Register port: write response ready");
        m.Input("s_axil_araddr", $"[{RegisterMap.AddressWidth - 1}:0]", "Register port: read address");
        m.Input("s_axil_arvalid", "", "Register port: read address valid");
        m.OutputWire("s_axil_arready", "", "Register port: read address ready");
        m.OutputReg("s_axil_rdata", "[31:0]", "Register port: read data");
        m.OutputReg("s_axil_rresp", "[1:0]", "Register port: read response (OKAY or SLVERR)");
        m.OutputReg("s_axil_rvalid", "", "Register port: read data valid");
        m.Input("s_axil_rready", "", "Register port: read data ready");
        m.OutputWire("done", "", "One-clock pulse when a sample completes (an interrupt)");
    }

    private static void AddDeclarations(VerilogModule m, HardwareDesign d)
    {
        m.LocalParam("CLASS_WIDTH", "$clog2(CLASSES)", "Bits of a class");
        m.LocalParam("INPUTS_LAST", "INPUTS - 1", "The last input", "integer");
        m.LocalParam("CLASSES_LABEL", "CLASSES", "CLASSES as a label field", "[CLASS_WIDTH:0]");
        m.LocalParam("LD_LABEL", "2'd0", "Loader: waiting for a label beat", "[1:0]");
        m.LocalParam("LD_FEATURE", "2'd1", "Loader: receiving the inputs", "[1:0]");
        m.LocalParam("LD_DROP", "2'd2", "Loader: dropping a malformed frame up to its TLAST", "[1:0]");
        m.LocalParam("LD_WAIT", "2'd3", "Loader: the core computes the sample", "[1:0]");
        m.LocalParam("RESP_OKAY", "2'b00", "AXI response OKAY", "[1:0]");
        m.LocalParam("RESP_SLVERR", "2'b10", "AXI response SLVERR", "[1:0]");
        foreach (string p in new[] { "INPUTS", "HIDDEN", "CAP", "ROUNDS", "CLASSES", "LANES" })
        {
            m.LocalParam(p + "_32", p, $"{p} as a register value", "[31:0]");
        }

        foreach (string p in new[] { "INPUT_WIDTH", "WEIGHT_WIDTH", "ACT_WIDTH", "ENTRY_WIDTH" })
        {
            m.LocalParam(p + "_8", p, $"{p} as a register field", "[7:0]");
        }

        var regs = RegisterMap.For(d);
        foreach (var r in regs)
        {
            m.LocalParam("REG_" + r.Name, string.Create(CultureInfo.InvariantCulture, $"6'd{r.Offset / 4}"), $"Register {r.Name} (byte offset 0x{r.Offset:X2})", "[5:0]");
        }

        m.Wire("rst", "", "Reset, active high", "!aresetn");
        m.Reg("ld_state_reg", "[1:0]", "Loader state");
        m.Reg("feat_reg", "[$clog2(INPUTS)-1:0]", "Loader: the next input's index");
        m.Reg("label_in_reg", "[CLASS_WIDTH-1:0]", "Loader: the sample's label");
        m.Reg("start_reg", "", "CONTROL.START");
        m.Reg("learn_reg", "", "CONTROL.LEARN");
        m.Reg("clear_reg", "", "A CLEAR request for the core (one clock)");
        m.Reg("frame_error_reg", "", "STATUS.FRAME_ERROR (sticky)");
        m.Reg("result_valid_reg", "", "A result waits on the output stream");
        m.Reg("prediction_reg", "[CLASS_WIDTH-1:0]", "The last result: prediction");
        m.Reg("label_out_reg", "[CLASS_WIDTH-1:0]", "The last result: label");
        m.Reg("updated_reg", "", "The last result: the sample updated the weights");
        m.Reg("samples_reg", "[31:0]", "SAMPLES");
        m.Reg("updates_reg", "[31:0]", "UPDATES");
        m.Reg("cycles_reg", "[63:0]", "CYCLES");
        m.Reg("sample_cycles_reg", "[31:0]", "Clocks of the running sample");
        m.Reg("last_cycles_reg", "[31:0]", "LAST_CYCLES");
        m.Reg("errors_reg", "[31:0]", "ERRORS");
        m.Reg("weight_layer_reg", "[1:0]", "WEIGHT_LAYER");
        m.Reg("weight_index_reg", "[31:0]", "WEIGHT_INDEX");
        m.Reg("host_we_reg", "", "Load the weight at the weight index (one clock)");
        m.Reg("host_wdata_reg", "[WEIGHT_WIDTH-1:0]", "The weight to load");
        if (d.WeightWidth > 32)
        {
            m.Reg("weight_hi_reg", "[31:0]", "WEIGHT_DATA_HI as written");
        }

        m.Reg("read_wait_reg", "[1:0]", "Register port: clocks until the addressed weight is read");
        m.Wire("beat", "", "An input beat is accepted this clock", "s_axis_tvalid && s_axis_tready");
        m.Wire("label_ok", "", "The label beat carries a valid class", "{1'b0, s_axis_tdata[CLASS_WIDTH-1:0]} < CLASSES_LABEL");
        m.Wire("last_input", "", "The loader expects the last input", "feat_reg == INPUTS_LAST[$clog2(INPUTS)-1:0]");
        m.Wire("x_we", "", "An input beat is written to the core", "beat && ld_state_reg == LD_FEATURE");
        m.Wire("core_start", "", "The sample's last beat arrived with TLAST: start the core", "x_we && last_input && s_axis_tlast");
        m.Wire("core_idle", "", "Core: idle");
        m.Wire("core_clearing", "", "Core: clearing");
        m.Wire("core_busy", "", "Core: computing a sample", "!core_idle && !core_clearing");
        m.Wire("core_done", "", "Core: a sample completed");
        m.Wire("core_prediction", "[CLASS_WIDTH-1:0]", "Core: the prediction");
        m.Wire("core_updated", "", "Core: the sample updated the weights");
        m.Wire("core_update_count", "[$clog2(LANES+1)-1:0]", "Core: weights written this clock");
        m.Wire("host_index_ok", "", "Core: the weight index names a weight");
        m.Wire("host_writable", "", "Core: the weight index names a plastic weight");
        m.Wire("weight_rdata", "[WEIGHT_WIDTH-1:0]", "Core: the weight at the weight index");
        m.Wire("write", "", "Register port: a write is accepted this clock", "s_axil_awvalid && s_axil_wvalid && !s_axil_bvalid");
        m.Wire("write_full", "", "Register port: the write has every byte", "s_axil_wstrb == 4'hf");
        m.Wire("read", "", "Register port: a read is accepted this clock", "s_axil_arvalid && s_axil_arready");
        m.Wire("unused_bits", "", "Bits the register decode and the stream ignore (lint: intentionally unused)",
            "&{1'b0, s_axil_awaddr[1:0], s_axil_araddr[1:0], s_axis_tdata, 1'b0}");
    }

    private static void AddLoader(VerilogModule m)
    {
        List<Stmt> error(string next) => [Stmt.Set("frame_error_reg", "1'b1"), Stmt.Set("errors_reg", "errors_reg + 32'd1"), Stmt.Set("ld_state_reg", next)];
        m.Registers("Loader: label beat, input beats, then the core; malformed frames are dropped and counted", "rst",
            [("ld_state_reg", "LD_LABEL"), ("feat_reg", "{$clog2(INPUTS){1'b0}}"), ("frame_error_reg", "1'b0"), ("errors_reg", "32'd0")],
            [
                Stmt.Case("ld_state_reg",
                [
                    ("LD_LABEL", [Stmt.If("beat", [Stmt.If("s_axis_tlast", error("LD_LABEL"), [Stmt.If("label_ok",
                        [Stmt.Set("label_in_reg", "s_axis_tdata[CLASS_WIDTH-1:0]"), Stmt.Set("feat_reg", "{$clog2(INPUTS){1'b0}}"), Stmt.Set("ld_state_reg", "LD_FEATURE")],
                        error("LD_DROP"))])])]),
                    ("LD_FEATURE", [Stmt.If("beat", [Stmt.If("last_input", [Stmt.If("s_axis_tlast", [Stmt.Set("ld_state_reg", "LD_WAIT")], error("LD_DROP"))],
                        [Stmt.If("s_axis_tlast", error("LD_LABEL"), [Stmt.Set("feat_reg", "feat_reg + 1'b1")])])])]),
                    ("LD_DROP", [Stmt.If("beat && s_axis_tlast", [Stmt.Set("ld_state_reg", "LD_LABEL")])]),
                ],
                [Stmt.If("core_done", [Stmt.Set("ld_state_reg", "LD_LABEL")])]),
                Stmt.If("write && write_full && s_axil_awaddr[7:2] == REG_STATUS && s_axil_wdata[4]", [Stmt.Set("frame_error_reg", "1'b0")]),
                Stmt.If("clear_reg", [Stmt.Set("errors_reg", "32'd0")]),
            ], clock: "aclk");
    }

    private static void AddResultAndCounters(VerilogModule m)
    {
        m.Registers("Result stream and counters", "rst || clear_reg",
            [("result_valid_reg", "1'b0"), ("samples_reg", "32'd0"), ("updates_reg", "32'd0"), ("cycles_reg", "64'd0"), ("last_cycles_reg", "32'd0")],
            [
                Stmt.If("core_done",
                [
                    Stmt.Set("result_valid_reg", "1'b1"),
                    Stmt.Set("samples_reg", "samples_reg + 32'd1"),
                    Stmt.Set("last_cycles_reg", "sample_cycles_reg"),
                ],
                [Stmt.If("m_axis_tvalid && m_axis_tready", [Stmt.Set("result_valid_reg", "1'b0")])]),
                Stmt.Set("updates_reg", "updates_reg + {{(32-$clog2(LANES+1)){1'b0}}, core_update_count}"),
                Stmt.If("core_busy", [Stmt.Set("cycles_reg", "cycles_reg + 64'd1")]),
            ],
            [
                Stmt.If("core_start", [Stmt.Set("sample_cycles_reg", "32'd0")], [Stmt.If("core_busy", [Stmt.Set("sample_cycles_reg", "sample_cycles_reg + 32'd1")])]),
                Stmt.If("core_done", [Stmt.Set("prediction_reg", "core_prediction"), Stmt.Set("label_out_reg", "label_in_reg"), Stmt.Set("updated_reg", "core_updated")]),
            ], clock: "aclk");
    }

    private static void AddRegisterWrites(VerilogModule m, HardwareDesign d)
    {
        string wdata = d.WeightWidth > 32 ? $"{{weight_hi_reg[{d.WeightWidth - 33}:0], s_axil_wdata}}" : $"s_axil_wdata[{d.WeightWidth - 1}:0]";
        var arms = new List<(string, IReadOnlyList<Stmt>)>
        {
            ("REG_CONTROL",
            [
                Stmt.Set("start_reg", "s_axil_wdata[0]"),
                Stmt.Set("learn_reg", "s_axil_wdata[1]"),
                Stmt.If("s_axil_wdata[2]", [Stmt.If("core_idle && ld_state_reg == LD_LABEL", [Stmt.Set("clear_reg", "1'b1")], [Stmt.Set("s_axil_bresp", "RESP_SLVERR")])]),
            ]),
            ("REG_STATUS", []),
            ("REG_WEIGHT_LAYER", [Stmt.Set("weight_layer_reg", "s_axil_wdata[1:0]")]),
            ("REG_WEIGHT_INDEX", [Stmt.Set("weight_index_reg", "s_axil_wdata")]),
            ("REG_WEIGHT_DATA", [Stmt.If("core_idle && host_writable", [Stmt.Set("host_we_reg", "1'b1"), Stmt.Set("host_wdata_reg", wdata)], [Stmt.Set("s_axil_bresp", "RESP_SLVERR")])]),
        };
        if (d.WeightWidth > 32)
        {
            arms.Add(("REG_WEIGHT_DATA_HI", [Stmt.Set("weight_hi_reg", "s_axil_wdata")]));
        }

        m.Registers("Register port, writes: accepted when address and data are both valid; SLVERR for partial or refused writes", "rst",
            [("s_axil_bvalid", "1'b0"), ("start_reg", "1'b0"), ("learn_reg", "1'b1"), ("clear_reg", "1'b0"), ("host_we_reg", "1'b0"), ("weight_layer_reg", "2'd0"), ("weight_index_reg", "32'd0")],
            [
                Stmt.Set("clear_reg", "1'b0"),
                Stmt.Set("host_we_reg", "1'b0"),
                Stmt.If("write",
                [
                    Stmt.Set("s_axil_bvalid", "1'b1"),
                    Stmt.Set("s_axil_bresp", "RESP_OKAY"),
                    Stmt.If("!write_full", [Stmt.Set("s_axil_bresp", "RESP_SLVERR")], [Stmt.Case("s_axil_awaddr[7:2]", arms, [Stmt.Set("s_axil_bresp", "RESP_SLVERR")])]),
                ],
                [Stmt.If("s_axil_bready", [Stmt.Set("s_axil_bvalid", "1'b0")])]),
            ], clock: "aclk");
        m.Assign("s_axil_awready", "write");
        m.Assign("s_axil_wready", "write");
    }

    private static void AddRegisterReads(VerilogModule m, HardwareDesign d)
    {
        var regs = RegisterMap.For(d);
        var weightRegs = regs.Where(r => r.Name.StartsWith("WEIGHT_DATA", StringComparison.Ordinal)).ToList();
        var plain = regs.Except(weightRegs).Select(r => ("REG_" + r.Name, (IReadOnlyList<Stmt>)[Stmt.Set("s_axil_rdata", r.Read)])).ToList();
        string isWeight = string.Join(" || ", weightRegs.Select(r => $"s_axil_araddr[7:2] == REG_{r.Name}"));
        if (weightRegs.Count > 1)
        {
            m.Reg("read_hi_reg", "", "Register port: the pending weight read is of WEIGHT_DATA_HI");
        }

        m.Registers("Register port, reads: one clock, or four for the weight port (the addressed weight is read through the core)", "rst",
            [("s_axil_rvalid", "1'b0"), ("read_wait_reg", "2'd0")],
            [
                Stmt.Chain(
                [
                    ("read && (" + isWeight + ")",
                    [
                        Stmt.Set("s_axil_rresp", "RESP_OKAY"),
                        .. weightRegs.Count > 1 ? [Stmt.Set("read_hi_reg", "s_axil_araddr[7:2] == REG_WEIGHT_DATA_HI")] : Array.Empty<Stmt>(),
                        Stmt.If("core_idle && host_index_ok", [Stmt.Set("read_wait_reg", "2'd3")], [Stmt.Set("s_axil_rdata", "32'd0"), Stmt.Set("s_axil_rresp", "RESP_SLVERR"), Stmt.Set("s_axil_rvalid", "1'b1")]),
                    ]),
                    ("read",
                    [
                        Stmt.Set("s_axil_rresp", "RESP_OKAY"),
                        Stmt.Set("s_axil_rvalid", "1'b1"),
                        Stmt.Case("s_axil_araddr[7:2]", plain, [Stmt.Set("s_axil_rdata", "32'd0"), Stmt.Set("s_axil_rresp", "RESP_SLVERR")]),
                    ]),
                    ("read_wait_reg != 2'd0",
                    [
                        Stmt.Set("read_wait_reg", "read_wait_reg - 2'd1"),
                        Stmt.If("read_wait_reg == 2'd1",
                        [
                            Stmt.Set("s_axil_rvalid", "1'b1"),
                            Stmt.Set("s_axil_rdata", weightRegs.Count > 1 ? $"read_hi_reg ? {weightRegs[1].Read} : {weightRegs[0].Read}" : weightRegs[0].Read),
                        ]),
                    ]),
                    ("s_axil_rvalid && s_axil_rready", [Stmt.Set("s_axil_rvalid", "1'b0")]),
                ]),
            ], clock: "aclk");
        m.Assign("s_axil_arready", "!s_axil_rvalid && read_wait_reg == 2'd0");
    }
}
