using Neuro.RtlExport.Verilog;
using static Neuro.RtlExport.Emitters.PlasticityUnitEmitter;

namespace Neuro.RtlExport.Emitters;

/// <summary>
/// Self-checking testbenches replaying the golden vectors (STYLE.md 11). Each prints one summary line
/// <c>NEURO_TB &lt;module&gt; PASS|FAIL checks=N mismatches=M …</c>, one <c>NEURO_MISMATCH …</c> line per mismatch, and
/// ends with <c>$finish</c> on success or <c>$fatal</c> (non-zero exit in Icarus and Verilator) otherwise.
/// </summary>
internal static class TestbenchEmitter
{
    private const int HalfPeriod = 5;

    public static VerilogModule PlasticityUnit(HardwareDesign d, GoldenVectors v)
    {
        int w = d.WeightWidth, iw = v.UnitIndexWidth, cmdWidth = v.UnitCommandWidth, expWidth = v.UnitExpectedWidth;
        int tagWidth = VerilogTypes.IndexWidth(v.UnitUpdates);
        string dut = d.PlasticityUnit;
        var m = new VerilogModule(d.PlasticityUnitTestbench,
        [
            $"Self-checking testbench of {dut}: single updates over every ROM address with boundary weights.",
            "Stimulus: one command per clock, {1'b0, fire bits} or {1'b1, table, pre, post"
                + (d.HasOutput ? ", row kind" : "") + ", weight}.",
            "Expected: one {table, ROM address, weight} word per update, in order.",
        ]);
        m.LocalParam("NEURONS", Int(v.UnitNeurons), "Neurons of the unit under test: one per firing pattern");
        m.LocalParam("INDEX_WIDTH", Int(iw), "Bits of a neuron index");
        m.LocalParam("TAG_WIDTH", Int(tagWidth), "Bits of an update's sequence number");
        m.LocalParam("WEIGHT_WIDTH", Int(w), "Bits of a weight");
        m.LocalParam("CMD_WIDTH", Int(cmdWidth), "Bits of a stimulus command");
        m.LocalParam("EXPECTED_WIDTH", Int(expWidth), "Bits of an expected word");
        m.LocalParam("COMMANDS", Int(v.UnitCommands.Count), "Stimulus commands");
        m.LocalParam("UPDATES", Int(v.UnitUpdates), "Updates, so checks expected");
        m.LocalParam("TIMEOUT", Int((v.UnitCommands.Count + 64L) * 2 * HalfPeriod * 2), "Simulation time limit");

        m.Reg("clk", "", "Clock", init: "1'b0");
        m.Reg("rst", "", "Reset", init: "1'b1");
        m.Reg("fire_valid", "", "DUT input", init: "1'b0");
        m.Reg("fire", "[NEURONS-1:0]", "DUT input", init: "{NEURONS{1'b0}}");
        m.Reg("in_valid", "", "DUT input", init: "1'b0");
        m.Reg("in_table", "[1:0]", "DUT input", init: "2'd0");
        m.Reg("in_pre", "[INDEX_WIDTH-1:0]", "DUT input", init: "{INDEX_WIDTH{1'b0}}");
        m.Reg("in_post", "[INDEX_WIDTH-1:0]", "DUT input", init: "{INDEX_WIDTH{1'b0}}");
        if (d.HasOutput)
        {
            m.Reg("in_row_kind", "", "DUT input", init: "1'b0");
        }

        m.Reg("in_weight", "[WEIGHT_WIDTH-1:0]", "DUT input", init: "{WEIGHT_WIDTH{1'b0}}");
        m.Reg("in_tag", "[TAG_WIDTH-1:0]", "DUT input", init: "{TAG_WIDTH{1'b0}}");
        m.Wire("out_valid", "", "DUT output");
        m.Wire("out_table", "[1:0]", "DUT output");
        m.Wire("out_tag", "[TAG_WIDTH-1:0]", "DUT output");
        m.Wire("out_weight", "[WEIGHT_WIDTH-1:0]", "DUT output");
        m.Wire("busy", "", "DUT output");
        m.Reg("stimulus", "[CMD_WIDTH-1:0]", "Stimulus commands", "[0:COMMANDS-1]");
        m.Reg("expected", "[EXPECTED_WIDTH-1:0]", "Expected words", "[0:UPDATES-1]");
        m.Reg("cmd", "[CMD_WIDTH-1:0]", "The current command");
        m.Integer("k", "Command index");
        m.Integer("issued", "Updates issued", "0");
        m.Integer("checks", "Updates checked", "0");
        m.Integer("mismatches", "Updates that differ from the model", "0");

        m.Items.Add(new ClockItem("Clock", "clk", HalfPeriod));
        int fieldsTop = 2 + 2 * iw + (d.HasOutput ? 1 : 0) + w - 1;
        int tableLow = fieldsTop - 1;
        int preLow = tableLow - iw;
        int postLow = preLow - iw;
        var drive = new List<Stmt>
        {
            Stmt.Line("@(negedge clk);"),
            Stmt.Line("cmd = stimulus[k];"),
            Stmt.Line("fire_valid = !cmd[CMD_WIDTH-1];"),
            Stmt.Line("fire = cmd[NEURONS-1:0];"),
            Stmt.Line("in_valid = cmd[CMD_WIDTH-1];"),
            Stmt.Line($"in_table = cmd[{fieldsTop}:{tableLow}];"),
            Stmt.Line($"in_pre = cmd[{tableLow - 1}:{preLow}];"),
            Stmt.Line($"in_post = cmd[{preLow - 1}:{postLow}];"),
        };
        if (d.HasOutput)
        {
            drive.Add(Stmt.Line($"in_row_kind = cmd[{postLow - 1}];"));
        }

        drive.Add(Stmt.Line("in_weight = cmd[WEIGHT_WIDTH-1:0];"));
        drive.Add(Stmt.Line("in_tag = issued[TAG_WIDTH-1:0];"));
        drive.Add(Stmt.If("cmd[CMD_WIDTH-1]", [Stmt.Line("issued = issued + 1;")]));

        m.Items.Add(new InitialItem("Replay the stimulus, then report", Summary(m.Name, "checks == UPDATES && !busy", "UPDATES",
        [
            Stmt.Line($"$readmemh({HardwareDesign.Quote(HardwareDesign.VectorPath(dut, "stimulus"))}, stimulus);"),
            Stmt.Line($"$readmemh({HardwareDesign.Quote(HardwareDesign.VectorPath(dut, "expected"))}, expected);"),
            Stmt.Line("repeat (2) @(negedge clk);"),
            Stmt.Line("rst = 1'b0;"),
            Stmt.For("k = 0", "k < COMMANDS", "k = k + 1", drive),
            Stmt.Line("@(negedge clk);"),
            Stmt.Line("fire_valid = 1'b0;"),
            Stmt.Line("in_valid = 1'b0;"),
            Stmt.Line("repeat (4) @(negedge clk);"),
        ], "", "")));
        m.Items.Add(Watchdog(m.Name));
        m.Items.Add(new AlwaysItem("Check every updated weight against the model", "posedge clk",
        [
            Stmt.If("out_valid",
            [
                Stmt.Line("checks <= checks + 1;"),
                Stmt.If("out_weight !== expected[out_tag][WEIGHT_WIDTH-1:0] || out_table !== expected[out_tag][EXPECTED_WIDTH-1:EXPECTED_WIDTH-2]",
                [
                    Stmt.Line("mismatches <= mismatches + 1;"),
                    Stmt.Line($"$display(\"NEURO_MISMATCH {dut} update=%0d table=%0d addr=%0d expected=%h got=%h\", out_tag, expected[out_tag][EXPECTED_WIDTH-1:EXPECTED_WIDTH-2], expected[out_tag][EXPECTED_WIDTH-3:WEIGHT_WIDTH], expected[out_tag][WEIGHT_WIDTH-1:0], out_weight);"),
                ]),
            ]),
        ]));

        var ports = new List<(string, string)>
        {
            ("clk", "clk"), ("rst", "rst"), ("fire_valid", "fire_valid"), ("fire", "fire"), ("in_valid", "in_valid"), ("in_table", "in_table"),
            ("in_pre", "in_pre"), ("in_post", "in_post"),
        };
        if (d.HasOutput)
        {
            ports.Add(("in_row_kind", "in_row_kind"));
        }

        ports.AddRange([("in_weight", "in_weight"), ("in_tag", "in_tag"), ("out_valid", "out_valid"), ("out_table", "out_table"), ("out_tag", "out_tag"), ("out_weight", "out_weight"), ("busy", "busy")]);
        m.Items.Add(new InstanceItem("The unit under test, one neuron per pattern", dut, "dut",
            [("NEURONS", "NEURONS"), ("INDEX_WIDTH", "INDEX_WIDTH"), ("TAG_WIDTH", "TAG_WIDTH")], ports));
        return m;
    }

    public static VerilogModule Engine(HardwareDesign d, GoldenVectors v)
    {
        int aw = d.AddressWidth, cw = d.ClassWidth;
        bool labelAndPrediction = d.HasOutput && !d.AllEdges;
        string dut = d.Engine;
        var m = new VerilogModule(d.EngineTestbench,
        [
            $"Self-checking testbench of {dut}: a whole lifetime of {v.Samples} samples.",
            "Stimulus: {1'b0, fire bits} per round, then {1'b1, update_en"
                + (d.HasOutput ? ", label" : "") + (labelAndPrediction ? ", prediction" : "") + "} per sample.",
            "After the last sample every weight of every plastic layer must equal the model's, word for word.",
            "Reports updates (write-backs) and the clocks of the updating samples' plastic steps.",
        ]);
        m.LocalParam("HIDDEN", Int(d.Spec.Hidden), "Hidden neurons");
        m.LocalParam("WEIGHT_WIDTH", Int(d.WeightWidth), "Bits of a weight");
        m.LocalParam("ADDR_WIDTH", Int(aw), "Bits of a weight address");
        m.LocalParam("CMD_WIDTH", Int(v.EngineCommandWidth), "Bits of a stimulus command");
        m.LocalParam("COMMANDS", Int(v.EngineCommands.Count), "Stimulus commands");
        m.LocalParam("HIDDEN_EDGES", Int(d.HiddenEdges), "Recurrent weights to check");
        if (d.HasInput)
        {
            m.LocalParam("INPUT_EDGES", Int(d.InputEdges), "Input weights to check");
        }

        if (d.HasOutput)
        {
            m.LocalParam("OUTPUT_WORDS", Int(d.OutputWords), "Output weights to check");
        }

        m.LocalParam("EXPECTED_UPDATES", Int(v.ExpectedUpdates), "Synapse updates the model made");
        long checksExpected = d.HiddenEdges + d.InputEdges + d.OutputWords + 1;
        m.LocalParam("EXPECTED_CHECKS", Int(checksExpected), "Weights checked, plus the update count");
        long steps = v.EngineCommands.Count * 4L + v.ExpectedUpdates + v.Samples * 8L + 2 * (checksExpected + 8);
        m.LocalParam("TIMEOUT", Int(steps * 2 * HalfPeriod * 2), "Simulation time limit");

        m.Reg("clk", "", "Clock", init: "1'b0");
        m.Reg("rst", "", "Reset", init: "1'b1");
        m.Reg("fire_valid", "", "DUT input", init: "1'b0");
        m.Reg("fire", "[HIDDEN-1:0]", "DUT input", init: "{HIDDEN{1'b0}}");
        m.Reg("start", "", "DUT input", init: "1'b0");
        m.Reg("update_en", "", "DUT input", init: "1'b0");
        if (d.HasOutput)
        {
            m.Reg("label", VerilogTypes.Range(cw), "DUT input", init: VerilogTypes.Decimal(0, cw));
        }

        if (labelAndPrediction)
        {
            m.Reg("prediction", VerilogTypes.Range(cw), "DUT input", init: VerilogTypes.Decimal(0, cw));
        }

        m.Reg("host_table", "[1:0]", "DUT input", init: "2'd0");
        m.Reg("host_addr", "[ADDR_WIDTH-1:0]", "DUT input", init: "{ADDR_WIDTH{1'b0}}");
        m.Wire("busy", "", "DUT output");
        m.Wire("done", "", "DUT output");
        m.Wire("update_strobe", "", "DUT output");
        m.Wire("host_rdata", "[WEIGHT_WIDTH-1:0]", "DUT output");
        m.Reg("stimulus", "[CMD_WIDTH-1:0]", "Stimulus commands", "[0:COMMANDS-1]");
        m.Reg("expected_hidden", "[WEIGHT_WIDTH-1:0]", "The model's recurrent weights, per edge", "[0:HIDDEN_EDGES-1]");
        if (d.HasInput)
        {
            m.Reg("expected_input", "[WEIGHT_WIDTH-1:0]", "The model's input weights, per edge", "[0:INPUT_EDGES-1]");
        }

        if (d.HasOutput)
        {
            m.Reg("expected_output", "[WEIGHT_WIDTH-1:0]", "The model's output weights, class * HIDDEN + neuron", "[0:OUTPUT_WORDS-1]");
        }

        m.Reg("cmd", "[CMD_WIDTH-1:0]", "The current command");
        m.Integer("k", "Command or address index");
        m.Integer("samples", "Samples replayed", "0");
        m.Integer("updates", "Write-backs seen", "0");
        m.Integer("cycles", "Clocks of the updating samples' plastic steps", "0");
        m.Integer("checks", "Words checked", "0");
        m.Integer("mismatches", "Words that differ from the model", "0");
        m.Items.Add(new ClockItem("Clock", "clk", HalfPeriod));

        var sample = new List<Stmt>
        {
            Stmt.Line("start = 1'b1;"),
        };
        int pos = 1 + (d.HasOutput ? cw : 0) + (labelAndPrediction ? cw : 0) - 1;
        sample.Add(Stmt.Line($"update_en = cmd[{pos}];"));
        if (d.HasOutput)
        {
            sample.Add(Stmt.Line($"label = cmd[{pos - 1}:{pos - cw}];"));
        }

        if (labelAndPrediction)
        {
            sample.Add(Stmt.Line($"prediction = cmd[{cw - 1}:0];"));
        }

        sample.AddRange(
        [
            Stmt.Line("@(negedge clk);"),
            Stmt.Line("start = 1'b0;"),
                        Stmt.While("!done", [Stmt.Line("@(negedge clk);")]),
            Stmt.Line("samples = samples + 1;"),
        ]);
        var replay = new List<Stmt>
        {
            Stmt.Line("@(negedge clk);"),
            Stmt.Line("cmd = stimulus[k];"),
            Stmt.If("cmd[CMD_WIDTH-1]", sample, [Stmt.Line("fire_valid = 1'b1;"), Stmt.Line("fire = cmd[HIDDEN-1:0];"), Stmt.Line("@(negedge clk);"), Stmt.Line("fire_valid = 1'b0;")]),
        };
        var body = new List<Stmt>
        {
            Stmt.Line($"$readmemh({HardwareDesign.Quote(HardwareDesign.VectorPath(dut, "stimulus"))}, stimulus);"),
            Stmt.Line($"$readmemh({HardwareDesign.Quote(HardwareDesign.VectorPath(dut, "expected_hidden"))}, expected_hidden);"),
        };
        if (d.HasInput)
        {
            body.Add(Stmt.Line($"$readmemh({HardwareDesign.Quote(HardwareDesign.VectorPath(dut, "expected_input"))}, expected_input);"));
        }

        if (d.HasOutput)
        {
            body.Add(Stmt.Line($"$readmemh({HardwareDesign.Quote(HardwareDesign.VectorPath(dut, "expected_output"))}, expected_output);"));
        }

        body.AddRange(
        [
            Stmt.Line("repeat (2) @(negedge clk);"),
            Stmt.Line("rst = 1'b0;"),
            Stmt.For("k = 0", "k < COMMANDS", "k = k + 1", replay),
            Stmt.Line("@(negedge clk);"),
            Stmt.Line("checks = checks + 1;"),
            Stmt.If("updates != EXPECTED_UPDATES",
            [
                Stmt.Line("mismatches = mismatches + 1;"),
                Stmt.Line($"$display(\"NEURO_MISMATCH {dut} updates addr=0 expected=%0d got=%0d\", EXPECTED_UPDATES, updates);"),
            ]),
            .. ReadBack(dut, "hidden", "2'd0", "HIDDEN_EDGES"),
        ]);
        if (d.HasInput)
        {
            body.AddRange(ReadBack(dut, "input", "2'd1", "INPUT_EDGES"));
        }

        if (d.HasOutput)
        {
            body.AddRange(ReadBack(dut, "output", "2'd2", "OUTPUT_WORDS"));
        }

        m.Items.Add(new InitialItem("Replay the lifetime, read every plastic weight back, then report",
            Summary(m.Name, "checks == EXPECTED_CHECKS", "EXPECTED_CHECKS", body, " updates=%0d cycles=%0d samples=%0d", ", updates, cycles, samples")));
        m.Items.Add(Watchdog(m.Name));
        m.Items.Add(new AlwaysItem("Count write-backs, and the clocks of plastic steps that update", "posedge clk",
        [
            Stmt.If("update_strobe", [Stmt.Line("updates <= updates + 1;")]),
            Stmt.If("(start || busy) && update_en", [Stmt.Line("cycles <= cycles + 1;")]),
        ]));

        var ports = new List<(string, string)>
        {
            ("clk", "clk"), ("rst", "rst"), ("fire_valid", "fire_valid"), ("fire", "fire"), ("start", "start"), ("update_en", "update_en"),
        };
        if (d.HasOutput)
        {
            ports.Add(("label", "label"));
        }

        if (labelAndPrediction)
        {
            ports.Add(("prediction", "prediction"));
        }

        ports.AddRange([("busy", "busy"), ("done", "done"), ("update_strobe", "update_strobe"), ("host_table", "host_table"), ("host_addr", "host_addr"), ("host_rdata", "host_rdata")]);
        m.Items.Add(new InstanceItem("The engine under test", dut, "dut", [], ports));
        return m;
    }

    private static List<Stmt> ReadBack(string dut, string layer, string code, string count)
    {
        return
        [
            Stmt.For("k = 0", $"k < {count}", "k = k + 1",
            [
                Stmt.Line("@(negedge clk);"),
                Stmt.Line($"host_table = {code};"),
                Stmt.Line("host_addr = k[ADDR_WIDTH-1:0];"),
                Stmt.Line("@(negedge clk);"),
                                Stmt.Line("checks = checks + 1;"),
                Stmt.If($"host_rdata !== expected_{layer}[k]",
                [
                    Stmt.Line("mismatches = mismatches + 1;"),
                    Stmt.Line($"$display(\"NEURO_MISMATCH {dut} {layer} addr=%0d expected=%h got=%h\", k, expected_{layer}[k], host_rdata);"),
                ]),
            ]),
        ];
    }

    /// <summary>The body followed by the summary line and the exit: <c>$finish</c> when every check ran and passed, else <c>$fatal</c>.</summary>
    private static List<Stmt> Summary(string testbench, string complete, string expectedChecks, List<Stmt> body, string extraFields, string extraValues) =>
    [
        .. body,
        Stmt.If($"mismatches == 0 && {complete}",
        [
            Stmt.Line($"$display(\"NEURO_TB {testbench} PASS checks=%0d mismatches=0{extraFields}\", checks{extraValues});"),
            Stmt.Line("$finish;"),
        ],
        [
            Stmt.Line($"$display(\"NEURO_TB {testbench} FAIL checks=%0d mismatches=%0d expected_checks=%0d\", checks, mismatches, {expectedChecks});"),
            Stmt.Line($"$fatal(1, \"{testbench}: %0d mismatches\", mismatches);"),
        ]),
    ];

    private static InitialItem Watchdog(string dut) =>
        new("Watchdog: fail rather than hang",
        [
            Stmt.Line("#(TIMEOUT);"),
            Stmt.Line($"$display(\"NEURO_TB {dut} FAIL timeout checks=%0d mismatches=%0d\", checks, mismatches);"),
            Stmt.Line($"$fatal(1, \"{dut}: timeout\");"),
        ]);
}
