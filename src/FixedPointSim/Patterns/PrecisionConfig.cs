using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Neuro.Rules;
using Neuro.Rules.Json;
using Neuro.Rules.Patterns;

namespace Neuro.FixedPointSim.Patterns;

/// <summary>
/// The fixed-point types of a pattern-rule network (DESIGN.md §5): one <see cref="FixedType"/> (format, rounding,
/// overflow) per signal. JSON: <c>{ "input": "ap_fixed&lt;16,4,AP_RND_CONV,AP_SAT&gt;", "weight": …, "activation": …,
/// "ruleEntry": … }</c>, each value a <see cref="FixedType.ToString"/> spelling, and optionally <c>"stochasticBits": s</c>
/// (absent or 0: round-to-ROM-word updates as before) and, with <c>s &gt; 0</c>, <c>"stochasticStreams": "single" |
/// "perNeuron"</c> (absent: <c>single</c>), and per synapse group a weight type of its own: <c>"inputWeight"</c>,
/// <c>"recurrentWeight"</c>, <c>"outputWeight"</c> (each absent: <c>"weight"</c>).
/// </summary>
/// <remarks>
/// <para>The rule ROM stores <c>eta·table[i]</c> in the <em>weight's LSB scale</em>, so an additive update is
/// <c>w ← overflow(w + rom[addr])</c> with no multiplier; hence <see cref="RuleEntry"/> must have the weight's
/// fractional bits and be no wider than the weight.</para>
/// <para>With <see cref="StochasticBits"/> <c>s &gt; 0</c> (stochastic rounding of updates, DESIGN.md §5) the ROM word
/// keeps <c>s</c> fractional bits below the weight's LSB (<see cref="RuleEntry"/> has <c>fw + s</c> fractional bits) and an
/// additive update adds <c>floor((word + r) / 2^s)</c>, <c>r</c> the next <c>s</c> bits of the lifetime's
/// <see cref="XorShift32"/> generator (docs/fixed-point-network.md, "Stochastic rounding").</para>
/// <para>Per-group weight types (<see cref="WeightOf"/>): a group's weights, its products' fractional bits and its
/// updates use its own type; the ROM words of the table that updates it (<see cref="EntryOf"/>) have <see cref="RuleEntry"/>'s
/// width, rounding and overflow with that type's fractional bits (plus <c>s</c>), so every table is in its own weights'
/// LSB scale. The C# networks and the OpenCL kernel run them; consumers that take one weight type (the precision sweep)
/// call <see cref="RequireUniformWeights"/>, the RTL export checks <see cref="UniformWeights"/>.</para>
/// <para>The constructor validates; a copy made with <c>with</c> is validated where it is used (the network, the ROM)
/// or by <see cref="Validate()"/>.</para>
/// </remarks>
public sealed record PrecisionConfig
{
    /// <summary>The largest <see cref="StochasticBits"/>: the generator's top bits make <c>r</c>, and 24 leave 8 unused.</summary>
    public const int MaxStochasticBits = 24;

    private static readonly string[] Fields = ["input", "weight", "activation", "ruleEntry", "stochasticBits", "stochasticStreams", "inputWeight", "recurrentWeight", "outputWeight"];

    /// <summary>The synapse groups that may have a weight type of their own, with their JSON fields.</summary>
    private static readonly (string Synapses, string Field)[] Groups =
        [(PatternLayouts.Input, "inputWeight"), (PatternLayouts.Recurrent, "recurrentWeight"), (PatternLayouts.Output, "outputWeight")];

    /// <summary>Creates a config and validates it.</summary>
    /// <param name="input">Type of the quantized input features <c>x</c>.</param>
    /// <param name="weight">Type of every weight (<c>Win</c>, <c>Wg</c>, <c>Wout</c>).</param>
    /// <param name="activation">Type of the narrowed accumulators: the input projection <c>u</c>, the hidden state <c>h</c>,
    /// the recurrent operand <c>z = h + u</c>.</param>
    /// <param name="ruleEntry">Type of a rule ROM word (<c>Δw</c>), in the weight's LSB scale.</param>
    /// <exception cref="PrecisionConfigException">The types are inconsistent; <see cref="PrecisionConfigException.Field"/> names which.</exception>
    public PrecisionConfig(FixedType input, FixedType weight, FixedType activation, FixedType ruleEntry)
    {
        Input = input;
        Weight = weight;
        Activation = activation;
        RuleEntry = ruleEntry;
        Validate();
    }

    /// <summary>
    /// Input and weight <c>ap_fixed&lt;16,4,AP_RND_CONV,AP_SAT&gt;</c>, activation <c>ap_fixed&lt;32,12,AP_RND_CONV,AP_SAT&gt;</c>,
    /// rule entry <c>ap_fixed&lt;8,-4,AP_RND_CONV,AP_SAT&gt;</c> (8 bits with the weight's 12 fractional bits: steps of
    /// <c>2^-12</c> up to about ±0.031).
    /// </summary>
    public static PrecisionConfig Default { get; } = new(
        FixedType.Parse("ap_fixed<16,4,AP_RND_CONV,AP_SAT>"),
        FixedType.Parse("ap_fixed<16,4,AP_RND_CONV,AP_SAT>"),
        FixedType.Parse("ap_fixed<32,12,AP_RND_CONV,AP_SAT>"),
        FixedType.Parse("ap_fixed<8,-4,AP_RND_CONV,AP_SAT>"));

    /// <summary>Type of the quantized input features <c>x</c>; signed or unsigned (not unsigned 64-bit).</summary>
    public FixedType Input { get; init; }

    /// <summary>Type of every weight whose group has no type of its own; signed. Updates apply its overflow mode (and, when
    /// multiplicative, its rounding).</summary>
    public FixedType Weight { get; init; }

    /// <summary>Type of the input weights <c>Win</c>, or null for <see cref="Weight"/>.</summary>
    public FixedType? InputWeight { get; init; }

    /// <summary>Type of the recurrent weights <c>Wg</c>, or null for <see cref="Weight"/>.</summary>
    public FixedType? RecurrentWeight { get; init; }

    /// <summary>Type of the output weights <c>Wout</c>, or null for <see cref="Weight"/>.</summary>
    public FixedType? OutputWeight { get; init; }

    /// <summary>Whether every synapse group's weights have <see cref="Weight"/>'s type.</summary>
    public bool UniformWeights => WeightTypes.All(t => t == Weight);

    /// <summary>The input, recurrent and output weights' types (<see cref="WeightOf"/>), in that order.</summary>
    public IEnumerable<FixedType> WeightTypes => Groups.Select(g => WeightOf(g.Synapses));

    /// <summary>The per-group types the config names, with their JSON fields (<c>inputWeight</c>, …), in field order.</summary>
    public IEnumerable<(string Field, FixedType Type)> GroupWeightFields =>
        new[] { ("inputWeight", InputWeight), ("recurrentWeight", RecurrentWeight), ("outputWeight", OutputWeight) }
            .Where(g => g.Item2 is not null).Select(g => (g.Item1, g.Item2!));

    /// <summary>The per-group types for a one-line summary: <c>", recurrentWeight ap_fixed&lt;16,0,…&gt;"</c> for each, empty without any.</summary>
    public string GroupWeightTypesText => string.Concat(GroupWeightFields.Select(g => $", {g.Field} {g.Type}"));

    /// <summary>The type of the weights of synapse group <paramref name="synapses"/> (<c>input</c>, <c>recurrent</c>, <c>output</c>).</summary>
    /// <exception cref="ArgumentException">Not a pattern network's synapse group.</exception>
    public FixedType WeightOf(string synapses) => synapses switch
    {
        PatternLayouts.Input => InputWeight ?? Weight,
        PatternLayouts.Recurrent => RecurrentWeight ?? Weight,
        PatternLayouts.Output => OutputWeight ?? Weight,
        _ => throw new ArgumentException($"unknown synapse group '{synapses}'", nameof(synapses)),
    };

    /// <summary>
    /// The type of the ROM words of the table that updates synapse group <paramref name="synapses"/>: <see cref="RuleEntry"/>
    /// itself when the group has <see cref="Weight"/>'s fractional bits, else <see cref="RuleEntry"/>'s width, rounding
    /// and overflow with the group weight's fractional bits plus <see cref="StochasticBits"/> (its weights' LSB scale).
    /// </summary>
    public FixedType EntryOf(string synapses)
    {
        int frac = WeightOf(synapses).Format.FracBits + StochasticBits;
        return frac == RuleEntry.Format.FracBits
            ? RuleEntry
            : RuleEntry with { Format = new QFormat(true, RuleEntry.Format.Width, frac) };
    }

    /// <summary>Throws unless every group has <see cref="Weight"/>'s type: for consumers that implement one weight type.</summary>
    /// <param name="consumer">What cannot take per-group types, for the message (e.g. "The precision sweep").</param>
    /// <exception cref="PrecisionConfigException">A group has a type of its own.</exception>
    public void RequireUniformWeights(string consumer)
    {
        foreach (var (synapses, field) in Groups)
        {
            if (WeightOf(synapses) != Weight)
            {
                throw new PrecisionConfigException(
                    field,
                    $"{consumer} takes one weight type for every synapse group (drop \"{field}\")");
            }
        }
    }

    /// <summary>Type of the narrowed accumulators (<c>u</c>, <c>h</c>, <c>z</c>); signed.</summary>
    public FixedType Activation { get; init; }

    /// <summary>Type of a rule ROM word; signed, with <c>Weight.Format.FracBits</c> fractional bits and at most the weight's width.</summary>
    public FixedType RuleEntry { get; init; }

    /// <summary>
    /// Bits of each ROM word below the weight's LSB resolved by stochastic rounding (0..<see cref="MaxStochasticBits"/>;
    /// 0, the default, is plain round-to-word updates). <see cref="RuleEntry"/> then has <c>Weight.FracBits + s</c>
    /// fractional bits.
    /// </summary>
    public int StochasticBits { get; init; }

    /// <summary>
    /// Which generators stochastic rounding draws from: <see cref="Patterns.StochasticStreams.Single"/> (the default, one
    /// per lifetime) or <see cref="Patterns.StochasticStreams.PerNeuron"/> (one per hidden neuron, so that lanes updating
    /// neurons in parallel draw what the golden walk draws). Only with <see cref="StochasticBits"/> &gt; 0.
    /// </summary>
    public StochasticStreams StochasticStreams { get; init; }

    /// <summary>Says what is wrong with the config (the message of <see cref="Validate()"/>), or null when it is valid.</summary>
    public string? Problem => FieldProblem() is { } p ? $"{p.Field}: {p.Message}" : null;

    /// <summary>Throws when the config is inconsistent.</summary>
    /// <exception cref="PrecisionConfigException">The message and <see cref="PrecisionConfigException.Field"/> name the field.</exception>
    public void Validate()
    {
        if (FieldProblem() is { } p)
        {
            throw new PrecisionConfigException(p.Field, p.Message);
        }
    }

    /// <summary>
    /// Checks the config against a network: unless the activation overflows by saturating or wrapping (<c>AP_SAT</c>,
    /// <c>AP_WRAP</c>), the worst-case accumulated sum must fit the activation format (see <see cref="RequiredActivationIntBits"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The spec is invalid.</exception>
    /// <exception cref="PrecisionConfigException">The config is inconsistent, or the activation format is too narrow;
    /// the message names the integer bits it needs.</exception>
    public void Validate(PatternNetworkSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        Validate();
        if (Activation.Overflow is Overflow.Sat or Overflow.Wrap)
        {
            return;
        }

        int needed = RequiredActivationIntBits(spec);
        if (needed > Activation.Format.IntBits)
        {
            throw new PrecisionConfigException(
                "activation",
                $"{Activation} cannot hold the worst-case accumulated sum of {Math.Max(spec.Inputs, spec.Hidden)} terms " +
                $"|weight|max·|operand|max; it needs {needed} integer bits, not {Activation.Format.IntBits}. The recurrent " +
                "operand is itself an activation, so a wider format needs more still unless Hidden·|weight|max < 1/2; " +
                "overflow with AP_SAT or AP_WRAP instead");
        }
    }

    /// <summary>
    /// The integer bits (sign included) a signed activation format with <c>Activation.Format.FracBits</c> fractional bits
    /// needs to hold the worst-case accumulated sum: <c>max(Inputs, Hidden)</c> terms of <c>|weight|max · |operand|max</c>,
    /// where the operand is an input or a recurrent operand <c>h + u</c> (an activation plus an activation).
    /// </summary>
    /// <remarks>
    /// The recurrent operand grows with the activation format, so widening it helps only when
    /// <c>Hidden·|weight|max &lt; 1/2</c>; in practice an activation that must never overflow cannot exist, and
    /// <see cref="Validate(PatternNetworkSpec)"/> therefore asks for AP_SAT or AP_WRAP, whose overflow is exactly defined.
    /// Conservative by design: every term at its extreme at once, and the recurrent operand counted before it is narrowed
    /// back into the activation format. <c>|weight|max = 2^(Ww−1)·2^-fw</c> (the magnitude of <c>MinRaw</c>), likewise for
    /// signed inputs and activations; an unsigned input's is <c>(2^Wx − 1)·2^-fx</c>. A sum that is not a whole number of
    /// activation LSBs is rounded up.
    /// </remarks>
    public int RequiredActivationIntBits(PatternNetworkSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Validate();
        var a = Activation.Format;
        var x = Input.Format;

        // Operand: max(|x|max, 2·|a|max), exactly, at a common number of fractional bits.
        int opFrac = Math.Max(x.FracBits, a.FracBits);
        BigInteger xMax = MaxMagnitude(x) << (opFrac - x.FracBits);
        BigInteger zMax = (BigInteger.One << a.Width) << (opFrac - a.FracBits);
        BigInteger operand = BigInteger.Max(xMax, zMax);

        // Bound = fanIn · |w|max · operand at w.FracBits + opFrac fractional bits; in activation LSBs, rounded up; the
        // largest over the input and recurrent weights' types.
        int needed = int.MinValue;
        foreach (var w in new[] { WeightOf(PatternLayouts.Input).Format, WeightOf(PatternLayouts.Recurrent).Format })
        {
            BigInteger bound = Math.Max(spec.Inputs, spec.Hidden) * MaxMagnitude(w) * operand;
            int shift = a.FracBits - (w.FracBits + opFrac);
            BigInteger inLsbs = shift >= 0 ? bound << shift : CeilShiftRight(bound, -shift);
            needed = Math.Max(needed, (int)inLsbs.GetBitLength() + 1 - a.FracBits);
        }

        return needed;
    }

    /// <summary>
    /// The width in bits of a signed accumulator that holds every exact (unnarrowed) sum the network forms: the input
    /// projection (<c>Inputs</c> products weight·input), the recurrent sum and the logits (<c>Hidden</c> products
    /// weight·activation each). Hardware and kernels that accumulate exactly need this many bits.
    /// </summary>
    public int AccumulatorBits(PatternNetworkSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Validate();
        BigInteger input = spec.Inputs * MaxMagnitude(WeightOf(PatternLayouts.Input).Format) * MaxMagnitude(Input.Format);
        BigInteger hidden = spec.Hidden * BigInteger.Max(MaxMagnitude(WeightOf(PatternLayouts.Recurrent).Format), MaxMagnitude(WeightOf(PatternLayouts.Output).Format))
            * MaxMagnitude(Activation.Format);
        return (int)BigInteger.Max(input, hidden).GetBitLength() + 1;
    }

    /// <summary>The config as indented JSON, each type in its <c>ap_fixed&lt;W,I,Q,O&gt;</c> spelling; ends with a newline.</summary>
    public string ToJson()
    {
        Validate();
        using var stream = new MemoryStream();
        // Relaxed escaping keeps '<' and '>' readable; the file is data, never embedded in HTML.
        var options = new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using (var writer = new Utf8JsonWriter(stream, options))
        {
            writer.WriteStartObject();
            writer.WriteString("input", Input.ToString());
            writer.WriteString("weight", Weight.ToString());
            writer.WriteString("activation", Activation.ToString());
            writer.WriteString("ruleEntry", RuleEntry.ToString());
            if (StochasticBits != 0)
            {
                writer.WriteNumber("stochasticBits", StochasticBits);
            }

            if (StochasticStreams != StochasticStreams.Single)
            {
                writer.WriteString("stochasticStreams", JsonNamingPolicy.CamelCase.ConvertName(StochasticStreams.ToString()));
            }

            foreach (var (field, type) in GroupWeightFields)
            {
                writer.WriteString(field, type.ToString());
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>
    /// Parses and validates a config strictly (<see cref="StrictJson"/>): the four types are required strings,
    /// <c>stochasticBits</c> an optional integer (default 0), <c>stochasticStreams</c> an optional <c>"single"</c> or
    /// <c>"perNeuron"</c> (default single), <c>inputWeight</c>, <c>recurrentWeight</c>, <c>outputWeight</c> optional type
    /// strings (default: <c>weight</c>); unknown and duplicate fields, other value kinds and invalid UTF-8 are rejected.
    /// </summary>
    /// <exception cref="PrecisionConfigException">The JSON is malformed, a field is missing, unknown or unparsable, or the
    /// types are inconsistent; <see cref="PrecisionConfigException.Field"/> names the field.</exception>
    public static PrecisionConfig FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return FromModel(Parse(() => StrictJson.Deserialize<PrecisionConfigJson>(json, "precision config")));
    }

    /// <summary>Reads and validates a config file (UTF-8, at most <see cref="StrictJson.DefaultMaxBytes"/>).</summary>
    /// <exception cref="PrecisionConfigException">The file cannot be read or breaks the schema; the message starts with the path.</exception>
    public static PrecisionConfig Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            return FromModel(Parse(() => StrictJson.ReadFile<PrecisionConfigJson>(path)));
        }
        catch (PrecisionConfigException e)
        {
            throw new PrecisionConfigException(path, e.Field, e.DetailMessage);
        }
    }

    /// <summary>Writes <see cref="ToJson"/> to a file atomically.</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, ToJson());

    /// <summary>The JSON model: four type spellings, all required, and the optional stochastic-rounding bits and streams.</summary>
    private sealed record PrecisionConfigJson(
        string Input,
        string Weight,
        string Activation,
        string RuleEntry,
        int StochasticBits = 0,
        StochasticStreams StochasticStreams = StochasticStreams.Single,
        string? InputWeight = null,
        string? RecurrentWeight = null,
        string? OutputWeight = null);

    private static PrecisionConfigJson Parse(Func<PrecisionConfigJson> read)
    {
        try
        {
            return read();
        }
        catch (JsonInputException e)
        {
            // "required member 'weight' is missing" belongs to the field, not to the document.
            if (e.JsonPath is null && e.Problem.StartsWith("required member '", StringComparison.Ordinal)
                && e.Problem.IndexOf('\'', "required member '".Length) is var close and > 0
                && e.Problem["required member '".Length..close] is var name && Fields.Contains(name, StringComparer.Ordinal))
            {
                throw new PrecisionConfigException(name, $"missing; expected a type such as \"{Default.Weight}\"");
            }

            throw new PrecisionConfigException(e.JsonPath ?? "$", e.Problem);
        }
    }

    private static PrecisionConfig FromModel(PrecisionConfigJson model)
    {
        var config = new PrecisionConfig(Default)
        {
            Input = TypeField("input", model.Input),
            Weight = TypeField("weight", model.Weight),
            Activation = TypeField("activation", model.Activation),
            RuleEntry = TypeField("ruleEntry", model.RuleEntry),
            StochasticBits = model.StochasticBits,
            StochasticStreams = model.StochasticStreams,
            InputWeight = model.InputWeight is null ? null : TypeField("inputWeight", model.InputWeight),
            RecurrentWeight = model.RecurrentWeight is null ? null : TypeField("recurrentWeight", model.RecurrentWeight),
            OutputWeight = model.OutputWeight is null ? null : TypeField("outputWeight", model.OutputWeight),
        };
        config.Validate();
        return config;
    }

    private static FixedType TypeField(string name, string text)
    {
        try
        {
            return FixedType.Parse(text);
        }
        catch (FormatException e)
        {
            throw new PrecisionConfigException(name, e.Message);
        }
    }

    private (string Field, string Message)? FieldProblem()
    {
        if (Input is null || Weight is null || Activation is null || RuleEntry is null)
        {
            string field = Input is null ? "input" : Weight is null ? "weight" : Activation is null ? "activation" : "ruleEntry";
            return (field, "is null");
        }

        foreach (var (field, type) in new[] { ("input", Input), ("weight", Weight), ("activation", Activation), ("ruleEntry", RuleEntry) }.Concat(GroupWeightFields))
        {
            if (type.Format.Width == 0)
            {
                return (field, "has no format (default(QFormat))");
            }

            if (!Enum.IsDefined(type.Rounding) || !Enum.IsDefined(type.Overflow))
            {
                return (field, $"has an unknown rounding ({type.Rounding}) or overflow ({type.Overflow}) mode");
            }
        }

        if (!Input.Format.Signed && Input.Format.Width == QFormat.MaxWidth)
        {
            return ("input", $"must not be unsigned 64-bit (raw values are longs), not {Input}");
        }

        if (!Weight.Format.Signed)
        {
            return ("weight", $"must be signed (updates move weights both ways), not {Weight}");
        }

        if (!Activation.Format.Signed)
        {
            return ("activation", $"must be signed (the input projection can be negative), not {Activation}");
        }

        if (!RuleEntry.Format.Signed)
        {
            return ("ruleEntry", $"must be signed (rule entries can be negative), not {RuleEntry}");
        }

        if (StochasticBits is < 0 or > MaxStochasticBits)
        {
            return ("stochasticBits", string.Create(CultureInfo.InvariantCulture, $"must be 0..{MaxStochasticBits}, not {StochasticBits}"));
        }

        if (!Enum.IsDefined(StochasticStreams))
        {
            return ("stochasticStreams", string.Create(CultureInfo.InvariantCulture, $"must be single or perNeuron, not {(int)StochasticStreams}"));
        }

        if (StochasticStreams != StochasticStreams.Single && StochasticBits == 0)
        {
            return ("stochasticStreams", "perNeuron needs stochasticBits > 0 (the streams draw the bits of stochastic rounding)");
        }

        int s = StochasticBits;
        if (s == 0 && RuleEntry.Format.FracBits != Weight.Format.FracBits)
        {
            return ("ruleEntry", string.Create(
                CultureInfo.InvariantCulture,
                $"must have the weight's {Weight.Format.FracBits} fractional bits (the ROM is in the weight's LSB scale), not {RuleEntry.Format.FracBits}"));
        }

        if (s > 0 && RuleEntry.Format.FracBits != Weight.Format.FracBits + s)
        {
            return ("ruleEntry", string.Create(
                CultureInfo.InvariantCulture,
                $"must have the weight's {Weight.Format.FracBits} fractional bits plus stochasticBits {s} = {Weight.Format.FracBits + s} (the ROM word keeps {s} bits below the weight's LSB), not {RuleEntry.Format.FracBits}"));
        }

        if (RuleEntry.Format.Width > Weight.Format.Width + s)
        {
            return ("ruleEntry", s == 0
                ? string.Create(CultureInfo.InvariantCulture, $"must be at most the weight's {Weight.Format.Width} bits wide, not {RuleEntry.Format.Width}")
                : string.Create(CultureInfo.InvariantCulture, $"must be at most the weight's {Weight.Format.Width} bits plus stochasticBits {s} = {Weight.Format.Width + s} wide, not {RuleEntry.Format.Width}"));
        }

        foreach (var (synapses, field) in Groups)
        {
            var group = WeightOf(synapses);
            if (!group.Format.Signed)
            {
                return (field, $"must be signed (updates move weights both ways), not {group}");
            }

            if (RuleEntry.Format.Width > group.Format.Width + s)
            {
                return (field, string.Create(
                    CultureInfo.InvariantCulture,
                    $"must be at least ruleEntry's {RuleEntry.Format.Width} bits{(s == 0 ? "" : $" minus stochasticBits {s}")} wide (its table's ROM words have ruleEntry's width in this type's LSB scale), not {group.Format.Width}"));
            }

            if (QFormat.Problem(RuleEntry.Format.Width, group.Format.FracBits + s) is { } problem)
            {
                return (field, $"gives its table's ROM words an impossible format: {problem}");
            }
        }

        return null;
    }

    /// <summary>The largest raw magnitude of a format: <c>2^(W−1)</c> (that of <c>MinRaw</c>) if signed, else <c>2^W − 1</c>.</summary>
    private static BigInteger MaxMagnitude(QFormat format) =>
        format.Signed ? BigInteger.One << (format.Width - 1) : (BigInteger.One << format.Width) - 1;

    private static BigInteger CeilShiftRight(BigInteger value, int shift)
    {
        BigInteger divisor = BigInteger.One << shift;
        return (value + divisor - 1) / divisor;
    }
}
