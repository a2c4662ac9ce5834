using Neuro.FixedPointSim;
using Neuro.Rules.Layouts;
using Neuro.RtlExport.Verilog;
using static Neuro.RtlExport.Verilog.Expr;

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

    /// <summary>The signals the unit drives each address field with.</summary>
    private static readonly AddressSignals FieldSignals = new("pre_pattern", "post_pattern", "in_row_kind",
        (t, signal) => signal == Signal.Weight ? t.WeightCodeWire : "in_" + HardwareDesign.SampleInput(t, signal));

    private static readonly Dictionary<string, string> TableComments = new()
    {
        ["hidden"] = "Hidden-table", ["input"] = "Input-table", ["output"] = "Output-table",
    };

    private static readonly string[] ClassicAddressText =
    [
        "in_valid starts one update: the ROM address is formed from the histories (hidden {pre, post};",
        "input {post}; output {neuron, row kind}), the ROM is read, and two clocks later out_weight is",
    ];

    public static VerilogModule Build(HardwareDesign d)
    {
        var weight = d.Precision.Weight;
        var m = new VerilogModule(d.PlasticityUnit,
        [
            "Plasticity unit of the pattern rule (DESIGN.md, sections 3 and 6).",
            "",
            "fire_valid shifts one round's fire bits into every neuron's history register, round 0 first,",
            "so after R+1 rounds bit R of a history is round 0 and bit 0 is round R (the rule's pattern).",
            .. d.IsClassic ? ClassicAddressText : ["in_valid starts one update: the ROM address is formed from the table's fields (each ROM's address", "below: histories, row kind, weight code, margin and phase inputs), the ROM is read, and two clocks later out_weight is"],
            $"overflow(in_weight + rom[addr]) with overflow mode {weight.Overflow} of the weight format.",
            "One update per clock; the history must not change while updates that use it are in flight.",
            "",
            $"Weight: {VerilogTypes.Describe(weight.Format)}, overflow {weight.Overflow}.",
            d.StochasticBits == 0
                ? $"ROM word: {VerilogTypes.Describe(d.Precision.RuleEntry.Format)} in weight LSBs, so no rounding acts."
                : $"ROM word: {VerilogTypes.Describe(d.Precision.RuleEntry.Format)}, {d.StochasticBits} bits below the weight's LSB, rounded stochastically.",
        ]);
        AddInterface(m, d);
        AddLocalParams(m, d);
        AddSignals(m, d);
        string shifted = d.PatternWidth == 1 ? "fire[i]" : "{history_reg[i][PATTERN_WIDTH-2:0], fire[i]}";
        m.Clocked("Firing histories: shift in one round per fire_valid",
        [
            Stmt.If("rst",
                [Stmt.For("i = 0", "i < NEURONS", "i = i + 1", [Stmt.Set("history_reg[i]", "{PATTERN_WIDTH{1'b0}}")])],
                [Stmt.If("fire_valid", [Stmt.For("i = 0", "i < NEURONS", "i = i + 1", [Stmt.Set("history_reg[i]", shifted)])])]),
        ]);
        foreach (var table in d.Tables)
        {
            m.Items.Add(Rom(d, table, "in_valid", FieldSignals, $"{table.Name}_entry", $"{TableComments[table.Name]} ROM"));
        }

        m.Registers($"Pipeline: stage 1 reads the ROM, stage 2 adds and applies overflow {weight.Overflow}", "rst",
            [("s1_valid_reg", "1'b0"), ("out_valid", "1'b0")],
            [Stmt.Set("s1_valid_reg", "in_valid"), Stmt.Set("out_valid", "s1_valid_reg")],
            [
                Stmt.Set("s1_table_reg", "in_table"),
                Stmt.Set("s1_tag_reg", "in_tag"),
                Stmt.Set("s1_weight_reg", "in_weight"),
                .. d.PerNeuronStreams ? [Stmt.Set("s1_post_reg", "in_post")] : Array.Empty<Stmt>(),
                Stmt.Set("out_table", "s1_table_reg"),
                Stmt.Set("out_tag", "s1_tag_reg"),
                .. OverflowResult(weight.Overflow, "out_weight"),
            ]);
        m.Assign("busy", "s1_valid_reg | out_valid");
        return m;
    }

    /// <summary>A rule-ROM instance whose address is the table's fields concatenated, each driven by <paramref name="signals"/>.</summary>
    internal static InstanceItem Rom(HardwareDesign d, RuleTable table, string enable, AddressSignals signals, string data, string comment, string file = "") =>
        new(comment, d.RomModule, table.Name + "_rom_inst",
        [
            ("DATA_WIDTH", "ENTRY_WIDTH"),
            ("ADDR_WIDTH", Int(table.AddressWidth)),
            ("DEPTH", Int(1 << table.AddressWidth)),
            ("INIT_FILE", file.Length > 0 ? file : table.Name.ToUpperInvariant() + "_ROM_FILE"),
        ],
        [("clk", "clk"), ("en", enable), ("addr", table.Address(signals)), ("data", data)]);

    /// <summary>
    /// The registered result of <c>sum</c> (the exact <c>weight + entry</c>, one bit wider, or its low bits for wrap) under
    /// the weight's overflow mode, assigned to <paramref name="target"/>; uses the <c>overflow_up</c>/<c>overflow_down</c>
    /// wires and the <c>WEIGHT_*</c> localparams of <see cref="AddOverflowParams"/>.
    /// </summary>
    internal static List<Stmt> OverflowResult(Overflow overflow, string target, bool blocking = false)
    {
        Stmt To(string value) => blocking ? Stmt.Let(target, value) : Stmt.Set(target, value);
        return overflow switch
        {
            Overflow.Sat =>
            [
                Stmt.If("overflow_up", [To("WEIGHT_MAX")],
                    [Stmt.If("overflow_down", [To("WEIGHT_MIN")], [To("sum[WEIGHT_WIDTH-1:0]")])]),
            ],
            Overflow.SatZero =>
            [
                Stmt.If("overflow_up || overflow_down", [To("{WEIGHT_WIDTH{1'b0}}")], [To("sum[WEIGHT_WIDTH-1:0]")]),
            ],
            Overflow.SatSym =>
            [
                Stmt.If("overflow_up", [To("WEIGHT_MAX")],
                    [Stmt.If("overflow_down || sum[WEIGHT_WIDTH-1:0] == WEIGHT_MIN", [To("WEIGHT_SYM_MIN")], [To("sum[WEIGHT_WIDTH-1:0]")])]),
            ],
            _ => [To("sum")],
        };
    }

    /// <summary>The <c>WEIGHT_MAX</c>/<c>WEIGHT_MIN</c>/<c>WEIGHT_SYM_MIN</c> localparams the weight's overflow mode needs.</summary>
    internal static void AddOverflowParams(VerilogScope m, FixedType weight)
    {
        var fmt = weight.Format;
        int w = fmt.Width;
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
    }

    /// <summary>The <c>sum</c> wire (exact <c>weight + entry</c>) and the overflow flags, from a weight and an entry signal.</summary>
    internal static void AddSum(VerilogScope m, HardwareDesign d, string weightSignal, string entrySignal)
    {
        int w = d.WeightWidth, e = d.EntryWidth;
        if (d.StochasticBits > 0)
        {
            AddStochasticSum(m, d, weightSignal, entrySignal);
            return;
        }

        if (d.Overflow == Overflow.Wrap)
        {
            // Wrap keeps the low WEIGHT_WIDTH bits of the exact sum, so the sum needs no extra bit.
            string entryExtended = w == e ? entrySignal : Concat([Replicate(Int(w - e), $"{entrySignal}[ENTRY_WIDTH-1]"), entrySignal]);
            m.Wire("sum", "[WEIGHT_WIDTH-1:0]", "Low WEIGHT_WIDTH bits of the sum weight + entry (two's complement wrap)", $"{weightSignal} + {entryExtended}");
            return;
        }

        m.Wire("sum", "[WEIGHT_WIDTH:0]", "Exact sum weight + entry, sign-extended by one bit",
            $"{{{weightSignal}[WEIGHT_WIDTH-1], {weightSignal}}} + {Concat([Replicate(Int(w + 1 - e), $"{entrySignal}[ENTRY_WIDTH-1]"), entrySignal])}");
        m.Wire("overflow_up", "", "The sum exceeds the largest weight", "sum[WEIGHT_WIDTH:WEIGHT_WIDTH-1] == 2'b01");
        m.Wire("overflow_down", "", "The sum is below the smallest weight", "sum[WEIGHT_WIDTH:WEIGHT_WIDTH-1] == 2'b10");
    }

    /// <summary>With stochastic rounding: <c>RANDOM_SEED</c>, the generator's state at the start of a lifetime.</summary>
    internal static void AddRandomParams(VerilogScope m, HardwareDesign d)
    {
        if (d.StochasticBits > 0 && !d.PerNeuronStreams)
        {
            m.LocalParam("RANDOM_SEED", VerilogTypes.Literal(d.RandomSeed, 32),
                "Stochastic rounding: xorshift32 state at the start of a lifetime, (uint)SeedSequence.Derive64(seed, 0x5EED) | 1", "[31:0]");
        }
    }

    /// <summary>
    /// The stochastic-rounding generator (xorshift32, shifts 13, 17, 5; DESIGN.md §5): <c>rng_reg</c> is loaded with
    /// <c>RANDOM_SEED</c> while <paramref name="reset"/> holds and steps to <c>rng_next</c> on each clock where
    /// <paramref name="advance"/> holds (an update with a nonzero ROM word), so the update of that clock uses <c>rng_next</c>.
    /// </summary>
    internal static void AddRandom(VerilogScope m, HardwareDesign d, string reset, string advance)
    {
        m.Reg("rng_reg", "[31:0]", "Stochastic rounding: the xorshift32 state after the last draw");
        AddXorShift(m, d, "rng_reg");
        m.Clocked("Stochastic rounding: reset to the seed at the start of a lifetime, one draw per update with a nonzero word",
        [
            Stmt.If(reset, [Stmt.Set("rng_reg", "RANDOM_SEED")], [Stmt.If(advance, [Stmt.Set("rng_reg", "rng_next")])]),
        ]);
    }

    /// <summary>One xorshift32 step of <paramref name="state"/> (<c>rng_next</c>) and its top <c>s</c> bits (<c>rng_bits</c>).</summary>
    internal static void AddXorShift(VerilogScope m, HardwareDesign d, string state)
    {
        int s = d.StochasticBits;
        m.Wire("rng_x1", "[31:0]", "xorshift32 step 1: x ^ (x << 13)", $"{state} ^ ({state} << 13)");
        m.Wire("rng_x2", "[31:0]", "xorshift32 step 2: x ^ (x >> 17)", "rng_x1 ^ (rng_x1 >> 17)");
        m.Wire("rng_next", "[31:0]", "xorshift32 step 3: x ^ (x << 5), the state this update draws", "rng_x2 ^ (rng_x2 << 5)");
        m.Wire("rng_bits", VerilogTypes.Range(s), $"r: the top {s} bits of the drawn state", $"rng_next[31:{32 - s}]");
    }

    /// <summary>With stochastic rounding: <c>sum</c> = weight + floor((entry + r) / 2^s), computed as
    /// <c>(entry &gt;&gt;&gt; s) + (((entry mod 2^s) + r) &gt;&gt; s)</c>, and the overflow flags.</summary>
    private static void AddStochasticSum(VerilogScope m, HardwareDesign d, string weightSignal, string entrySignal)
    {
        int w = d.WeightWidth, e = d.EntryWidth, s = d.StochasticBits;
        m.Wire("frac_sum", VerilogTypes.Range(s + 1), $"The entry's low {s} bits plus r; bit {s} is the carry into the weight's LSB",
            $"{Concat(["1'b0", $"{entrySignal}[{s - 1}:0]"])} + {Concat(["1'b0", "rng_bits"])}");
        m.Wire("delta", "[WEIGHT_WIDTH:0]", "floor((entry + r) / 2^s): the entry shifted right arithmetically plus the carry",
            $"{Concat([Replicate(Int(w + 1 - (e - s)), $"{entrySignal}[ENTRY_WIDTH-1]"), $"{entrySignal}[ENTRY_WIDTH-1:{s}]"])} + {Concat([Replicate(Int(w), "1'b0"), $"frac_sum[{s}]"])}");
        if (d.Overflow == Overflow.Wrap)
        {
            m.Wire("sum", "[WEIGHT_WIDTH-1:0]", "Low WEIGHT_WIDTH bits of the sum weight + delta (two's complement wrap)", $"{weightSignal} + delta[WEIGHT_WIDTH-1:0]");
            m.Wire("unused_sr_bits", "", "The low bits of frac_sum and the delta's top bit (lint: intentionally unused under wrap)", $"&{{1'b0, frac_sum[{s - 1}:0], delta[WEIGHT_WIDTH], 1'b0}}");
            return;
        }

        m.Wire("unused_sr_bits", "", "The low bits of frac_sum (lint: intentionally unused)", $"&{{1'b0, frac_sum[{s - 1}:0], 1'b0}}");

        m.Wire("sum", "[WEIGHT_WIDTH:0]", "Exact sum weight + delta, sign-extended by one bit", $"{{{weightSignal}[WEIGHT_WIDTH-1], {weightSignal}}} + delta");
        m.Wire("overflow_up", "", "The sum exceeds the largest weight", "sum[WEIGHT_WIDTH:WEIGHT_WIDTH-1] == 2'b01");
        m.Wire("overflow_down", "", "The sum is below the smallest weight", "sum[WEIGHT_WIDTH:WEIGHT_WIDTH-1] == 2'b10");
    }

    /// <summary>
    /// A lint sink for the address signals no table of the layout reads (a recurrent table without a presynaptic history,
    /// an output table without a role field, …), so the module stays clean under <c>-Wall</c>; none for the classic layout.
    /// </summary>
    internal static void AddUnusedAddressSignals(VerilogScope m, HardwareDesign d, AddressSignals signals, bool rowKind, bool post = true)
    {
        bool Uses(string synapses, Rules.Layouts.Signal signal) => d.Tables.Any(t => t.Layout.Synapses == synapses && t.Uses(signal));
        var unused = new List<string>();
        if (!Uses(Rules.Patterns.PatternLayouts.Recurrent, Signal.PreHistory))
        {
            unused.Add(signals.PrePattern);
        }

        if (post && !Uses(Rules.Patterns.PatternLayouts.Recurrent, Signal.PostHistory) && !Uses(Rules.Patterns.PatternLayouts.Input, Signal.PostHistory) && !Uses(Rules.Patterns.PatternLayouts.Output, Signal.PreHistory))
        {
            unused.Add(signals.PostPattern);
        }

        if (rowKind && !Uses(Rules.Patterns.PatternLayouts.Output, Signal.Role))
        {
            unused.Add(signals.RowKind);
        }

        if (unused.Count > 0)
        {
            m.Wire("unused_address_signals", "", "Address signals no table of the layout reads (lint: intentionally unused)", $"&{{1'b0, {string.Join(", ", unused)}, 1'b0}}");
        }
    }

    /// <summary>The comment of a per-sample field input (margin or phase code of a table) or of the unit's pre level input.</summary>
    internal static string SampleComment(RuleTable table, LayoutField field) => field.Signal switch
    {
        Signal.Margin => $"Table '{table.Name}': the sample's margin code (how many of its {field.Thresholds.Length} thresholds the margin is strictly above)",
        Signal.Pre => $"Table '{table.Name}': the hidden neuron's pre level (how many of its {field.Thresholds.Length} levels its last-round activity is above, as fractions of the layer's largest)",
        _ => $"Table '{table.Name}': the phase code, min({field.Values - 1}, floor(log2(1 + samples seen before this one)))",
    };

    /// <summary>For each table with a weight field: its weight code of the weight <paramref name="weight"/> (a plain vector).</summary>
    internal static void AddWeightCodes(VerilogScope m, HardwareDesign d, string weight)
    {
        foreach (var table in d.Tables)
        {
            if (table.Field(Signal.Weight) is { } field)
            {
                m.Wire(table.WeightCodeWire, VerilogTypes.Range(field.Bits),
                    string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Table '{table.Name}': weight code of {weight}, its top {field.Bits} bits over [-{field.Range}, {field.Range}), sign first, saturated"),
                    FieldLogic.WeightCode(field, weight, d.WeightWidth, d.WeightFracOf(table.Layout.Synapses)));
            }
        }
    }

    private static void AddInterface(VerilogModule m, HardwareDesign d)
    {
        m.Parameter("NEURONS", Int(d.Spec.Hidden), "Hidden neurons whose firing history is kept");
        m.Parameter("INDEX_WIDTH", Int(d.IndexWidth), "Bits of a neuron index, at least clog2(NEURONS)");
        m.Parameter("TAG_WIDTH", Int(d.AddressWidth), "Bits of the tag carried unchanged from in_tag to out_tag");
        foreach (var table in d.Tables)
        {
            m.Parameter(table.Name.ToUpperInvariant() + "_ROM_FILE", HardwareDesign.Quote(d.RomPath(table.Name)), $"{TableComments[table.Name]} ROM image");
        }

        if (d.PerNeuronStreams)
        {
            m.Parameter("SEEDS_FILE", HardwareDesign.Quote(d.NeuronSeedsPath), "Per-neuron stochastic rounding: word i is neuron i's xorshift32 seed");
            m.Parameter("SEED_WORDS", Int(d.SeedNeurons), "Words of SEEDS_FILE, at least NEURONS");
        }

        m.Input("clk", "", "Clock");
        m.Input("rst", "", "Synchronous reset, active high: clears histories and the pipeline");
        m.Input("fire_valid", "", "Shift fire into the histories");
        m.Input("fire", "[NEURONS-1:0]", "Fire bits of one round, bit i for neuron i");
        m.Input("in_valid", "", "Start one update");
        m.Input("in_table", "[1:0]", "Table: 0 hidden" + (d.HasInput ? ", 1 input" : "") + (d.HasOutput ? ", 2 output" : "") + "; any other code adds 0");
        m.Input("in_pre", "[INDEX_WIDTH-1:0]", "Hidden table: the presynaptic neuron");
        m.Input("in_post", "[INDEX_WIDTH-1:0]", "Hidden and input tables: the postsynaptic neuron; output table: the hidden neuron");
        if (d.HasOutput)
        {
            m.Input("in_row_kind", d.RowKindBits == 1 ? "" : VerilogTypes.Range(d.RowKindBits),
                d.RowKindBits == 1 ? "Output table: 0 for the label's row, 1 for another row" : "Output table: the row's role, 0 the label's, 1 the prediction's, 2 another");
        }

        foreach (var (table, field) in d.UnitFields)
        {
            m.Input("in_" + HardwareDesign.SampleInput(table, field.Signal), VerilogTypes.Range(field.Bits), SampleComment(table, field));
        }

        m.Input("in_weight", VerilogTypes.Range(d.WeightWidth), "The weight before the update");
        m.Input("in_tag", "[TAG_WIDTH-1:0]", "Carried to out_tag (e.g. the weight's address)");
        m.OutputReg("out_valid", "", "An updated weight is on out_weight");
        m.OutputReg("out_table", "[1:0]", "in_table of the update");
        m.OutputReg("out_tag", "[TAG_WIDTH-1:0]", "in_tag of the update");
        m.OutputReg("out_weight", VerilogTypes.Range(d.WeightWidth), "The weight after the update");
        m.OutputWire("busy", "", "An update is in flight");
    }

    private static void AddLocalParams(VerilogModule m, HardwareDesign d)
    {
        m.LocalParam("PATTERN_WIDTH", Int(d.PatternWidth), "Bits of a firing pattern: rounds R + 1");
        m.LocalParam("WEIGHT_WIDTH", Int(d.WeightWidth), "Bits of a weight (fixed by the precision config)");
        m.LocalParam("ENTRY_WIDTH", Int(d.EntryWidth), "Bits of a rule-ROM word (fixed by the precision config)");
        var codes = new Dictionary<string, string> { ["hidden"] = "hidden (recurrent)", ["input"] = "input", ["output"] = "output" };
        foreach (var table in d.Tables)
        {
            m.LocalParam("TABLE_" + table.Name.ToUpperInvariant(), $"2'd{table.Code}", $"in_table code of the {codes[table.Name]} table", "[1:0]");
        }

        AddOverflowParams(m, d.Precision.Weight);
        AddRandomParams(m, d);
    }

    private static void AddSignals(VerilogModule m, HardwareDesign d)
    {
        m.Reg("history_reg", "[PATTERN_WIDTH-1:0]", "Firing history of each neuron; bit 0 is the latest round", "[0:NEURONS-1]");
        m.Wire("pre_pattern", "[PATTERN_WIDTH-1:0]", "History of the presynaptic neuron", "history_reg[in_pre]");
        m.Wire("post_pattern", "[PATTERN_WIDTH-1:0]", "History of the postsynaptic (or output-row) neuron", "history_reg[in_post]");
        AddWeightCodes(m, d, "in_weight");
        AddUnusedAddressSignals(m, d, FieldSignals, d.HasOutput);
        foreach (var table in d.Tables)
        {
            m.Wire($"{table.Name}_entry", VerilogTypes.Range(d.EntryWidth), $"{TableComments[table.Name]} word, address {table.Address(FieldSignals)}");
        }

        m.Reg("s1_valid_reg", "", "Stage 1 (ROM read): valid");
        m.Reg("s1_table_reg", "[1:0]", "Stage 1: table");
        m.Reg("s1_tag_reg", "[TAG_WIDTH-1:0]", "Stage 1: tag");
        m.Reg("s1_weight_reg", VerilogTypes.Range(d.WeightWidth), "Stage 1: weight before the update");
        m.Wire("entry", VerilogTypes.Range(d.EntryWidth), "The ROM word of the update in stage 1",
            Mux(d.Tables.Select(t => ($"s1_table_reg == TABLE_{t.Name.ToUpperInvariant()}", $"{t.Name}_entry")), "{ENTRY_WIDTH{1'b0}}"));
        if (d.PerNeuronStreams)
        {
            m.Reg("s1_post_reg", "[INDEX_WIDTH-1:0]", "Stage 1: the neuron whose generator the update draws from (post, or the output table's hidden neuron)");
            m.Reg("seed_mem", "[31:0]", "Per-neuron streams: neuron i's seed, (uint)SeedSequence.Derive64(seed, 0x5EED, i) | 1", "[0:SEED_WORDS-1]");
            m.Reg("rng_mem", "[31:0]", "Per-neuron streams: each neuron's xorshift32 state after its last draw", "[0:NEURONS-1]");
            m.Wire("rng_state", "[31:0]", "The generator of stage 1's neuron", "rng_mem[s1_post_reg]");
            AddXorShift(m, d, "rng_state");
        }
        else if (d.StochasticBits > 0)
        {
            AddRandom(m, d, "rst", "s1_valid_reg && entry != {ENTRY_WIDTH{1'b0}}");
        }

        AddSum(m, d, "s1_weight_reg", "entry");
        m.Integer("i", "History loop index");
        if (d.PerNeuronStreams)
        {
            m.Items.Add(new InitialItem("Load the seed image (a ROM)", [Stmt.Line("$readmemh(SEEDS_FILE, seed_mem);")]));
            m.Clocked("Per-neuron stochastic rounding: reset puts every neuron's generator at its seed; an update with a nonzero word draws from its neuron's",
            [
                Stmt.If("rst",
                    [Stmt.For("i = 0", "i < NEURONS", "i = i + 1", [Stmt.Set("rng_mem[i]", "seed_mem[i]")])],
                    [Stmt.If("s1_valid_reg && entry != {ENTRY_WIDTH{1'b0}}", [Stmt.Set("rng_mem[s1_post_reg]", "rng_next")])]),
            ]);
        }
    }
}
