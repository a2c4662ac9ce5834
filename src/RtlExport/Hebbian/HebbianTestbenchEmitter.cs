using System.Globalization;
using Neuro.RtlExport.Verilog;

namespace Neuro.RtlExport.Hebbian;

/// <summary>
/// The self-checking testbench of the Hebbian engine: loads the model's reset weights through the host port, replays the
/// lifetime prefix sample by sample (levels through the level port, then <c>start</c>), compares every synapse update
/// (layer, address, value) with the model's, checks each sample's clocks and update count, and reads every weight back
/// at the end. Prints <c>NEURO_TB &lt;module&gt; PASS|FAIL checks=N mismatches=M samples=S updates=U cycles=C</c> and one
/// <c>NEURO_MISMATCH</c> line per difference, and ends with <c>$finish</c> or <c>$fatal</c>.
/// </summary>
internal static class HebbianTestbenchEmitter
{
    private const int HalfPeriod = 5;

    public static string VectorPath(HebbianHardwareDesign d, string what) => HardwareDesign.VectorPath(d.Engine, what);

    public static VerilogModule Build(HebbianHardwareDesign d, HebbianVectors v)
    {
        string dut = d.Engine, tb = d.Testbench;
        var m = new VerilogModule(tb,
        [
            $"Self-checking testbench of {dut}: {v.Samples} samples of a lifetime recorded by the C# model (FixedHebbianNetwork).",
            "Loads the reset weights through the host port; per sample writes the input and hidden levels, pulses start, and",
            "compares every update (layer, address, weight) with the model's, the clocks from start to done and the update",
            "count; finally reads every weight back and compares it with the model's final weights.",
        ]);
        AddParams(m, d, v);
        AddSignals(m, d);
        m.Items.Add(new ClockItem("Clock", "clk", HalfPeriod));
        m.Items.Add(new InitialItem("Load the reset weights, replay every sample, read the weights back, report", Main(d)));
        m.Items.Add(Emitters.TestbenchEmitter.Watchdog(tb));
        m.Instance("The engine under test", dut, "dut", [],
        [
            ("clk", "clk"), ("rst", "rst"), ("level_we", "level_we"), ("level_sel", "level_sel"), ("level_addr", "level_addr"), ("level_data", "level_data"),
            ("label", "label"), ("start", "start"), ("ready", "ready"), ("done", "done"),
            ("host_sel", "host_sel"), ("host_we", "host_we"), ("host_addr", "host_addr"), ("host_wdata", "host_wdata"), ("host_rdata", "host_rdata"),
            ("upd_valid", "upd_valid"), ("upd_layer", "upd_layer"), ("upd_addr", "upd_addr"), ("upd_weight", "upd_weight"),
        ]);
        return m;
    }

    /// <summary>The testbench's parameters: sizes of the run, the sample's clocks and updates, the host word and the time limit.</summary>
    private static void AddParams(VerilogModule m, HebbianHardwareDesign d, HebbianVectors v)
    {
        var h = d.Hidden;
        var o = d.Output;
        m.LocalParam("SAMPLES", Int(v.Samples), "Samples replayed");
        m.LocalParam("INPUTS", Int(d.Spec.Inputs), "Input features");
        m.LocalParam("HIDDEN", Int(d.Spec.Hidden), "Hidden neurons");
        m.LocalParam("HIDDEN_WEIGHTS", Int(h.Weights), "Input -> hidden weights");
        m.LocalParam("OUTPUT_WEIGHTS", Int(o.Weights), "Hidden -> output weights");
        m.LocalParam("UPDATES", Int(d.UpdatesPerSample), "Synapse updates per sample");
        m.LocalParam("CLOCKS", Int(d.ClocksPerSample), "Clocks from the edge that takes start to the edge after which done is high");
        m.LocalParam("HOST_WIDTH", Int(d.HostWidth), "Bits of a weight word on the host and update ports");
        long total = ((long)h.Weights + o.Weights) * 2 + (v.Samples * (d.Spec.Inputs + d.Spec.Hidden + d.ClocksPerSample + 4)) + Math.Max(h.Rows, o.Rows) + 64;
        Emitters.TestbenchEmitter.Timeout(m, total * 2 * HalfPeriod * 2, "Simulation time limit: twice the expected run");
    }

    /// <summary>The DUT's inputs and outputs, the vector memories and the replay's bookkeeping variables.</summary>
    private static void AddSignals(VerilogModule m, HebbianHardwareDesign d)
    {
        m.Reg("clk", "", "Clock", init: "1'b0");
        m.Reg("rst", "", "DUT input", init: "1'b1");
        m.Reg("level_we", "", "DUT input", init: "1'b0");
        m.Reg("level_sel", "", "DUT input", init: "1'b0");
        m.Reg("level_addr", VerilogTypes.Range(d.LevelAddressWidth), "DUT input", init: VerilogTypes.Decimal(0, d.LevelAddressWidth));
        m.Reg("level_data", VerilogTypes.Range(d.LevelWidth), "DUT input", init: VerilogTypes.Decimal(0, d.LevelWidth));
        m.Reg("label", VerilogTypes.Range(d.LabelWidth), "DUT input", init: VerilogTypes.Decimal(0, d.LabelWidth));
        m.Reg("start", "", "DUT input", init: "1'b0");
        m.Reg("host_sel", "", "DUT input", init: "1'b0");
        m.Reg("host_we", "", "DUT input", init: "1'b0");
        m.Reg("host_addr", VerilogTypes.Range(d.HostAddressWidth), "DUT input", init: VerilogTypes.Decimal(0, d.HostAddressWidth));
        m.Reg("host_wdata", "[HOST_WIDTH-1:0]", "DUT input", init: VerilogTypes.Decimal(0, d.HostWidth));
        m.Wire("ready", "", "DUT output");
        m.Wire("done", "", "DUT output");
        m.Wire("host_rdata", "[HOST_WIDTH-1:0]", "DUT output");
        m.Wire("upd_valid", "", "DUT output");
        m.Wire("upd_layer", "", "DUT output");
        m.Wire("upd_addr", VerilogTypes.Range(d.HostAddressWidth), "DUT output");
        m.Wire("upd_weight", "[HOST_WIDTH-1:0]", "DUT output");
        m.Reg("init_hidden", "[HOST_WIDTH-1:0]", "The model's hidden weights at reset", "[0:HIDDEN_WEIGHTS-1]");
        m.Reg("inputs", VerilogTypes.Range(d.Precision.InputBits), "Input levels, sample-major", "[0:SAMPLES*INPUTS-1]");
        m.Reg("hidden_levels", VerilogTypes.Range(d.Precision.HiddenBits), "Hidden levels (the model's forward pass), sample-major", "[0:SAMPLES*HIDDEN-1]");
        m.Reg("labels", VerilogTypes.Range(d.LabelWidth), "Labels (output units)", "[0:SAMPLES-1]");
        m.Reg("expected", "[HOST_WIDTH-1:0]", "Every weight after every sample, hidden then output: each update's value in walk order", "[0:SAMPLES*UPDATES-1]");
        m.Reg("final_weights", "[HOST_WIDTH-1:0]", "The model's weights after the last sample, hidden then output", "[0:UPDATES-1]");
        m.Integer("s", "Sample");
        m.Integer("k", "Word index");
        m.Integer("n", "Updates seen in this sample");
        m.Integer("clocks", "Clocks of this sample");
        m.Integer("cycles", "Clocks of all samples", "0");
        m.Integer("updates", "Updates of all samples", "0");
        m.Integer("checks", "Comparisons made", "0");
        m.Integer("mismatches", "Comparisons that failed", "0");
        m.Integer("finished", "done seen (or the sample ran too long)");
        m.Integer("j", "Address within a layer");
        m.Reg("want_layer", "", "Layer the next update must be in");
        m.Reg("want_addr", VerilogTypes.Range(d.HostAddressWidth), "Address the next update must have");
        m.Wire("unused_j", "", "The address's bits above the host address (lint: dropped on purpose)", $"^{{1'b0, j[31:{Int(d.HostAddressWidth)}]}}");
    }

    /// <summary>One update strobe: compare its layer, address and weight with the next expected update of the walk.</summary>
    private static List<Stmt> UpdateCheck(HebbianHardwareDesign d) =>
        [
            Stmt.Let("want_layer", "n >= HIDDEN_WEIGHTS"),
            Stmt.Let("j", "n >= HIDDEN_WEIGHTS ? n - HIDDEN_WEIGHTS : n"),
            Stmt.Let("want_addr", $"j[{Int(d.HostAddressWidth - 1)}:0]"),
            Stmt.Let("checks", "checks + 1"),
            Stmt.If("n >= UPDATES || upd_layer !== want_layer || upd_addr != want_addr || upd_weight !== expected[s*UPDATES+n]",
            [
                Stmt.Let("mismatches", "mismatches + 1"),
                Stmt.Line($"$display(\"NEURO_MISMATCH {d.Testbench} sample=%0d update=%0d layer=%0d addr=%0d expected_layer=%0d expected_addr=%0d expected=%h got=%h\", s, n, upd_layer, upd_addr, want_layer, want_addr, n < UPDATES ? expected[s*UPDATES+n] : {{HOST_WIDTH{{1'bx}}}}, upd_weight);"),
            ]),
            Stmt.Let("n", "n + 1"),
        ];

    /// <summary>One sample: write its input and hidden levels, pulse start, check every update until done, then its clocks and update count.</summary>
    private static List<Stmt> Sample(HebbianHardwareDesign d) =>
        [
            Stmt.For("k = 0", "k < INPUTS", "k = k + 1",
            [
                Stmt.Let("level_we", "1'b1"), Stmt.Let("level_sel", "1'b0"), Stmt.Let("level_addr", $"k[{Int(d.LevelAddressWidth - 1)}:0]"), Stmt.Let("level_data", "inputs[s*INPUTS+k]"), Stmt.Line("@(negedge clk);"),
            ]),
            Stmt.For("k = 0", "k < HIDDEN", "k = k + 1",
            [
                Stmt.Let("level_we", "1'b1"), Stmt.Let("level_sel", "1'b1"), Stmt.Let("level_addr", $"k[{Int(d.LevelAddressWidth - 1)}:0]"), Stmt.Let("level_data", "hidden_levels[s*HIDDEN+k]"), Stmt.Line("@(negedge clk);"),
            ]),
            Stmt.Let("level_we", "1'b0"),
            Stmt.Let("label", "labels[s]"),
            Stmt.Let("start", "1'b1"),
            Stmt.Line("@(posedge clk);"),
            Stmt.Line("#1;"),
            Stmt.Let("start", "1'b0"),
            Stmt.Let("clocks", "0"),
            Stmt.Let("n", "0"),
            Stmt.Let("finished", "0"),
            Stmt.While("finished == 0",
            [
                Stmt.Line("@(posedge clk);"),
                Stmt.Line("#1;"),
                Stmt.Let("clocks", "clocks + 1"),
                Stmt.If("upd_valid", UpdateCheck(d)),
                Stmt.If("done || clocks > CLOCKS + 16", [Stmt.Let("finished", "1")]),
            ]),
            Stmt.Let("checks", "checks + 1"),
            Stmt.If("clocks != CLOCKS || n != UPDATES",
            [
                Stmt.Let("mismatches", "mismatches + 1"),
                Stmt.Line($"$display(\"NEURO_MISMATCH {d.Testbench} sample=%0d clocks=%0d expected_clocks=%0d updates=%0d expected_updates=%0d\", s, clocks, CLOCKS, n, UPDATES);"),
            ]),
            Stmt.Let("cycles", "cycles + clocks"),
            Stmt.Let("updates", "updates + n"),
            Stmt.Line("@(negedge clk);"),
        ];

    /// <summary>Read weight k back through the host port and compare it with the model's final weight.</summary>
    private static List<Stmt> ReadBack(HebbianHardwareDesign d) =>
        [
            Stmt.Let("host_sel", "k >= HIDDEN_WEIGHTS"),
            Stmt.Let("j", "k >= HIDDEN_WEIGHTS ? k - HIDDEN_WEIGHTS : k"),
            Stmt.Let("host_addr", $"j[{Int(d.HostAddressWidth - 1)}:0]"),
            Stmt.Line("@(negedge clk);"),
            Stmt.Let("checks", "checks + 1"),
            Stmt.If("host_rdata !== final_weights[k]",
            [
                Stmt.Let("mismatches", "mismatches + 1"),
                Stmt.Line($"$display(\"NEURO_MISMATCH {d.Testbench} final layer=%0d addr=%0d expected=%h got=%h\", host_sel, host_addr, final_weights[k], host_rdata);"),
            ]),
        ];

    /// <summary>The testbench's body: load the vectors, reset, load the reset weights, replay every sample, read every weight back, report.</summary>
    private static List<Stmt> Main(HebbianHardwareDesign d)
    {
        string tb = d.Testbench;
        return
        [
            Stmt.Line($"$readmemh({HardwareDesign.Quote(VectorPath(d, "init_hidden"))}, init_hidden);"),
            Stmt.Line($"$readmemh({HardwareDesign.Quote(VectorPath(d, "inputs"))}, inputs);"),
            Stmt.Line($"$readmemh({HardwareDesign.Quote(VectorPath(d, "hidden_levels"))}, hidden_levels);"),
            Stmt.Line($"$readmemh({HardwareDesign.Quote(VectorPath(d, "labels"))}, labels);"),
            Stmt.Line($"$readmemh({HardwareDesign.Quote(VectorPath(d, "expected"))}, expected);"),
            Stmt.Line($"$readmemh({HardwareDesign.Quote(VectorPath(d, "final"))}, final_weights);"),
            Stmt.Line("repeat (2) @(negedge clk);"),
            Stmt.Let("rst", "1'b0"),
            Stmt.While("!ready", [Stmt.Line("@(negedge clk);")]),
            Stmt.For("k = 0", "k < HIDDEN_WEIGHTS + OUTPUT_WEIGHTS", "k = k + 1",
            [
                Stmt.Let("host_we", "1'b1"),
                Stmt.Let("host_sel", "k >= HIDDEN_WEIGHTS"),
                Stmt.Let("j", "k >= HIDDEN_WEIGHTS ? k - HIDDEN_WEIGHTS : k"),
                Stmt.Let("host_addr", $"j[{Int(d.HostAddressWidth - 1)}:0]"),
                Stmt.Let("host_wdata", $"k >= HIDDEN_WEIGHTS ? {VerilogTypes.Decimal(0, d.HostWidth)} : init_hidden[k]"),
                Stmt.Line("@(negedge clk);"),
            ]),
            Stmt.Let("host_we", "1'b0"),
            Stmt.For("s = 0", "s < SAMPLES", "s = s + 1", Sample(d)),
            Stmt.For("k = 0", "k < UPDATES", "k = k + 1", ReadBack(d)),
            Stmt.If("mismatches == 0 && updates == SAMPLES * UPDATES",
            [
                Stmt.Line($"$display(\"NEURO_TB {tb} PASS checks=%0d mismatches=0 samples=%0d updates=%0d cycles=%0d\", checks, SAMPLES, updates, cycles);"),
                Stmt.Line("$finish;"),
            ],
            [
                Stmt.Line($"$display(\"NEURO_TB {tb} FAIL checks=%0d mismatches=%0d samples=%0d updates=%0d cycles=%0d\", checks, mismatches, SAMPLES, updates, cycles);"),
                Stmt.Line($"$fatal(1, \"{tb}: %0d mismatches\", mismatches);"),
            ]),
        ];
    }

    private static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);
}
