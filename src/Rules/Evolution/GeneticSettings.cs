namespace Neuro.Rules.Evolution;

/// <summary>
/// Settings of <see cref="GeneticOptimizer"/>. Vary them with <c>with</c>:
/// <c>new GeneticSettings() with { Elitism = 1 }</c>.
/// </summary>
public sealed record GeneticSettings
{
    /// <summary>Individuals per generation, at least 2. Default 50.</summary>
    public int Population { get; init; } = 50;

    /// <summary>Contestants drawn (with replacement) per tournament, at least 1; the fittest becomes a parent. Default 3.</summary>
    public int TournamentSize { get; init; } = 3;

    /// <summary>Probability that a child comes from uniform crossover of two parents rather than a copy of one. Default 0.9.</summary>
    public double CrossoverRate { get; init; } = 0.9;

    /// <summary>Probability that each gene of a child mutates, in [0, 1]; null means <c>1/n</c>.</summary>
    public double? MutationRate { get; init; }

    /// <summary>Standard deviation of the Gaussian added to a mutated gene. Default 0.1.</summary>
    public double MutationScale { get; init; } = 0.1;

    /// <summary>The best individuals copied unchanged into the next generation, 0..Population-1. Default 2.</summary>
    public int Elitism { get; init; } = 2;

    /// <summary>Standard deviation of the initial population around the initial mean. Default 0.1.</summary>
    public double InitScale { get; init; } = 0.1;

    /// <summary>The per-gene mutation probability for a problem of <paramref name="dimension"/> genes.</summary>
    public double MutationRateFor(int dimension) => MutationRate ?? 1.0 / dimension;
}
