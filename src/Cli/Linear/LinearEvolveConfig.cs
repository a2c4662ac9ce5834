using System.Text.Json;

namespace Neuro.Cli.Linear;

/// <summary>Everything that defines an EMNN run; stored in its checkpoint so <c>--resume</c> rebuilds the same run.</summary>
/// <param name="Family">Always <c>linear</c>: how <c>--resume</c> recognizes the run.</param>
/// <param name="Algorithm">Optimizer name.</param>
/// <param name="Population">Candidates per generation, or null for the optimizer's (the EMNN GA's: 50).</param>
/// <param name="Sigma">The optimizer's search scale, or null for its (the EMNN GA's) default.</param>
/// <param name="Seed">Run seed.</param>
/// <param name="Precision">The fixed-point types as JSON, or null for float.</param>
/// <param name="LearningRate">The ES step (<c>--learning-rate</c>), or null for its default.</param>
internal sealed record LinearEvolveConfig(string Family, string Algorithm, int? Population, double? Sigma, int Seed, string? Precision, double? LearningRate = null)
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    internal string ToJson() => JsonSerializer.Serialize(this, Options);

    internal static LinearEvolveConfig FromJson(string json) =>
        JsonSerializer.Deserialize<LinearEvolveConfig>(json, Options) ?? throw new InvalidDataException("The checkpoint holds no run configuration");
}
