using Neuro.RtlExport.Verilog;
using static Neuro.RtlExport.Emitters.PlasticityUnitEmitter;

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
        int aw = d.AddressWidth, iw = d.IndexWidth, cw = d.ClassWidth, w = d.WeightWidth;
        var spec = d.Spec;
        bool labelAndPrediction = d.HasOutput && !d.AllEdges;
        var m = new VerilogModule(d.Engine,
        [
            "Synapse-array learning engine for one sample's plastic step (DESIGN.md, sections 3 and 6).",
            "",
            "Per sample: R+1 pulses of fire_valid with that round's fire bits (round 0 first), then start",
            "with update_en (the sample was misclassified, or updates are unconditional). The walker visits",
            $"the {d.HiddenEdges} recurrent edges" + (d.HasInput ? $", then the {d.InputEdges} input edges" : "")
                + (d.HasOutput ? (d.AllEdges ? $", then all {spec.Classes} output rows of {spec.Hidden} weights" : ", then the label's and the (wrong) prediction's output rows") : "")
                + ",",
            "one synapse per clock, and writes each updated weight back; done pulses once the last write is made.",
            "Weights start at zero (a new lifetime is a new configuration of the device).",
            "The host port reads one weight per clock while the engine is idle (one clock latency).",
            "Weight memory addresses: hidden and input layers by edge index (row-major order of the mask),",
            "output layer class * HIDDEN + neuron.",
        ]);
        m.Parameters.Add(new("HIDDEN_ROM_FILE", HardwareDesign.Quote(d.RomPath("hidden")), "Hidden-table ROM image"));
        if (d.HasInput)
        {
            m.Parameters.Add(new("INPUT_ROM_FILE", HardwareDesign.Quote(d.RomPath("input")), "Input-table ROM image"));
        }

        if (d.HasOutput)
        {
            m.Parameters.Add(new("OUTPUT_ROM_FILE", HardwareDesign.Quote(d.RomPath("output")), "Output-table ROM image"));
        }

        m.Parameters.Add(new("HIDDEN_EDGES_FILE", HardwareDesign.Quote(d.EdgesPath("hidden")), "Recurrent edge list: one {pre, post} word per edge"));
        if (d.HasInput)
        {
            m.Parameters.Add(new("INPUT_EDGES_FILE", HardwareDesign.Quote(d.EdgesPath("input")), "Input edge list: the post neuron of each edge"));
        }

        m.Ports.Add(new(PortDirection.Input, "clk", "", "Clock"));
        m.Ports.Add(new(PortDirection.Input, "rst", "", "Synchronous reset, active high (weights keep their values)"));
        m.Ports.Add(new(PortDirection.Input, "fire_valid", "", "Shift one round of fire bits into the histories (only while idle)"));
        m.Ports.Add(new(PortDirection.Input, "fire", VerilogTypes.Range(spec.Hidden), "Fire bits of one round, bit i for hidden neuron i"));
        m.Ports.Add(new(PortDirection.Input, "start", "", "Start the sample's plastic step (only while idle)"));
        m.Ports.Add(new(PortDirection.Input, "update_en", "", "With start: update the weights (else done follows at once)"));
        if (d.HasOutput)
        {
            m.Ports.Add(new(PortDirection.Input, "label", VerilogTypes.Range(cw), "With start: the sample's label"));
        }

        if (labelAndPrediction)
        {
            m.Ports.Add(new(PortDirection.Input, "prediction", VerilogTypes.Range(cw), "With start: the network's prediction for the sample"));
        }

        m.Ports.Add(new(PortDirection.OutputWire, "busy", "", "A plastic step is running"));
        m.Ports.Add(new(PortDirection.OutputReg, "done", "", "One-clock pulse: the plastic step has finished"));
        m.Ports.Add(new(PortDirection.OutputWire, "update_strobe", "", "A synapse update is written back this clock"));
        m.Ports.Add(new(PortDirection.Input, "host_table", "[1:0]", "Host read: layer (0 hidden" + (d.HasInput ? ", 1 input" : "") + (d.HasOutput ? ", 2 output" : "") + ")"));
        m.Ports.Add(new(PortDirection.Input, "host_addr", VerilogTypes.Range(aw), "Host read: weight address"));
        m.Ports.Add(new(PortDirection.OutputWire, "host_rdata", VerilogTypes.Range(w), "Host read: the weight addressed on the previous clock"));

        m.LocalParam("HIDDEN", Int(spec.Hidden), "Hidden neurons");
        m.LocalParam("WEIGHT_WIDTH", Int(w), "Bits of a weight");
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
            m.LocalParam("COLUMN_LAST", VerilogTypes.Decimal(spec.Hidden - 1, iw), "Last neuron of an output row", VerilogTypes.Range(iw));
            if (labelAndPrediction)
            {
                m.LocalParam("ROW_WORDS", VerilogTypes.Decimal(spec.Hidden, aw), "Words per output row", VerilogTypes.Range(aw));
            }
            else
            {
                m.LocalParam("ROW_LAST", VerilogTypes.Decimal(spec.Classes - 1, cw), "Last output row (class)", VerilogTypes.Range(cw));
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
            m.Reg("walk_column_reg", "[INDEX_WIDTH-1:0]", "Walker: hidden neuron of the output row");
            m.Reg("walk_row_kind_reg", "", "Walker: 0 on the label's row, 1 on another row");
            m.Reg("label_reg", VerilogTypes.Range(cw), "The sample's label");
            if (labelAndPrediction)
            {
                m.Reg("walk_second_reg", "", "Walker: on the prediction's row");
                m.Reg("prediction_reg", VerilogTypes.Range(cw), "The sample's prediction");
            }
            else
            {
                m.Reg("walk_row_reg", VerilogTypes.Range(cw), "Walker: output row (class)");
            }
        }

        m.Reg("rd_valid_reg", "", "Read stage: memories and edge lists are being read");
        m.Reg("rd_table_reg", "[1:0]", "Read stage: layer");
        m.Reg("rd_addr_reg", "[ADDR_WIDTH-1:0]", "Read stage: weight address");
        if (d.HasOutput)
        {
            m.Reg("rd_column_reg", "[INDEX_WIDTH-1:0]", "Read stage: hidden neuron of the output row");
            m.Reg("rd_row_kind_reg", "", "Read stage: row kind");
        }

        m.Reg("host_table_reg", "[1:0]", "Host read: layer of the previous clock");
        m.Integer("k", "Memory initialisation index");
        m.Wire("mem_addr", "[ADDR_WIDTH-1:0]", "Weight-memory read address: the walker's while running, else the host's", "running_reg ? walk_addr_reg : host_addr");
        m.Wire("hidden_edge", VerilogTypes.Range(2 * iw), "Recurrent edge {pre, post} of the read stage");
        if (d.HasInput)
        {
            m.Wire("input_edge", "[INDEX_WIDTH-1:0]", "Post neuron of the input edge of the read stage");
        }

        string post = "hidden_edge[INDEX_WIDTH-1:0]";
        string weight = "hidden_q_reg";
        string rdata = "{WEIGHT_WIDTH{1'b0}}";
        if (d.HasOutput)
        {
            rdata = $"host_table_reg == TABLE_OUTPUT ? output_q_reg : {rdata}";
        }

        if (d.HasInput)
        {
            rdata = $"host_table_reg == TABLE_INPUT ? input_q_reg : {rdata}";
            post = $"rd_table_reg == TABLE_INPUT ? input_edge : {post}";
            weight = $"rd_table_reg == TABLE_INPUT ? input_q_reg : {weight}";
        }

        if (d.HasOutput)
        {
            post = $"rd_table_reg == TABLE_OUTPUT ? rd_column_reg : {post}";
            weight = $"rd_table_reg == TABLE_OUTPUT ? output_q_reg : {weight}";
        }

        rdata = $"host_table_reg == TABLE_HIDDEN ? hidden_q_reg : {rdata}";
        m.Wire("pu_post", "[INDEX_WIDTH-1:0]", "Post (or output-row) neuron of the read stage's synapse", post);
        m.Wire("pu_weight", "[WEIGHT_WIDTH-1:0]", "Weight of the read stage's synapse", weight);
        m.Wire("pu_out_valid", "", "Plasticity unit: an updated weight is ready");
        m.Wire("pu_out_table", "[1:0]", "Plasticity unit: its layer");
        m.Wire("pu_out_tag", "[ADDR_WIDTH-1:0]", "Plasticity unit: its address");
        m.Wire("pu_out_weight", "[WEIGHT_WIDTH-1:0]", "Plasticity unit: the updated weight");
        m.Wire("pu_busy", "", "Plasticity unit: updates in flight");
        m.Wire("pipe_active", "", "Anything left to issue or write", "walk_valid_reg | rd_valid_reg | pu_busy");
        if (labelAndPrediction)
        {
            string pad = $"{{{Int(aw - cw)}{{1'b0}}}}";
            m.Wire("label_base", "[ADDR_WIDTH-1:0]", "First word of the label's output row", $"{{{pad}, label_reg}} * ROW_WORDS");
            m.Wire("prediction_base", "[ADDR_WIDTH-1:0]", "First word of the prediction's output row", $"{{{pad}, prediction_reg}} * ROW_WORDS");
        }

        var init = new List<Stmt>
        {
            Stmt.For("k = 0", "k < HIDDEN_EDGES", "k = k + 1", [Stmt.Line("hidden_mem[k] = {WEIGHT_WIDTH{1'b0}};")]),
        };
        if (d.HasInput)
        {
            init.Add(Stmt.For("k = 0", "k < INPUT_EDGES", "k = k + 1", [Stmt.Line("input_mem[k] = {WEIGHT_WIDTH{1'b0}};")]));
        }

        if (d.HasOutput)
        {
            init.Add(Stmt.For("k = 0", "k < OUTPUT_WORDS", "k = k + 1", [Stmt.Line("output_mem[k] = {WEIGHT_WIDTH{1'b0}};")]));
        }

        m.Items.Add(new InitialItem("Plastic weights start at zero", init));

        // Walker.
        string one = VerilogTypes.Decimal(1, aw);
        List<Stmt> enterOutput = !d.HasOutput
            ? [Stmt.Line("walk_valid_reg <= 1'b0;")]
            : labelAndPrediction
                ?
                [
                    Stmt.Line("walk_table_reg <= TABLE_OUTPUT;"),
                    Stmt.Line("walk_addr_reg <= label_base;"),
                    Stmt.Line($"walk_column_reg <= {VerilogTypes.Decimal(0, iw)};"),
                    Stmt.Line("walk_row_kind_reg <= 1'b0;"),
                    Stmt.Line("walk_second_reg <= 1'b0;"),
                ]
                :
                [
                    Stmt.Line("walk_table_reg <= TABLE_OUTPUT;"),
                    Stmt.Line($"walk_addr_reg <= {VerilogTypes.Decimal(0, aw)};"),
                    Stmt.Line($"walk_column_reg <= {VerilogTypes.Decimal(0, iw)};"),
                    Stmt.Line($"walk_row_reg <= {VerilogTypes.Decimal(0, cw)};"),
                    Stmt.Line($"walk_row_kind_reg <= label_reg != {VerilogTypes.Decimal(0, cw)};"),
                ];
        List<Stmt> afterInput = enterOutput;
        List<Stmt> afterHidden = d.HasInput
            ? [Stmt.Line("walk_table_reg <= TABLE_INPUT;"), Stmt.Line($"walk_addr_reg <= {VerilogTypes.Decimal(0, aw)};")]
            : enterOutput;
        var hiddenStep = new List<Stmt>
        {
            Stmt.If("walk_addr_reg == HIDDEN_LAST", afterHidden, [Stmt.Line($"walk_addr_reg <= walk_addr_reg + {one};")]),
        };
        var inputStep = new List<Stmt>
        {
            Stmt.If("walk_addr_reg == INPUT_LAST", afterInput, [Stmt.Line($"walk_addr_reg <= walk_addr_reg + {one};")]),
        };
        List<Stmt> rowEnd = labelAndPrediction
            ?
            [
                Stmt.If("!walk_second_reg && prediction_reg != label_reg",
                [
                    Stmt.Line("walk_addr_reg <= prediction_base;"),
                    Stmt.Line($"walk_column_reg <= {VerilogTypes.Decimal(0, iw)};"),
                    Stmt.Line("walk_row_kind_reg <= 1'b1;"),
                    Stmt.Line("walk_second_reg <= 1'b1;"),
                ],
                [Stmt.Line("walk_valid_reg <= 1'b0;")]),
            ]
            :
            [
                Stmt.If("walk_row_reg == ROW_LAST",
                [Stmt.Line("walk_valid_reg <= 1'b0;")],
                [
                    Stmt.Line($"walk_row_reg <= walk_row_reg + {VerilogTypes.Decimal(1, cw)};"),
                    Stmt.Line($"walk_addr_reg <= walk_addr_reg + {one};"),
                    Stmt.Line($"walk_column_reg <= {VerilogTypes.Decimal(0, iw)};"),
                    Stmt.Line($"walk_row_kind_reg <= walk_row_reg + {VerilogTypes.Decimal(1, cw)} != label_reg;"),
                ]),
            ];
        var outputStep = new List<Stmt>
        {
            Stmt.If("walk_column_reg == COLUMN_LAST", rowEnd,
            [
                Stmt.Line($"walk_column_reg <= walk_column_reg + {VerilogTypes.Decimal(1, iw)};"),
                Stmt.Line($"walk_addr_reg <= walk_addr_reg + {one};"),
            ]),
        };

        List<Stmt> step = hiddenStep;
        if (d.HasInput && d.HasOutput)
        {
            step = [Stmt.If("walk_table_reg == TABLE_HIDDEN", hiddenStep, [Stmt.If("walk_table_reg == TABLE_INPUT", inputStep, outputStep)])];
        }
        else if (d.HasInput)
        {
            step = [Stmt.If("walk_table_reg == TABLE_HIDDEN", hiddenStep, inputStep)];
        }
        else if (d.HasOutput)
        {
            step = [Stmt.If("walk_table_reg == TABLE_HIDDEN", hiddenStep, outputStep)];
        }

        var latch = new List<Stmt>();
        if (d.HasOutput)
        {
            latch.Add(Stmt.Line("label_reg <= label;"));
        }

        if (labelAndPrediction)
        {
            latch.Add(Stmt.Line("prediction_reg <= prediction;"));
        }

        var dataPath = new List<Stmt>
        {
            Stmt.Line("rd_table_reg <= walk_table_reg;"),
            Stmt.Line("rd_addr_reg <= walk_addr_reg;"),
        };
        if (d.HasOutput)
        {
            dataPath.Add(Stmt.Line("rd_column_reg <= walk_column_reg;"));
            dataPath.Add(Stmt.Line("rd_row_kind_reg <= walk_row_kind_reg;"));
        }

        if (latch.Count > 0)
        {
            dataPath.Add(Stmt.If("start && !running_reg", latch));
        }

        m.Items.Add(new AlwaysItem("Walker: one synapse per clock over the layers, in the model's order", "posedge clk",
        [
            Stmt.If("rst",
            [
                Stmt.Line("running_reg <= 1'b0;"),
                Stmt.Line("walk_valid_reg <= 1'b0;"),
                Stmt.Line("rd_valid_reg <= 1'b0;"),
                Stmt.Line("done <= 1'b0;"),
            ],
            [
                Stmt.Line("done <= 1'b0;"),
                Stmt.Line("rd_valid_reg <= walk_valid_reg;"),
                Stmt.If("!running_reg",
                [
                    Stmt.If("start",
                    [
                        Stmt.Line("running_reg <= 1'b1;"),
                        Stmt.Line("walk_valid_reg <= update_en;"),
                        Stmt.Line("walk_table_reg <= TABLE_HIDDEN;"),
                        Stmt.Line($"walk_addr_reg <= {VerilogTypes.Decimal(0, aw)};"),
                    ]),
                ],
                [
                    Stmt.If("walk_valid_reg", step,
                    [
                        Stmt.If("!pipe_active", [Stmt.Line("running_reg <= 1'b0;"), Stmt.Line("done <= 1'b1;")]),
                    ]),
                ]),
            ]),
            .. dataPath,
        ]));

        m.Items.Add(Memory("Recurrent weight memory: write-back and read", "hidden", "TABLE_HIDDEN", Slice(d.HiddenEdges, aw)));
        if (d.HasInput)
        {
            m.Items.Add(Memory("Input weight memory: write-back and read", "input", "TABLE_INPUT", Slice(d.InputEdges, aw)));
        }

        if (d.HasOutput)
        {
            m.Items.Add(Memory("Output weight memory: write-back and read", "output", "TABLE_OUTPUT", Slice(d.OutputWords, aw)));
        }

        m.Items.Add(new AlwaysItem("Host read: remember the layer for the read data mux", "posedge clk", [Stmt.Line("host_table_reg <= host_table;")]));
        m.Items.Add(new InstanceItem("Recurrent edge list", d.RomModule, "hidden_edges_inst",
            [("DATA_WIDTH", Int(2 * iw)), ("ADDR_WIDTH", Int(VerilogTypes.IndexWidth(d.HiddenEdges))), ("DEPTH", "HIDDEN_EDGES"), ("INIT_FILE", "HIDDEN_EDGES_FILE")],
            [("clk", "clk"), ("en", "walk_valid_reg"), ("addr", "walk_addr_reg" + Slice(d.HiddenEdges, aw)), ("data", "hidden_edge")]));
        if (d.HasInput)
        {
            m.Items.Add(new InstanceItem("Input edge list", d.RomModule, "input_edges_inst",
                [("DATA_WIDTH", "INDEX_WIDTH"), ("ADDR_WIDTH", Int(VerilogTypes.IndexWidth(d.InputEdges))), ("DEPTH", "INPUT_EDGES"), ("INIT_FILE", "INPUT_EDGES_FILE")],
                [("clk", "clk"), ("en", "walk_valid_reg"), ("addr", "walk_addr_reg" + Slice(d.InputEdges, aw)), ("data", "input_edge")]));
        }

        var puParams = new List<(string, string)>
        {
            ("NEURONS", "HIDDEN"), ("INDEX_WIDTH", "INDEX_WIDTH"), ("TAG_WIDTH", "ADDR_WIDTH"), ("HIDDEN_ROM_FILE", "HIDDEN_ROM_FILE"),
        };
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

        puPorts.AddRange(
        [
            ("in_weight", "pu_weight"), ("in_tag", "rd_addr_reg"), ("out_valid", "pu_out_valid"), ("out_table", "pu_out_table"),
            ("out_tag", "pu_out_tag"), ("out_weight", "pu_out_weight"), ("busy", "pu_busy"),
        ]);
        m.Items.Add(new InstanceItem("The plasticity unit", d.PlasticityUnit, "plasticity_unit_inst", puParams, puPorts));
        m.Items.Add(new AssignItem("busy", "running_reg"));
        m.Items.Add(new AssignItem("update_strobe", "pu_out_valid"));
        m.Items.Add(new AssignItem("host_rdata", rdata));
        return m;
    }

    private static AlwaysItem Memory(string comment, string layer, string code, string slice) =>
        new(comment, "posedge clk",
        [
            Stmt.If($"pu_out_valid && pu_out_table == {code}", [Stmt.Line($"{layer}_mem[pu_out_tag{slice}] <= pu_out_weight;")]),
            Stmt.Line($"{layer}_q_reg <= {layer}_mem[mem_addr{slice}];"),
        ]);

    /// <summary>The part-select that narrows an address to a memory of <paramref name="depth"/> words (none when it is already that wide).</summary>
    private static string Slice(int depth, int addressWidth)
    {
        int bits = VerilogTypes.IndexWidth(depth);
        return bits == addressWidth ? "" : $"[{Int(bits - 1)}:0]";
    }
}
