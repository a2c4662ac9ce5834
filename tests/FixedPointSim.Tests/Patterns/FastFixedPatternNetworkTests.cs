using Neuro.Rules.Patterns;
using Xunit;

namespace Neuro.FixedPointSim.Patterns;

/// <summary>The shared conformance body run on <see cref="FastFixedPatternNetwork"/> as users get it (SIMD where the CPU has it).</summary>
public sealed class FastFixedPatternNetworkTests : FixedNetworkConformanceTests
{
    protected override IFixedPatternNetwork Create(PatternNetworkSpec spec, PatternNetworkMasks masks, PatternRule rule, PrecisionConfig precision) =>
        new FastFixedPatternNetwork(spec, masks, rule, precision);

    [Fact]
    public void RandomCases_ExerciseEveryEngine()
    {
        // The conformance seeds must reach all three arithmetics, or a green run would prove less than it claims.
        var engines = new HashSet<FastFixedEngine>();
        foreach (var (seeds, wide) in new[] { (NarrowSeedValues, false), (WideSeedValues, true) })
        {
            foreach (int seed in seeds)
            {
                var c = RandomCase(seed, wide);
                engines.Add(new FastFixedPatternNetwork(c.Spec, c.Masks, c.Rule, c.Precision).Engine);
            }
        }

        Assert.Equal(Enum.GetValues<FastFixedEngine>(), engines.Order());
    }

    [Fact]
    public void StochasticCases_ExerciseEveryEngine()
    {
        // Stochastic rounding has its own update paths in each engine; the stochastic seeds must reach all of them.
        var engines = StochasticSeedValues.Select(seed => RandomStochasticCase(seed))
            .Select(c => new FastFixedPatternNetwork(c.Spec, c.Masks, c.Rule, c.Precision).Engine)
            .ToHashSet();
        Assert.Equal(Enum.GetValues<FastFixedEngine>(), engines.Order());
    }

    [Fact]
    public void Engine_DefaultPrecisionUsesInt32Lanes()
    {
        var spec = new PatternNetworkSpec(Inputs: 784, Classes: 10, Hidden: 1000, Cap: 500, EdgeProbability: 0.5, Seed: 1);
        var rule = RandomRule(new Random(3), rounds: 3, forceInput: true);
        Assert.Equal(FastFixedEngine.Int32Lanes, new FastFixedPatternNetwork(spec, rule, PrecisionConfig.Default).Engine);
    }
}
