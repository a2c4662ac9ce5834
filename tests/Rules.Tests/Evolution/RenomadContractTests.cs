using Xunit;

namespace Neuro.Rules.Evolution;

/// <summary>The ask/tell contract for the rEA variant of <see cref="EnomadOptimizer"/>.</summary>
public sealed class RenomadContractTests : OptimizerContractTests
{
    protected override IOptimizer Create(long seed) =>
        new EnomadOptimizer(Dimension, seed, EnomadSettings.Rea with { Population = 4, Mutations = 2, BlockSize = 3, RefineEvaluations = 10 });
}
