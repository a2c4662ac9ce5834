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

    /// <summary>
    /// Holds every gated candidate after the first until the test opens it (the silos of a test cluster share this process),
    /// so a generation is still running when the test changes the cluster, however slow the machine.
    /// </summary>
    internal static readonly ManualResetEventSlim Gate = new(initialState: true);

    private static int gatedStarted;

    /// <summary>The run's configuration as the driver sends it.</summary>
    internal static string Config(int delayMs = 0, bool fail = false, bool gated = false) => JsonSerializer.Serialize(new Job(delayMs, fail, gated));

    /// <summary>Closes <see cref="Gate"/>: the next gated candidate runs, the later ones wait for <see cref="Gate"/>.Set().</summary>
    internal static void CloseGate()
    {
        Interlocked.Exchange(ref gatedStarted, 0);
        Gate.Reset();
    }

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

        return new WorkerJob<PatternRule>(new PatternRuleCodec(), () => new Slow(Evaluator(), job.DelayMs, job.Gated));
    }

    private sealed record Job(int DelayMs, bool Fail, bool Gated = false);

    private sealed class Slow(IRuleEvaluator<PatternRule> inner, int delayMs, bool gated) : IRuleEvaluator<PatternRule>
    {
        public bool IsDeterministic => inner.IsDeterministic;

        public bool EvaluatorsHaveState => inner.EvaluatorsHaveState;

        public Fitness Evaluate(PatternRule rule, EvaluationContext context)
        {
            if (gated && Interlocked.Increment(ref gatedStarted) > 1 && !Gate.Wait(TimeSpan.FromMinutes(2)))
            {
                throw new TimeoutException("the test never opened the gate");
            }

            Thread.Sleep(delayMs);
            return inner.Evaluate(rule, context);
        }
    }
}
