using Neuro.RtlExport.Verilog;
using static Neuro.RtlExport.Verilog.Expr;

namespace Neuro.RtlExport.Emitters;

/// <summary>
/// Self-checking testbenches replaying the golden vectors (STYLE.md 11). Each prints one summary line
/// <c>NEURO_TB &lt;module&gt; PASS|FAIL checks=N mismatches=M …</c>, one <c>NEURO_MISMATCH …</c> line per mismatch, and
/// ends with <c>$finish</c> on success or <c>$fatal</c> (non-zero exit in Icarus and Verilator) otherwise.
/// </summary>
internal static class TestbenchEmitter
{
    /// <summary>Half the testbench clock period, in ns.</summary>
    internal const int HalfPeriod = 5;

    public static VerilogModule PlasticityUnit(HardwareDesign d, GoldenVectors v)
    {
        string dut = d.PlasticityUnit;
        var m = new VerilogModule(d.PlasticityUnitTestbench,
        [
            $"Self-checking testbench of {dut}: single updates over every ROM address with boundary weights.",
            "Stimulus: one command per clock, {1'b0, fire bits} or {1'b1, table, pre, post"
                + (d.HasOutput ? ", row kind" : "") + string.Concat(d.UnitFields.Select(f => ", " + HardwareDesign.SampleInput(f.Table, f.Field.Signal))) + ", weight}.",
            "Expected: one {table, ROM address, weight} word per update, in order.",
        ]);
        m.LocalParam("NEURONS", Int(v.UnitNeurons), "Neurons of the unit under test: one per firing pattern");
        m.LocalParam("INDEX_WIDTH", Int(v.UnitIndexWidth), "Bits of a neuron index");
        m.LocalParam("TAG_WIDTH", Int(VerilogTypes.IndexWidth(v.UnitUpdates)), "Bits of an update's sequence number");
        m.LocalParam("WEIGHT_WIDTH", Int(d.WeightWidth), "Bits of a weight");
        m.LocalParam("CMD_WIDTH", Int(v.UnitCommandWidth), "Bits of a stimulus command");
        m.LocalParam("EXPECTED_WIDTH", Int(v.UnitExpectedWidth), "Bits of an expected word");
        m.LocalParam("COMMANDS", Int(v.UnitCommands.Count), "Stimulus commands");
        m.LocalParam("UPDATES", Int(v.UnitUpdates), "Updates, so checks expected");
        Timeout(m, (v.UnitCommands.Count + 64L) * 2 * HalfPeriod * 2);
        AddUnitSignals(m, d);
        m.Items.Add(new ClockItem("Clock", "clk", HalfPeriod));
        m.Items.Add(new InitialItem("Replay the stimulus, then report", Summary(m.Name, "checks == UPDATES && !busy", "UPDATES",
        [
            Stmt.Line($"$readmemh({HardwareDesign.Quote(HardwareDesign.VectorPath(dut, "stimulus"))}, stimulus);"),
            Stmt.Line($"$readmemh({HardwareDesign.Quote(HardwareDesign.VectorPath(dut, "expected"))}, expected);"),
            Stmt.Line("repeat (2) @(negedge clk);"),
            Stmt.Let("rst", "1'b0"),
            Stmt.For("k = 0", "k < COMMANDS", "k = k + 1", UnitDrive(d, v)),
            Stmt.Line("@(negedge clk);"),
            Stmt.Let("fire_valid", "1'b0"),
            Stmt.Let("in_valid", "1'b0"),
            Stmt.Line("repeat (4) @(negedge clk);"),
        ], "", "")));
        m.Items.Add(Watchdog(m.Name));
        m.Clocked("Check every updated weight against the model",
        [
            Stmt.If("out_valid",
            [
                Stmt.Set("checks", "checks + 1"),
                Stmt.If("out_weight !== expected[out_tag][WEIGHT_WIDTH-1:0] || out_table !== expected[out_tag][EXPECTED_WIDTH-1:EXPECTED_WIDTH-2]",
                [
                    Stmt.Set("mismatches", "mismatches + 1"),
                    Stmt.Line($"$display(\"NEURO_MISMATCH {dut} update=%0d table=%0d addr=%0d expected=%h got=%h\", out_tag, expected[out_tag][EXPECTED_WIDTH-1:EXPECTED_WIDTH-2], expected[out_tag][EXPECTED_WIDTH-3:WEIGHT_WIDTH], expected[out_tag][WEIGHT_WIDTH-1:0], out_weight);"),
                ]),
            ]),
        ]);
        string[] inputs = ["clk", "rst", "fire_valid", "fire", "in_valid", "in_table", "in_pre", "in_post", .. d.HasOutput ? ["in_row_kind"] : Array.Empty<string>(),
            .. d.UnitFields.Select(f => "in_" + HardwareDesign.SampleInput(f.Table, f.Field.Signal)), "in_weight", "in_tag"];
        string[] outputs = ["out_valid", "out_table", "out_tag", "out_weight", "busy"];
        m.Instance("The unit under test, one neuron per pattern", dut, "dut",
            [("NEURONS", "NEURONS"), ("INDEX_WIDTH", "INDEX_WIDTH"), ("TAG_WIDTH", "TAG_WIDTH")], [.. inputs.Concat(outputs).Select(p => (p, p))]);
        return m;
    }

    public static VerilogModule Engine(HardwareDesign d, GoldenVectors v)
    {
        bool labelAndPrediction = d.EnginePrediction;
        string dut = d.Engine;
        var m = new VerilogModule(d.EngineTestbench,
        [
            $"Self-checking testbench of {dut}: a whole lifetime of {v.Samples} samples.",
            "Stimulus: {1'b0, fire bits} per round, then {1'b1, update_en"
                + (d.HasOutput ? ", label" : "") + (labelAndPrediction ? ", prediction" : "") + string.Concat(d.EngineSampleInputs.Select(f => ", " + f.Name)) + "} per sample.",
            "After the last sample every weight of every plastic layer must equal the model's, word for word.",
            "Reports updates (write-backs) and the clocks of the updating samples' plastic steps.",
        ]);
        AddEngineParams(m, d, v);
        AddEngineSignals(m, d);
        m.Items.Add(new ClockItem("Clock", "clk", HalfPeriod));
        m.Clocked("Clock edges so far", [Stmt.Set("cycle", "cycle + 1")]);
        m.Items.Add(new InitialItem("Replay the lifetime, read every plastic weight back, then report",
            Summary(m.Name, "checks == EXPECTED_CHECKS", "EXPECTED_CHECKS", EngineReplay(d), " updates=%0d cycles=%0d samples=%0d", ", updates, cycles, samples")));
        m.Items.Add(Watchdog(m.Name));
        m.Clocked("Count write-backs, and the clocks of plastic steps that update",
        [
            Stmt.If("update_strobe", [Stmt.Set("updates", "updates + 1")]),
            Stmt.If("(start || busy) && update_en", [Stmt.Set("cycles", "cycles + 1")]),
        ]);
        string[] inputs = ["clk", "rst", "fire_valid", "fire", "start", "update_en", .. d.HasOutput ? ["label"] : Array.Empty<string>(), .. labelAndPrediction ? ["prediction"] : Array.Empty<string>(),
            .. d.EngineSampleInputs.Select(f => f.Name)];
        string[] outputs = ["busy", "done", "update_strobe", "host_table", "host_addr", "host_rdata"];
        m.Instance("The engine under test", dut, "dut", [], [.. inputs.Concat(outputs).Select(p => (p, p))]);
        return m;
    }

    private static void AddUnitSignals(VerilogModule m, HardwareDesign d)
    {
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
            m.Reg("in_row_kind", d.RowKindBits == 1 ? "" : VerilogTypes.Range(d.RowKindBits), "DUT input", init: d.RowKindBits == 1 ? "1'b0" : "2'd0");
        }

        foreach (var (table, field) in d.UnitFields)
        {
            m.Reg("in_" + HardwareDesign.SampleInput(table, field.Signal), VerilogTypes.Range(field.Bits), "DUT input", init: VerilogTypes.Decimal(0, field.Bits));
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
    }

    /// <summary>One plasticity-unit command: decode its fields onto the unit's inputs on the falling edge.</summary>
    private static List<Stmt> UnitDrive(HardwareDesign d, GoldenVectors v)
    {
        int iw = v.UnitIndexWidth;
        int kind = d.HasOutput ? d.RowKindBits : 0;
        int fieldsTop = 2 + 2 * iw + kind + d.UnitFields.Sum(f => f.Field.Bits) + d.WeightWidth - 1;
        int tableLow = fieldsTop - 1;
        int preLow = tableLow - iw;
        int postLow = preLow - iw;
        var drive = new List<Stmt>
        {
            Stmt.Line("@(negedge clk);"),
            Stmt.Let("cmd", "stimulus[k]"),
            Stmt.Let("fire_valid", "!cmd[CMD_WIDTH-1]"),
            Stmt.Let("fire", "cmd[NEURONS-1:0]"),
            Stmt.Let("in_valid", "cmd[CMD_WIDTH-1]"),
            Stmt.Let("in_table", $"cmd[{fieldsTop}:{tableLow}]"),
            Stmt.Let("in_pre", $"cmd[{tableLow - 1}:{preLow}]"),
            Stmt.Let("in_post", $"cmd[{preLow - 1}:{postLow}]"),
        };
        if (d.HasOutput)
        {
            drive.Add(Stmt.Let("in_row_kind", kind == 1 ? $"cmd[{postLow - 1}]" : $"cmd[{postLow - 1}:{postLow - kind}]"));
        }

        int top = postLow - kind - 1;
        foreach (var (table, field) in d.UnitFields)
        {
            drive.Add(Stmt.Let("in_" + HardwareDesign.SampleInput(table, field.Signal), field.Bits == 1 ? $"cmd[{top}]" : $"cmd[{top}:{top - field.Bits + 1}]"));
            top -= field.Bits;
        }

        drive.Add(Stmt.Let("in_weight", "cmd[WEIGHT_WIDTH-1:0]"));
        drive.Add(Stmt.Let("in_tag", "issued[TAG_WIDTH-1:0]"));
        drive.Add(Stmt.If("cmd[CMD_WIDTH-1]", [Stmt.Let("issued", "issued + 1")]));
        return drive;
    }

    private static void AddEngineParams(VerilogModule m, HardwareDesign d, GoldenVectors v)
    {
        m.LocalParam("HIDDEN", Int(d.Spec.Hidden), "Hidden neurons");
        m.LocalParam("WEIGHT_WIDTH", Int(d.WeightWidth), "Bits of a weight");
        m.LocalParam("ADDR_WIDTH", Int(d.AddressWidth), "Bits of a weight address");
        m.LocalParam("CMD_WIDTH", Int(v.EngineCommandWidth), "Bits of a stimulus command");
        m.LocalParam("COMMANDS", Int(v.EngineCommands.Count), "Stimulus commands");
        m.LocalParam("SAMPLES", Int(v.Samples), "Samples, so step clocks checked");
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
        m.LocalParam("EXPECTED_CHECKS", Int(checksExpected + v.Samples), "Weights checked, the update count, and each sample's step clocks");
        long steps = v.EngineCommands.Count * 4L + v.ExpectedUpdates + v.Samples * 8L + 2 * (checksExpected + 8);
        Timeout(m, steps * 2 * HalfPeriod * 2);
    }

    private static void AddEngineSignals(VerilogModule m, HardwareDesign d)
    {
        string cw = VerilogTypes.Range(d.ClassWidth);
        m.Reg("clk", "", "Clock", init: "1'b0");
        m.Reg("rst", "", "Reset", init: "1'b1");
        m.Reg("fire_valid", "", "DUT input", init: "1'b0");
        m.Reg("fire", "[HIDDEN-1:0]", "DUT input", init: "{HIDDEN{1'b0}}");
        m.Reg("start", "", "DUT input", init: "1'b0");
        m.Reg("update_en", "", "DUT input", init: "1'b0");
        if (d.HasOutput)
        {
            m.Reg("label", cw, "DUT input", init: VerilogTypes.Decimal(0, d.ClassWidth));
        }

        if (d.EnginePrediction)
        {
            m.Reg("prediction", cw, "DUT input", init: VerilogTypes.Decimal(0, d.ClassWidth));
        }

        foreach (var (name, bits, _) in d.EngineSampleInputs)
        {
            m.Reg(name, VerilogTypes.Range(bits), "DUT input", init: VerilogTypes.Decimal(0, bits));
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
        m.Reg("expected_clocks", "[31:0]", "Each sample's clocks from the start edge to the first edge seeing done", "[0:SAMPLES-1]");
        m.Integer("k", "Command or address index");
        m.Integer("cycle", "Clock edges so far (at a falling edge: the index of the next rising edge)", "0");
        m.Integer("start_edge", "The edge that took the sample's start");
        m.Integer("samples", "Samples replayed", "0");
        m.Integer("updates", "Write-backs seen", "0");
        m.Integer("cycles", "Clocks of the updating samples' plastic steps", "0");
        m.Integer("checks", "Words checked", "0");
        m.Integer("mismatches", "Words that differ from the model", "0");
    }

    /// <summary>The engine testbench's body: load the vectors, replay every command, then read every plastic weight back.</summary>
    private static List<Stmt> EngineReplay(HardwareDesign d)
    {
        string dut = d.Engine;
        var body = new List<Stmt>
        {
            Stmt.Line($"$readmemh({HardwareDesign.Quote(HardwareDesign.VectorPath(dut, "stimulus"))}, stimulus);"),
            Stmt.Line($"$readmemh({HardwareDesign.Quote(HardwareDesign.VectorPath(dut, "expected_clocks"))}, expected_clocks);"),
        };
        foreach (var table in d.Tables)
        {
            body.Add(Stmt.Line($"$readmemh({HardwareDesign.Quote(HardwareDesign.VectorPath(dut, "expected_" + table.Name))}, expected_{table.Name});"));
        }

        body.AddRange(
        [
            Stmt.Line("repeat (2) @(negedge clk);"),
            Stmt.Let("rst", "1'b0"),
            Stmt.For("k = 0", "k < COMMANDS", "k = k + 1",
            [
                Stmt.Line("@(negedge clk);"),
                Stmt.Let("cmd", "stimulus[k]"),
                Stmt.If("cmd[CMD_WIDTH-1]", EngineSample(d),
                    [Stmt.Let("fire_valid", "1'b1"), Stmt.Let("fire", "cmd[HIDDEN-1:0]"), Stmt.Line("@(negedge clk);"), Stmt.Let("fire_valid", "1'b0")]),
            ]),
            Stmt.Line("@(negedge clk);"),
            Stmt.Let("checks", "checks + 1"),
            Stmt.If("updates != EXPECTED_UPDATES",
            [
                Stmt.Let("mismatches", "mismatches + 1"),
                Stmt.Line($"$display(\"NEURO_MISMATCH {dut} updates addr=0 expected=%0d got=%0d\", EXPECTED_UPDATES, updates);"),
            ]),
        ]);
        var counts = new Dictionary<string, string> { ["hidden"] = "HIDDEN_EDGES", ["input"] = "INPUT_EDGES", ["output"] = "OUTPUT_WORDS" };
        foreach (var table in d.Tables)
        {
            body.AddRange(ReadBack(dut, table.Name, $"2'd{table.Code}", counts[table.Name]));
        }

        return body;
    }

    /// <summary>One sample command: start with update_en, label and prediction, then wait for done.</summary>
    private static List<Stmt> EngineSample(HardwareDesign d)
    {
        int cw = d.ClassWidth;
        bool labelAndPrediction = d.EnginePrediction;
        int sampleBits = d.EngineSampleInputs.Sum(f => f.Bits);
        int pos = 1 + (d.HasOutput ? cw : 0) + (labelAndPrediction ? cw : 0) + sampleBits - 1;
        var sample = new List<Stmt> { Stmt.Let("start", "1'b1"), Stmt.Let("update_en", $"cmd[{pos}]") };
        if (d.HasOutput)
        {
            sample.Add(Stmt.Let("label", $"cmd[{pos - 1}:{pos - cw}]"));
        }

        if (labelAndPrediction)
        {
            sample.Add(Stmt.Let("prediction", $"cmd[{cw - 1 + sampleBits}:{sampleBits}]"));
        }

        int top = sampleBits - 1;
        foreach (var (name, bits, _) in d.EngineSampleInputs)
        {
            sample.Add(Stmt.Let(name, bits == 1 ? $"cmd[{top}]" : $"cmd[{top}:{top - bits + 1}]"));
            top -= bits;
        }

        sample.AddRange(
        [
            Stmt.Let("start_edge", "cycle"),
            Stmt.Line("@(negedge clk);"),
            Stmt.Let("start", "1'b0"),
            Stmt.While("!done", [Stmt.Line("@(negedge clk);")]),
            Stmt.Let("checks", "checks + 1"),
            Stmt.If("cycle - start_edge !== expected_clocks[samples]",
            [
                Stmt.Let("mismatches", "mismatches + 1"),
                Stmt.Line($"$display(\"NEURO_MISMATCH {d.Engine} clocks addr=%0d expected=%0d got=%0d\", samples, expected_clocks[samples], cycle - start_edge);"),
            ]),
            Stmt.Let("samples", "samples + 1"),
        ]);
        return sample;
    }

    private static List<Stmt> ReadBack(string dut, string layer, string code, string count) =>
    [
        Stmt.For("k = 0", $"k < {count}", "k = k + 1",
        [
            Stmt.Line("@(negedge clk);"),
            Stmt.Let("host_table", code),
            Stmt.Let("host_addr", "k[ADDR_WIDTH-1:0]"),
            Stmt.Line("@(negedge clk);"),
            Stmt.Let("checks", "checks + 1"),
            Stmt.If($"host_rdata !== expected_{layer}[k]",
            [
                Stmt.Let("mismatches", "mismatches + 1"),
                Stmt.Line($"$display(\"NEURO_MISMATCH {dut} {layer} addr=%0d expected=%h got=%h\", k, expected_{layer}[k], host_rdata);"),
            ]),
        ]),
    ];

    /// <summary>The body followed by the summary line and the exit: <c>$finish</c> when every check ran and passed, else <c>$fatal</c>.</summary>
    internal static List<Stmt> Summary(string testbench, string complete, string expectedChecks, List<Stmt> body, string extraFields, string extraValues) =>
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

    /// <summary>
    /// The watchdog's limit in ns, declared 64 bits wide: Verilator scales a delay to the time precision (ps) in the width
    /// of the delay expression, so a 32-bit limit wraps after 4.29 ms of simulated time and the watchdog fires early.
    /// </summary>
    internal static void Timeout(VerilogScope m, long nanoseconds, string comment = "Simulation time limit in ns (64 bits: see the watchdog)") =>
        m.LocalParam("TIMEOUT", VerilogTypes.Decimal(nanoseconds, 64), comment, "[63:0]");

    internal static InitialItem Watchdog(string dut) =>
        new("Watchdog: fail rather than hang",
        [
            Stmt.Line("#(TIMEOUT);"),
            Stmt.Line($"$display(\"NEURO_TB {dut} FAIL timeout checks=%0d mismatches=%0d\", checks, mismatches);"),
            Stmt.Line($"$fatal(1, \"{dut}: timeout\");"),
        ]);
}
