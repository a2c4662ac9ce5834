using Microsoft.Extensions.DependencyInjection;
using Neuro.Rules.Evolution;
using Neuro.Rules.Patterns;
using Xunit;

namespace Neuro.Distributed;

public sealed class ClusterPopulationEvaluatorTests
{
    private static readonly PatternRuleDecoder Decoder = new(SyntheticJobFactory.Settings);

    /// <summary>The in-process fitnesses of <paramref name="candidates"/>, as raw bits.</summary>
    private static long[] Local(double[][] candidates, EvaluationContext context) =>
        Bits(PopulationEvaluator.Evaluate(candidates, Decoder, SyntheticJobFactory.Evaluator, context, threads: 2));

    private static long[] Clustered(double[][] candidates, EvaluationContext context, ClusterPopulationEvaluator<PatternRule> cluster) =>
        Bits(PopulationEvaluator.Evaluate(candidates, Decoder, () => cluster, context));

    private static long[] Bits(double[] values) => [.. values.Select(BitConverter.DoubleToInt64Bits)];

    [Fact]
    public async Task EvaluateAll_OnTwoSilos_EqualsInProcessEvaluation()
    {
        await using var cluster = await TestClusters.StartAsync(silos: 2);
        await using var evaluator = new ClusterPopulationEvaluator<PatternRule>(cluster.Client, SyntheticJobFactory.Config(), new PatternRuleCodec(), TestClusters.Settings());
        var candidates = SyntheticJobFactory.Candidates(16, seed: 7);
        foreach (int generation in new[] { 0, 1, -1 })
        {
            var context = new EvaluationContext(Seed: 11, generation);
            Assert.Equal(Local(candidates, context), Clustered(candidates, context, evaluator));
        }

        Assert.Equal(2, evaluator.CompletedBySilo.Count); // both silos took work
        Assert.Equal(48, evaluator.Completed);
    }

    [Fact]
    public async Task EvaluateAll_ConcurrentCallsWithOtherContexts_EachEqualsInProcessEvaluation()
    {
        await using var cluster = await TestClusters.StartAsync(silos: 2);
        await using var evaluator = new ClusterPopulationEvaluator<PatternRule>(cluster.Client, SyntheticJobFactory.Config(), new PatternRuleCodec(), TestClusters.Settings());
        var candidates = SyntheticJobFactory.Candidates(6, seed: 8);
        var contexts = Enumerable.Range(0, 4).Select(g => new EvaluationContext(Seed: 3, g)).ToArray();
        var clustered = await Task.WhenAll(contexts.Select(c => Task.Run(() => Clustered(candidates, c, evaluator))));
        for (int i = 0; i < contexts.Length; i++)
        {
            Assert.Equal(Local(candidates, contexts[i]), clustered[i]);
        }
    }

    [Fact]
    public async Task EvaluateAll_SiloKilledMidGeneration_GivesTheSameGeneration()
    {
        await using var cluster = await TestClusters.StartAsync(silos: 3);
        var log = new List<string>();
        await using var evaluator = new ClusterPopulationEvaluator<PatternRule>(cluster.Client, SyntheticJobFactory.Config(delayMs: 150), new PatternRuleCodec(), TestClusters.Settings(log));
        var candidates = SyntheticJobFactory.Candidates(24, seed: 9);
        var context = new EvaluationContext(Seed: 5, Generation: 2);
        var victim = cluster.Silos[^1];
        var victimRuntime = victim.ServiceProvider.GetRequiredService<WorkerRuntime>();

        var generation = Task.Run(() => Clustered(candidates, context, evaluator));
        while (victimRuntime.Running == 0 && !generation.IsCompleted)
        {
            await Task.Delay(10);
        }

        Assert.True(victimRuntime.Running > 0, "the victim held no candidate when it was killed");
        await cluster.KillSiloAsync(victim);
        long[] result = await generation.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(Local(candidates, context), result);
        Assert.True(evaluator.Redispatched > 0, string.Join("\n", log));
        Assert.Contains(log, line => line.Contains(victim.SiloAddress.ToString(), StringComparison.Ordinal) && line.Contains("dispatched again", StringComparison.Ordinal));
    }

    // Heavy (run by `./test.sh --all`), not in the default suite: on the 2-core machine the silo that joins mid-run
    // sometimes never answers the driver's hello within 60 s while the first silo's held call times out (failed 2 of 3
    // runs alone before the pool fix below, 0 of 6 after, then once in a full suite run with the other projects in
    // parallel). Undiagnosed; it used to hang the suite instead. The log is in the failure message.
    [Fact]
    [Trait("Category", "Heavy")]
    public async Task EvaluateAll_SiloJoiningMidRun_GetsWork()
    {
        // Every wait has a deadline and the gate always opens again (finally), so a cluster that misbehaves fails this test
        // with the dispatcher's log instead of holding the suite: held candidates would otherwise keep the silos' shutdown
        // waiting (this test once hung a suite run for its 20-minute hang timeout).
        var log = new List<string>();
        await using var cluster = await TestClusters.StartAsync(silos: 1, slots: 1);
        await using var evaluator = new ClusterPopulationEvaluator<PatternRule>(cluster.Client, SyntheticJobFactory.Config(delayMs: 20, gated: true), new PatternRuleCodec(), TestClusters.Settings(log));
        var candidates = SyntheticJobFactory.Candidates(40, seed: 10);
        SyntheticJobFactory.CloseGate();
        try
        {
            var context = new EvaluationContext(Seed: 6, Generation: 0);
            var generation = Task.Run(() => Clustered(candidates, context, evaluator));
            await WaitUntil(() => evaluator.Completed > 0 || generation.IsCompleted, "the first candidate to complete", log);

            var joined = await cluster.StartAdditionalSiloAsync();
            await WaitUntil(() => evaluator.Workers >= 2 || generation.IsCompleted, "the new silo to join as a worker", log);

            Assert.False(generation.IsCompleted, $"the generation ended before the new silo joined ({generation.Status}):\n{Lines(log)}");
            await Task.Delay(200); // let the dispatcher hand the new silo's free slot a (held) candidate
            SyntheticJobFactory.Gate.Set();
            long[] result = await generation.WaitAsync(TimeSpan.FromSeconds(60));

            Assert.Equal(Local(candidates, context), result);
            Assert.True(evaluator.CompletedBySilo.GetValueOrDefault(joined.SiloAddress.ToParsableString()) > 0, $"the silo that joined got no candidate:\n{Lines(log)}");
        }
        finally
        {
            SyntheticJobFactory.Gate.Set();
        }
    }

    /// <summary>Polls <paramref name="condition"/> every 10 ms for at most 60 s; fails naming what it waited for, with the log.</summary>
    private static async Task WaitUntil(Func<bool> condition, string what, List<string> log)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"waited 60 s for {what}:\n{Lines(log)}");
            await Task.Delay(10);
        }
    }

    private static string Lines(List<string> log)
    {
        lock (log)
        {
            return string.Join("\n", log);
        }
    }

    [Fact]
    public async Task EvaluateAll_WorkerOfAnotherVersion_IsRefused()
    {
        await using var cluster = await TestClusters.StartAsync(silos: 2, version: name => name == "Silo_0" ? WorkerVersion.Current : "0.0.0+other");
        var log = new List<string>();
        await using var evaluator = new ClusterPopulationEvaluator<PatternRule>(cluster.Client, SyntheticJobFactory.Config(), new PatternRuleCodec(), TestClusters.Settings(log));
        var candidates = SyntheticJobFactory.Candidates(8, seed: 12);
        var context = new EvaluationContext(Seed: 1, Generation: 0);

        Assert.Equal(Local(candidates, context), Clustered(candidates, context, evaluator));
        var other = cluster.Silos.Single(s => s.Name != "Silo_0").SiloAddress;
        Assert.DoesNotContain(other.ToParsableString(), evaluator.CompletedBySilo.Keys);
        Assert.Contains(log, line => line.StartsWith($"refusing worker", StringComparison.Ordinal) && line.Contains(other.ToString(), StringComparison.Ordinal)
            && line.Contains("0.0.0+other", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EvaluateAll_WorkerJobFails_ThrowsTheWorkersMessage()
    {
        await using var cluster = await TestClusters.StartAsync(silos: 1);
        await using var evaluator = new ClusterPopulationEvaluator<PatternRule>(cluster.Client, SyntheticJobFactory.Config(fail: true), new PatternRuleCodec(), TestClusters.Settings());
        var e = await Assert.ThrowsAsync<ClusterEvaluationException>(() =>
            evaluator.EvaluateAllAsync([Decoder.Decode(RuleGenome.Of(SyntheticJobFactory.Candidates(1, 1)[0]))!], new EvaluationContext(1, 0)));
        Assert.Contains("the test job was asked to fail", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, evaluator.Redispatched);
    }

    [Fact]
    public async Task WorkerRuntime_DriverOfAnotherVersion_RefusesTheWork()
    {
        await using var cluster = await TestClusters.StartAsync(silos: 1);
        var runtime = cluster.Silos[0].ServiceProvider.GetRequiredService<WorkerRuntime>();
        var result = await runtime.EvaluateAsync(new WorkRequest("0.0.0+other", SyntheticJobFactory.Config(), 1, 0, []));
        Assert.Empty(result.Fitness);
        Assert.Contains("the driver 0.0.0+other", result.Error, StringComparison.Ordinal);
    }
}
