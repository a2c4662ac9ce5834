using Neuro.Rules.Patterns;

namespace Neuro.FixedPointSim.Patterns;

/// <summary>
/// The shared conformance body run on <see cref="FastFixedPatternNetwork"/> with the Int32-lane engine on its portable
/// scalar loops, the path CPUs without AVX2 take.
/// </summary>
public sealed class FastFixedPatternNetworkScalarTests : FixedNetworkConformanceTests
{
    protected override IFixedPatternNetwork Create(PatternNetworkSpec spec, PatternNetworkMasks masks, PatternRule rule, PrecisionConfig precision) =>
        new FastFixedPatternNetwork(spec, masks, rule, precision, vectorize: false);
}
