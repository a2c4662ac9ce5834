using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Neuro.FixedPointSim.Patterns;
using Neuro.Rules.Hebbian;

namespace Neuro.FixedPointSim.Hebbian;

/// <summary>
/// The fixed-point types of a <see cref="FixedHebbianNetwork"/>: the weight type of each layer, the widths of the quantized
/// activities (input pixels, hidden activities, activity traces; the teacher is 1 bit), and the types of the two ROMs
/// a layer compiles to (<see cref="HebbianRom"/>).
/// </summary>
/// <remarks>
/// <para>The <c>add</c> ROM holds <c>a(p, q)</c> with <c>RuleEntry.FracBits</c> at least each weight's fractional bits:
/// the <c>s = RuleEntry.FracBits − weight.FracBits</c> bits below a weight's LSB are resolved by stochastic rounding
/// (DESIGN.md §5), so 8-bit weights can learn from steps far below one LSB; <c>s = 0</c> is a plain add.
/// The <c>multiply</c> ROM holds <c>−s(q, ā)</c> in <see cref="ScaleEntry"/>, at least <c>RuleEntry</c>'s fractional bits.
/// The layers have their own weight types because their weights live on different scales: the input weights start as
/// <c>N(0, 1/inputs)</c> draws (about ±0.1 for MNIST), the output weights grow toward mean activities (up to about 1).</para>
/// <para>JSON: <c>{ "hiddenWeight": "ap_fixed&lt;8,-2,AP_RND_CONV,AP_SAT&gt;", "outputWeight": …, "ruleEntry": …,
/// "scaleEntry": …, "inputBits": 4, "hiddenBits": 4, "traceBits": 4 }</c>, all required, unknown and duplicate members
/// rejected; optional <c>"stochasticDraws": "perSynapse"</c> (the default) or <c>"perPre"</c> (<see cref="HebbianDraws"/>).</para>
/// </remarks>
public sealed record HebbianPrecision
{
    private static readonly JsonSerializerOptions WriteOptions = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The input → hidden weight type: signed, at most 32 bits; updates apply its overflow mode; the initial weights are rounded with its rounding mode.</summary>
    public required FixedType HiddenWeight { get; init; }

    /// <summary>The hidden → output weight type: signed, at most 32 bits; updates apply its overflow mode.</summary>
    public required FixedType OutputWeight { get; init; }

    /// <summary>The <c>add</c> ROM word type: signed, at least each weight's fractional bits (at most 24 more), at most 32 bits wide.</summary>
    public required FixedType RuleEntry { get; init; }

    /// <summary>The <c>multiply</c> ROM word type: signed, at least <see cref="RuleEntry"/>'s fractional bits, at most 32 bits wide.</summary>
    public required FixedType ScaleEntry { get; init; }

    /// <summary>
    /// How the stochastic-rounding draws are spent (<see cref="HebbianDraws"/>): one per synapse update (the default, and
    /// what the RTL export implements) or one per presynaptic neuron per layer and sample, shared by every synapse it feeds.
    /// </summary>
    public HebbianDraws StochasticDraws { get; init; } = HebbianDraws.PerSynapse;

    /// <summary>Bits of a quantized input feature (the hidden layer's pre signal), 1..8.</summary>
    public required int InputBits { get; init; }

    /// <summary>Bits of a quantized hidden activity (the hidden layer's post and the output layer's pre signal), 1..8.</summary>
    public required int HiddenBits { get; init; }

    /// <summary>Bits of a quantized activity trace (the multiply ROM's second field), 1..8.</summary>
    public required int TraceBits { get; init; }

    /// <summary>
    /// 8-bit weights: input → hidden <c>ap_fixed&lt;8,-2,AP_RND_CONV,AP_SAT&gt;</c> (±1/8, LSB <c>2^-10</c>), hidden →
    /// output <c>ap_fixed&lt;8,1,AP_RND_CONV,AP_SAT&gt;</c> (±1, LSB <c>2^-7</c>); add words
    /// <c>ap_fixed&lt;24,-2,AP_RND_CONV,AP_SAT&gt;</c> (26 fractional bits: 16 and 19 stochastic-rounding bits below the
    /// weights' LSBs; steps up to ±1/8); multiply words <c>ap_fixed&lt;24,-2,AP_RND_CONV,AP_SAT&gt;</c>; 4-bit inputs,
    /// hidden activities and traces (256-word add ROMs).
    /// </summary>
    public static HebbianPrecision Default { get; } = new()
    {
        HiddenWeight = FixedType.Parse("ap_fixed<8,-2,AP_RND_CONV,AP_SAT>"),
        OutputWeight = FixedType.Parse("ap_fixed<8,1,AP_RND_CONV,AP_SAT>"),
        RuleEntry = FixedType.Parse("ap_fixed<24,-2,AP_RND_CONV,AP_SAT>"),
        ScaleEntry = FixedType.Parse("ap_fixed<24,-2,AP_RND_CONV,AP_SAT>"),
        InputBits = 4,
        HiddenBits = 4,
        TraceBits = 4,
    };

    /// <summary>Bits below a weight's LSB resolved by stochastic rounding, <c>RuleEntry.FracBits − weight.FracBits</c>.</summary>
    public int StochasticBits(FixedType weight)
    {
        ArgumentNullException.ThrowIfNull(weight);
        return RuleEntry.Format.FracBits - weight.Format.FracBits;
    }

    /// <summary>
    /// The arithmetic right shift that brings the product <c>w·m</c> of a weight raw of <paramref name="weight"/> and a
    /// <see cref="ScaleEntry"/> word to the <see cref="RuleEntry"/> word's fractional bits:
    /// <c>weight.FracBits + ScaleEntry.FracBits − RuleEntry.FracBits</c>.
    /// </summary>
    public int ScaleShift(FixedType weight)
    {
        ArgumentNullException.ThrowIfNull(weight);
        return weight.Format.FracBits + ScaleEntry.Format.FracBits - RuleEntry.Format.FracBits;
    }

    /// <summary>Says what is wrong (naming the field), or null when the config is valid.</summary>
    public string? Problem
    {
        get
        {
            foreach (var (name, weight) in new[] { ("hiddenWeight", HiddenWeight), ("outputWeight", OutputWeight) })
            {
                if (!weight.Format.Signed || weight.Format.Width > 32)
                {
                    return $"{name}: must be signed and at most 32 bits wide, not {weight}";
                }

                if (StochasticBits(weight) is < 0 or > 24)
                {
                    return $"ruleEntry: must have 0..24 fractional bits more than the {name}'s {weight.Format.FracBits}, not {RuleEntry.Format.FracBits} ({RuleEntry})";
                }
            }

            if (!RuleEntry.Format.Signed || RuleEntry.Format.Width > 32)
            {
                return $"ruleEntry: must be signed and at most 32 bits wide, not {RuleEntry}";
            }

            if (!ScaleEntry.Format.Signed || ScaleEntry.Format.Width > 32 || ScaleEntry.Format.FracBits < RuleEntry.Format.FracBits || ScaleEntry.Format.FracBits > 62)
            {
                return $"scaleEntry: must be signed, at most 32 bits wide, with {RuleEntry.Format.FracBits}..62 fractional bits, not {ScaleEntry}";
            }

            return InputBits is < 1 or > 8 ? $"inputBits: must be 1..8, not {InputBits}"
                : HiddenBits is < 1 or > 8 ? $"hiddenBits: must be 1..8, not {HiddenBits}"
                : TraceBits is < 1 or > 8 ? $"traceBits: must be 1..8, not {TraceBits}"
                : null;
        }
    }

    /// <summary>Throws when the config is invalid.</summary>
    /// <exception cref="PrecisionConfigException">The message names the field.</exception>
    public void Validate()
    {
        if (Problem is { } problem)
        {
            int colon = problem.IndexOf(':', StringComparison.Ordinal);
            throw new PrecisionConfigException(problem[..colon], problem[(colon + 2)..]);
        }
    }

    /// <summary>The input quantization.</summary>
    public ActivityLevels Input => new(InputBits);

    /// <summary>The hidden-activity quantization.</summary>
    public ActivityLevels HiddenActivity => new(HiddenBits);

    /// <summary>The trace quantization.</summary>
    public ActivityLevels Trace => new(TraceBits);

    /// <summary>The teacher's quantization: 1 bit (0 or 1, both exact).</summary>
    public static ActivityLevels Teacher => new(1);

    /// <summary>The config as indented JSON; ends with a newline.</summary>
    public string ToJson()
    {
        Validate();
        var model = new Model
        {
            HiddenWeight = HiddenWeight.ToString(),
            OutputWeight = OutputWeight.ToString(),
            RuleEntry = RuleEntry.ToString(),
            ScaleEntry = ScaleEntry.ToString(),
            InputBits = InputBits,
            HiddenBits = HiddenBits,
            TraceBits = TraceBits,
            StochasticDraws = StochasticDraws == HebbianDraws.PerSynapse ? null : DrawsName(StochasticDraws),
        };
        return JsonSerializer.Serialize(model, WriteOptions) + "\n";
    }

    /// <summary>Parses and validates a config.</summary>
    /// <exception cref="PrecisionConfigException">The JSON is malformed, a member is missing, unknown, repeated or unparsable, or the types are inconsistent; the message names the field.</exception>
    public static HebbianPrecision FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        Model model;
        try
        {
            model = JsonSerializer.Deserialize<Model>(json, JsonSerializerOptions.Strict) ?? throw new PrecisionConfigException("$", "expected an object, found null");
        }
        catch (JsonException e)
        {
            string message = e.Message;
            int cut = message.IndexOf(" Path:", StringComparison.Ordinal);
            throw new PrecisionConfigException(string.IsNullOrEmpty(e.Path) ? "$" : e.Path, cut > 0 ? message[..cut] : message);
        }

        var config = new HebbianPrecision
        {
            HiddenWeight = Type(model.HiddenWeight, "hiddenWeight"),
            OutputWeight = Type(model.OutputWeight, "outputWeight"),
            RuleEntry = Type(model.RuleEntry, "ruleEntry"),
            ScaleEntry = Type(model.ScaleEntry, "scaleEntry"),
            InputBits = model.InputBits,
            HiddenBits = model.HiddenBits,
            TraceBits = model.TraceBits,
            StochasticDraws = Draws(model.StochasticDraws),
        };
        config.Validate();
        return config;
    }

    /// <summary>Reads and validates a config file.</summary>
    /// <exception cref="PrecisionConfigException">The file cannot be read or breaks the schema; the message starts with the path.</exception>
    public static HebbianPrecision Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PrecisionConfigException(path, "$", $"cannot read the precision config: {e.Message}");
        }

        try
        {
            return FromJson(text);
        }
        catch (PrecisionConfigException e)
        {
            throw new PrecisionConfigException(path, e.Field, e.DetailMessage);
        }
    }

    /// <summary>The JSON name of <paramref name="draws"/>.</summary>
    public static string DrawsName(HebbianDraws draws) => DrawsNames[(int)draws];

    /// <summary>The JSON names of <see cref="HebbianDraws"/>, in the enum's order.</summary>
    private static readonly string[] DrawsNames = ["perSynapse", "perPre"];

    private static HebbianDraws Draws(string? name)
    {
        if (name is null)
        {
            return HebbianDraws.PerSynapse;
        }

        int index = Array.IndexOf(DrawsNames, name);
        return index >= 0 ? (HebbianDraws)index
            : throw new PrecisionConfigException("stochasticDraws", $"must be {string.Join(" or ", DrawsNames.Select(n => $"\"{n}\""))}, not \"{name}\"");
    }

    private static FixedType Type(string text, string field)
    {
        try
        {
            return FixedType.Parse(text);
        }
        catch (FormatException e)
        {
            throw new PrecisionConfigException(field, e.Message);
        }
    }

    private sealed class Model
    {
        [JsonPropertyName("hiddenWeight")]
        public required string HiddenWeight { get; init; }

        [JsonPropertyName("outputWeight")]
        public required string OutputWeight { get; init; }

        [JsonPropertyName("ruleEntry")]
        public required string RuleEntry { get; init; }

        [JsonPropertyName("scaleEntry")]
        public required string ScaleEntry { get; init; }

        [JsonPropertyName("inputBits")]
        public required int InputBits { get; init; }

        [JsonPropertyName("hiddenBits")]
        public required int HiddenBits { get; init; }

        [JsonPropertyName("traceBits")]
        public required int TraceBits { get; init; }

        [JsonPropertyName("stochasticDraws")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? StochasticDraws { get; init; }
    }
}
