using Neuro.Rules.Data;
using Neuro.Rules.Patterns;
using Xunit;

namespace Neuro.Rules.Evolution;

public sealed class EvolutionRunTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "neuro-evolution-" + Guid.NewGuid().ToString("N"));
    private static readonly Dataset Train = SyntheticClassification.GenerateJoosten(3).Train.Subset(0, 600);
    private static readonly PatternRuleSettings Settings = new();

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static EvolutionRun<PatternRule> NewRun(string dir, string algorithm, int threads) =>
        new(dir, OptimizerFactory.Create(algorithm, Settings.GeneCount, seed: 11, population: 8), new PatternRuleDecoder(Settings), Evaluator, "{}", threads);

    private static JoostenBatchEvaluator Evaluator() =>
        new JoostenBatchEvaluator(Train, new PatternNetworkSpec(10, 4, Hidden: 12, Cap: 6, Seed: 5), batches: 2, batchSize: 50);

    [Theory]
    [InlineData("es")]
    [InlineData("oes")]
    [InlineData("ga")]
    [InlineData("cmaes")]
    [InlineData("mads")]
    [InlineData("enomad")]
    [InlineData("renomad")]
    public void Resume_GivesTheSameResultAsAnUninterruptedRun(string algorithm)
    {
        string whole = Path.Combine(root, algorithm + "-whole"), split = Path.Combine(root, algorithm + "-split");
        NewRun(whole, algorithm, threads: 2).Run(6);

        NewRun(split, algorithm, threads: 2).Run(3);
        var checkpoint = EvolutionCheckpoint.LoadFrom(split);
        Assert.Equal(3, checkpoint.Generation);
        new EvolutionRun<PatternRule>(split, checkpoint, OptimizerFactory.Restore(checkpoint.OptimizerState), new PatternRuleDecoder(Settings), Evaluator, threads: 2).Run(6);

        Assert.Equal(File.ReadAllText(Path.Combine(whole, "checkpoint.json")), File.ReadAllText(Path.Combine(split, "checkpoint.json")));
        Assert.Equal(FitnessColumns(whole), FitnessColumns(split));
    }

    [Fact]
    public void Run_IsIdenticalForAnyThreadCount()
    {
        string one = Path.Combine(root, "one"), two = Path.Combine(root, "two");
        NewRun(one, "es", threads: 1).Run(3);
        NewRun(two, "es", threads: 2).Run(3);
        Assert.Equal(File.ReadAllText(Path.Combine(one, "checkpoint.json")), File.ReadAllText(Path.Combine(two, "checkpoint.json")));
    }

    [Fact]
    public void Run_CancelledLeavesTheLastCheckpointIntact()
    {
        string dir = Path.Combine(root, "cancel");
        var run = NewRun(dir, "es", threads: 1);
        using var cancel = new CancellationTokenSource();
        Assert.ThrowsAny<OperationCanceledException>(() => run.Run(10, record =>
        {
            if (record.Generation == 2)
            {
                cancel.Cancel();
            }
        }, cancel.Token));
        Assert.Equal(2, EvolutionCheckpoint.LoadFrom(dir).Generation);
        Assert.Equal(3, File.ReadAllLines(Path.Combine(dir, "log.csv")).Length); // header + 2 generations
    }

    [Fact]
    public void RunEvaluations_StopsAtTheBudgetAndCountsValidation()
    {
        string dir = Path.Combine(root, "budget");
        var run = new EvolutionRun<PatternRule>(dir, OptimizerFactory.Create("ga", Settings.GeneCount, seed: 11, population: 8), new PatternRuleDecoder(Settings), Evaluator, "{}", 1)
        {
            ValidationRepeats = 1,
        };
        run.RunEvaluations(40);
        Assert.Equal(45, run.Evaluations); // five generations of 8 candidates + 1 validation; the fifth crosses 40
        Assert.Equal(5, run.Optimizer.Generation);
    }

    [Fact]
    public void Run_StopsWhenTheOptimizerFinishes()
    {
        string dir = Path.Combine(root, "finish");
        var mads = new MadsOptimizer(Settings.GeneCount, 3, new MadsSettings { BlockSize = 10, MaxEvaluations = 25 });
        var run = new EvolutionRun<PatternRule>(dir, mads, new PatternRuleDecoder(Settings), Evaluator, "{}", 1) { ValidationRepeats = 1 };
        run.Run(100);
        Assert.True(mads.IsFinished);
        Assert.Equal(3, mads.Generation); // blocks of 11 (with the start point), 10, then the 4 left in the budget
        Assert.Equal(4, File.ReadAllLines(Path.Combine(dir, "log.csv")).Length);
    }

    /// <summary>The log without its wall-clock column.</summary>
    private static string[] FitnessColumns(string dir) =>
        [.. File.ReadAllLines(Path.Combine(dir, "log.csv")).Select(l => string.Join(',', l.Split(',')[..5]))];
}
