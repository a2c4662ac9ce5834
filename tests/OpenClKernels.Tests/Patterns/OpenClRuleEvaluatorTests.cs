using Neuro.FixedPointSim.Patterns;
using Neuro.Rules.Data;
using Neuro.Rules.Evolution;
using Neuro.Rules.Patterns;
using Xunit;

namespace Neuro.OpenClKernels.Patterns;

public sealed class OpenClRuleEvaluatorTests
{
    [OpenClFact]
    public void EvaluateAll_AGenerationInOneLaunch_EqualsTheFixedPointEvaluatorRuleByRule()
    {
        var (train, _) = SyntheticClassification.GenerateJoosten(3);
        var spec = new PatternNetworkSpec(10, 4, Hidden: 12, Cap: 6, EdgeProbability: 0.5, Seed: 3);
        var precision = PrecisionConfig.Default;
        var cpu = new HoldoutLifetimeEvaluator([train], spec, lifetimeSamples: 60, holdoutSamples: 30, repeats: 3,
            networks: (s, r) => new FastFixedPatternNetwork(s, r, precision));
        var batch = OpenClDeviceFixture.Batch(1);
        var device = new OpenClRuleEvaluator(cpu.Lifetimes, batch, precision);
        var random = new Random(3);
        // A generation: one rule's options, five sets of tables (one define set, so one launch).
        var parent = FixedNetworkConformanceTests.RandomRule(random, rounds: 2, forceInput: false);
        PatternRule[] rules = [parent, .. Enumerable.Range(0, 4).Select(_ => OpenClLifetimeBatchTests.Variant(parent, random))];
        var context = new EvaluationContext(11, 4);

        var together = device.EvaluateAll(rules, context);

        Assert.Equal(1, batch.LastLaunches);
        Assert.Equal(rules.Length, together.Count);
        for (int i = 0; i < rules.Length; i++)
        {
            Assert.Equal(cpu.Evaluate(rules[i], context), together[i]);
            Assert.Equal(together[i], device.Evaluate(rules[i], context));
        }

        Assert.True(together.Distinct().Count() > 1, "the rules should not all score alike");
    }

    [OpenClFact]
    public void RunAccuracies_EqualsRunsAccuraciesWithoutReadingWeights()
    {
        var c = FixedNetworkConformanceTests.RandomCase(17, wide: false);
        var lifetimes = OpenClLifetimeBatchTests.Lifetimes(c, 17, 4);
        var batch = OpenClDeviceFixture.Batch(1);
        var full = batch.Run(lifetimes, c.Precision);
        var accuracies = batch.RunAccuracies(lifetimes, c.Precision);
        Assert.Equal(full.Select(r => r.ToFixedLifetimeResult()), accuracies);
        Assert.Equal(FixedLifetimeBatch.Run(lifetimes, c.Precision), accuracies);
    }
}
