using System.Text.Json;
using Neuro.Rules.Data;
using Neuro.Rules.Evolution;
using Neuro.Rules.Patterns;

namespace Neuro.Distributed;

/// <summary>
/// The test clusters' job: Joosten's fitness on a small synthetic task, optionally slowed by a fixed sleep per candidate
/// (so a silo can be stopped while it holds work) or failing (to see a worker's error reach the driver).
/// </summary>
internal sealed class SyntheticJobFactory : IWorkerJobFactory
{
    internal static readonly PatternRuleSettings Settings = new(Rounds: 2);

    private static readonly Dataset Train = SyntheticClassification.GenerateJoosten(3).Train.Subset(0, 600);

    /// <summary>The run's configuration as the driver sends it.</summary>
    internal static string Config(int delayMs = 0, bool fail = false) => JsonSerializer.Serialize(new Job(delayMs, fail));

    /// <summary>The in-process evaluator of the same job (the reference the cluster must match).</summary>
    internal static JoostenBatchEvaluator Evaluator() =>
        new(Train, new PatternNetworkSpec(10, 4, Hidden: 12, Cap: 6, Seed: 5), batches: 2, batchSize: 50);

    /// <summary>Seeded random candidates of <see cref="Settings"/>' gene count.</summary>
    internal static double[][] Candidates(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, Settings.GeneCount).Select(_ => random.NextDouble() * 2 - 1).ToArray())];
    }

    public IWorkerJob Create(string config)
    {
        var job = JsonSerializer.Deserialize<Job>(config) ?? throw new ArgumentException("no job");
        if (job.Fail)
        {
            throw new ArgumentException("the test job was asked to fail");
        }

        return new WorkerJob<PatternRule>(new PatternRuleCodec(), () => new Slow(Evaluator(), job.DelayMs));
    }

    private sealed record Job(int DelayMs, bool Fail);

    private sealed class Slow(IRuleEvaluator<PatternRule> inner, int delayMs) : IRuleEvaluator<PatternRule>
    {
        public bool IsDeterministic => inner.IsDeterministic;

        public bool EvaluatorsHaveState => inner.EvaluatorsHaveState;

        public Fitness Evaluate(PatternRule rule, EvaluationContext context)
        {
            Thread.Sleep(delayMs);
            return inner.Evaluate(rule, context);
        }
    }
}
