using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Neuro.Rules.Patterns;

namespace Neuro.Rules.Connectome;

/// <summary>
/// Reads and writes <c>rule.json</c> for the <c>connectome</c> family (<c>"format": "neuro-rule/2"</c>; schema in
/// docs/file-formats.md). Reading uses typed models with strict options: unknown and duplicate members, missing required
/// members, nulls where a value is required, numbers in strings and non-finite numbers are all rejected, and every error
/// names the file and the field.
/// </summary>
public static class ConnectomeRuleFile
{
    /// <summary>The <c>format</c> value.</summary>
    public const string Format = "neuro-rule/2";

    /// <summary>The <c>family</c> value.</summary>
    public const string Family = "connectome";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerOptions.Strict)
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    /// <summary>Reads and validates a rule file.</summary>
    /// <exception cref="RuleFileException">The file cannot be read or breaks the schema; the message starts with the file and field.</exception>
    public static ConnectomeRule Read(string path)
    {
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

    /// <summary>Parses and validates rule JSON (without resolving the edits; see <see cref="ConnectomeRule.ToWeights"/>).</summary>
    /// <exception cref="RuleFileException">The JSON breaks the schema; <see cref="RuleFileException.Field"/> names where.</exception>
    public static ConnectomeRule Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        FileModel model;
        try
        {
            model = JsonSerializer.Deserialize<FileModel>(json, Options) ?? throw new RuleFileException("$", "expected an object, found null");
        }
        catch (JsonException e)
        {
            string field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "$" : e.Path.StartsWith("$.", StringComparison.Ordinal) ? e.Path[2..] : e.Path;
            throw new RuleFileException(field, $"{FirstSentence(e.Message)} (line {e.LineNumber + 1})");
        }

        if (model.Format != Format)
        {
            throw new RuleFileException("format", $"expected '{Format}', not '{model.Format}'");
        }

        if (model.Family != Family)
        {
            throw new RuleFileException("family", $"unknown family '{model.Family}'; this reader takes '{Family}'");
        }

        var n = model.Network;
        Finite(n.Threshold, "network.threshold");
        if (n.FractionBits is < 0 or > 16)
        {
            throw new RuleFileException("network.fractionBits", $"must be 0..16, not {n.FractionBits}");
        }

        if (n.Threshold <= 0 || Math.ScaleB(n.Threshold, n.FractionBits) != Math.Floor(Math.ScaleB(n.Threshold, n.FractionBits)))
        {
            throw new RuleFileException("network.threshold", $"must be a positive multiple of 2^-{n.FractionBits}, not {n.Threshold.ToString(CultureInfo.InvariantCulture)}");
        }

        if (n.FirstMuscleRow > n.LastMuscleRow)
        {
            throw new RuleFileException("network.firstMuscleRow", $"{n.FirstMuscleRow} is after lastMuscleRow {n.LastMuscleRow}");
        }

        if (model.Connectome.Sha256.Length != 64 || !model.Connectome.Sha256.All(char.IsAsciiHexDigitLower))
        {
            throw new RuleFileException("connectome.sha256", "must be 64 lower-case hex digits");
        }

        for (int e = 0; e < model.Edits.Length; e++)
        {
            var edit = model.Edits[e];
            Finite(edit.Biological, $"edits[{e}].biological");
            Finite(edit.Weight, $"edits[{e}].weight");
            if (edit.Source.Length == 0 || edit.Target.Length == 0)
            {
                throw new RuleFileException($"edits[{e}]", "source and target must be neuron or muscle names");
            }
        }

        var network = new ConnectomeNetworkSettings
        {
            Threshold = n.Threshold,
            FractionBits = n.FractionBits,
            TouchNeurons = [.. n.TouchNeurons],
            FoodNeurons = [.. n.FoodNeurons],
            FirstMuscleRow = n.FirstMuscleRow,
            LastMuscleRow = n.LastMuscleRow,
        };
        var edits = model.Edits.Select(e => new WeightEdit(e.Type, e.Source, e.Target, e.Biological, e.Weight)).ToImmutableArray();
        RuleProvenance? provenance = null;
        if (model.Provenance is { } p)
        {
            Finite(p.Fitness, "provenance.fitness");
            provenance = new RuleProvenance(p.Seed, p.Algorithm, p.Task, p.Fitness)
            {
                Extra = new SortedDictionary<string, string>(
                    (p.Extra ?? []).ToDictionary(x => x.Key, x => x.Value.GetRawText(), StringComparer.Ordinal), StringComparer.Ordinal),
            };
        }

        return new ConnectomeRule(network, model.Connectome.Sha256, edits) { ConnectomePath = model.Connectome.Path, Provenance = provenance };
    }

    /// <summary>Writes <paramref name="rule"/> to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, ConnectomeRule rule) => AtomicFile.WriteAllText(path, ToJson(rule) + "\n");

    /// <summary>The rule as JSON.</summary>
    public static string ToJson(ConnectomeRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var n = rule.Network;
        var model = new FileModel
        {
            Format = Format,
            Family = Family,
            Network = new NetworkModel
            {
                Threshold = n.Threshold,
                FractionBits = n.FractionBits,
                FirstMuscleRow = n.FirstMuscleRow,
                LastMuscleRow = n.LastMuscleRow,
                TouchNeurons = [.. n.TouchNeurons],
                FoodNeurons = [.. n.FoodNeurons],
            },
            Connectome = new ConnectomeModel { Sha256 = rule.ConnectomeSha256, Path = rule.ConnectomePath },
            Edits = [.. rule.Edits.Select(e => new EditModel { Type = e.Type, Source = e.Source, Target = e.Target, Biological = e.Biological, Weight = e.Weight })],
            Provenance = rule.Provenance is not { } p ? null : new ProvenanceModel
            {
                Seed = p.Seed,
                Algorithm = p.Algorithm,
                Task = p.Task,
                Fitness = p.Fitness,
                Extra = p.Extra.Count == 0 ? null : p.Extra.ToDictionary(x => x.Key, x => JsonDocument.Parse(x.Value).RootElement.Clone(), StringComparer.Ordinal),
            },
        };
        return JsonSerializer.Serialize(model, Options);
    }

    private static void Finite(double value, string field)
    {
        if (!double.IsFinite(value))
        {
            throw new RuleFileException(field, $"must be a finite number, not {value.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    private static string FirstSentence(string message)
    {
        int path = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return path > 0 ? message[..path] : message;
    }

    private sealed class FileModel
    {
        public required string Format { get; init; }

        public required string Family { get; init; }

        public required NetworkModel Network { get; init; }

        public required ConnectomeModel Connectome { get; init; }

        public required EditModel[] Edits { get; init; }

        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public ProvenanceModel? Provenance { get; init; }
    }

    private sealed class NetworkModel
    {
        public required double Threshold { get; init; }

        public required int FractionBits { get; init; }

        public required int FirstMuscleRow { get; init; }

        public required int LastMuscleRow { get; init; }

        public required string[] TouchNeurons { get; init; }

        public required string[] FoodNeurons { get; init; }
    }

    private sealed class ConnectomeModel
    {
        public required string Sha256 { get; init; }

        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Path { get; init; }
    }

    private sealed class EditModel
    {
        public required SynapseType Type { get; init; }

        public required string Source { get; init; }

        public required string Target { get; init; }

        public required double Biological { get; init; }

        public required double Weight { get; init; }
    }

    private sealed class ProvenanceModel
    {
        public required long Seed { get; init; }

        public required string Algorithm { get; init; }

        public required string Task { get; init; }

        public required double Fitness { get; init; }

        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public Dictionary<string, JsonElement>? Extra { get; init; }
    }
}
