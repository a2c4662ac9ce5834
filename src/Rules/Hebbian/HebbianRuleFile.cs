using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Neuro.Rules.Patterns;

namespace Neuro.Rules.Hebbian;

/// <summary>
/// Reads and writes <c>rule.json</c> for the <c>hebbian</c> family (<c>"format": "neuro-rule/2"</c>; schema in
/// docs/file-formats.md). Reading is strict: typed models under <see cref="JsonSerializerOptions.Strict"/>, so unknown
/// members, duplicate members, missing required members and nulls are errors, and every number must be finite; each
/// error names the field.
/// </summary>
public static class HebbianRuleFile
{
    /// <summary>The <c>format</c> value of the rule files this reader takes.</summary>
    public const string Format = "neuro-rule/2";

    private static readonly JsonSerializerOptions ReadOptions = new(JsonSerializerOptions.Strict);

    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Reads and validates a rule file.</summary>
    /// <exception cref="RuleFileException">The file cannot be read, is of another family, or breaks the schema; the message starts with the file and field.</exception>
    public static (HebbianRule Rule, RuleProvenance? Provenance) Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RuleFileException(path, $"cannot read the rule file: {e.Message}");
        }

        try
        {
            return Parse(text);
        }
        catch (RuleFileException e)
        {
            throw new RuleFileException($"{path}: {e.Field}", e.Message[(e.Field.Length + 2)..]);
        }
    }

    /// <summary>Parses and validates rule JSON.</summary>
    /// <exception cref="RuleFileException">The JSON is of another family or breaks the schema; <see cref="RuleFileException.Field"/> names where.</exception>
    public static (HebbianRule Rule, RuleProvenance? Provenance) Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        CheckFamily(json);
        FileModel model;
        try
        {
            model = JsonSerializer.Deserialize<FileModel>(json, ReadOptions) ?? throw new RuleFileException("$", "expected an object, found null");
        }
        catch (JsonException e)
        {
            throw new RuleFileException(Field(e.Path), Describe(e));
        }

        if (model.Format != Format)
        {
            throw new RuleFileException("format", $"must be '{Format}', not '{model.Format}'");
        }

        var rule = new HebbianRule(Layer(model.Layers.Hidden, "layers.hidden"), Layer(model.Layers.Output, "layers.output"));
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

    /// <summary>A file of another family gets one clear line before any schema detail.</summary>
    private static void CheckFamily(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("family", out var family)
                && family.ValueKind == JsonValueKind.String
                && family.GetString() != HebbianRule.Family)
            {
                throw new RuleFileException("family", $"the rule is of family '{family.GetString()}'; this needs a '{HebbianRule.Family}' rule");
            }
        }
        catch (JsonException e)
        {
            throw new RuleFileException($"$ (line {e.LineNumber + 1})", $"malformed JSON: {e.Message}");
        }
    }

    private static HebbianLayerRule Layer(LayerModel m, string field)
    {
        double[] values = [m.Eta, m.A, m.B, m.C, m.D, m.E, m.F, m.G];
        string[] names = ["eta", .. HebbianLayerRule.Names];
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new RuleFileException($"{field}.{names[i]}", $"expected a finite number, found {values[i]}");
            }
        }

        var layer = new HebbianLayerRule(m.Eta, m.A, m.B, m.C, m.D, m.E, m.F, m.G, m.TraceShift);
        return layer.Problem is { } problem ? throw new RuleFileException(field, problem) : layer;
    }

    private static RuleProvenance Provenance(ProvenanceModel p) =>
        new(p.Seed, p.Algorithm, p.Task, p.Fitness)
        {
            Extra = new SortedDictionary<string, string>(
                (p.Extra ?? []).ToDictionary(kv => kv.Key, kv => kv.Value.GetRawText()),
                StringComparer.Ordinal),
        };

    /// <summary>A JSON path as a field name: <c>$.layers.hidden.A</c> → <c>layers.hidden.A</c>; the root stays <c>$</c>.</summary>
    private static string Field(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "$" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;

    private static string Describe(JsonException e)
    {
        string message = e.Message;
        int cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

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
