namespace Neuro.Rules.Evolution;

/// <summary>The ask/tell contract for the GA over discrete genes (Baxter's genomes), with truncation selection and a decaying mutation setting present too.</summary>
public sealed class DiscreteGeneticOptimizerTests : OptimizerContractTests
{
    protected override IOptimizer Create(long seed) =>
        new GeneticOptimizer(Dimension, seed, new GeneticSettings { Population = 12, Alleles = [5, 5, 5, 5, 5, 16], Selection = GeneticSelection.Truncation, TruncationSize = 4 });
}
