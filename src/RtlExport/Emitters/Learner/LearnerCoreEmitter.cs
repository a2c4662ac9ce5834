using Neuro.RtlExport.Verilog;
using static Neuro.RtlExport.Verilog.Expr;

namespace Neuro.RtlExport.Emitters.Learner;

/// <summary>
/// The learner's compute core: the whole pattern network (DESIGN.md §3) and its plasticity on chip. A sequencer runs one
/// sample as a fixed list of walks (input projection, R + 1 caps, R recurrent rounds, logits and argmax, then, when the
/// sample updates, the recurrent, input and output weights); <see cref="LearnerLaneEmitter"/> emits the lanes that do
/// the arithmetic and <see cref="LearnerDatapathEmitter"/> what the lanes share.
/// </summary>
/// <remarks>
/// Lane <c>l</c> holds neurons <c>i = r·LANES + l</c>, <c>r</c> in <c>0..ROWS−1</c>; all lanes step in lockstep over the
/// same local address, so one address register serves every lane's memories. Walk timing is in <see cref="LearnerTiming"/>.
/// </remarks>
internal static class LearnerCoreEmitter
{
    /// <summary>The phase codes of the sequencer, in the order a sample visits them (<see cref="PhasesOf"/> adds the average's).</summary>
    internal static readonly (string Name, string Comment)[] Phases =
    [
        ("IDLE", "waiting for a sample"),
        ("CLEAR", "zeroing the plastic weights"),
        ("PROJECT", "input projection u = (Win * Min) x"),
        ("SEARCH", "cap: one bit of the threshold search"),
        ("ABOVE", "cap: count the values above the threshold"),
        ("APPLY", "cap: keep the k largest (ties to the lower index), record the fire bits"),
        ("ROUND", "recurrent round s = (Wg * G)(h + u)"),
        ("LOGITS", "logits Wout h and argmax"),
        ("UPD_HIDDEN", "update the recurrent weights"),
        ("UPD_INPUT", "update the input weights"),
        ("UPD_OUTPUT", "update the output weights"),
    ];

    /// <summary>The core's header lines on the output average (designs with one).</summary>
    private static readonly string[] AverageHeader =
    [
        "Output average: after every sample learned from (updated or not), a walk (CLASSES*ROWS steps) steps",
        "A <- A + ((w*2^(AVG_SHIFT+1) - A) >>> AVG_SHIFT) for every output weight w; with learn off the logits",
        "multiply the readout (A + 2^AVG_SHIFT) >>> (AVG_SHIFT+1) instead of w (FixedOutputAverage). Clear zeroes A.",
    ];

    /// <summary>The phases of design <paramref name="d"/>: <see cref="Phases"/>, then, with an output average, its step.</summary>
    internal static IReadOnlyList<(string Name, string Comment)> PhasesOf(HardwareDesign d) =>
        d.AveragesOutput ? [.. Phases, ("AVERAGE", "step the output weights' moving average")] : Phases;

    public static VerilogModule Build(HardwareDesign d)
    {
        var m = new VerilogModule(d.LearnerCore,
        [
            "Compute core of the on-chip learner (DESIGN.md, sections 3, 5 and 6): one sample in, one prediction",
            "out, the plastic update applied on chip, bit-exact with the C# fixed-point model (FixedPatternNetwork).",
            "",
            "Lane l holds hidden neurons i = r*LANES + l (r = 0..ROWS-1). A sample is a fixed list of walks;",
            "each issues one step per clock to every lane and then drains the pipeline for DRAIN clocks:",
            "projection (ROWS*INPUTS steps), per round a cap (ACT_WIDTH+1 walks of ROWS steps: the threshold",
            "search over ACT_WIDTH-1 bits, a count, the apply pass), ROUNDS recurrent rounds (ROWS*HIDDEN steps),",
            "logits (CLASSES*ROWS steps), and when the sample updates the recurrent (ROWS*HIDDEN), input",
            "(ROWS*INPUTS) and output (rows*ROWS) weights. docs/hardware.md gives the cycle formula.",
            "Load the inputs through x_we/x_addr/x_data while idle, then pulse start with the label.",
            "Reset (or clear while idle) zeroes every plastic weight, one word of every lane per clock.",
            .. d.AveragesOutput ? AverageHeader : [],
        ]);
        AddParameters(m, d);
        AddPorts(m, d);
        AddLocalParams(m, d);
        LearnerSequencer.Add(m, d);
        LearnerDatapathEmitter.Add(m, d);
        m.Items.Add(LearnerLaneEmitter.Build(d));
        PlasticityUnitEmitter.AddUnusedAddressSignals(m, d, LearnerLaneEmitter.FieldSignals, d.HasOutput, post: false);
        return m;
    }

    private static void AddParameters(VerilogModule m, HardwareDesign d)
    {
        var p = d.Precision;
        m.Parameter("INPUTS", Int(d.Spec.Inputs), "Input features n, at least 2");
        m.Parameter("HIDDEN", Int(d.Spec.Hidden), "Hidden neurons V, a multiple of LANES");
        m.Parameter("CAP", Int(d.Spec.Cap), "Neurons kept by the cap, k (1..HIDDEN)");
        m.Parameter("ROUNDS", Int(d.Rule.Rounds), "Recurrent rounds R (firing patterns of R+1 bits)");
        m.Parameter("CLASSES", Int(d.Spec.Classes), "Classes m, at least 2");
        m.Parameter("LANES", Int(d.Lanes), "Hidden neurons processed in parallel (1..256, divides HIDDEN)");
        m.Parameter("INPUT_WIDTH", Int(d.InputWidth), $"Bits of an input: {VerilogTypes.Describe(p.Input.Format)}");
        m.Parameter("INPUT_FRAC", Int(p.Input.Format.FracBits), "Fractional bits of an input");
        m.Parameter("WEIGHT_WIDTH", Int(d.WeightWidth), $"Bits of a weight: {VerilogTypes.Describe(p.Weight.Format)}");
        if (d.InputWeightFrac == "WEIGHT_FRAC" || d.RecurrentWeightFrac == "WEIGHT_FRAC")
        {
            // Per-group types that give both the input and the recurrent weights their own bits leave it unused.
            m.Parameter("WEIGHT_FRAC", Int(p.Weight.Format.FracBits), "Fractional bits of a weight");
        }

        foreach (var (name, synapses, value) in d.GroupFracParameters)
        {
            m.Parameter(name, Int(value), $"Fractional bits of the {synapses} weights (a type of their own)");
        }

        m.Parameter("ACT_WIDTH", Int(d.ActivationWidth), $"Bits of an activation: {VerilogTypes.Describe(p.Activation.Format)}");
        m.Parameter("ACT_FRAC", Int(p.Activation.Format.FracBits), "Fractional bits of an activation");
        m.Parameter("ENTRY_WIDTH", Int(d.EntryWidth), $"Bits of a rule-ROM word: {VerilogTypes.Describe(p.RuleEntry.Format)} in weight LSBs");
        m.Parameter("ACC_WIDTH", Int(d.AccumulatorWidth), "Bits of an accumulator: every exact sum, and more than a product");
        if (d.AveragesOutput)
        {
            m.Parameter("AVG_SHIFT", Int(d.AverageShift), "Output average: its factor 2^-AVG_SHIFT per sample learned from (1..20)");
        }

        foreach (var t in d.Tables)
        {
            m.Parameter(t.Name.ToUpperInvariant() + "_ROM_FILE", HardwareDesign.Quote(d.RomPath(t.Name)), $"Rule table '{t.Name}' ROM image");
        }

        m.Parameter("RECURRENT_MASK_FILE", HardwareDesign.Quote(d.LearnerRomPath("recurrent_mask")), "Recurrent mask: word r*HIDDEN + pre holds bit l for neuron r*LANES + l");
        if (d.HasInput)
        {
            m.Parameter("INPUT_MASK_FILE", HardwareDesign.Quote(d.LearnerRomPath("input_mask")), "Input mask: word r*INPUTS + j holds bit l for neuron r*LANES + l");
        }
        else
        {
            m.Parameter("INPUT_WEIGHTS_FILE", HardwareDesign.Quote(d.LearnerRomPath("input_weights")), "Fixed masked input weights: word r*INPUTS + j holds lane l in bits l*WEIGHT_WIDTH");
        }

        if (d.PerNeuronStreams)
        {
            m.Parameter("SEEDS_FILE", HardwareDesign.Quote(d.LearnerRomPath("seeds")), "Per-neuron stochastic rounding: word r holds neuron r*LANES + l's xorshift32 seed in bits l*32");
        }

        if (!d.HasOutput)
        {
            m.Parameter("OUTPUT_WEIGHTS_FILE", HardwareDesign.Quote(d.LearnerRomPath("output_weights")), "Fixed output weights: word c*ROWS + r holds lane l in bits l*WEIGHT_WIDTH");
        }
    }

    private static void AddPorts(VerilogModule m, HardwareDesign d)
    {
        m.Input("clk", "", "Clock");
        m.Input("rst", "", "Synchronous reset, active high: starts the clear sequence");
        m.Input("clear", "", "While idle: zero every plastic weight (the clear sequence)");
        m.Input("x_we", "", "While idle: write input x_addr");
        m.Input("x_addr", "[$clog2(INPUTS)-1:0]", "Input index");
        m.Input("x_data", "[INPUT_WIDTH-1:0]", "Input value (raw, two's complement" + (d.InputSigned ? "" : "; unsigned format") + ")");
        m.Input("start", "", "While idle: run one sample on the loaded inputs");
        m.Input("label", "[$clog2(CLASSES)-1:0]", "With start: the sample's label (0..CLASSES-1)");
        m.Input("learn", "", "With start: apply the rule's update if the sample qualifies");
        m.OutputWire("idle", "", "No sample is running and no clear sequence");
        m.OutputWire("clearing", "", "The clear sequence is running");
        m.OutputReg("done", "", "One-clock pulse: the sample's prediction (and update) is complete");
        m.OutputReg("prediction", "[$clog2(CLASSES)-1:0]", "The last sample's prediction (argmax, the lower class wins ties)");
        m.OutputReg("updated", "", "The last sample updated the weights");
        m.OutputReg("update_count", "[$clog2(LANES+1)-1:0]", "Weights written back by the update this clock");
        m.Input("host_layer", "[1:0]", "Host weight port: layer (0 recurrent, 1 input, 2 output)");
        m.Input("host_lane", "[7:0]", "Host weight port: lane");
        m.Input("host_local", "[23:0]", "Host weight port: word within the lane");
        m.OutputWire("host_index_ok", "", "The host index names a weight");
        m.OutputWire("host_writable", "", "The host index names a plastic weight");
        m.Input("host_we", "", "While idle: write host_wdata to the weight");
        m.Input("host_wdata", "[WEIGHT_WIDTH-1:0]", "Host weight port: write data");
        m.OutputReg("host_rdata", "[WEIGHT_WIDTH-1:0]", "The weight at the host index, two clocks after it is set (while idle)");
    }

    private static void AddLocalParams(VerilogModule m, HardwareDesign d)
    {
        m.LocalParam("ROWS", "HIDDEN / LANES", "Neurons per lane");
        m.LocalParam("PATTERN_WIDTH", "ROUNDS + 1", "Bits of a firing pattern");
        m.LocalParam("CLASS_WIDTH", "$clog2(CLASSES)", "Bits of a class");
        m.LocalParam("IN_INDEX_WIDTH", "$clog2(INPUTS)", "Bits of an input index");
        m.LocalParam("LANE_WIDTH", "LANES > 1 ? $clog2(LANES) : 1", "Bits of a lane index");
        m.LocalParam("ROW_WIDTH", "ROWS > 1 ? $clog2(ROWS) : 1", "Bits of a row (a neuron's index within its lane)");
        m.LocalParam("COL_WIDTH", "$clog2(INPUTS > HIDDEN ? INPUTS : HIDDEN)", "Bits of a walk's column");
        m.LocalParam("WALK_ROW_WIDTH", "$clog2(ROWS > CLASSES ? ROWS : CLASSES)", "Bits of a walk's row");
        m.LocalParam("HIDDEN_WORDS", "ROWS * HIDDEN", "Recurrent weights per lane");
        m.LocalParam("INPUT_WORDS", "ROWS * INPUTS", "Input weights per lane");
        m.LocalParam("OUTPUT_WORDS", "CLASSES * ROWS", "Output weights per lane");
        m.LocalParam("MAX_WORDS", "HIDDEN_WORDS > INPUT_WORDS ? (HIDDEN_WORDS > OUTPUT_WORDS ? HIDDEN_WORDS : OUTPUT_WORDS) : (INPUT_WORDS > OUTPUT_WORDS ? INPUT_WORDS : OUTPUT_WORDS)", "The deepest weight memory of a lane");
        m.LocalParam("ADDR_WIDTH", "$clog2(MAX_WORDS) + 1", "Bits of a lane's weight address (one spare bit)");
        m.LocalParam("HW_BITS", "$clog2(HIDDEN_WORDS)", "Bits indexing the recurrent weights of a lane");
        m.LocalParam("IW_BITS", "$clog2(INPUT_WORDS)", "Bits indexing the input weights of a lane");
        m.LocalParam("OW_BITS", "$clog2(OUTPUT_WORDS)", "Bits indexing the output weights of a lane");
        m.LocalParam("COUNT_WIDTH", "$clog2(HIDDEN + 1)", "Bits of a count of neurons");
        m.LocalParam("ROUND_WIDTH", "ROUNDS > 0 ? $clog2(ROUNDS + 1) : 1", "Bits of a round number");
        m.LocalParam("BIT_WIDTH", "$clog2(ACT_WIDTH)", "Bits of a threshold bit position");
        m.LocalParam("OPERAND_WIDTH", "(INPUT_WIDTH > ACT_WIDTH ? INPUT_WIDTH : ACT_WIDTH) + 1", "Bits of a MAC operand: an input or an activation, signed, with a spare sign bit");
        m.LocalParam("PRODUCT_WIDTH", "OPERAND_WIDTH + WEIGHT_WIDTH", "Bits of a product");
        m.LocalParam("DRAIN", Int(LearnerTiming.Drain), "Clocks each walk drains its pipeline");
        if (d.AveragesOutput)
        {
            m.LocalParam("AVG_WIDTH", "WEIGHT_WIDTH + AVG_SHIFT + 1", "Bits of an output average A: a weight with AVG_SHIFT + 1 more fractional bits");
        }

        m.LocalParam("CLEAR_WORDS", ClearWords(d), "Words the clear sequence visits per lane: the deepest plastic weight memory");
        m.LocalParam("ROWS_LAST", "ROWS - 1", "Last row", "integer");
        m.LocalParam("CLASSES_LAST", "CLASSES - 1", "Last class (walk row)", "integer");
        m.LocalParam("INPUTS_LAST", "INPUTS - 1", "Last input (walk column)", "integer");
        m.LocalParam("HIDDEN_LAST", "HIDDEN - 1", "Last presynaptic neuron (walk column)", "integer");
        m.LocalParam("ROW_COL_LAST", "ROWS - 1", "Last row (walk column of the logits and output updates)", "integer");
        m.LocalParam("LANES_LAST", "LANES - 1", "Last lane", "integer");
        m.LocalParam("CLEAR_LAST", "CLEAR_WORDS - 1", "Last address of the clear sequence", "integer");
        if (d.HasOutput)
        {
            m.LocalParam("ROWS_ADDR", "ROWS", "ROWS as an address (the first word of output row c is c*ROWS)", "integer");
        }

        m.LocalParam("CAP_COUNT", "CAP", "The cap as a count", "integer");
        m.LocalParam("ROUNDS_LAST", "ROUNDS", "The last round", "integer");
        m.LocalParam("TOP_BIT", "ACT_WIDTH - 2", "The highest magnitude bit of an activation", "integer");
        m.LocalParam("DRAIN_LAST", "DRAIN - 1", "The last drain clock", "integer");
        m.LocalParam("HIDDEN_WORDS_24", "HIDDEN_WORDS", "HIDDEN_WORDS as a host index", "integer");
        m.LocalParam("INPUT_WORDS_24", "INPUT_WORDS", "INPUT_WORDS as a host index", "integer");
        m.LocalParam("OUTPUT_WORDS_24", "OUTPUT_WORDS", "OUTPUT_WORDS as a host index", "integer");
        m.LocalParam("LANES_8", "LANES", "LANES as a host lane", "integer");
        var phases = PhasesOf(d);
        for (int i = 0; i < phases.Count; i++)
        {
            m.LocalParam("PHASE_" + phases[i].Name, $"4'd{i}", "Phase: " + phases[i].Comment, "[3:0]");
        }

        PlasticityUnitEmitter.AddOverflowParams(m, d.Precision.Weight);
        PlasticityUnitEmitter.AddRandomParams(m, d);
    }

    private static string ClearWords(HardwareDesign d)
    {
        var words = new List<string> { "HIDDEN_WORDS" };
        if (d.HasInput)
        {
            words.Add("INPUT_WORDS");
        }

        if (d.HasOutput)
        {
            words.Add("OUTPUT_WORDS");
        }

        string result = words[0];
        foreach (string w in words.Skip(1))
        {
            result = $"({result} > {w} ? {result} : {w})";
        }

        return result;
    }
}
