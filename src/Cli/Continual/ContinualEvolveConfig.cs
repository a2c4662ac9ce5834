using System.Text.Json;

namespace Neuro.Cli.Continual;

/// <summary>Everything that defines a <c>neuro continual evolve</c> run; stored in its checkpoint so <c>--resume</c> rebuilds the same run.</summary>
internal sealed record ContinualEvolveConfig
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public required string Data { get; init; }

    public required string[] Tasks { get; init; }

    public required int Hidden { get; init; }

    public required int Active { get; init; }

    public required int Seed { get; init; }

    public required string Algorithm { get; init; }

    public int? Population { get; init; }

    public double? Sigma { get; init; }

    public double? MutationRate { get; init; }

    public double? CrossoverRate { get; init; }

    public int? Tournament { get; init; }

    public int? Elitism { get; init; }

    public double? InitScale { get; init; }

    public required int Samples { get; init; }

    public required int ValidationSamples { get; init; }

    public required int Repeats { get; init; }

    public required int ValidationSplit { get; init; }

    public double[]? InitialGenes { get; init; }

    public required string Command { get; init; }

    internal string ToJson() => JsonSerializer.Serialize(this, Options);

    internal static ContinualEvolveConfig FromJson(string json) =>
        JsonSerializer.Deserialize<ContinualEvolveConfig>(json, Options) ?? throw new InvalidDataException("The checkpoint holds no run configuration");
}
