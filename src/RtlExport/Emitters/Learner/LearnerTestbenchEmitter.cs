using System.Globalization;
using Neuro.RtlExport.Verilog;
using static Neuro.RtlExport.Verilog.Expr;

namespace Neuro.RtlExport.Emitters.Learner;

/// <summary>
/// The learner's self-checking testbench: it streams a lifetime through the AXI4-Stream input with seeded random
/// TVALID gaps, takes the results with seeded random TREADY backpressure, and checks every result, every sample's
/// latency against <see cref="LearnerTiming"/> (with the <c>done</c> pulse one clock before the result), the AXI4-Stream
/// rule that a result holds while it waits, the counters, and every plastic weight read back through AXI4-Lite.
/// </summary>
internal static class LearnerTestbenchEmitter
{
    public static VerilogModule Build(HardwareDesign d, LearnerVectors v, int stallSeed)
    {
        string dut = d.Learner;
        var m = new VerilogModule(d.LearnerTestbench,
        [
            $"Self-checking testbench of {dut}: a lifetime of {v.Samples} learning samples, then {v.TestSamples} with LEARN off,",
            "through AXI4-Stream with seeded random TVALID gaps and TREADY backpressure (every fourth sample at full rate).",
            "Checks each result, each latency (TLAST edge to the first edge with the result valid; done one clock",
            "earlier), that a waiting result holds, the counters, and every plastic weight read back over AXI4-Lite.",
        ]);
        AddParams(m, d, v, stallSeed);
        AddSignals(m, d);
        m.Items.Add(new ClockItem("Clock", "clk", TestbenchEmitter.HalfPeriod));
        m.Clocked("Clock edges so far (at a falling edge: the index of the next rising edge)", [Stmt.Set("cycle", "cycle + 1")]);
        m.Items.Add(WriteTask());
        m.Items.Add(ReadTask());
        m.Items.Add(new InitialItem("Run the lifetime, read the counters and every plastic weight back, then report",
            TestbenchEmitter.Summary(m.Name, "checks == EXPECTED_CHECKS", "EXPECTED_CHECKS", Main(d, v), " samples=%0d updates=%0d cycles=%0d", ", received, updates_seen, cycles_seen")));
        m.Items.Add(new InitialItem("Input stream: beats of the samples allowed so far, with random gaps", Driver()));
        m.Items.Add(new AlwaysItem("Result stream: backpressure at random (none on every fourth sample)", "negedge clk",
        [
            Stmt.Set("lfsr_out", "lfsr_out_next"),
            Stmt.Set("m_axis_tready", "received % 4 == 0 || lfsr_out_next[1:0] != 2'd0"),
        ]));
        m.Clocked("Result stream: check each result, its latency and done, and that a waiting result holds", Monitor(dut));
        m.Items.Add(TestbenchEmitter.Watchdog(m.Name));
        m.Instance("The learner under test", dut, "dut", [],
        [
            ("aclk", "clk"), ("aresetn", "aresetn"),
            ("s_axis_tdata", "s_axis_tdata"), ("s_axis_tvalid", "s_axis_tvalid"), ("s_axis_tready", "s_axis_tready"), ("s_axis_tlast", "s_axis_tlast"),
            ("m_axis_tdata", "m_axis_tdata"), ("m_axis_tvalid", "m_axis_tvalid"), ("m_axis_tready", "m_axis_tready"), ("m_axis_tlast", "m_axis_tlast"),
            ("s_axil_awaddr", "s_axil_awaddr"), ("s_axil_awvalid", "s_axil_awvalid"), ("s_axil_awready", "s_axil_awready"),
            ("s_axil_wdata", "s_axil_wdata"), ("s_axil_wstrb", "s_axil_wstrb"), ("s_axil_wvalid", "s_axil_wvalid"), ("s_axil_wready", "s_axil_wready"),
            ("s_axil_bresp", "s_axil_bresp"), ("s_axil_bvalid", "s_axil_bvalid"), ("s_axil_bready", "s_axil_bready"),
            ("s_axil_araddr", "s_axil_araddr"), ("s_axil_arvalid", "s_axil_arvalid"), ("s_axil_arready", "s_axil_arready"),
            ("s_axil_rdata", "s_axil_rdata"), ("s_axil_rresp", "s_axil_rresp"), ("s_axil_rvalid", "s_axil_rvalid"), ("s_axil_rready", "s_axil_rready"),
            ("done", "done"),
        ]);
        return m;
    }

    private static void AddParams(VerilogModule m, HardwareDesign d, LearnerVectors v, int stallSeed)
    {
        int total = v.Samples + v.TestSamples;
        m.LocalParam("INPUTS", Int(d.Spec.Inputs), "Inputs per sample");
        m.LocalParam("LANES", Int(d.Lanes), "Lanes");
        m.LocalParam("BEAT_WIDTH", Int(d.BeatWidth), "Bits of an input beat");
        m.LocalParam("RESULT_WIDTH", Int(d.ResultWidth), "Bits of a result beat");
        m.LocalParam("WEIGHT_WIDTH", Int(d.WeightWidth), "Bits of a weight");
        m.LocalParam("SAMPLES", Int(v.Samples), "Samples of the learning phase");
        m.LocalParam("TOTAL", Int(total), "Samples in all (the frozen phase follows)");
        m.LocalParam("BEATS", Int(v.Beats.Count), "Input beats in all");
        foreach (var (code, words) in v.Weights)
        {
            m.LocalParam($"WORDS_{code}", Int(words.Count), $"Plastic weights of layer {code} to read back");
        }

        long weights = v.Weights.Values.Sum(w => (long)w.Count);
        m.LocalParam("EXPECTED_UPDATES", Int(v.ExpectedUpdates), "Synapse updates the model made");
        m.LocalParam("EXPECTED_LAST_CYCLES", Int(v.LastCycles), "LAST_CYCLES after the last sample");
        m.LocalParam("EXPECTED_CHECKS", Int(2L * total + 5 + weights), "Results, latencies, five registers and the weights");
        m.LocalParam("STALL_SEED", "32'd" + (uint)(stallSeed * 2654435761L % 4294967291L + 1), "Seed of the random gaps and backpressure");
        long clocks = v.TotalLatency + 3L * v.Beats.Count + 16L * total + 20L * weights + 4 * d.Timing.Clear + 2000;
        TestbenchEmitter.Timeout(m, clocks * 2 * TestbenchEmitter.HalfPeriod);
        string[] used = ["CONTROL", "STATUS", "SAMPLES", "UPDATES", "CYCLES_LO", "LAST_CYCLES", "ERRORS", "WEIGHT_LAYER", "WEIGHT_INDEX", "WEIGHT_DATA", "ID"];
        foreach (var r in RegisterMap.For(d).Where(r => used.Contains(r.Name)))
        {
            m.LocalParam("REG_" + r.Name, string.Create(CultureInfo.InvariantCulture, $"8'h{r.Offset:x2}"), $"Register {r.Name}", "[7:0]");
        }
    }

    private static void AddSignals(VerilogModule m, HardwareDesign d)
    {
        m.Reg("clk", "", "Clock", init: "1'b0");
        m.Reg("aresetn", "", "Reset, active low", init: "1'b0");
        m.Reg("s_axis_tdata", "[BEAT_WIDTH-1:0]", "Input stream", init: "{BEAT_WIDTH{1'b0}}");
        m.Reg("s_axis_tvalid", "", "Input stream", init: "1'b0");
        m.Reg("s_axis_tlast", "", "Input stream", init: "1'b0");
        m.Wire("s_axis_tready", "", "Input stream");
        m.Wire("m_axis_tdata", "[RESULT_WIDTH-1:0]", "Result stream");
        m.Wire("m_axis_tvalid", "", "Result stream");
        m.Wire("m_axis_tlast", "", "Result stream");
        m.Reg("m_axis_tready", "", "Result stream", init: "1'b0");
        m.Reg("s_axil_awaddr", "[7:0]", "Register port", init: "8'd0");
        m.Reg("s_axil_awvalid", "", "Register port", init: "1'b0");
        m.Wire("s_axil_awready", "", "Register port");
        m.Reg("s_axil_wdata", "[31:0]", "Register port", init: "32'd0");
        m.Reg("s_axil_wstrb", "[3:0]", "Register port", init: "4'hf");
        m.Reg("s_axil_wvalid", "", "Register port", init: "1'b0");
        m.Wire("s_axil_wready", "", "Register port");
        m.Wire("s_axil_bresp", "[1:0]", "Register port");
        m.Wire("s_axil_bvalid", "", "Register port");
        m.Reg("s_axil_bready", "", "Register port", init: "1'b0");
        m.Reg("s_axil_araddr", "[7:0]", "Register port", init: "8'd0");
        m.Reg("s_axil_arvalid", "", "Register port", init: "1'b0");
        m.Wire("s_axil_arready", "", "Register port");
        m.Wire("s_axil_rdata", "[31:0]", "Register port");
        m.Wire("s_axil_rresp", "[1:0]", "Register port");
        m.Wire("s_axil_rvalid", "", "Register port");
        m.Reg("s_axil_rready", "", "Register port", init: "1'b0");
        m.Wire("done", "", "Sample done pulse");
        m.Reg("beats", "[BEAT_WIDTH-1:0]", "The input beats", "[0:BEATS-1]");
        m.Reg("results", "[RESULT_WIDTH-1:0]", "Expected results", "[0:TOTAL-1]");
        m.Reg("latencies", "[31:0]", "Expected latencies", "[0:TOTAL-1]");
        m.Reg("tlast_edge", "[31:0]", "The clock edge of each sample's TLAST beat", "[0:TOTAL-1]");
        foreach (var (code, name) in d.ReadBackLayers)
        {
            m.Reg($"expected_{code}", "[WEIGHT_WIDTH-1:0]", $"The model's final {name}-layer weights, index local*LANES + lane", $"[0:WORDS_{code}-1]");
        }

        m.Reg("axil_rdata", "[31:0]", "The last register read");
        m.Reg("axil_resp", "[1:0]", "The last register response");
        m.Reg("lfsr_in", "[31:0]", "Random gaps", init: "STALL_SEED");
        m.Reg("lfsr_out", "[31:0]", "Random backpressure", init: "STALL_SEED ^ 32'h5bd1e995");
        m.Wire("lfsr_out_a", "[31:0]", "xorshift32, step 1", "lfsr_out ^ (lfsr_out << 13)");
        m.Wire("lfsr_out_b", "[31:0]", "xorshift32, step 2", "lfsr_out_a ^ (lfsr_out_a >> 17)");
        m.Wire("lfsr_out_next", "[31:0]", "xorshift32, step 3: the next backpressure draw", "lfsr_out_b ^ (lfsr_out_b << 5)");
        m.Reg("valid_seen", "", "The current result was seen valid", init: "1'b0");
        m.Reg("hold", "", "A result waited at the previous edge", init: "1'b0");
        m.Reg("held_data", "[RESULT_WIDTH-1:0]", "Its data");
        m.Reg("done_prev", "", "done at the previous edge", init: "1'b0");
        m.Integer("cycle", "Clock edges so far", "0");
        m.Integer("limit", "Samples the driver may send", "0");
        m.Integer("beat", "The next beat to send", "0");
        m.Integer("received", "Results taken", "0");
        m.Integer("k", "Loop index");
        m.Integer("checks", "Checks made", "0");
        m.Integer("mismatches", "Checks failed", "0");
        m.Integer("timing_checks", "Latencies checked", "0");
        m.Integer("timing_mismatches", "Latencies wrong", "0");
        m.Integer("result_checks", "Results checked", "0");
        m.Integer("result_mismatches", "Results wrong", "0");
        m.Integer("protocol_mismatches", "Results that changed while waiting", "0");
        m.Integer("updates_seen", "UPDATES as read", "0");
        m.Integer("cycles_seen", "CYCLES_LO as read", "0");
    }

    private static TaskItem WriteTask() => new("Register write over AXI4-Lite; the response lands in axil_resp", "axil_write", ["input [7:0] addr", "input [31:0] data"],
    [
        Stmt.Line("@(negedge clk);"),
        Stmt.Let("s_axil_awaddr", "addr"), Stmt.Let("s_axil_wdata", "data"), Stmt.Let("s_axil_awvalid", "1'b1"), Stmt.Let("s_axil_wvalid", "1'b1"),
        Stmt.Line("#1;"),
        Stmt.While("!(s_axil_awready && s_axil_wready)", [Stmt.Line("@(negedge clk);"), Stmt.Line("#1;")]),
        Stmt.Line("@(negedge clk);"),
        Stmt.Let("s_axil_awvalid", "1'b0"), Stmt.Let("s_axil_wvalid", "1'b0"),
        Stmt.While("!s_axil_bvalid", [Stmt.Line("@(negedge clk);")]),
        Stmt.Let("axil_resp", "s_axil_bresp"), Stmt.Let("s_axil_bready", "1'b1"),
        Stmt.Line("@(negedge clk);"),
        Stmt.Let("s_axil_bready", "1'b0"),
    ]);

    private static TaskItem ReadTask() => new("Register read over AXI4-Lite; the data and response land in axil_rdata and axil_resp", "axil_read", ["input [7:0] addr"],
    [
        Stmt.Line("@(negedge clk);"),
        Stmt.Let("s_axil_araddr", "addr"), Stmt.Let("s_axil_arvalid", "1'b1"),
        Stmt.Line("#1;"),
        Stmt.While("!s_axil_arready", [Stmt.Line("@(negedge clk);"), Stmt.Line("#1;")]),
        Stmt.Line("@(negedge clk);"),
        Stmt.Let("s_axil_arvalid", "1'b0"),
        Stmt.While("!s_axil_rvalid", [Stmt.Line("@(negedge clk);")]),
        Stmt.Let("axil_rdata", "s_axil_rdata"), Stmt.Let("axil_resp", "s_axil_rresp"), Stmt.Let("s_axil_rready", "1'b1"),
        Stmt.Line("@(negedge clk);"),
        Stmt.Let("s_axil_rready", "1'b0"),
    ]);

    private static List<Stmt> Check(string dut, string what, string cond, string expected, string got) =>
    [
        Stmt.Let("checks", "checks + 1"),
        Stmt.If(cond,
        [
            Stmt.Let("mismatches", "mismatches + 1"),
            Stmt.Line($"$display(\"NEURO_MISMATCH {dut} {what} expected=%0h got=%0h\", {expected}, {got});"),
        ]),
    ];

    private static List<Stmt> Main(HardwareDesign d, LearnerVectors v)
    {
        string dut = d.Learner;
        var body = new List<Stmt>
        {
            Stmt.Line($"$readmemh({HardwareDesign.Quote(HardwareDesign.VectorPath(d.Learner, "beats"))}, beats);"),
            Stmt.Line($"$readmemh({HardwareDesign.Quote(HardwareDesign.VectorPath(d.Learner, "results"))}, results);"),
            Stmt.Line($"$readmemh({HardwareDesign.Quote(HardwareDesign.VectorPath(d.Learner, "latencies"))}, latencies);"),
        };
        foreach (var (code, name) in d.ReadBackLayers)
        {
            body.Add(Stmt.Line($"$readmemh({HardwareDesign.Quote(HardwareDesign.VectorPath(d.Learner, "expected_" + name))}, expected_{code});"));
        }

        body.AddRange(
        [
            Stmt.Line("repeat (4) @(negedge clk);"),
            Stmt.Let("aresetn", "1'b1"),
            Stmt.Comment("Wait for the clear sequence, then check the ID and start learning"),
            Stmt.Let("axil_rdata", "32'd0"),
            Stmt.While("!axil_rdata[0]", [Stmt.Line("axil_read(REG_STATUS);")]),
            Stmt.Line("axil_read(REG_ID);"),
            .. Check(dut, "register ID", "axil_rdata !== 32'h4e455552", "32'h4e455552", "axil_rdata"),
            Stmt.Line("axil_write(REG_CONTROL, 32'd3);"),
            Stmt.Let("limit", "SAMPLES"),
            Stmt.While("received < SAMPLES", [Stmt.Line("@(negedge clk);")]),
            Stmt.Comment("Frozen phase: LEARN off"),
            Stmt.Line("axil_write(REG_CONTROL, 32'd1);"),
            Stmt.Let("limit", "TOTAL"),
            Stmt.While("received < TOTAL", [Stmt.Line("@(negedge clk);")]),
            Stmt.Line("axil_read(REG_SAMPLES);"),
            .. Check(dut, "register SAMPLES", "axil_rdata !== TOTAL", "TOTAL", "axil_rdata"),
            Stmt.Line("axil_read(REG_UPDATES);"),
            Stmt.Let("updates_seen", "axil_rdata"),
            .. Check(dut, "register UPDATES", "axil_rdata !== EXPECTED_UPDATES", "EXPECTED_UPDATES", "axil_rdata"),
            Stmt.Line("axil_read(REG_LAST_CYCLES);"),
            .. Check(dut, "register LAST_CYCLES", "axil_rdata !== EXPECTED_LAST_CYCLES", "EXPECTED_LAST_CYCLES", "axil_rdata"),
            Stmt.Line("axil_read(REG_ERRORS);"),
            .. Check(dut, "register ERRORS", "axil_rdata !== 32'd0", "32'd0", "axil_rdata"),
            Stmt.Line("axil_read(REG_CYCLES_LO);"),
            Stmt.Let("cycles_seen", "axil_rdata"),
        ]);
        foreach (var (code, name) in d.ReadBackLayers)
        {
            body.Add(Stmt.Line($"axil_write(REG_WEIGHT_LAYER, 32'd{code});"));
            body.Add(Stmt.For("k = 0", $"k < WORDS_{code}", "k = k + 1",
            [
                Stmt.Line("axil_write(REG_WEIGHT_INDEX, ((k / LANES) << 8) | (k % LANES));"),
                Stmt.Line("axil_read(REG_WEIGHT_DATA);"),
                Stmt.Let("checks", "checks + 1"),
                Stmt.If($"axil_resp !== 2'b00 || axil_rdata[WEIGHT_WIDTH-1:0] !== expected_{code}[k]",
                [
                    Stmt.Let("mismatches", "mismatches + 1"),
                    Stmt.Line($"$display(\"NEURO_MISMATCH {dut} {name} addr=%0d expected=%h got=%h\", k, expected_{code}[k], axil_rdata[WEIGHT_WIDTH-1:0]);"),
                ]),
            ]));
        }

        body.Add(Stmt.Line("@(negedge clk);"));
        body.Add(Stmt.Let("checks", "checks + timing_checks + result_checks"));
        body.Add(Stmt.Let("mismatches", "mismatches + timing_mismatches + result_mismatches + protocol_mismatches"));
        return body;
    }

    private static List<Stmt> Driver() =>
    [
        Stmt.Line("@(negedge clk);"),
        Stmt.While("1'b1",
        [
            Stmt.Let("lfsr_in", "lfsr_in ^ (lfsr_in << 13)"),
            Stmt.Let("lfsr_in", "lfsr_in ^ (lfsr_in >> 17)"),
            Stmt.Let("lfsr_in", "lfsr_in ^ (lfsr_in << 5)"),
            Stmt.If("beat < limit * (INPUTS + 1) && ((beat / (INPUTS + 1)) % 4 == 0 || lfsr_in[1:0] != 2'd0)",
            [
                Stmt.Let("s_axis_tvalid", "1'b1"),
                Stmt.Let("s_axis_tdata", "beats[beat]"),
                Stmt.Let("s_axis_tlast", "beat % (INPUTS + 1) == INPUTS"),
                Stmt.While("!s_axis_tready", [Stmt.Line("@(negedge clk);")]),
                Stmt.If("s_axis_tlast", [Stmt.Let("tlast_edge[beat / (INPUTS + 1)]", "cycle")]),
                Stmt.Let("beat", "beat + 1"),
            ],
            [Stmt.Let("s_axis_tvalid", "1'b0"), Stmt.Let("s_axis_tlast", "1'b0")]),
            Stmt.Line("@(negedge clk);"),
        ]),
    ];

    private static List<Stmt> Monitor(string dut) =>
    [
        Stmt.Set("done_prev", "done"),
        Stmt.Set("hold", "m_axis_tvalid && !m_axis_tready"),
        Stmt.Set("held_data", "m_axis_tdata"),
        Stmt.If("hold && (!m_axis_tvalid || m_axis_tdata !== held_data)",
        [
            Stmt.Set("protocol_mismatches", "protocol_mismatches + 1"),
            Stmt.Line($"$display(\"NEURO_MISMATCH {dut} protocol sample=%0d expected=%h got=%h\", received, held_data, m_axis_tdata);"),
        ]),
        Stmt.If("m_axis_tvalid && !valid_seen",
        [
            Stmt.Set("valid_seen", "1'b1"),
            Stmt.Set("timing_checks", "timing_checks + 1"),
            Stmt.If("cycle - tlast_edge[received] !== latencies[received] || !done_prev",
            [
                Stmt.Set("timing_mismatches", "timing_mismatches + 1"),
                Stmt.Line($"$display(\"NEURO_MISMATCH {dut} latency sample=%0d expected=%0d got=%0d done_before=%0d\", received, latencies[received], cycle - tlast_edge[received], done_prev);"),
            ]),
        ]),
        Stmt.If("m_axis_tvalid && m_axis_tready",
        [
            Stmt.Set("valid_seen", "1'b0"),
            Stmt.Set("result_checks", "result_checks + 1"),
            Stmt.If("m_axis_tdata !== results[received] || m_axis_tlast !== 1'b1",
            [
                Stmt.Set("result_mismatches", "result_mismatches + 1"),
                Stmt.Line($"$display(\"NEURO_MISMATCH {dut} result sample=%0d expected=%h got=%h\", received, results[received], m_axis_tdata);"),
            ]),
            Stmt.Set("received", "received + 1"),
        ]),
    ];
}
