using Neuro.Rules.Data;
using Neuro.Rules.Patterns;
using Xunit;

namespace Neuro.FixedPointSim.Patterns;

public sealed class FixedLifetimeBatchTests
{
    /// <summary>3 rules × 2 datasets × 2 network seeds on the synthetic task: 80 samples to learn, 40 held out.</summary>
    private static FixedLifetime[] Population()
    {
        var datasets = new[] { 5, 6 }.Select(seed => SyntheticClassification.GenerateJoosten(seed).Train).ToArray();
        var rules = new[] { 11, 12, 13 }.Select(seed => FixedNetworkConformanceTests.RandomRule(new Random(seed), rounds: 3, forceInput: seed == 12)).ToArray();
        return
        [
            .. from rule in rules
               from data in datasets
               from networkSeed in new[] { 21, 22 }
               select new FixedLifetime(
                   new PatternNetworkSpec(data.Features, data.Classes, Hidden: 20, Cap: 10, EdgeProbability: 0.5, Seed: networkSeed),
                   rule,
                   data.Subset(0, 80),
                   Passes: 2,
                   Holdout: data.Subset(80, 40)),
        ];
    }

    [Fact]
    public void Run_EqualsSequentialLifetimesOfTheGoldenModel()
    {
        var lifetimes = Population();
        var networks = new FastFixedPatternNetwork[lifetimes.Length];
        var results = FixedLifetimeBatch.Run(
            lifetimes,
            lifetime =>
            {
                int index = Array.FindIndex(lifetimes, l => ReferenceEquals(l, lifetime));
                return networks[index] = new FastFixedPatternNetwork(lifetime.Spec, lifetime.Rule, PrecisionConfig.Default);
            },
            threads: 2);

        for (int i = 0; i < lifetimes.Length; i++)
        {
            var lifetime = lifetimes[i];
            var golden = new FixedPatternNetwork(lifetime.Spec, lifetime.Rule, PrecisionConfig.Default);
            double online = PatternLifetime.Train(golden, lifetime.Train, lifetime.Passes);
            double holdout = PatternLifetime.Accuracy(golden, lifetime.Holdout!);
            Assert.Equal(new FixedLifetimeResult(online, holdout), results[i]);
            Assert.Equal(golden.RecurrentWeightsRaw.ToArray(), networks[i].RecurrentWeightsRaw.ToArray());
            Assert.Equal(golden.InputWeightsRaw.ToArray(), networks[i].InputWeightsRaw.ToArray());
            Assert.Equal(golden.OutputWeightsRaw.ToArray(), networks[i].OutputWeightsRaw.ToArray());
        }
    }

    [Fact]
    public void Run_StochasticRoundingDoesNotDependOnTheThreadCount()
    {
        // One generator per network instance, seeded from its network seed: threads cannot share or reorder draws. Steps of
        // a quarter weight LSB (additive tables), 4 stochastic bits.
        var precision = PrecisionConfig.Default with { StochasticBits = 4, RuleEntry = FixedType.Parse("ap_fixed<8,-8,AP_RND_CONV,AP_SAT>") };
        var lifetimes = Population().Select(l => l with
        {
            Rule = FixedNetworkConformanceTests.Additive(l.Rule) is var rule
                ? new PatternRule(rule.Rounds, Math.ScaleB(0.25, -12) / rule.Tables.SelectMany(t => t).Max(Math.Abs), rule.Layout, rule.Tables, rule.MisclassifiedOnly, rule.OutputEdges)
                : null!,
        }).ToArray();
        var one = FixedLifetimeBatch.Run(lifetimes, precision, threads: 1);
        Assert.Equal(one, FixedLifetimeBatch.Run(lifetimes, precision, threads: 2));
        Assert.Equal(one, FixedLifetimeBatch.Run(lifetimes, precision, threads: 5));
        Assert.Contains(one, r => r.OnlineAccuracy != one[0].OnlineAccuracy);
        Assert.NotEqual(one, FixedLifetimeBatch.Run(lifetimes, PrecisionConfig.Default)); // the stochastic steps did something
        for (int i = 0; i < lifetimes.Length; i++)
        {
            // and each equals the golden model's lifetime run alone (its generator seeded from the network seed only)
            var golden = new FixedPatternNetwork(lifetimes[i].Spec, lifetimes[i].Rule, precision);
            double online = PatternLifetime.Train(golden, lifetimes[i].Train, lifetimes[i].Passes);
            Assert.Equal(new FixedLifetimeResult(online, PatternLifetime.Accuracy(golden, lifetimes[i].Holdout!)), one[i]);
        }
    }

    [Fact]
    public void Run_ResultsDoNotDependOnTheThreadCount()
    {
        var lifetimes = Population();
        var one = FixedLifetimeBatch.Run(lifetimes, PrecisionConfig.Default, threads: 1);
        Assert.Equal(one, FixedLifetimeBatch.Run(lifetimes, PrecisionConfig.Default, threads: 2));
        Assert.Equal(one, FixedLifetimeBatch.Run(lifetimes, PrecisionConfig.Default, threads: 5));
        Assert.Equal(one, FixedLifetimeBatch.Run(lifetimes, PrecisionConfig.Default));
        Assert.Contains(one, r => r.OnlineAccuracy != one[0].OnlineAccuracy); // the lifetimes differ, so the order is checked
    }

    [Fact]
    public void Run_AnyNetworkImplementation()
    {
        // The float reference through the same runner: results at their indices, no holdout → null.
        var lifetimes = Population().Select(l => l with { Holdout = null }).ToArray();
        var results = FixedLifetimeBatch.Run(lifetimes, l => new ReferencePatternNetwork(l.Spec, l.Rule), threads: 2);
        for (int i = 0; i < lifetimes.Length; i++)
        {
            double expected = PatternLifetime.Train(new ReferencePatternNetwork(lifetimes[i].Spec, lifetimes[i].Rule), lifetimes[i].Train, lifetimes[i].Passes);
            Assert.Equal(new FixedLifetimeResult(expected, null), results[i]);
        }
    }

    [Fact]
    public void Run_RejectsDataThatDoesNotMatchItsNetwork()
    {
        var lifetimes = Population();
        lifetimes[3] = lifetimes[3] with { Spec = lifetimes[3].Spec with { Inputs = 9 } };
        var e = Assert.Throws<ArgumentException>(() => FixedLifetimeBatch.Run(lifetimes, PrecisionConfig.Default));
        Assert.StartsWith("Lifetime 3: the training data has 10 features and 4 classes; the network 9 inputs and 4 classes", e.Message, StringComparison.Ordinal);
        lifetimes = Population();
        lifetimes[1] = lifetimes[1] with { Passes = 0 };
        e = Assert.Throws<ArgumentException>(() => FixedLifetimeBatch.Run(lifetimes, PrecisionConfig.Default));
        Assert.StartsWith("Lifetime 1: Passes must be at least 1, not 0", e.Message, StringComparison.Ordinal);
    }
}
