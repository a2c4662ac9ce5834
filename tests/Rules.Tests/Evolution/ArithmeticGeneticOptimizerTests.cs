namespace Neuro.Rules.Evolution;

/// <summary>The ask/tell contract for the EMNN setting of the GA: truncation selection, arithmetic crossover, decaying mutation.</summary>
public sealed class ArithmeticGeneticOptimizerTests : OptimizerContractTests
{
    protected override IOptimizer Create(long seed) => new GeneticOptimizer(Dimension, seed, Linear.LinearModelDecoder.GeneticSettings with { Population = 12 });
}
