namespace Neuro.Rules.Evolution;

/// <summary>
/// Settings of <see cref="GeneticOptimizer"/>. Vary them with <c>with</c>:
/// <c>new GeneticSettings() with { Elitism = 1 }</c>.
/// </summary>
/// <remarks>
/// The defaults are a real-coded GA (tournament selection, uniform crossover, Gaussian mutation). <see cref="Alleles"/>
/// turns it into a GA over discrete genes (Baxter's networks: each gene one of a few values); <see cref="Selection"/>,
/// <see cref="Crossover"/> and <see cref="MutationDecay"/> give the EMNN setting (selection of the best, a child
/// between its parents, a mutation that shrinks over the run).
/// </remarks>
public sealed record GeneticSettings
{
    /// <summary>Individuals per generation, at least 2. Default 50.</summary>
    public int Population { get; init; } = 50;

    /// <summary>Contestants drawn (with replacement) per tournament, at least 1; the fittest becomes a parent. Default 3.</summary>
    public int TournamentSize { get; init; } = 3;

    /// <summary>Probability that a child comes from crossover of two parents rather than a copy of one. Default 0.9.</summary>
    public double CrossoverRate { get; init; } = 0.9;

    /// <summary>Probability that each gene of a child mutates, in [0, 1]; null means <c>1/n</c>.</summary>
    public double? MutationRate { get; init; }

    /// <summary>Standard deviation of the Gaussian added to a mutated gene (in generation 0; see <see cref="MutationDecay"/>). Default 0.1.</summary>
    public double MutationScale { get; init; } = 0.1;

    /// <summary>The best individuals copied unchanged into the next generation, 0..Population-1. Default 2.</summary>
    public int Elitism { get; init; } = 2;

    /// <summary>Standard deviation of the initial population around the initial mean. Default 0.1.</summary>
    public double InitScale { get; init; } = 0.1;

    /// <summary>How parents are picked. Default <see cref="GeneticSelection.Tournament"/>.</summary>
    public GeneticSelection Selection { get; init; } = GeneticSelection.Tournament;

    /// <summary>With <see cref="GeneticSelection.Truncation"/>: parents come from the best this many, 1..Population; null means <c>max(1, Population/5)</c>.</summary>
    public int? TruncationSize { get; init; }

    /// <summary>How a crossing child combines its parents. Default <see cref="GeneticCrossover.Uniform"/>.</summary>
    public GeneticCrossover Crossover { get; init; } = GeneticCrossover.Uniform;

    /// <summary>
    /// Factor on the mutation scale per generation, in (0, 1]: children of generation <c>g</c> (counted from 0) mutate
    /// with <c>MutationScale·MutationDecay^g</c>. Default 1 (a constant scale).
    /// </summary>
    public double MutationDecay { get; init; } = 1;

    /// <summary>
    /// Null for real genes. Otherwise discrete genes: gene <c>j</c> takes the integer values <c>0..Alleles[j]−1</c>; the
    /// initial population draws each gene uniformly (ignoring <see cref="InitScale"/>), and a mutation replaces a gene by
    /// a uniformly drawn <em>different</em> value (ignoring <see cref="MutationScale"/>). One entry per gene, each at
    /// least 1; needs <see cref="GeneticCrossover.Uniform"/>.
    /// </summary>
    public int[]? Alleles { get; init; }

    /// <summary>The number of best individuals truncation selection draws parents from.</summary>
    public int TruncationSizeFor() => TruncationSize ?? Math.Max(1, Population / 5);

    /// <summary>The per-gene mutation probability for a problem of <paramref name="dimension"/> genes.</summary>
    public double MutationRateFor(int dimension) => MutationRate ?? 1.0 / dimension;
}
