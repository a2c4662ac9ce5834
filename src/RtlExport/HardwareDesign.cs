using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Neuro.FixedPointSim;
using Neuro.FixedPointSim.Patterns;
using Neuro.Rules.Layouts;
using Neuro.Rules.Patterns;

namespace Neuro.RtlExport;

/// <summary>
/// Everything the emitters need, derived once from a rule, a precision config and a network: sizes, widths, the edge
/// lists of the masks, the ROM images and the names of modules and files. Validates the limits of the hardware.
/// </summary>
internal sealed class HardwareDesign
{
    /// <summary>Largest total of rule-ROM bits over all tables (1 Mibit; the largest iCE40 holds 120 kbit of block RAM).</summary>
    public const long MaxRomBits = 1L << 20;

    /// <summary>Largest number of hidden neurons (the history registers form one <c>Hidden</c>-way multiplexer per read).</summary>
    public const int MaxHidden = 1024;

    /// <summary>Largest number of words in one weight memory.</summary>
    public const int MaxWeightWords = 1 << 20;

    /// <summary>Most lanes of the learner (the lane field of a weight index is 8 bits).</summary>
    public const int MaxLanes = 256;

    /// <summary>Largest number of words of one lane's weight memory (the local field of a weight index is 24 bits; one spare address bit).</summary>
    public const int MaxLaneWords = 1 << 23;

    public HardwareDesign(string name, PatternRule rule, PrecisionConfig precision, PatternNetworkSpec spec, PatternNetworkMasks masks, int lanes = 1)
    {
        Name = VerilogNames.Validate(name);
        if (rule.Layout.Tables.Any(t => t.Mode != TableMode.Add))
        {
            throw new RtlExportException(
                "The rule is multiplicative (w ← w·(1 + eta·entry)); the RTL implements additive rules only (w ← overflow(w + rom[addr]), no multiplier). Export an additive rule");
        }

        if (rule.Layout.Find(PatternLayouts.Recurrent) is null)
        {
            throw new RtlExportException(
                $"The rule has no table for the recurrent synapses ({string.Join("; ", rule.Layout.Tables.Select(t => $"{t.Name}: {t.Synapses}"))}); the RTL engine and learner update the recurrent weights first and need one");
        }

        if (rule.Layout.Tables.SelectMany(t => t.Fields).FirstOrDefault(f => f.Signal is not (Signal.PreHistory or Signal.PostHistory or Signal.Role or Signal.Weight or Signal.Margin or Signal.Phase) && !f.HasPreLevels) is { } unsupported)
        {
            throw new RtlExportException(
                $"The rule's layout has a '{LayoutField.Name(unsupported.Signal)}' field; the RTL computes preHistory, postHistory, pre levels, role, weight, margin and phase only");
        }

        precision.Validate(spec);
        if (rule.AveragesOutput && FixedOutputAverage.WidthProblem(precision.WeightOf(PatternLayouts.Output).Format.Width, rule.OutputAverageShift) is { } problem)
        {
            throw new RtlExportException(problem);
        }

        if (precision.WeightTypes.FirstOrDefault(t => t.Format.Width != precision.Weight.Format.Width || t.Overflow != precision.Weight.Overflow) is { } other)
        {
            throw new RtlExportException(
                $"The precision config gives a synapse group the weight type {other}; the RTL keeps every weight in one memory width with one overflow mode ({precision.Weight}), so per-group weight types may differ in their fractional bits only");
        }

        Rule = rule;
        Precision = precision;
        Spec = spec;
        Masks = masks;
        RuleHash = "sha256:" + Sha256(Encoding.UTF8.GetBytes(PatternRuleFile.Canonical(rule)));
        if (spec.Hidden < 2 || spec.Hidden > MaxHidden)
        {
            throw new RtlExportException(string.Create(CultureInfo.InvariantCulture, $"The engine supports 2..{MaxHidden} hidden neurons, not {spec.Hidden}"));
        }

        var hiddenPre = new List<int>();
        var hiddenPost = new List<int>();
        for (int post = 0; post < spec.Hidden; post++)
        {
            for (int pre = 0; pre < spec.Hidden; pre++)
            {
                if (masks.Recurrent[post * spec.Hidden + pre])
                {
                    hiddenPre.Add(pre);
                    hiddenPost.Add(post);
                }
            }
        }

        var inputPost = new List<int>();
        var inputColumn = new List<int>();
        for (int post = 0; post < spec.Hidden; post++)
        {
            for (int j = 0; j < spec.Inputs; j++)
            {
                if (masks.Input[post * spec.Inputs + j])
                {
                    inputPost.Add(post);
                    inputColumn.Add(j);
                }
            }
        }

        HiddenEdgePre = [.. hiddenPre];
        HiddenEdgePost = [.. hiddenPost];
        InputEdgePost = [.. inputPost];
        InputEdgeColumn = [.. inputColumn];
        if (HiddenEdges == 0)
        {
            throw new RtlExportException("The recurrent mask has no edge; the hidden weight memory would be empty (raise --p or change --seed)");
        }

        if (HasInput && InputEdges == 0)
        {
            throw new RtlExportException("The input mask has no edge but the rule has an input table; the input weight memory would be empty (raise --p or change --seed)");
        }

        if (Math.Max(HiddenEdges, Math.Max(InputEdges, OutputWords)) > MaxWeightWords)
        {
            throw new RtlExportException(string.Create(CultureInfo.InvariantCulture, $"A weight memory would hold more than {MaxWeightWords} words"));
        }

        Lanes = ValidateLanes(lanes, spec);
        if (precision.StochasticBits > 0 && Lanes > 1 && !PerNeuronStreams)
        {
            throw new RtlExportException(string.Create(CultureInfo.InvariantCulture,
                $"The precision config asks for stochastic rounding (stochasticBits {precision.StochasticBits}) from one stream with --lanes {Lanes}; one generator advanced in the golden walk order allows one lane only. Use --lanes 1, or add \"stochasticStreams\": \"perNeuron\" to the precision config (one generator per hidden neuron: any number of lanes)"));
        }

        if (precision.StochasticBits > 0 && precision.RuleEntry.Format.Width <= precision.StochasticBits)
        {
            throw new RtlExportException(string.Create(CultureInfo.InvariantCulture,
                $"The rule entry {precision.RuleEntry} has no bit above its stochasticBits {precision.StochasticBits}; the RTL needs a rule entry wider than stochasticBits"));
        }

        if (precision.Activation.Format.Width < 2)
        {
            throw new RtlExportException($"The learner needs an activation format of at least 2 bits, not {precision.Activation}");
        }

        long laneWords = Math.Max((long)Rows * spec.Hidden, Math.Max((long)Rows * spec.Inputs, (long)spec.Classes * Rows));
        if (laneWords > MaxLaneWords)
        {
            throw new RtlExportException(string.Create(CultureInfo.InvariantCulture, $"A lane's weight memory would hold {laneWords} words, more than {MaxLaneWords}; use more --lanes"));
        }

        Tables = BuildTables();
        Roms = [.. Tables.Select(t => t.Image)];
        long bits = Roms.Sum(r => r.Bits);
        if (bits > MaxRomBits)
        {
            throw new RtlExportException(string.Create(CultureInfo.InvariantCulture,
                $"The rule ROMs need {bits} bits ({string.Join(" + ", Roms.Select(r => $"{r.Name} {r.Depth}×{r.WordWidth}"))}), more than the limit of {MaxRomBits}; use fewer rounds or a narrower rule-entry format"));
        }
    }

    public string Name { get; }

    public PatternRule Rule { get; }

    public PrecisionConfig Precision { get; }

    public PatternNetworkSpec Spec { get; }

    public PatternNetworkMasks Masks { get; }

    /// <summary><c>sha256:</c> + hex SHA-256 of the rule's canonical JSON (<see cref="PatternRuleFile.Canonical"/>).</summary>
    public string RuleHash { get; }

    /// <summary>The rule's tables in layer order (hidden, input, output), each with its address fields and ROM image.</summary>
    public ImmutableArray<RuleTable> Tables { get; }

    /// <summary>The tables' ROM images, in the same order.</summary>
    public ImmutableArray<RomImage> Roms { get; }

    public int[] HiddenEdgePre { get; }

    public int[] HiddenEdgePost { get; }

    public int[] InputEdgePost { get; }

    public int[] InputEdgeColumn { get; }

    public int HiddenEdges => HiddenEdgePre.Length;

    public int InputEdges => HasInput ? InputEdgePost.Length : 0;

    public int OutputWords => HasOutput ? Spec.Classes * Spec.Hidden : 0;

    public bool HasInput => Rule.Input is not null;

    public bool HasOutput => Rule.Output is not null;

    public bool AllEdges => Rule.OutputEdges == OutputEdges.AllEdges;

    /// <summary>
    /// Whether the learner keeps the output weights' moving average (<see cref="PatternRule.OutputAverageShift"/>,
    /// <see cref="FixedOutputAverage"/>): an average memory beside the output weights, stepped by a walk after every sample
    /// learned from, whose rounded readout the frozen predictions (LEARN off) multiply with. Without an output table the
    /// output weights never move, so their average reads back exactly the fixed weights and the learner keeps none.
    /// </summary>
    public bool AveragesOutput => Rule.AveragesOutput && HasOutput;

    /// <summary>The host weight port's layer of the output average's readout (read-only; with <see cref="AveragesOutput"/>).</summary>
    public const int ReadoutLayer = 3;

    /// <summary>The layers the learner's testbench reads back through the host port: each table's (code, name), then, with
    /// an output average, the readout's.</summary>
    public IEnumerable<(int Code, string Name)> ReadBackLayers =>
        Tables.Select(t => (t.Code, t.Name)).Concat(AveragesOutput ? [(ReadoutLayer, "readout")] : []);

    /// <summary>The average's shift <c>s</c> (its factor is <c>2^-s</c>); 0 without an average.</summary>
    public int AverageShift => AveragesOutput ? Rule.OutputAverageShift : 0;

    /// <summary>Bits of an average <c>A</c>: the output weight's and <c>s + 1</c> more fractional bits.</summary>
    public int AverageWidth => WeightWidth + AverageShift + 1;

    /// <summary>Bits of a firing history: rounds R + 1 (every history field of the layout has this width).</summary>
    public int PatternWidth => Rule.Rounds + 1;

    /// <summary>Distinct firing histories, <c>2^(R+1)</c>.</summary>
    public int Histories => 1 << PatternWidth;

    /// <summary>Whether the rule's layout is the classic one (its files are those of the first exports, byte for byte).</summary>
    public bool IsClassic => PatternLayouts.IsClassic(Rule.Layout, Rule.Rounds);

    /// <summary>Bits of the output table's role field (0 without an output table or role field; 1 for the classic layout).</summary>
    public int RoleBits => Rule.Layout.Find(PatternLayouts.Output)?.Field(Signal.Role)?.Bits ?? 0;

    /// <summary>Bits of the engine's and learner's row-kind signal: the role field's, at least 1.</summary>
    public int RowKindBits => Math.Max(1, RoleBits);

    /// <summary>Whether the engine takes the prediction with each sample: to walk the label's and the prediction's rows,
    /// or, with every row updated, to tell the prediction's row (role 1) from the others (role 2).</summary>
    public bool EnginePrediction => HasOutput && (!AllEdges || RoleBits == 2);

    /// <summary>The per-sample field codes the engine takes with each sample (margin, phase), in table order: table and field.</summary>
    public IEnumerable<(RuleTable Table, LayoutField Field)> SampleFields =>
        Tables.SelectMany(t => t.Fields.Where(f => f.Signal is Signal.Margin or Signal.Phase).Select(f => (t, f.Field)));

    /// <summary>
    /// The output table's <c>pre</c> level field (the hidden neuron's activity against fractions of the layer's largest),
    /// or null: a per-neuron code, so the plasticity unit takes it with each update and the engine with each sample for
    /// every hidden neuron (<see cref="LevelsInput"/>); the learner computes it.
    /// </summary>
    public (RuleTable Table, LayoutField Field)? LevelField =>
        Tables.Where(t => t.Field(Signal.Pre) is { HasPreLevels: true }).Select(t => ((RuleTable, LayoutField)?)(t, t.Field(Signal.Pre)!)).FirstOrDefault();

    /// <summary>The plasticity unit's per-update field codes: the sample fields, then the output table's pre level.</summary>
    public IEnumerable<(RuleTable Table, LayoutField Field)> UnitFields =>
        LevelField is { } level ? SampleFields.Append(level) : SampleFields;

    /// <summary>The engine's input carrying every hidden neuron's pre level with <c>start</c> (neuron i in bits i·n).</summary>
    public string LevelsInput => LevelField is { } level ? SampleInput(level.Table, Signal.Pre) + "_levels" : "";

    /// <summary>
    /// The engine's per-sample inputs, taken with <c>start</c>, most significant first in the testbench's commands: each
    /// sample field's code, then the hidden neurons' pre levels (neuron <c>Hidden − 1</c> first).
    /// </summary>
    public IReadOnlyList<(string Name, int Bits, string Comment)> EngineSampleInputs =>
    [
        .. SampleFields.Select(f => (SampleInput(f.Table, f.Field.Signal), f.Field.Bits, Emitters.PlasticityUnitEmitter.SampleComment(f.Table, f.Field))),
        .. LevelField is { } level
            ? [(LevelsInput, Spec.Hidden * level.Field.Bits, $"Table '{level.Table.Name}': every hidden neuron's pre level, neuron i in bits i*{level.Field.Bits} (how many of its levels the neuron's last-round activity is above, as fractions of the layer's largest)")]
            : Array.Empty<(string, int, string)>(),
    ];

    /// <summary>The name of the engine's and unit's input carrying table <paramref name="table"/>'s code of <paramref name="signal"/> (margin, phase or, for the unit, the pre level).</summary>
    public static string SampleInput(RuleTable table, Signal signal) => $"{table.Name}_{LayoutField.Name(signal)}";

    /// <summary>The hidden (recurrent) table's layout.</summary>
    public TableLayout HiddenTable => Rule.Layout.Find(PatternLayouts.Recurrent)!;

    public int WeightWidth => Precision.Weight.Format.Width;

    /// <summary>
    /// The core's parameters for the fractional bits of a group's weights (per-group types differ in those only): the
    /// input and recurrent groups' when they differ from <c>WEIGHT_FRAC</c> (the config's weight type), as (name, value).
    /// The output weights' fractional bits enter only constants (margin thresholds, weight codes).
    /// </summary>
    public IReadOnlyList<(string Name, string Synapses, int Value)> GroupFracParameters =>
    [
        .. new[] { (InputWeightFrac, PatternLayouts.Input), (RecurrentWeightFrac, PatternLayouts.Recurrent) }
            .Where(g => g.Item1 != "WEIGHT_FRAC")
            .Select(g => (g.Item1, g.Item2, WeightFracOf(g.Item2))),
    ];

    /// <summary>The Verilog name of the input weights' fractional bits: <c>INPUT_WEIGHT_FRAC</c> or <c>WEIGHT_FRAC</c>.</summary>
    public string InputWeightFrac => FracParameter(PatternLayouts.Input, "INPUT_WEIGHT_FRAC");

    /// <summary>The Verilog name of the recurrent weights' fractional bits: <c>RECURRENT_WEIGHT_FRAC</c> or <c>WEIGHT_FRAC</c>.</summary>
    public string RecurrentWeightFrac => FracParameter(PatternLayouts.Recurrent, "RECURRENT_WEIGHT_FRAC");

    /// <summary><paramref name="own"/> when group <paramref name="synapses"/>'s fractional bits differ from the weight type's, else <c>WEIGHT_FRAC</c>.</summary>
    private string FracParameter(string synapses, string own) => WeightFracOf(synapses) != Precision.Weight.Format.FracBits ? own : "WEIGHT_FRAC";

    /// <summary>Fractional bits of synapse group <paramref name="synapses"/>'s weights (<see cref="PrecisionConfig.WeightOf"/>).</summary>
    public int WeightFracOf(string synapses) => Precision.WeightOf(synapses).Format.FracBits;

    public int EntryWidth => Precision.RuleEntry.Format.Width;

    public Overflow Overflow => Precision.Weight.Overflow;

    /// <summary>Stochastic-rounding bits <c>s</c> of the updates (0: off): the ROM word keeps <c>s</c> bits below the weight's LSB.</summary>
    public int StochasticBits => Precision.StochasticBits;

    /// <summary>The update generator's state at the start of a lifetime (<see cref="XorShift32.Seed"/> of the network seed).</summary>
    public uint RandomSeed => XorShift32.Seed(Spec.Seed);

    /// <summary>Stochastic rounding draws from one generator per hidden neuron (<see cref="StochasticStreams.PerNeuron"/>):
    /// each lane keeps the states of its neurons, loaded from a seed image by the clear sequence.</summary>
    public bool PerNeuronStreams => StochasticBits > 0 && Precision.StochasticStreams == StochasticStreams.PerNeuron;

    /// <summary>Neurons whose seeds the plasticity unit's seed image holds: every hidden neuron, and as many as the unit's
    /// testbench instantiates (one per firing pattern).</summary>
    public int SeedNeurons => Math.Max(Spec.Hidden, Histories);

    /// <summary>The plasticity unit's (and engine's) per-neuron seed image, relative to the export folder: word <c>i</c> is
    /// <see cref="XorShift32.NeuronSeed"/> of neuron <c>i</c>.</summary>
    public string NeuronSeedsPath => $"rom/{Name}_neuron_seeds.mem";

    /// <summary>Bits of a hidden-neuron index.</summary>
    public int IndexWidth => VerilogTypes.IndexWidth(Spec.Hidden);

    /// <summary>Bits of a class index.</summary>
    public int ClassWidth => VerilogTypes.IndexWidth(Spec.Classes);

    /// <summary>Bits of a weight-memory address, wide enough for every layer's memory.</summary>
    public int AddressWidth => VerilogTypes.IndexWidth(Math.Max(HiddenEdges, Math.Max(InputEdges, Math.Max(OutputWords, 2))));

    /// <summary>Lanes of the learner: hidden neurons processed in parallel (neuron <c>i</c> in lane <c>i mod LANES</c>, row <c>i / LANES</c>).</summary>
    public int Lanes { get; }

    /// <summary>Neurons per lane: <c>HIDDEN / LANES</c>.</summary>
    public int Rows => Spec.Hidden / Lanes;

    public int InputWidth => Precision.Input.Format.Width;

    public bool InputSigned => Precision.Input.Format.Signed;

    public int ActivationWidth => Precision.Activation.Format.Width;

    /// <summary>Bits of a MAC operand register: an input or an activation as a signed value, with a spare sign bit
    /// (so an unsigned input extends with a zero, and no extension is ever empty).</summary>
    public int OperandWidth => Math.Max(InputWidth, ActivationWidth) + 1;

    /// <summary>Bits of a product operand × weight.</summary>
    public int ProductWidth => OperandWidth + WeightWidth;

    /// <summary>Bits of the learner's accumulators: every exact sum the network forms (<see cref="PrecisionConfig.AccumulatorBits"/>)
    /// and one bit more than a product, so a product always sign-extends into it.</summary>
    public int AccumulatorWidth => Math.Max(Precision.AccumulatorBits(Spec), ProductWidth) + 1;

    /// <summary>Bits of a count of neurons (0..HIDDEN).</summary>
    public int CountWidth => VerilogTypes.IndexWidth(Spec.Hidden + 1L);

    /// <summary>Bits of an AXI4-Stream input beat: the wider of an input and a label, in whole bytes.</summary>
    public int BeatWidth => 8 * ((Math.Max(InputWidth, ClassWidth) + 7) / 8);

    /// <summary>Bits of an AXI4-Stream result beat <c>{updated, label, prediction}</c>, in whole bytes.</summary>
    public int ResultWidth => 8 * ((2 * ClassWidth + 1 + 7) / 8);

    /// <summary>The learner's clocks per sample.</summary>
    public LearnerTiming Timing => new(Spec.Inputs, Spec.Hidden, Spec.Classes, Rule.Rounds, Lanes, ActivationWidth, HasInput, HasOutput, AveragesOutput);

    public string Learner => Name + "_learner";

    public string LearnerCore => Name + "_learner_core";

    public string Requantize => Name + "_requantize";

    public string LearnerTestbench => Learner + "_tb";

    public string RequantizeTestbench => Requantize + "_tb";

    /// <summary>The learner's fixed or mask image <paramref name="what"/>, relative to the export folder.</summary>
    public string LearnerRomPath(string what) => $"rom/{Name}_learner_{what}.mem";

    public string RomModule => Name + "_rom";

    public string PlasticityUnit => Name + "_plasticity_unit";

    public string Engine => Name + "_engine";

    public string PlasticityUnitTestbench => PlasticityUnit + "_tb";

    public string EngineTestbench => Engine + "_tb";

    /// <summary>The <c>$readmemh</c> image of a rule table, relative to the export folder.</summary>
    public string RomPath(string table, string extension = "mem") => $"rom/{Name}_{table}.{extension}";

    /// <summary>The edge list of a mask (<c>hidden</c> or <c>input</c>), relative to the export folder.</summary>
    public string EdgesPath(string layer) => $"rom/{Name}_{layer}_edges.mem";

    /// <summary>A golden-vector file, relative to the export folder.</summary>
    public static string VectorPath(string module, string what) => $"vectors/{module}_{what}.mem";

    public static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>A Verilog string literal of a path (the paths here are built from validated names only).</summary>
    public static string Quote(string path) => $"\"{path}\"";

    private static int ValidateLanes(int lanes, PatternNetworkSpec spec)
    {
        if (lanes < 1 || lanes > MaxLanes || spec.Hidden % lanes != 0)
        {
            throw new RtlExportException(string.Create(CultureInfo.InvariantCulture,
                $"--lanes {lanes} must be 1..{MaxLanes} and divide the hidden size {spec.Hidden}"));
        }

        return lanes;
    }

    private ImmutableArray<RuleTable> BuildTables()
    {
        var rom = new RuleRom(Rule, Precision);
        var tables = ImmutableArray.CreateBuilder<RuleTable>();
        tables.Add(Table("hidden", 0, PatternLayouts.Recurrent, rom.Hidden!.Value));
        if (rom.Input is { } input)
        {
            tables.Add(Table("input", 1, PatternLayouts.Input, input));
        }

        if (rom.Output is { } output)
        {
            tables.Add(Table("output", 2, PatternLayouts.Output, output));
        }

        return tables.ToImmutable();
    }

    /// <summary>The table of a synapse group with its fields from the layout; a classic layout keeps the labels and bit
    /// meanings of the first exports (so its files stay byte-identical).</summary>
    private RuleTable Table(string name, int code, string synapses, ImmutableArray<long> words)
    {
        var layout = Rule.Layout.Find(synapses)!;
        bool classic = IsClassic;
        var fields = layout.Fields.Select(f => classic ? ClassicField(synapses, f) : new TableField(f, LayoutField.Name(f.Signal),
            [.. Enumerable.Range(0, f.Bits).Reverse().Select(f.Meaning)])).ToImmutableArray();
        var bits = fields.SelectMany(f => f.BitMeanings).ToImmutableArray();
        return new RuleTable(name, code, layout, fields, new RomImage(name, EntryWidth, bits.Length, words, bits));
    }

    private TableField ClassicField(string synapses, LayoutField field) => (synapses, field.Signal) switch
    {
        (PatternLayouts.Recurrent, Signal.PreHistory) => History(field, "preHistory", "pre neuron"),
        (PatternLayouts.Output, Signal.PreHistory) => History(field, "postHistory", "hidden neuron"),
        (PatternLayouts.Output, Signal.Role) => new TableField(field, "role",
            [AllEdges ? "row kind: 0 = the label's row, 1 = every other row" : "row kind: 0 = the label's row, 1 = the (wrong) prediction's row"]),
        _ => History(field, "postHistory", "post neuron"),
    };

    private TableField History(LayoutField field, string label, string who) =>
        new(field, label, [.. Enumerable.Range(0, Rule.Rounds + 1).Select(round => string.Create(CultureInfo.InvariantCulture, $"{who} fired in round {round}"))]);
}
