using System.Text.Json;

namespace Neuro.Cli.Baxter;

/// <summary>Everything that defines a Baxter evolution run; stored in its checkpoint so <c>--resume</c> rebuilds the same run.</summary>
internal sealed record BaxterEvolveConfig(string Family, string Task, int Nodes, int Epochs, int Steps, string Algorithm, int? Population, double? Sigma, int Seed, double? LearningRate = null)
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    internal string ToJson() => JsonSerializer.Serialize(this, Options);

    internal static BaxterEvolveConfig FromJson(string json) =>
        JsonSerializer.Deserialize<BaxterEvolveConfig>(json, Options) ?? throw new InvalidDataException("The checkpoint holds no run configuration");
}
