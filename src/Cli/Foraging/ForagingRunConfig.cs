using System.Text.Json;
using System.Text.Json.Serialization;
using Neuro.Rules.Json;

namespace Neuro.Cli.Foraging;

/// <summary>
/// Everything that defines a foraging evolution run; stored in its checkpoint, so <c>--resume</c> rebuilds the same run
/// and checks that the data have not changed.
/// </summary>
/// <param name="Task">Always <c>foraging</c>: how <c>--resume</c> tells a foraging checkpoint from the pattern family's.</param>
/// <param name="Algorithm">The optimizer.</param>
/// <param name="Seed">Run seed (optimizer, gene subset, random food layouts).</param>
/// <param name="Data">Absolute path of the connectome folder.</param>
/// <param name="DataSha256">Its <see cref="Neuro.Rules.Connectome.ConnectomeGraph.Fingerprint"/>.</param>
/// <param name="Patterns">Food pattern names.</param>
/// <param name="Sensing">Sensing mode name.</param>
/// <param name="Genes">Genes searched (<c>--genes</c>), or null for the algorithm's default.</param>
/// <param name="Population">The population (<c>--population</c>), or null for the default.</param>
/// <param name="Sigma">The search scale (<c>--sigma</c>), or null for the default.</param>
internal sealed record ForagingRunConfig(
    string Task,
    string Algorithm,
    int Seed,
    string Data,
    string DataSha256,
    string[] Patterns,
    string Sensing,
    int? Genes,
    int? Population,
    double? Sigma)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerOptions.Strict)
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    internal string ToJson() => JsonSerializer.Serialize(this, Options);

    /// <summary>
    /// The config in <paramref name="json"/>, or null when it is not a foraging run's; read strictly
    /// (<see cref="StrictJson"/>), so a damaged configuration is a <see cref="JsonInputException"/> naming
    /// <paramref name="source"/> (the checkpoint) and the JSON path.
    /// </summary>
    internal static ForagingRunConfig? TryRead(string json, string source)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object
                || !doc.RootElement.TryGetProperty("task", out var task)
                || task.ValueKind != JsonValueKind.String
                || task.GetString() != Neuro.Rules.Foraging.ForagingTask.Name)
            {
                return null;
            }
        }
        catch (JsonException e)
        {
            throw new UsageException($"{source}: config: the run configuration is malformed JSON: {e.Message}", e);
        }

        return StrictJson.Deserialize<ForagingRunConfig>(json, $"{source}: config");
    }
}
