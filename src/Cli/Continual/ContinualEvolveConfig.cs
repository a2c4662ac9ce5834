using System.Text.Json;
using Neuro.Rules.Json;

namespace Neuro.Cli.Continual;

/// <summary>Everything that defines a <c>neuro continual evolve</c> run; stored in its checkpoint so <c>--resume</c> rebuilds the same run.</summary>
internal sealed record ContinualEvolveConfig
{
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

    /// <summary>SHA-256 of every task's training and test set (<see cref="Hashes.OfData"/>); <c>--resume</c> refuses other data.</summary>
    public string? DataSha256 { get; init; }

    /// <summary>The config as one line of JSON (camelCase), as the checkpoint stores it.</summary>
    internal string ToJson() => JsonSerializer.Serialize(this, StrictJson.Options);

    /// <summary>Reads the config strictly; <paramref name="source"/> names the checkpoint in errors.</summary>
    /// <exception cref="JsonInputException">The JSON breaks the model.</exception>
    internal static ContinualEvolveConfig FromJson(string json, string source) => StrictJson.Deserialize<ContinualEvolveConfig>(json, source);
}
