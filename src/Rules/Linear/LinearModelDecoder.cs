using Neuro.Rules.Evolution;

namespace Neuro.Rules.Linear;

/// <summary>Genome → <see cref="LinearModel"/>: two genes, <c>[W, b]</c>.</summary>
/// <remarks>Every genome decodes: <see cref="Fitness.NonViable"/> (0) would be the best possible <c>−MSE</c>, so a
/// non-finite gene is left to the evaluators, which score it <c>−∞</c>.</remarks>
public sealed class LinearModelDecoder : IRuleDecoder<RuleGenome, LinearModel>
{
    /// <summary>Genes per genome: W and b.</summary>
    public const int GeneCount = 2;

    /// <summary>
    /// The EMNN GA: 50 individuals drawn around 0 with standard deviation 5; selection of the best (parents drawn
    /// from the best fifth, 10); every child a point between its two parents (arithmetic crossover); every gene mutated by a
    /// Gaussian whose scale starts at 1 and shrinks by 0.7 each generation; the 2 best kept.
    /// </summary>
    /// <remarks>The shrinking mutation is what lets 30 generations reach 10⁻³: a constant scale of 1 would keep
    /// jittering every child by ±1.</remarks>
    public static GeneticSettings GeneticSettings { get; } = new()
    {
        Population = 50,
        InitScale = 5,
        Selection = GeneticSelection.Truncation,
        Crossover = GeneticCrossover.Arithmetic,
        CrossoverRate = 1,
        MutationRate = 1,
        MutationScale = 1,
        MutationDecay = 0.7,
        Elitism = 2,
    };

    /// <inheritdoc/>
    public LinearModel? Decode(RuleGenome genome)
    {
        ArgumentNullException.ThrowIfNull(genome);
        if (genome.Genes.Length != GeneCount)
        {
            throw new ArgumentException($"A linear model has {GeneCount} genes, not {genome.Genes.Length}", nameof(genome));
        }

        return new LinearModel(genome.Genes[0], genome.Genes[1]);
    }
}
