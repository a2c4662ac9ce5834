using Neuro.Rules.Evolution;
using Neuro.Rules.Linear;
using Xunit;

namespace Neuro.Rules.Baxter;

/// <summary>Both small tasks through the one evolution path: determinism across thread counts and exact resume.</summary>
public sealed class BaxterEvolutionTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "neuro-baxter-evolution-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static readonly BaxterDecoder Decoder = new(4, 1);
    private static readonly BooleanTask Task = BooleanTask.Named("boolean1");

    private static EvolutionRun<BaxterLearner> NewBaxterRun(string dir, int threads) =>
        new(dir, OptimizerFactory.Create("ga", Decoder.GeneCount, 2, population: 30, genetic: Decoder.GeneticSettings), Decoder, () => new BaxterEvaluator(Task), "{}", threads);

    private static EvolutionRun<LinearModel> NewLinearRun(string dir, int threads) =>
        new(dir, OptimizerFactory.Create("ga", LinearModelDecoder.GeneCount, 4, genetic: LinearModelDecoder.GeneticSettings), new LinearModelDecoder(), () => new LinearModelEvaluator(new LinearTask()), "{}", threads);

    [Fact]
    public void Run_GaIsIdenticalForAnyThreadCount()
    {
        NewBaxterRun(Path.Combine(root, "b1"), threads: 1).Run(8);
        NewBaxterRun(Path.Combine(root, "b3"), threads: 3).Run(8);
        Assert.Equal(Checkpoint(root, "b1"), Checkpoint(root, "b3"));
        NewLinearRun(Path.Combine(root, "l1"), threads: 1).Run(8);
        NewLinearRun(Path.Combine(root, "l3"), threads: 3).Run(8);
        Assert.Equal(Checkpoint(root, "l1"), Checkpoint(root, "l3"));
    }

    [Fact]
    public void Resume_GivesTheSameRunForBothTasks()
    {
        NewBaxterRun(Path.Combine(root, "bw"), 2).Run(8);
        NewBaxterRun(Path.Combine(root, "bs"), 2).Run(4);
        var checkpoint = EvolutionCheckpoint.LoadFrom(Path.Combine(root, "bs"));
        new EvolutionRun<BaxterLearner>(Path.Combine(root, "bs"), checkpoint, OptimizerFactory.Restore(checkpoint.OptimizerState), Decoder, () => new BaxterEvaluator(Task), 2).Run(8);
        Assert.Equal(Checkpoint(root, "bw"), Checkpoint(root, "bs"));

        NewLinearRun(Path.Combine(root, "lw"), 2).Run(8);
        NewLinearRun(Path.Combine(root, "ls"), 2).Run(4);
        checkpoint = EvolutionCheckpoint.LoadFrom(Path.Combine(root, "ls"));
        new EvolutionRun<LinearModel>(Path.Combine(root, "ls"), checkpoint, OptimizerFactory.Restore(checkpoint.OptimizerState), new LinearModelDecoder(), () => new LinearModelEvaluator(new LinearTask()), 2).Run(8);
        Assert.Equal(Checkpoint(root, "lw"), Checkpoint(root, "ls"));
    }

    [Fact]
    public void Run_FindsALearnerOfAllFourFunctions()
    {
        // Seed 2, 4 nodes, 30 per generation: measured to reach fitness 1 (all four learned) in generation 8.
        var run = NewBaxterRun(Path.Combine(root, "find"), 0);
        double best = 0;
        IReadOnlyList<double>? genes = null;
        run.Run(12, record =>
        {
            if (record.Best > best)
            {
                best = record.Best;
                genes = record.BestGenes;
            }
        });
        Assert.Equal(1, best);
        var learner = Decoder.Decode(RuleGenome.Of([.. genes!]))!;
        Assert.All(BaxterTrial.RunAll(learner, Task), t => Assert.True(t.Learned, t.Function.Name));
    }

    private static string Checkpoint(string root, string name) => File.ReadAllText(Path.Combine(root, name, "checkpoint.json"));
}
