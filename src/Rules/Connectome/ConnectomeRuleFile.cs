using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Neuro.Rules.Json;
using Neuro.Rules.Patterns;

namespace Neuro.Rules.Connectome;

/// <summary>
/// Reads and writes <c>rule.json</c> for the <c>connectome</c> family (<c>"format": "neuro-rule/2"</c>; schema in
/// docs/file-formats.md). Reading is strict (<see cref="StrictJson"/>: typed models; unknown and duplicate members,
/// missing required members, nulls where a value is required, numbers in strings and non-finite numbers are rejected),
/// and every error is a <see cref="JsonInputException"/> naming the file and the JSON path.
/// </summary>
public static class ConnectomeRuleFile
{
    /// <summary>The <c>family</c> value.</summary>
    public const string Family = "connectome";

    /// <summary>Reads and validates a rule file (without resolving the edits; see <see cref="ConnectomeRule.ToWeights"/>).</summary>
    /// <exception cref="JsonInputException">The file cannot be read or breaks the schema.</exception>
    public static ConnectomeRule Read(string path)
    {
        var header = RuleFileHeader.Read(path);
        CheckHeader(header, path);
        return FromModel(StrictJson.ReadFile<FileModel>(path, RuleFileHeader.MaxBytes), path);
    }

    /// <summary>Parses and validates rule JSON; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="JsonInputException">The JSON breaks the schema.</exception>
    public static ConnectomeRule Parse(string json, string source = "rule JSON")
    {
        ArgumentNullException.ThrowIfNull(json);
        byte[] bytes = Encoding.UTF8.GetBytes(json);
        CheckHeader(RuleFileHeader.Parse(bytes, source), source);
        return FromModel(StrictJson.Deserialize<FileModel>(bytes, source), source);
    }

    /// <summary>Writes <paramref name="rule"/> to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, ConnectomeRule rule) => AtomicFile.WriteAllText(path, ToJson(rule));

    /// <summary>The rule as JSON (indented, ending in a newline).</summary>
    public static string ToJson(ConnectomeRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var n = rule.Network;
        var model = new FileModel(
            RuleFileHeader.CurrentFormat,
            Family,
            new NetworkModel(n.Threshold, n.FractionBits, n.FirstMuscleRow, n.LastMuscleRow, [.. n.TouchNeurons], [.. n.FoodNeurons]),
            new ConnectomeModel(rule.ConnectomeSha256) { Path = rule.ConnectomePath },
            [.. rule.Edits.Select(e => new EditModel(e.Type, e.Source, e.Target, e.Biological, e.Weight))])
        {
            Provenance = rule.Provenance is not { } p ? null : new RuleProvenanceJson(p.Seed, p.Algorithm, p.Task, p.Fitness)
            {
                Extra = p.Extra.Count == 0 ? null : p.Extra.ToDictionary(x => x.Key, x => JsonDocument.Parse(x.Value).RootElement.Clone(), StringComparer.Ordinal),
            },
        };
        return StrictJson.Serialize(model);
    }

    private static void CheckHeader(RuleFileHeader header, string source)
    {
        if (header.Family != Family)
        {
            throw new JsonInputException(source, "family", $"unknown family '{header.Family}'; this reader takes '{Family}'");
        }

        if (header.Format != RuleFileHeader.CurrentFormat)
        {
            throw new JsonInputException(source, "format", $"expected '{RuleFileHeader.CurrentFormat}', not {(header.Format is null ? "none" : $"'{header.Format}'")}");
        }
    }

    private static ConnectomeRule FromModel(FileModel model, string source)
    {
        var n = model.Network;
        if (n.FractionBits is < 0 or > 16)
        {
            throw new JsonInputException(source, "network.fractionBits", $"must be 0..16, not {n.FractionBits}");
        }

        double scaled = Math.ScaleB(n.Threshold, n.FractionBits);
        if (n.Threshold <= 0 || scaled != Math.Floor(scaled))
        {
            throw new JsonInputException(source, "network.threshold", $"must be a positive multiple of 2^-{n.FractionBits}, not {n.Threshold.ToString(CultureInfo.InvariantCulture)}");
        }

        if (n.FirstMuscleRow > n.LastMuscleRow)
        {
            throw new JsonInputException(source, "network.firstMuscleRow", $"{n.FirstMuscleRow} is after lastMuscleRow {n.LastMuscleRow}");
        }

        if (model.Connectome.Sha256.Length != 64 || !model.Connectome.Sha256.All(char.IsAsciiHexDigitLower))
        {
            throw new JsonInputException(source, "connectome.sha256", "must be 64 lower-case hex digits");
        }

        for (int e = 0; e < model.Edits.Length; e++)
        {
            if (model.Edits[e].Source.Length == 0 || model.Edits[e].Target.Length == 0)
            {
                throw new JsonInputException(source, $"edits[{e}]", "source and target must be neuron or muscle names");
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
        return new ConnectomeRule(network, model.Connectome.Sha256, edits)
        {
            ConnectomePath = model.Connectome.Path,
            Provenance = model.Provenance?.ToProvenance(),
        };
    }

    private sealed record FileModel(string Format, string Family, NetworkModel Network, ConnectomeModel Connectome, EditModel[] Edits)
    {
        public RuleProvenanceJson? Provenance { get; init; }
    }

    private sealed record NetworkModel(double Threshold, int FractionBits, int FirstMuscleRow, int LastMuscleRow, string[] TouchNeurons, string[] FoodNeurons);

    private sealed record ConnectomeModel(string Sha256)
    {
        public string? Path { get; init; }
    }

    private sealed record EditModel(SynapseType Type, string Source, string Target, double Biological, double Weight);
}
