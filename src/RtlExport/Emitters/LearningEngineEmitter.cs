using Neuro.Rules.Layouts;
using Neuro.RtlExport.Verilog;
using static Neuro.RtlExport.Verilog.Expr;

namespace Neuro.RtlExport.Emitters;

/// <summary>
/// The synapse-array learning engine: the weight memories of the plastic layers (recurrent <c>Wg</c> over the edges of
/// the recurrent mask, <c>Win</c> over the edges of the input mask when the rule has an input table, <c>Wout</c> when it
/// has an output table), the edge lists, a walker that visits every synapse to update, one per clock, in the model's
/// order (hidden, input, output), and the plasticity unit that updates it.
/// </summary>
internal static class LearningEngineEmitter
{
    public static VerilogModule Build(HardwareDesign d)
    {
        var m = new VerilogModule(d.Engine, Description(d));
        AddParameters(m, d);
        AddPorts(m, d);
        AddLocalParams(m, d);
        AddRegisters(m, d);
        AddWires(m, d);
        m.Items.Add(new InitialItem("Plastic weights start at zero", ClearMemories(d)));
        m.Registers("Walker: one synapse per clock over the layers, in the model's order", "rst",
            [("running_reg", "1'b0"), ("walk_valid_reg", "1'b0"), ("rd_valid_reg", "1'b0"), ("done", "1'b0")],
            [
                Stmt.Set("done", "1'b0"),
                Stmt.Set("rd_valid_reg", "walk_valid_reg"),
                Stmt.If("!running_reg",
                    [Stmt.If("start", [Stmt.Set("running_reg", "1'b1"), Stmt.Set("walk_valid_reg", "update_en"), Stmt.Set("walk_table_reg", "TABLE_HIDDEN"), Stmt.Set("walk_addr_reg", VerilogTypes.Decimal(0, d.AddressWidth))])],
                    [Stmt.If("walk_valid_reg", WalkStep(d), [Stmt.If("!pipe_active", [Stmt.Set("running_reg", "1'b0"), Stmt.Set("done", "1'b1")])])]),
            ],
            ReadStage(d));
        AddMemories(m, d);
        AddInstances(m, d);
        m.Assign("busy", "running_reg");
        m.Assign("update_strobe", "pu_out_valid");
        m.Assign("host_rdata", Mux(Layers(d).Select(l => ($"host_table_reg == {l.Code}", $"{l.Name}_q_reg")), "{WEIGHT_WIDTH{1'b0}}"));
        return m;
    }

    private static bool LabelAndPrediction(HardwareDesign d) => d.HasOutput && !d.AllEdges;

    /// <summary>The plastic layers present, in walk order: name, layer code and memory depth.</summary>
    private static List<(string Name, string Code, int Depth)> Layers(HardwareDesign d)
    {
        var layers = new List<(string, string, int)> { ("hidden", "TABLE_HIDDEN", d.HiddenEdges) };
        if (d.HasInput)
        {
            layers.Add(("input", "TABLE_INPUT", d.InputEdges));
        }

        if (d.HasOutput)
        {
            layers.Add(("output", "TABLE_OUTPUT", d.OutputWords));
        }

        return layers;
    }

    private static List<string> Description(HardwareDesign d) =>
    [
        "Synapse-array learning engine for one sample's plastic step (DESIGN.md, sections 3 and 6).",
        "",
        "Per sample: R+1 pulses of fire_valid with that round's fire bits (round 0 first), then start",
        "with update_en (the sample was misclassified, or updates are unconditional). The walker visits",
        $"the {d.HiddenEdges} recurrent edges" + (d.HasInput ? $", then the {d.InputEdges} input edges" : "")
            + (d.HasOutput ? (d.AllEdges ? $", then all {d.Spec.Classes} output rows of {d.Spec.Hidden} weights" : ", then the label's and the (wrong) prediction's output rows") : "")
            + ",",
        "one synapse per clock, and writes each updated weight back; done pulses once the last write is made.",
        "Weights start at zero (a new lifetime is a new configuration of the device).",
        "The host port reads one weight per clock while the engine is idle (one clock latency).",
        "Weight memory addresses: hidden and input layers by edge index (row-major order of the mask),",
        "output layer class * HIDDEN + neuron.",
    ];

    private static void AddParameters(VerilogModule m, HardwareDesign d)
    {
        m.Parameter("HIDDEN_ROM_FILE", HardwareDesign.Quote(d.RomPath("hidden")), "Hidden-table ROM image");
        if (d.HasInput)
        {
            m.Parameter("INPUT_ROM_FILE", HardwareDesign.Quote(d.RomPath("input")), "Input-table ROM image");
        }

        if (d.HasOutput)
        {
            m.Parameter("OUTPUT_ROM_FILE", HardwareDesign.Quote(d.RomPath("output")), "Output-table ROM image");
        }

        m.Parameter("HIDDEN_EDGES_FILE", HardwareDesign.Quote(d.EdgesPath("hidden")), "Recurrent edge list: one {pre, post} word per edge");
        if (d.HasInput)
        {
            m.Parameter("INPUT_EDGES_FILE", HardwareDesign.Quote(d.EdgesPath("input")), "Input edge list: the post neuron of each edge");
        }
    }

    private static void AddPorts(VerilogModule m, HardwareDesign d)
    {
        int cw = d.ClassWidth;
        m.Input("clk", "", "Clock");
        m.Input("rst", "", "Synchronous reset, active high (weights keep their values)");
        m.Input("fire_valid", "", "Shift one round of fire bits into the histories (only while idle)");
        m.Input("fire", VerilogTypes.Range(d.Spec.Hidden), "Fire bits of one round, bit i for hidden neuron i");
        m.Input("start", "", "Start the sample's plastic step (only while idle)");
        m.Input("update_en", "", "With start: update the weights (else done follows at once)");
        if (d.HasOutput)
        {
            m.Input("label", VerilogTypes.Range(cw), "With start: the sample's label");
        }

        if (d.EnginePrediction)
        {
            m.Input("prediction", VerilogTypes.Range(cw), "With start: the network's prediction for the sample");
        }

        foreach (var (name, bits, comment) in d.EngineSampleInputs)
        {
            m.Input(name, VerilogTypes.Range(bits), "With start: " + comment);
        }

        m.OutputWire("busy", "", "A plastic step is running");
        m.OutputReg("done", "", "One-clock pulse: the plastic step has finished");
        m.OutputWire("update_strobe", "", "A synapse update is written back this clock");
        m.Input("host_table", "[1:0]", "Host read: layer (0 hidden" + (d.HasInput ? ", 1 input" : "") + (d.HasOutput ? ", 2 output" : "") + ")");
        m.Input("host_addr", VerilogTypes.Range(d.AddressWidth), "Host read: weight address");
        m.OutputWire("host_rdata", VerilogTypes.Range(d.WeightWidth), "Host read: the weight addressed on the previous clock");
    }

    private static void AddLocalParams(VerilogModule m, HardwareDesign d)
    {
        int aw = d.AddressWidth, iw = d.IndexWidth, cw = d.ClassWidth;
        m.LocalParam("HIDDEN", Int(d.Spec.Hidden), "Hidden neurons");
        m.LocalParam("WEIGHT_WIDTH", Int(d.WeightWidth), "Bits of a weight");
        m.LocalParam("INDEX_WIDTH", Int(iw), "Bits of a neuron index");
        m.LocalParam("ADDR_WIDTH", Int(aw), "Bits of a weight-memory address");
        m.LocalParam("HIDDEN_EDGES", Int(d.HiddenEdges), "Words of the recurrent weight memory (edges of the recurrent mask)");
        m.LocalParam("HIDDEN_LAST", VerilogTypes.Decimal(d.HiddenEdges - 1, aw), "Address of the last recurrent edge", VerilogTypes.Range(aw));
        if (d.HasInput)
        {
            m.LocalParam("INPUT_EDGES", Int(d.InputEdges), "Words of the input weight memory (edges of the input mask)");
            m.LocalParam("INPUT_LAST", VerilogTypes.Decimal(d.InputEdges - 1, aw), "Address of the last input edge", VerilogTypes.Range(aw));
        }

        if (d.HasOutput)
        {
            m.LocalParam("OUTPUT_WORDS", Int(d.OutputWords), "Words of the output weight memory (classes * hidden)");
            m.LocalParam("COLUMN_LAST", VerilogTypes.Decimal(d.Spec.Hidden - 1, iw), "Last neuron of an output row", VerilogTypes.Range(iw));
            if (LabelAndPrediction(d))
            {
                m.LocalParam("ROW_WORDS", VerilogTypes.Decimal(d.Spec.Hidden, aw), "Words per output row", VerilogTypes.Range(aw));
            }
            else
            {
                m.LocalParam("ROW_LAST", VerilogTypes.Decimal(d.Spec.Classes - 1, cw), "Last output row (class)", VerilogTypes.Range(cw));
            }
        }

        m.LocalParam("TABLE_HIDDEN", "2'd0", "Layer code of the hidden (recurrent) weights", "[1:0]");
        if (d.HasInput)
        {
            m.LocalParam("TABLE_INPUT", "2'd1", "Layer code of the input weights", "[1:0]");
        }

        if (d.HasOutput)
        {
            m.LocalParam("TABLE_OUTPUT", "2'd2", "Layer code of the output weights", "[1:0]");
        }
    }

    private static void AddRegisters(VerilogModule m, HardwareDesign d)
    {
        m.Reg("hidden_mem", "[WEIGHT_WIDTH-1:0]", "Recurrent weights, one per edge", "[0:HIDDEN_EDGES-1]");
        m.Reg("hidden_q_reg", "[WEIGHT_WIDTH-1:0]", "Recurrent weight read");
        if (d.HasInput)
        {
            m.Reg("input_mem", "[WEIGHT_WIDTH-1:0]", "Input weights, one per edge", "[0:INPUT_EDGES-1]");
            m.Reg("input_q_reg", "[WEIGHT_WIDTH-1:0]", "Input weight read");
        }

        if (d.HasOutput)
        {
            m.Reg("output_mem", "[WEIGHT_WIDTH-1:0]", "Output weights, class * HIDDEN + neuron", "[0:OUTPUT_WORDS-1]");
            m.Reg("output_q_reg", "[WEIGHT_WIDTH-1:0]", "Output weight read");
        }

        m.Reg("running_reg", "", "A plastic step is running");
        m.Reg("walk_valid_reg", "", "Walker: a synapse is being issued");
        m.Reg("walk_table_reg", "[1:0]", "Walker: layer");
        m.Reg("walk_addr_reg", "[ADDR_WIDTH-1:0]", "Walker: weight address (edge index, or output word)");
        if (d.HasOutput)
        {
            string cw = VerilogTypes.Range(d.ClassWidth);
            m.Reg("walk_column_reg", "[INDEX_WIDTH-1:0]", "Walker: hidden neuron of the output row");
            m.Reg("walk_row_kind_reg", RowKindRange(d), d.RowKindBits == 1 ? "Walker: 0 on the label's row, 1 on another row" : "Walker: the row's role, 0 the label's, 1 the prediction's, 2 another");
            m.Reg("label_reg", cw, "The sample's label");
            if (LabelAndPrediction(d))
            {
                m.Reg("walk_second_reg", "", "Walker: on the prediction's row");
            }
            else
            {
                m.Reg("walk_row_reg", cw, "Walker: output row (class)");
            }

            if (d.EnginePrediction)
            {
                m.Reg("prediction_reg", cw, "The sample's prediction");
            }
        }

        foreach (var (input, bits, _) in d.EngineSampleInputs)
        {
            m.Reg(input + "_reg", VerilogTypes.Range(bits), $"{input}, latched with start");
        }

        m.Reg("rd_valid_reg", "", "Read stage: memories and edge lists are being read");
        m.Reg("rd_table_reg", "[1:0]", "Read stage: layer");
        m.Reg("rd_addr_reg", "[ADDR_WIDTH-1:0]", "Read stage: weight address");
        if (d.HasOutput)
        {
            m.Reg("rd_column_reg", "[INDEX_WIDTH-1:0]", "Read stage: hidden neuron of the output row");
            m.Reg("rd_row_kind_reg", RowKindRange(d), "Read stage: row kind");
        }

        m.Reg("host_table_reg", "[1:0]", "Host read: layer of the previous clock");
        m.Integer("k", "Memory initialisation index");
    }

    private static void AddWires(VerilogModule m, HardwareDesign d)
    {
        m.Wire("mem_addr", "[ADDR_WIDTH-1:0]", "Weight-memory read address: the walker's while running, else the host's", "running_reg ? walk_addr_reg : host_addr");
        m.Wire("hidden_edge", VerilogTypes.Range(2 * d.IndexWidth), "Recurrent edge {pre, post} of the read stage");
        if (d.HasInput)
        {
            m.Wire("input_edge", "[INDEX_WIDTH-1:0]", "Post neuron of the input edge of the read stage");
        }

        var postArms = new List<(string, string)>();
        var weightArms = new List<(string, string)>();
        if (d.HasOutput)
        {
            postArms.Add(("rd_table_reg == TABLE_OUTPUT", "rd_column_reg"));
            weightArms.Add(("rd_table_reg == TABLE_OUTPUT", "output_q_reg"));
        }

        if (d.HasInput)
        {
            postArms.Add(("rd_table_reg == TABLE_INPUT", "input_edge"));
            weightArms.Add(("rd_table_reg == TABLE_INPUT", "input_q_reg"));
        }

        m.Wire("pu_post", "[INDEX_WIDTH-1:0]", "Post (or output-row) neuron of the read stage's synapse", Mux(postArms, "hidden_edge[INDEX_WIDTH-1:0]"));
        m.Wire("pu_weight", "[WEIGHT_WIDTH-1:0]", "Weight of the read stage's synapse", Mux(weightArms, "hidden_q_reg"));
        m.Wire("pu_out_valid", "", "Plasticity unit: an updated weight is ready");
        m.Wire("pu_out_table", "[1:0]", "Plasticity unit: its layer");
        m.Wire("pu_out_tag", "[ADDR_WIDTH-1:0]", "Plasticity unit: its address");
        m.Wire("pu_out_weight", "[WEIGHT_WIDTH-1:0]", "Plasticity unit: the updated weight");
        m.Wire("pu_busy", "", "Plasticity unit: updates in flight");
        m.Wire("pipe_active", "", "Anything left to issue or write", "walk_valid_reg | rd_valid_reg | pu_busy");
        if (LabelAndPrediction(d))
        {
            string pad = Replicate(Int(d.AddressWidth - d.ClassWidth), "1'b0");
            m.Wire("label_base", "[ADDR_WIDTH-1:0]", "First word of the label's output row", $"{{{pad}, label_reg}} * ROW_WORDS");
            m.Wire("prediction_base", "[ADDR_WIDTH-1:0]", "First word of the prediction's output row", $"{{{pad}, prediction_reg}} * ROW_WORDS");
        }
    }

    private static List<Stmt> ClearMemories(HardwareDesign d)
    {
        var words = new Dictionary<string, string> { ["hidden"] = "HIDDEN_EDGES", ["input"] = "INPUT_EDGES", ["output"] = "OUTPUT_WORDS" };
        return [.. Layers(d).Select(l => Stmt.For("k = 0", $"k < {words[l.Name]}", "k = k + 1", [Stmt.Let($"{l.Name}_mem[k]", "{WEIGHT_WIDTH{1'b0}}")]))];
    }

    /// <summary>One clock of the walker while it issues: advance within the layer, or move on to the next layer.</summary>
    private static List<Stmt> WalkStep(HardwareDesign d)
    {
        int aw = d.AddressWidth;
        string next = $"walk_addr_reg + {VerilogTypes.Decimal(1, aw)}";
        List<Stmt> enterOutput = !d.HasOutput ? [Stmt.Set("walk_valid_reg", "1'b0")] : EnterOutput(d);
        List<Stmt> afterHidden = d.HasInput ? [Stmt.Set("walk_table_reg", "TABLE_INPUT"), Stmt.Set("walk_addr_reg", VerilogTypes.Decimal(0, aw))] : enterOutput;
        List<Stmt> hiddenStep = [Stmt.If("walk_addr_reg == HIDDEN_LAST", afterHidden, [Stmt.Set("walk_addr_reg", next)])];
        List<Stmt> inputStep = [Stmt.If("walk_addr_reg == INPUT_LAST", enterOutput, [Stmt.Set("walk_addr_reg", next)])];
        List<Stmt> outputStep = d.HasOutput
            ?
            [
                Stmt.If("walk_column_reg == COLUMN_LAST", OutputRowEnd(d),
                [
                    Stmt.Set("walk_column_reg", $"walk_column_reg + {VerilogTypes.Decimal(1, d.IndexWidth)}"),
                    Stmt.Set("walk_addr_reg", next),
                ]),
            ]
            : [];
        var arms = new List<(string, IReadOnlyList<Stmt>)>();
        var steps = new List<List<Stmt>> { hiddenStep };
        if (d.HasInput)
        {
            steps.Add(inputStep);
        }

        if (d.HasOutput)
        {
            steps.Add(outputStep);
        }

        var layers = Layers(d);
        if (steps.Count == 1)
        {
            return hiddenStep;
        }

        for (int i = 0; i < steps.Count - 1; i++)
        {
            arms.Add(($"walk_table_reg == {layers[i].Code}", steps[i]));
        }

        return [Stmt.Chain(arms, steps[^1])];
    }

    /// <summary>The walker enters the output layer: the label's row (label and prediction), or row 0 (all edges).</summary>
    /// <remarks>With stochastic rounding the two rows go in class order (the golden walk order the generator follows):
    /// the prediction's row first when its class is below the label's.</remarks>
    private static List<Stmt> EnterOutput(HardwareDesign d) => LabelAndPrediction(d)
        ?
        [
            Stmt.Set("walk_table_reg", "TABLE_OUTPUT"),
            Stmt.Set("walk_addr_reg", d.StochasticBits > 0 ? "prediction_reg < label_reg ? prediction_base : label_base" : "label_base"),
            Stmt.Set("walk_column_reg", VerilogTypes.Decimal(0, d.IndexWidth)),
            Stmt.Set("walk_row_kind_reg", Kind(d, d.StochasticBits > 0 ? "prediction_reg < label_reg" : "1'b0")),
            Stmt.Set("walk_second_reg", "1'b0"),
        ]
        :
        [
            Stmt.Set("walk_table_reg", "TABLE_OUTPUT"),
            Stmt.Set("walk_addr_reg", VerilogTypes.Decimal(0, d.AddressWidth)),
            Stmt.Set("walk_column_reg", VerilogTypes.Decimal(0, d.IndexWidth)),
            Stmt.Set("walk_row_reg", VerilogTypes.Decimal(0, d.ClassWidth)),
            Stmt.Set("walk_row_kind_reg", d.RowKindBits == 1 ? $"label_reg != {VerilogTypes.Decimal(0, d.ClassWidth)}" : RowRole(d, VerilogTypes.Decimal(0, d.ClassWidth))),
        ];

    /// <summary>The end of an output row: on to the prediction's row or the next row, or stop.</summary>
    private static List<Stmt> OutputRowEnd(HardwareDesign d)
    {
        string one = VerilogTypes.Decimal(1, d.ClassWidth);
        return LabelAndPrediction(d)
            ?
            [
                Stmt.If("!walk_second_reg && prediction_reg != label_reg",
                [
                    Stmt.Set("walk_addr_reg", d.StochasticBits > 0 ? "prediction_reg < label_reg ? label_base : prediction_base" : "prediction_base"),
                    Stmt.Set("walk_column_reg", VerilogTypes.Decimal(0, d.IndexWidth)),
                    Stmt.Set("walk_row_kind_reg", Kind(d, d.StochasticBits > 0 ? "!(prediction_reg < label_reg)" : "1'b1")),
                    Stmt.Set("walk_second_reg", "1'b1"),
                ],
                [Stmt.Set("walk_valid_reg", "1'b0")]),
            ]
            :
            [
                Stmt.If("walk_row_reg == ROW_LAST",
                [Stmt.Set("walk_valid_reg", "1'b0")],
                [
                    Stmt.Set("walk_row_reg", $"walk_row_reg + {one}"),
                    Stmt.Set("walk_addr_reg", $"walk_addr_reg + {VerilogTypes.Decimal(1, d.AddressWidth)}"),
                    Stmt.Set("walk_column_reg", VerilogTypes.Decimal(0, d.IndexWidth)),
                    Stmt.Set("walk_row_kind_reg", RowRole(d, $"walk_row_reg + {one}")),
                ]),
            ];
    }

    /// <summary>The read stage's registers (no reset) and the label/prediction latch at start.</summary>
    private static List<Stmt> ReadStage(HardwareDesign d)
    {
        var stage = new List<Stmt> { Stmt.Set("rd_table_reg", "walk_table_reg"), Stmt.Set("rd_addr_reg", "walk_addr_reg") };
        var latch = new List<Stmt>();
        if (d.HasOutput)
        {
            stage.Add(Stmt.Set("rd_column_reg", "walk_column_reg"));
            stage.Add(Stmt.Set("rd_row_kind_reg", "walk_row_kind_reg"));
            latch.Add(Stmt.Set("label_reg", "label"));
        }

        if (d.EnginePrediction)
        {
            latch.Add(Stmt.Set("prediction_reg", "prediction"));
        }

        foreach (var (input, _, _) in d.EngineSampleInputs)
        {
            latch.Add(Stmt.Set(input + "_reg", input));
        }

        if (latch.Count > 0)
        {
            stage.Add(Stmt.If("start && !running_reg", latch));
        }

        return stage;
    }

    private static void AddMemories(VerilogModule m, HardwareDesign d)
    {
        var comments = new Dictionary<string, string> { ["hidden"] = "Recurrent", ["input"] = "Input", ["output"] = "Output" };
        foreach (var (name, code, depth) in Layers(d))
        {
            string slice = Slice(depth, d.AddressWidth);
            m.Clocked($"{comments[name]} weight memory: write-back and read",
            [
                Stmt.If($"pu_out_valid && pu_out_table == {code}", [Stmt.Set($"{name}_mem[pu_out_tag{slice}]", "pu_out_weight")]),
                Stmt.Set($"{name}_q_reg", $"{name}_mem[mem_addr{slice}]"),
            ]);
        }

        m.Clocked("Host read: remember the layer for the read data mux", [Stmt.Set("host_table_reg", "host_table")]);
    }

    private static void AddInstances(VerilogModule m, HardwareDesign d)
    {
        int aw = d.AddressWidth;
        m.Instance("Recurrent edge list", d.RomModule, "hidden_edges_inst",
            [("DATA_WIDTH", Int(2 * d.IndexWidth)), ("ADDR_WIDTH", Int(VerilogTypes.IndexWidth(d.HiddenEdges))), ("DEPTH", "HIDDEN_EDGES"), ("INIT_FILE", "HIDDEN_EDGES_FILE")],
            [("clk", "clk"), ("en", "walk_valid_reg"), ("addr", "walk_addr_reg" + Slice(d.HiddenEdges, aw)), ("data", "hidden_edge")]);
        if (d.HasInput)
        {
            m.Instance("Input edge list", d.RomModule, "input_edges_inst",
                [("DATA_WIDTH", "INDEX_WIDTH"), ("ADDR_WIDTH", Int(VerilogTypes.IndexWidth(d.InputEdges))), ("DEPTH", "INPUT_EDGES"), ("INIT_FILE", "INPUT_EDGES_FILE")],
                [("clk", "clk"), ("en", "walk_valid_reg"), ("addr", "walk_addr_reg" + Slice(d.InputEdges, aw)), ("data", "input_edge")]);
        }

        var puParams = new List<(string, string)> { ("NEURONS", "HIDDEN"), ("INDEX_WIDTH", "INDEX_WIDTH"), ("TAG_WIDTH", "ADDR_WIDTH"), ("HIDDEN_ROM_FILE", "HIDDEN_ROM_FILE") };
        if (d.HasInput)
        {
            puParams.Add(("INPUT_ROM_FILE", "INPUT_ROM_FILE"));
        }

        if (d.HasOutput)
        {
            puParams.Add(("OUTPUT_ROM_FILE", "OUTPUT_ROM_FILE"));
        }

        var puPorts = new List<(string, string)>
        {
            ("clk", "clk"), ("rst", "rst"), ("fire_valid", "fire_valid"), ("fire", "fire"), ("in_valid", "rd_valid_reg"),
            ("in_table", "rd_table_reg"), ("in_pre", "hidden_edge[2*INDEX_WIDTH-1:INDEX_WIDTH]"), ("in_post", "pu_post"),
        };
        if (d.HasOutput)
        {
            puPorts.Add(("in_row_kind", "rd_row_kind_reg"));
        }

        foreach (var (table, field) in d.SampleFields)
        {
            string input = HardwareDesign.SampleInput(table, field.Signal);
            puPorts.Add(("in_" + input, input + "_reg"));
        }

        if (d.LevelField is { } level)
        {
            // The output update's hidden neuron (the read stage's column) picks its level from the sample's levels.
            int n = level.Field.Bits;
            string levels = d.LevelsInput + "_reg";
            puPorts.Add(("in_" + HardwareDesign.SampleInput(level.Table, Signal.Pre), n == 1 ? $"{levels}[rd_column_reg]" : $"{levels}[rd_column_reg*{n} +: {n}]"));
        }

        puPorts.AddRange(
        [
            ("in_weight", "pu_weight"), ("in_tag", "rd_addr_reg"), ("out_valid", "pu_out_valid"), ("out_table", "pu_out_table"),
            ("out_tag", "pu_out_tag"), ("out_weight", "pu_out_weight"), ("busy", "pu_busy"),
        ]);
        m.Instance("The plasticity unit", d.PlasticityUnit, "plasticity_unit_inst", puParams, puPorts);
    }

    private static string RowKindRange(HardwareDesign d) => d.RowKindBits == 1 ? "" : VerilogTypes.Range(d.RowKindBits);

    /// <summary>A one-bit row kind (0 label, 1 prediction) as wide as the row-kind register.</summary>
    private static string Kind(HardwareDesign d, string kind) =>
        d.RowKindBits == 1 ? kind : kind switch { "1'b0" => "2'd0", "1'b1" => "2'd1", _ => Concat(["1'b0", kind]) };

    /// <summary>The row kind of output row <paramref name="row"/> when every row updates: 1 bit, 0 the label's and 1 any other;
    /// 2 bits, 0 the label's, 1 the prediction's, 2 another (<c>PatternUpdatePlan.OutputRole</c>).</summary>
    private static string RowRole(HardwareDesign d, string row) =>
        d.RowKindBits == 1 ? $"{row} != label_reg" : $"{row} == label_reg ? 2'd0 : {row} == prediction_reg ? 2'd1 : 2'd2";

    /// <summary>The part-select that narrows an address to a memory of <paramref name="depth"/> words (none when it is already that wide).</summary>
    private static string Slice(int depth, int addressWidth)
    {
        int bits = VerilogTypes.IndexWidth(depth);
        return bits == addressWidth ? "" : $"[{Int(bits - 1)}:0]";
    }
}
