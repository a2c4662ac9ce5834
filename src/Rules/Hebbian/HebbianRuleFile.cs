using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Neuro.Rules.Json;
using Neuro.Rules.Patterns;

namespace Neuro.Rules.Hebbian;

/// <summary>
/// Reads and writes <c>rule.json</c> for the <c>hebbian</c> family (<c>"format": "neuro-rule/2"</c>; schema in
/// docs/file-formats.md). Reading is strict (<see cref="StrictJson"/>): unknown members, duplicate members, missing
/// required members and nulls are errors, and every number must be finite; each error names the file and JSON path.
/// </summary>
public static class HebbianRuleFile
{
    /// <summary>The <c>format</c> value of the rule files this reader takes.</summary>
    public const string Format = "neuro-rule/2";

    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Reads and validates a rule file.</summary>
    /// <exception cref="JsonInputException">The file cannot be read, is of another family, or breaks the schema; the message names the file and the JSON path.</exception>
    public static (HebbianRule Rule, RuleProvenance? Provenance) Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        CheckHeader(RuleFileHeader.Read(path), path);
        return FromModel(StrictJson.ReadFile<FileModel>(path, RuleFileHeader.MaxBytes), path);
    }

    /// <summary>Parses and validates rule JSON; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="JsonInputException">The JSON is of another family or breaks the schema.</exception>
    public static (HebbianRule Rule, RuleProvenance? Provenance) Parse(string json, string source = "rule JSON")
    {
        ArgumentNullException.ThrowIfNull(json);
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(json);
        CheckHeader(RuleFileHeader.Parse(bytes, source), source);
        return FromModel(StrictJson.Deserialize<FileModel>(bytes, source), source);
    }

    private static void CheckHeader(RuleFileHeader header, string source)
    {
        if (header.Family != HebbianRule.Family)
        {
            throw new JsonInputException(source, "family", $"the rule is of family '{header.Family}'; this needs a '{HebbianRule.Family}' rule");
        }
    }

    private static (HebbianRule, RuleProvenance?) FromModel(FileModel model, string source)
    {
        if (model.Format != Format)
        {
            throw new JsonInputException(source, "format", $"must be '{Format}', not '{model.Format}'");
        }

        var rule = new HebbianRule(Layer(model.Layers.Hidden, "layers.hidden", source), Layer(model.Layers.Output, "layers.output", source));
        return (rule, model.Provenance is { } p ? Provenance(p) : null);
    }

    /// <summary>Writes a rule file atomically.</summary>
    public static void Write(string path, HebbianRule rule, RuleProvenance? provenance) => AtomicFile.WriteAllText(path, Serialize(rule, provenance));

    /// <summary>The rule as indented JSON, numbers in shortest round-trip form; ends with a newline.</summary>
    /// <exception cref="ArgumentException">The rule is invalid.</exception>
    public static string Serialize(HebbianRule rule, RuleProvenance? provenance)
    {
        ArgumentNullException.ThrowIfNull(rule);
        rule.Validate();
        var model = new FileModel
        {
            Format = Format,
            Family = HebbianRule.Family,
            Layers = new LayersModel { Hidden = LayerModel.Of(rule.Hidden), Output = LayerModel.Of(rule.Output) },
            Provenance = provenance is null ? null : ProvenanceModel.Of(provenance),
        };
        return JsonSerializer.Serialize(model, WriteOptions) + "\n";
    }

    private static HebbianLayerRule Layer(LayerModel m, string field, string source)
    {
        var layer = new HebbianLayerRule(m.Eta, m.A, m.B, m.C, m.D, m.E, m.F, m.G, m.TraceShift);
        return layer.Problem is { } problem ? throw new JsonInputException(source, field, problem) : layer;
    }

    private static RuleProvenance Provenance(ProvenanceModel p) =>
        new(p.Seed, p.Algorithm, p.Task, p.Fitness)
        {
            Extra = new SortedDictionary<string, string>(
                (p.Extra ?? []).ToDictionary(kv => kv.Key, kv => kv.Value.GetRawText()),
                StringComparer.Ordinal),
        };

    private sealed class FileModel
    {
        [JsonPropertyName("format")]
        public required string Format { get; init; }

        [JsonPropertyName("family")]
        public required string Family { get; init; }

        [JsonPropertyName("layers")]
        public required LayersModel Layers { get; init; }

        [JsonPropertyName("provenance")]
        public ProvenanceModel? Provenance { get; init; }
    }

    private sealed class LayersModel
    {
        [JsonPropertyName("hidden")]
        public required LayerModel Hidden { get; init; }

        [JsonPropertyName("output")]
        public required LayerModel Output { get; init; }
    }

    private sealed class LayerModel
    {
        [JsonPropertyName("eta")]
        public required double Eta { get; init; }

        [JsonPropertyName("A")]
        public required double A { get; init; }

        [JsonPropertyName("B")]
        public required double B { get; init; }

        [JsonPropertyName("C")]
        public required double C { get; init; }

        [JsonPropertyName("D")]
        public required double D { get; init; }

        [JsonPropertyName("E")]
        public required double E { get; init; }

        [JsonPropertyName("F")]
        public required double F { get; init; }

        [JsonPropertyName("G")]
        public required double G { get; init; }

        [JsonPropertyName("traceShift")]
        public required int TraceShift { get; init; }

        public static LayerModel Of(HebbianLayerRule r) =>
            new() { Eta = r.Eta, A = r.A, B = r.B, C = r.C, D = r.D, E = r.E, F = r.F, G = r.G, TraceShift = r.TraceShift };
    }

    private sealed class ProvenanceModel
    {
        [JsonPropertyName("seed")]
        public required long Seed { get; init; }

        [JsonPropertyName("algorithm")]
        public required string Algorithm { get; init; }

        [JsonPropertyName("task")]
        public required string Task { get; init; }

        [JsonPropertyName("fitness")]
        public required double Fitness { get; init; }

        [JsonExtensionData]
        public Dictionary<string, JsonElement>? Extra { get; set; }

        public static ProvenanceModel Of(RuleProvenance p)
        {
            var extra = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var (key, raw) in p.Extra)
            {
                using var doc = JsonDocument.Parse(raw);
                extra[key] = doc.RootElement.Clone();
            }

            return new() { Seed = p.Seed, Algorithm = p.Algorithm, Task = p.Task, Fitness = p.Fitness, Extra = extra.Count == 0 ? null : extra };
        }
    }
}
