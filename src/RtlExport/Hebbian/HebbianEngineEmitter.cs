using Neuro.RtlExport.Verilog;
using static Neuro.RtlExport.Hebbian.HebbianLayerEmitter;
using static Neuro.RtlExport.Verilog.Expr;

namespace Neuro.RtlExport.Hebbian;

/// <summary>
/// The Hebbian plasticity engine: the level memories of one sample, the hidden layer's walk followed by the output
/// layer's (<see cref="HebbianLayerEmitter"/>), the one xorshift32 generator both layers draw from, the teacher, and the
/// host and update ports.
/// </summary>
internal static class HebbianEngineEmitter
{
    public static VerilogModule Build(HebbianHardwareDesign d)
    {
        var h = d.Hidden;
        var o = d.Output;
        var m = new VerilogModule(d.Engine,
        [
            $"Hebbian plasticity engine (rule {d.RuleHash}): applies to the weights of a {d.Spec.Inputs} -> {d.Spec.Hidden} -> {d.Spec.Classes}",
            "network exactly what FixedHebbianNetwork.Learn applies for one sample, given the sample's quantized input levels and",
            "hidden levels (the forward pass's result, loaded through the level port) and its label.",
            "",
            $"start walks the hidden layer ({h.Module}), then the output layer ({o.Module}); done is high for one",
            $"clock after the last weight is written: {d.ClocksPerSample} clocks after the clock that takes start, for {d.UpdatesPerSample} synapse updates.",
            !d.UsesRandom ? "No stochastic rounding: the add words are in weight LSBs."
            : d.SharedDraws ? $"Stochastic rounding: one xorshift32 generator (13, 17, 5), reset to RANDOM_SEED, advanced on every synapse update; {HebbianHardwareDesign.SharedDrawsNote}."
            : "Stochastic rounding: one xorshift32 generator (13, 17, 5), reset to RANDOM_SEED, advanced on every synapse update of both layers in walk order.",
            "",
            "rst: clears the traces and the generator (ready rises after max(rows) clocks). Weights are loaded and read through the",
            "host port (host_sel 0: hidden, 1: output; address post * pre-count + pre), one per clock while ready; host_rdata",
            "follows one clock later. Weights on the host and update ports are the layer's weight in the low bits, zero above.",
        ]);
        AddPorts(m, d);
        AddSignals(m, d);
        AddSequencing(m, d);
        if (d.UsesRandom)
        {
            AddGenerator(m, d.SharedDraws);
        }

        AddLayers(m, d);
        return m;
    }

    /// <summary>The engine's ports: clock and reset, the level port, label and start, the host port and the update port.</summary>
    private static void AddPorts(VerilogModule m, HebbianHardwareDesign d)
    {
        var p = d.Precision;
        m.Input("clk", "", "Clock");
        m.Input("rst", "", "Synchronous reset, active high: clears the traces and the generator");
        m.Input("level_we", "", "Write level_data to level_addr of the memory level_sel names (while ready)");
        m.Input("level_sel", "", $"0: input levels ({p.InputBits} bits, {d.Spec.Inputs} features); 1: hidden levels ({p.HiddenBits} bits, {d.Spec.Hidden} neurons)");
        m.Input("level_addr", VerilogTypes.Range(d.LevelAddressWidth), "Feature or hidden neuron");
        m.Input("level_data", VerilogTypes.Range(d.LevelWidth), "Its level (low bits)");
        m.Input("label", VerilogTypes.Range(d.LabelWidth), "The sample's output unit (the teacher's 1), taken with start");
        m.Input("start", "", "Update the weights for the loaded sample (taken while ready)");
        m.OutputWire("ready", "", "Idle: start, level and host writes, host reads are taken");
        m.OutputWire("done", "", "High for one clock when the sample's last weight is written");
        m.Input("host_sel", "", "Host port layer: 0 hidden, 1 output");
        m.Input("host_we", "", "Write host_wdata to weight host_addr (while ready)");
        m.Input("host_addr", VerilogTypes.Range(d.HostAddressWidth), "Weight address: post * pre-count + pre");
        m.Input("host_wdata", VerilogTypes.Range(d.HostWidth), "Weight to write (low bits)");
        m.OutputWire("host_rdata", VerilogTypes.Range(d.HostWidth), "The weight at host_sel/host_addr of the previous clock");
        m.OutputWire("upd_valid", "", "A synapse update wrote upd_weight to upd_addr of layer upd_layer");
        m.OutputWire("upd_layer", "", "0 hidden, 1 output");
        m.OutputWire("upd_addr", VerilogTypes.Range(d.HostAddressWidth), "Weight address of the update");
        m.OutputWire("upd_weight", VerilogTypes.Range(d.HostWidth), "The updated weight");
    }

    /// <summary>The generator's seed, the level memories and the sequencing registers, and the wires of both layer instances.</summary>
    private static void AddSignals(VerilogModule m, HebbianHardwareDesign d)
    {
        var p = d.Precision;
        if (d.UsesRandom)
        {
            m.LocalParam("RANDOM_SEED", VerilogTypes.Literal(d.RandomSeed, 32),
                "Stochastic rounding: xorshift32 state at reset, (uint)SeedSequence.Derive64(seed, 0x5EED) | 1", "[31:0]");
        }

        m.Reg("input_level_mem", VerilogTypes.Range(p.InputBits), "Input levels of the sample", $"[0:{d.Spec.Inputs - 1}]");
        m.Reg("hidden_level_mem", VerilogTypes.Range(p.HiddenBits), "Hidden levels of the sample", $"[0:{d.Spec.Hidden - 1}]");
        m.Reg("input_rdata_reg", VerilogTypes.Range(p.InputBits), "Registered input-level read (the hidden layer's pre)");
        m.Reg("hidden_rdata_reg", VerilogTypes.Range(p.HiddenBits), "Registered hidden-level read (the hidden layer's post, the output layer's pre)");
        m.Reg("teacher_reg", "", "Registered teacher: the output layer's post_addr is the label");
        m.Reg("label_reg", VerilogTypes.Range(d.LabelWidth), "The sample's label");
        m.Reg("running_reg", "", "A sample's update is in progress");
        m.Reg("phase_reg", "", "0 while the hidden layer walks, 1 while the output layer walks");
        m.Reg("host_sel_reg", "", "host_sel of the previous clock (selects host_rdata)");
        foreach (var (layer, prefix) in new[] { (d.Hidden, "hid"), (d.Output, "out") })
        {
            m.Wire($"{prefix}_ready", "", $"{layer.Name} layer idle");
            m.Wire($"{prefix}_done", "", $"{layer.Name} layer finished its walk");
            m.Wire($"{prefix}_pre_addr", VerilogTypes.Range(layer.ColWidth), $"{layer.Name} layer pre read address");
            m.Wire($"{prefix}_post_addr", VerilogTypes.Range(layer.RowWidth), $"{layer.Name} layer post read address");
            m.Wire($"{prefix}_host_rdata", VerilogTypes.Range(layer.WeightWidth), $"{layer.Name} layer host read data");
            m.Wire($"{prefix}_upd_valid", "", $"{layer.Name} layer update strobe");
            m.Wire($"{prefix}_upd_addr", VerilogTypes.Range(layer.AddressWidth), $"{layer.Name} layer update address");
            m.Wire($"{prefix}_upd_weight", VerilogTypes.Range(layer.WeightWidth), $"{layer.Name} layer updated weight");
            if (d.UsesRandom)
            {
                m.Wire($"{prefix}_rng_advance", "", $"{layer.Name} layer draws");
            }

            if (d.SharedDraws)
            {
                m.Wire($"{prefix}_rng_restart", "", $"{layer.Name} layer's draw restarts from the walk's first state");
            }
        }
    }

    /// <summary>ready and done, the level memories and their reads, and the sequencing of the hidden walk, then the output walk.</summary>
    private static void AddSequencing(VerilogModule m, HebbianHardwareDesign d)
    {
        var p = d.Precision;
        int inputWidth = VerilogTypes.IndexWidth(d.Spec.Inputs), hiddenWidth = VerilogTypes.IndexWidth(d.Spec.Hidden);
        m.Wire("take_start", "", "start is taken this clock");
        m.Assign("take_start", "start & ready");
        m.Assign("ready", "hid_ready & out_ready & ~running_reg");
        m.Assign("done", "out_done");

        m.Clocked("Level memories: written by the level port",
        [
            Stmt.If("level_we & ~level_sel", [Stmt.Set($"input_level_mem[{Slice("level_addr", d.LevelAddressWidth, inputWidth)}]", Slice("level_data", d.LevelWidth, p.InputBits))]),
            Stmt.If("level_we & level_sel", [Stmt.Set($"hidden_level_mem[{Slice("level_addr", d.LevelAddressWidth, hiddenWidth)}]", Slice("level_data", d.LevelWidth, p.HiddenBits))]),
        ]);
        m.Clocked("Level reads, one clock of latency: the hidden layer's pre and post, the output layer's pre and post (the teacher)",
        [
            Stmt.Set("input_rdata_reg", "input_level_mem[hid_pre_addr]"),
            Stmt.Set("hidden_rdata_reg", "hidden_level_mem[phase_reg ? out_pre_addr : hid_post_addr]"),
            Stmt.Set("teacher_reg", "out_post_addr == label_reg"),
            Stmt.Set("host_sel_reg", "host_sel"),
        ]);
        m.Registers("Sequencing: the hidden walk, then the output walk (started by the hidden layer's done)", "rst",
            [("running_reg", "1'b0"), ("phase_reg", "1'b0")],
            [
                Stmt.If("take_start", [Stmt.Set("running_reg", "1'b1"), Stmt.Set("phase_reg", "1'b0"), Stmt.Set("label_reg", "label")]),
                Stmt.If("hid_done", [Stmt.Set("phase_reg", "1'b1")]),
                Stmt.If("out_done", [Stmt.Set("running_reg", "1'b0")]),
            ]);
    }

    /// <summary>The xorshift32 generator of the stochastic rounding: reset to the seed, one draw per synapse update of either layer.</summary>
    private static void AddGenerator(VerilogModule m, bool shared)
    {
        m.Reg("rng_reg", "[31:0]", "Stochastic rounding: the xorshift32 state after the last draw");
        string source = "rng_reg";
        if (shared)
        {
            m.Reg("rng_base_reg", "[31:0]", "stochasticDraws perPre: the state the current layer's walk started with");
            m.Wire("rng_src", "[31:0]", "The state this clock's draw advances: the walk's first state at a row's first draw, else the last draw's",
                "hid_rng_restart | out_rng_restart ? rng_base_reg : rng_reg");
            m.Clocked("stochasticDraws perPre: capture the state when a layer's walk starts (the hidden walk at start, the output walk at the hidden walk's done)",
            [
                Stmt.If("rst", [Stmt.Set("rng_base_reg", "RANDOM_SEED")], [Stmt.If("take_start | hid_done", [Stmt.Set("rng_base_reg", "rng_reg")])]),
            ]);
            source = "rng_src";
        }

        m.Wire("rng_x1", "[31:0]", "xorshift32 step 1: x ^ (x << 13)", $"{source} ^ ({source} << 13)");
        m.Wire("rng_x2", "[31:0]", "xorshift32 step 2: x ^ (x >> 17)", "rng_x1 ^ (rng_x1 >> 17)");
        m.Wire("rng_next", "[31:0]", "xorshift32 step 3: x ^ (x << 5), the state this clock's update draws", "rng_x2 ^ (rng_x2 << 5)");
        m.Clocked("Stochastic rounding: reset to the seed, one draw per synapse update",
        [
            Stmt.If("rst", [Stmt.Set("rng_reg", "RANDOM_SEED")], [Stmt.If("hid_rng_advance | out_rng_advance", [Stmt.Set("rng_reg", "rng_next")])]),
        ]);
    }

    /// <summary>The two layer instances and the host read and update ports, which merge theirs.</summary>
    private static void AddLayers(VerilogModule m, HebbianHardwareDesign d)
    {
        var h = d.Hidden;
        var o = d.Output;
        m.Instance("The input -> hidden layer", h.Module, "hidden_inst", [], Connections(d, h, "hid", "take_start", "input_rdata_reg", "hidden_rdata_reg", "~host_sel"));
        m.Instance("The hidden -> output layer", o.Module, "output_inst", [], Connections(d, o, "out", "hid_done", "hidden_rdata_reg", "teacher_reg", "host_sel"));
        m.Assign("host_rdata", $"host_sel_reg ? {Zext("out_host_rdata", o.WeightWidth, d.HostWidth)} : {Zext("hid_host_rdata", h.WeightWidth, d.HostWidth)}");
        m.Assign("upd_valid", "hid_upd_valid | out_upd_valid");
        m.Assign("upd_layer", "out_upd_valid");
        m.Assign("upd_addr", $"out_upd_valid ? {Zext("out_upd_addr", o.AddressWidth, d.HostAddressWidth)} : {Zext("hid_upd_addr", h.AddressWidth, d.HostAddressWidth)}");
        m.Assign("upd_weight", $"out_upd_valid ? {Zext("out_upd_weight", o.WeightWidth, d.HostWidth)} : {Zext("hid_upd_weight", h.WeightWidth, d.HostWidth)}");
    }

    private static List<(string Port, string Signal)> Connections(HebbianHardwareDesign d, HebbianLayerDesign l, string prefix, string start, string pre, string post, string select)
    {
        var c = new List<(string, string)>
        {
            ("clk", "clk"), ("rst", "rst"), ("start", start), ("ready", $"{prefix}_ready"), ("done", $"{prefix}_done"),
            ("pre_addr", $"{prefix}_pre_addr"), ("pre_level", pre), ("post_addr", $"{prefix}_post_addr"), ("post_level", post),
        };
        if (d.UsesRandom)
        {
            c.Add(("rng_advance", $"{prefix}_rng_advance"));
        }

        if (d.SharedDraws)
        {
            c.Add(("rng_restart", $"{prefix}_rng_restart"));
        }

        if (l.StochasticBits > 0)
        {
            c.Add(("rng_state", "rng_next"));
        }

        c.AddRange(
        [
            ("host_we", $"host_we & {select}"), ("host_addr", Slice("host_addr", d.HostAddressWidth, l.AddressWidth)), ("host_wdata", Slice("host_wdata", d.HostWidth, l.WeightWidth)),
            ("host_rdata", $"{prefix}_host_rdata"), ("upd_valid", $"{prefix}_upd_valid"), ("upd_addr", $"{prefix}_upd_addr"), ("upd_weight", $"{prefix}_upd_weight"),
        ]);
        return c;
    }

    /// <summary>The low <paramref name="to"/> bits of a <paramref name="from"/>-bit signal.</summary>
    private static string Slice(string signal, int from, int to) => from == to ? signal : $"{signal}[{to - 1}:0]";
}
