using System.Globalization;
using Neuro.FixedPointSim;
using Neuro.RtlExport.Verilog;

namespace Neuro.RtlExport.Emitters;

/// <summary>
/// The plasticity unit: per-neuron firing-history shift registers, address formation for the hidden, input and output
/// tables, the rule-ROM reads, and <c>w ← overflow(w + rom[addr])</c> with the weight's overflow mode, one update per clock
/// with a latency of two clocks.
/// </summary>
internal static class PlasticityUnitEmitter
{
    public const int TableHidden = 0;
    public const int TableInput = 1;
    public const int TableOutput = 2;

    public static VerilogModule Build(HardwareDesign d)
    {
        int w = d.WeightWidth, e = d.EntryWidth, pw = d.PatternWidth;
        var weight = d.Precision.Weight;
        var m = new VerilogModule(d.PlasticityUnit,
        [
            "Plasticity unit of the pattern rule (DESIGN.md, sections 3 and 6).",
            "",
            "fire_valid shifts one round's fire bits into every neuron's history register, round 0 first,",
            "so after R+1 rounds bit R of a history is round 0 and bit 0 is round R (the rule's pattern).",
            "in_valid starts one update: the ROM address is formed from the histories (hidden {pre, post};",
            "input {post}; output {neuron, row kind}), the ROM is read, and two clocks later out_weight is",
            $"overflow(in_weight + rom[addr]) with overflow mode {weight.Overflow} of the weight format.",
            "One update per clock; the history must not change while updates that use it are in flight.",
            "",
            $"Weight: {VerilogTypes.Describe(weight.Format)}, overflow {weight.Overflow}.",
            $"ROM word: {VerilogTypes.Describe(d.Precision.RuleEntry.Format)} in weight LSBs, so no rounding acts.",
        ]);
        m.Parameters.Add(new("NEURONS", Int(d.Spec.Hidden), "Hidden neurons whose firing history is kept"));
        m.Parameters.Add(new("INDEX_WIDTH", Int(d.IndexWidth), "Bits of a neuron index, at least clog2(NEURONS)"));
        m.Parameters.Add(new("TAG_WIDTH", Int(d.AddressWidth), "Bits of the tag carried unchanged from in_tag to out_tag"));
        m.Parameters.Add(new("HIDDEN_ROM_FILE", HardwareDesign.Quote(d.RomPath("hidden")), "Hidden-table ROM image"));
        if (d.HasInput)
        {
            m.Parameters.Add(new("INPUT_ROM_FILE", HardwareDesign.Quote(d.RomPath("input")), "Input-table ROM image"));
        }

        if (d.HasOutput)
        {
            m.Parameters.Add(new("OUTPUT_ROM_FILE", HardwareDesign.Quote(d.RomPath("output")), "Output-table ROM image"));
        }

        m.Ports.Add(new(PortDirection.Input, "clk", "", "Clock"));
        m.Ports.Add(new(PortDirection.Input, "rst", "", "Synchronous reset, active high: clears histories and the pipeline"));
        m.Ports.Add(new(PortDirection.Input, "fire_valid", "", "Shift fire into the histories"));
        m.Ports.Add(new(PortDirection.Input, "fire", "[NEURONS-1:0]", "Fire bits of one round, bit i for neuron i"));
        m.Ports.Add(new(PortDirection.Input, "in_valid", "", "Start one update"));
        m.Ports.Add(new(PortDirection.Input, "in_table", "[1:0]", TableComment(d)));
        m.Ports.Add(new(PortDirection.Input, "in_pre", "[INDEX_WIDTH-1:0]", "Hidden table: the presynaptic neuron"));
        m.Ports.Add(new(PortDirection.Input, "in_post", "[INDEX_WIDTH-1:0]", "Hidden and input tables: the postsynaptic neuron; output table: the hidden neuron"));
        if (d.HasOutput)
        {
            m.Ports.Add(new(PortDirection.Input, "in_row_kind", "", "Output table: 0 for the label's row, 1 for another row"));
        }

        m.Ports.Add(new(PortDirection.Input, "in_weight", VerilogTypes.Range(w), "The weight before the update"));
        m.Ports.Add(new(PortDirection.Input, "in_tag", "[TAG_WIDTH-1:0]", "Carried to out_tag (e.g. the weight's address)"));
        m.Ports.Add(new(PortDirection.OutputReg, "out_valid", "", "An updated weight is on out_weight"));
        m.Ports.Add(new(PortDirection.OutputReg, "out_table", "[1:0]", "in_table of the update"));
        m.Ports.Add(new(PortDirection.OutputReg, "out_tag", "[TAG_WIDTH-1:0]", "in_tag of the update"));
        m.Ports.Add(new(PortDirection.OutputReg, "out_weight", VerilogTypes.Range(w), "The weight after the update"));
        m.Ports.Add(new(PortDirection.OutputWire, "busy", "", "An update is in flight"));

        m.LocalParam("PATTERN_WIDTH", Int(pw), "Bits of a firing pattern: rounds R + 1");
        m.LocalParam("WEIGHT_WIDTH", Int(w), "Bits of a weight (fixed by the precision config)");
        m.LocalParam("ENTRY_WIDTH", Int(e), "Bits of a rule-ROM word (fixed by the precision config)");
        m.LocalParam("TABLE_HIDDEN", "2'd0", "in_table code of the hidden (recurrent) table", "[1:0]");
        if (d.HasInput)
        {
            m.LocalParam("TABLE_INPUT", "2'd1", "in_table code of the input table", "[1:0]");
        }

        if (d.HasOutput)
        {
            m.LocalParam("TABLE_OUTPUT", "2'd2", "in_table code of the output table", "[1:0]");
        }

        var fmt = weight.Format;
        switch (weight.Overflow)
        {
            case Overflow.Sat:
                m.LocalParam("WEIGHT_MAX", VerilogTypes.Literal(fmt.MaxRaw, w), "Largest weight: positive overflow saturates here", "[WEIGHT_WIDTH-1:0]");
                m.LocalParam("WEIGHT_MIN", VerilogTypes.Literal(fmt.MinRaw, w), "Smallest weight: negative overflow saturates here", "[WEIGHT_WIDTH-1:0]");
                break;
            case Overflow.SatSym:
                m.LocalParam("WEIGHT_MAX", VerilogTypes.Literal(fmt.MaxRaw, w), "Largest weight: positive overflow saturates here", "[WEIGHT_WIDTH-1:0]");
                m.LocalParam("WEIGHT_MIN", VerilogTypes.Literal(fmt.MinRaw, w), "The most negative code, itself an overflow under SatSym", "[WEIGHT_WIDTH-1:0]");
                m.LocalParam("WEIGHT_SYM_MIN", VerilogTypes.Literal(-fmt.MaxRaw, w), "-WEIGHT_MAX: negative overflow saturates here", "[WEIGHT_WIDTH-1:0]");
                break;
            default:
                break;
        }

        m.Reg("history_reg", "[PATTERN_WIDTH-1:0]", "Firing history of each neuron; bit 0 is the latest round", "[0:NEURONS-1]");
        m.Wire("pre_pattern", "[PATTERN_WIDTH-1:0]", "History of the presynaptic neuron", "history_reg[in_pre]");
        m.Wire("post_pattern", "[PATTERN_WIDTH-1:0]", "History of the postsynaptic (or output-row) neuron", "history_reg[in_post]");
        m.Wire("hidden_entry", VerilogTypes.Range(e), "Hidden-table word, address {pre_pattern, post_pattern}");
        if (d.HasInput)
        {
            m.Wire("input_entry", VerilogTypes.Range(e), "Input-table word, address post_pattern");
        }

        if (d.HasOutput)
        {
            m.Wire("output_entry", VerilogTypes.Range(e), "Output-table word, address {post_pattern, in_row_kind}");
        }

        m.Reg("s1_valid_reg", "", "Stage 1 (ROM read): valid");
        m.Reg("s1_table_reg", "[1:0]", "Stage 1: table");
        m.Reg("s1_tag_reg", "[TAG_WIDTH-1:0]", "Stage 1: tag");
        m.Reg("s1_weight_reg", VerilogTypes.Range(w), "Stage 1: weight before the update");

        string entryMux = "{ENTRY_WIDTH{1'b0}}";
        if (d.HasOutput)
        {
            entryMux = $"s1_table_reg == TABLE_OUTPUT ? output_entry : {entryMux}";
        }

        if (d.HasInput)
        {
            entryMux = $"s1_table_reg == TABLE_INPUT ? input_entry : {entryMux}";
        }

        entryMux = $"s1_table_reg == TABLE_HIDDEN ? hidden_entry : {entryMux}";
        m.Wire("entry", VerilogTypes.Range(e), "The ROM word of the update in stage 1", entryMux);
        if (weight.Overflow == Overflow.Wrap)
        {
            // Wrap keeps the low WEIGHT_WIDTH bits of the exact sum, so the sum needs no extra bit.
            string entryExtended = w == e ? "entry" : $"{{{{{Int(w - e)}{{entry[ENTRY_WIDTH-1]}}}}, entry}}";
            m.Wire("sum", "[WEIGHT_WIDTH-1:0]", "Low WEIGHT_WIDTH bits of the sum weight + entry (two's complement wrap)", $"s1_weight_reg + {entryExtended}");
        }
        else
        {
            m.Wire("sum", "[WEIGHT_WIDTH:0]", "Exact sum weight + entry, sign-extended by one bit",
                $"{{s1_weight_reg[WEIGHT_WIDTH-1], s1_weight_reg}} + {{{{{Int(w + 1 - e)}{{entry[ENTRY_WIDTH-1]}}}}, entry}}");
        }
        if (weight.Overflow != Overflow.Wrap)
        {
            m.Wire("overflow_up", "", "The sum exceeds the largest weight", "sum[WEIGHT_WIDTH:WEIGHT_WIDTH-1] == 2'b01");
            m.Wire("overflow_down", "", "The sum is below the smallest weight", "sum[WEIGHT_WIDTH:WEIGHT_WIDTH-1] == 2'b10");
        }

        m.Integer("i", "History loop index");

        string shifted = pw == 1 ? "fire[i]" : "{history_reg[i][PATTERN_WIDTH-2:0], fire[i]}";
        m.Items.Add(new AlwaysItem("Firing histories: shift in one round per fire_valid", "posedge clk",
        [
            Stmt.If("rst",
                [Stmt.For("i = 0", "i < NEURONS", "i = i + 1", [Stmt.Line("history_reg[i] <= {PATTERN_WIDTH{1'b0}};")])],
                [Stmt.If("fire_valid", [Stmt.For("i = 0", "i < NEURONS", "i = i + 1", [Stmt.Line($"history_reg[i] <= {shifted};")])])]),
        ]));

        m.Items.Add(Rom(d, "Hidden-table ROM", "hidden", 2 * pw, "HIDDEN_ROM_FILE", "{pre_pattern, post_pattern}", "hidden_entry"));
        if (d.HasInput)
        {
            m.Items.Add(Rom(d, "Input-table ROM", "input", pw, "INPUT_ROM_FILE", "post_pattern", "input_entry"));
        }

        if (d.HasOutput)
        {
            m.Items.Add(Rom(d, "Output-table ROM", "output", pw + 1, "OUTPUT_ROM_FILE", "{post_pattern, in_row_kind}", "output_entry"));
        }

        List<Stmt> result = weight.Overflow switch
        {
            Overflow.Sat =>
            [
                Stmt.If("overflow_up", [Stmt.Line("out_weight <= WEIGHT_MAX;")],
                    [Stmt.If("overflow_down", [Stmt.Line("out_weight <= WEIGHT_MIN;")], [Stmt.Line("out_weight <= sum[WEIGHT_WIDTH-1:0];")])]),
            ],
            Overflow.SatZero =>
            [
                Stmt.If("overflow_up || overflow_down", [Stmt.Line("out_weight <= {WEIGHT_WIDTH{1'b0}};")], [Stmt.Line("out_weight <= sum[WEIGHT_WIDTH-1:0];")]),
            ],
            Overflow.SatSym =>
            [
                Stmt.If("overflow_up", [Stmt.Line("out_weight <= WEIGHT_MAX;")],
                    [Stmt.If("overflow_down || sum[WEIGHT_WIDTH-1:0] == WEIGHT_MIN", [Stmt.Line("out_weight <= WEIGHT_SYM_MIN;")], [Stmt.Line("out_weight <= sum[WEIGHT_WIDTH-1:0];")])]),
            ],
            _ => [Stmt.Line("out_weight <= sum;")],
        };

        m.Items.Add(new AlwaysItem($"Pipeline: stage 1 reads the ROM, stage 2 adds and applies overflow {weight.Overflow}", "posedge clk",
        [
            Stmt.If("rst",
                [Stmt.Line("s1_valid_reg <= 1'b0;"), Stmt.Line("out_valid <= 1'b0;")],
                [Stmt.Line("s1_valid_reg <= in_valid;"), Stmt.Line("out_valid <= s1_valid_reg;")]),
            Stmt.Line("s1_table_reg <= in_table;"),
            Stmt.Line("s1_tag_reg <= in_tag;"),
            Stmt.Line("s1_weight_reg <= in_weight;"),
            Stmt.Line("out_table <= s1_table_reg;"),
            Stmt.Line("out_tag <= s1_tag_reg;"),
            .. result,
        ]));
        m.Items.Add(new AssignItem("busy", "s1_valid_reg | out_valid"));
        return m;
    }

    private static InstanceItem Rom(HardwareDesign d, string comment, string table, int addressWidth, string file, string address, string data) =>
        new(comment, d.RomModule, table + "_rom_inst",
        [
            ("DATA_WIDTH", "ENTRY_WIDTH"),
            ("ADDR_WIDTH", Int(addressWidth)),
            ("DEPTH", Int(1 << addressWidth)),
            ("INIT_FILE", file),
        ],
        [("clk", "clk"), ("en", "in_valid"), ("addr", address), ("data", data)]);

    private static string TableComment(HardwareDesign d) =>
        "Table: 0 hidden" + (d.HasInput ? ", 1 input" : "") + (d.HasOutput ? ", 2 output" : "") + "; any other code adds 0";

    internal static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);
}
