using System.Collections.Immutable;
using Neuro.Rules.Evolution;

namespace Neuro.Rules.Foraging;

/// <summary>
/// The optimizers of <c>neuro evolve --task foraging</c> with their settings for this task. Every search starts at the
/// biological weights; genes are weights in weight units, so the scales below are in weight units too.
/// </summary>
/// <remarks>
/// <list type="table">
/// <item><term><c>enomad</c></term><description><see cref="EnomadSettings.Ea"/> scaled to a CPU budget: population 8, MADS on 49
/// random weights in a box of ±4 (<c>--sigma</c>), 100 evaluations each (the paper code: 64 individuals, 250 evaluations),
/// blocks of 8, on the network's weight grid.</description></item>
/// <item><term><c>renomad</c></term><description><see cref="EnomadSettings.Rea"/>: population 16, 5 mutations in ±20, MADS on the
/// changed weights in ±2, 25 evaluations, penalty 0.1·k^1.3, on the grid.</description></item>
/// <item><term><c>ga</c></term><description><see cref="GeneticSettings"/>: population 50, no initial spread, about 5 mutated weights a child
/// (rate 5/n), Gaussian scale 4 (<c>--sigma</c>), 2 elites.</description></item>
/// <item><term><c>es</c></term><description>OpenAI-ES: population 50, σ 0.25 (<c>--sigma</c>), Adam step 0.1.</description></item>
/// <item><term><c>cmaes</c></term><description>CMA-ES: σ0 0.5 (<c>--sigma</c>), default λ; its n×n covariance limits it to
/// <see cref="MaxCmaGenes"/> genes, so without <c>--genes</c> it searches <see cref="DefaultCmaGenes"/> random weights.</description></item>
/// <item><term><c>mads</c></term><description>MADS alone on every weight: box ±4 (<c>--sigma</c>) around the biological weights, on the
/// grid, blocks of 32.</description></item>
/// </list>
/// <c>--population</c> replaces the population (the block size for <c>mads</c>). The ES and CMA-ES scales were chosen
/// from {0.1, 0.25, 0.5, 1} and {0.5, 2} by one 3,000-evaluation run each (seed 1), the GA's from {1, 4}; the ENOMAD and
/// MADS boxes are the paper code's, untuned (docs/results.md).
/// </remarks>
public static class ForagingSearch
{
    /// <summary>The algorithms, in the order they are listed.</summary>
    public static ImmutableArray<string> Algorithms { get; } =
        [EnomadOptimizer.EaName, EnomadOptimizer.ReaName, GeneticOptimizer.AlgorithmName, OpenAiEsOptimizer.AlgorithmName, CmaEsOptimizer.AlgorithmName, MadsOptimizer.AlgorithmName];

    /// <summary>The most genes CMA-ES may search here (its covariance has n² entries and is decomposed in O(n³)).</summary>
    public const int MaxCmaGenes = 1000;

    /// <summary>Genes CMA-ES searches when no subset is given.</summary>
    public const int DefaultCmaGenes = 200;

    /// <summary>
    /// The genes a run searches: null (all) or <paramref name="count"/> distinct gene indices drawn from
    /// <c>SeedSequence.Random(seed, 5)</c> and sorted; <paramref name="count"/> null means all, except for <c>cmaes</c>
    /// (<see cref="DefaultCmaGenes"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The count is outside 1..geneCount, or too large for <c>cmaes</c>.</exception>
    public static int[]? Genes(string algorithm, int geneCount, int? count, long seed)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        int? wanted = count ?? (algorithm == CmaEsOptimizer.AlgorithmName ? Math.Min(DefaultCmaGenes, geneCount) : null);
        if (wanted is null || wanted == geneCount)
        {
            return algorithm == CmaEsOptimizer.AlgorithmName && geneCount > MaxCmaGenes
                ? throw new ArgumentException($"cmaes keeps an n×n covariance; search at most {MaxCmaGenes} of the {geneCount} weights (--genes)")
                : null;
        }

        if (wanted < 1 || wanted > geneCount)
        {
            throw new ArgumentException($"The number of genes must be 1..{geneCount}, not {wanted}");
        }

        if (algorithm == CmaEsOptimizer.AlgorithmName && wanted > MaxCmaGenes)
        {
            throw new ArgumentException($"cmaes keeps an n×n covariance; search at most {MaxCmaGenes} of the {geneCount} weights (--genes), not {wanted}");
        }

        var rng = SeedSequence.Random(seed, 5);
        var pool = Enumerable.Range(0, geneCount).ToArray();
        for (int k = 0; k < wanted; k++)
        {
            int r = k + rng.Next(geneCount - k);
            (pool[k], pool[r]) = (pool[r], pool[k]);
        }

        var genes = pool[..wanted.Value];
        Array.Sort(genes);
        return genes;
    }

    /// <summary>A new optimizer for <paramref name="algorithm"/> starting at <paramref name="start"/> (the genome's biological values).</summary>
    /// <param name="algorithm">One of <see cref="Algorithms"/>.</param>
    /// <param name="start">The start genome.</param>
    /// <param name="seed">The run seed.</param>
    /// <param name="fractionBits">The network's weight grid, <c>2^-fractionBits</c>, for the MADS-based searches.</param>
    /// <param name="population">Replaces the population (block size for <c>mads</c>).</param>
    /// <param name="sigma">Replaces the search scale (box half-width for the MADS-based searches).</param>
    /// <exception cref="ArgumentException">The algorithm is unknown or a setting is invalid.</exception>
    public static IOptimizer CreateOptimizer(string algorithm, double[] start, long seed, int fractionBits, int? population = null, double? sigma = null)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        ArgumentNullException.ThrowIfNull(start);
        int n = start.Length;
        double grid = MadsSettings.Grid(fractionBits);
        switch (algorithm)
        {
            case EnomadOptimizer.EaName:
                return new EnomadOptimizer(n, seed, EnomadSettings.Ea with { Population = population ?? 8, RefineEvaluations = 100, Box = sigma ?? 4, Granularity = grid }, start);
            case EnomadOptimizer.ReaName:
                return new EnomadOptimizer(n, seed, EnomadSettings.Rea with { Population = population ?? 16, Box = sigma ?? 2, Granularity = grid }, start);
            case GeneticOptimizer.AlgorithmName:
                return new GeneticOptimizer(n, seed, new GeneticSettings { Population = population ?? 50, InitScale = 0, MutationRate = Math.Min(1, 5.0 / n), MutationScale = sigma ?? 4 }, start);
            case OpenAiEsOptimizer.AlgorithmName:
                return new OpenAiEsOptimizer(n, seed, new OpenAiEsSettings { Population = population ?? 50, Sigma = sigma ?? 0.25, LearningRate = 0.1 }, start);
            case CmaEsOptimizer.AlgorithmName:
                return n > MaxCmaGenes
                    ? throw new ArgumentException($"cmaes keeps an n×n covariance; search at most {MaxCmaGenes} weights, not {n}")
                    : new CmaEsOptimizer(n, seed, new CmaEsSettings { Population = population, InitialSigma = sigma ?? 0.5 }, start);
            case MadsOptimizer.AlgorithmName:
                double box = sigma ?? 4;
                return new MadsOptimizer(n, seed, new MadsSettings { Granularity = grid, BlockSize = population ?? 32 }, start, [.. start.Select(x => x - box)], [.. start.Select(x => x + box)]);
            default:
                throw new ArgumentException($"Unknown algorithm '{algorithm}' for the foraging task; expected one of {string.Join(", ", Algorithms)}");
        }
    }
}
