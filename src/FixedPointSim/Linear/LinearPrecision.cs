using System.Text.Json;
using Neuro.Rules;
using Neuro.Rules.Json;

namespace Neuro.FixedPointSim.Linear;

/// <summary>
/// The fixed-point types of the EMNN model <c>y = W·x + b</c>: the input <c>x</c>, the weight and bias
/// (<c>W</c>, <c>b</c>), and the output <c>y</c>. JSON: <c>{ "input": "ap_fixed&lt;8,3&gt;", "weight": …, "output": … }</c>,
/// each a <see cref="FixedType.ToString"/> spelling; all three required, nothing else allowed.
/// </summary>
/// <param name="Input">Type the inputs are quantized into.</param>
/// <param name="Weight">Type of W and b: an evolved double becomes a weight by this type's rounding and overflow.</param>
/// <param name="Output">Type <c>W·x + b</c> (formed exactly) is narrowed into.</param>
public sealed record LinearPrecision(FixedType Input, FixedType Weight, FixedType Output)
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Input <c>ap_fixed&lt;8,3,AP_RND_CONV,AP_SAT&gt;</c> (±4 in steps of 1/32), weight
    /// <c>ap_fixed&lt;12,4,AP_RND_CONV,AP_SAT&gt;</c> (±8 in steps of 1/256), output
    /// <c>ap_fixed&lt;24,8,AP_RND_CONV,AP_SAT&gt;</c> (16 fractional bits: every product of an input and a weight is exact).
    /// </summary>
    public static LinearPrecision Default { get; } = new(
        FixedType.Parse("ap_fixed<8,3,AP_RND_CONV,AP_SAT>"),
        FixedType.Parse("ap_fixed<12,4,AP_RND_CONV,AP_SAT>"),
        FixedType.Parse("ap_fixed<24,8,AP_RND_CONV,AP_SAT>"));

    /// <summary>The config as indented JSON, each type in its <c>ap_fixed&lt;W,I,Q,O&gt;</c> spelling, ending with a newline.</summary>
    public string ToJson() =>
        JsonSerializer.Serialize(new Model(Input.ToString(), Weight.ToString(), Output.ToString()), Indented) + "\n";

    /// <summary>Parses a config; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="JsonInputException">Malformed JSON, a missing, unknown, duplicate or null member, or a type that does not parse; the message names the member.</exception>
    public static LinearPrecision FromJson(string json, string source = "precision") => FromModel(StrictJson.Deserialize<Model>(json, source), source);

    /// <summary>Reads a config file.</summary>
    /// <exception cref="JsonInputException">The file cannot be read or breaks the schema; the message starts with the path.</exception>
    public static LinearPrecision Load(string path) => FromModel(StrictJson.ReadFile<Model>(path), path);

    /// <summary>Writes <see cref="ToJson"/> to a file atomically.</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, ToJson());

    private static LinearPrecision FromModel(Model model, string source) =>
        new(Type(model.Input, "input", source), Type(model.Weight, "weight", source), Type(model.Output, "output", source));

    private static FixedType Type(string text, string member, string source)
    {
        try
        {
            return FixedType.Parse(text);
        }
        catch (FormatException e)
        {
            throw new JsonInputException(source, member, e.Message);
        }
    }

    private sealed record Model(string Input, string Weight, string Output);
}
