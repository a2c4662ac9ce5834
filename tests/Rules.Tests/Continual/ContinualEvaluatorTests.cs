using Neuro.Rules.Data;
using Neuro.Rules.Evolution;
using Neuro.Rules.Hebbian;
using Xunit;

namespace Neuro.Rules.Continual;

public sealed class ContinualEvaluatorTests
{
    private static IReadOnlyList<ContinualTask> Tasks()
    {
        var all = ContinualTasks.Load(Path.Combine(RepoPaths.SharedData("mnist"), ".."), ["mnist", "fashion"], limit: 700);
        return ContinualTasks.ValidationSplit(all, 200);
    }

    [Fact]
    public void Evaluate_SameFitnessOnAnyThreadCount()
    {
        var evaluator = new ContinualEvaluator(Tasks(), new HebbianNetworkSpec(784, 20, 32, 8), new ContinualFitnessSettings { SamplesPerTask = 200, ValidationPerTask = 100, Repeats = 2 });
        var random = new Random(11);
        var candidates = Enumerable.Range(0, 6).Select(_ => Enumerable.Range(0, HebbianRuleDecoder.GeneCount).Select(_ => random.NextDouble() - 0.5).ToArray()).ToList();
        candidates[0][10] = 1; // one rule that surely learns: output A = 1
        var context = new EvaluationContext(4, 2);
        var one = PopulationEvaluator.Evaluate(candidates, new HebbianRuleDecoder(), () => evaluator, context, threads: 1);
        var four = PopulationEvaluator.Evaluate(candidates, new HebbianRuleDecoder(), () => evaluator, context, threads: 4);
        Assert.Equal(one, four);
        Assert.True(one.Max() > 0.2, string.Join(", ", one));
        var other = PopulationEvaluator.Evaluate(candidates, new HebbianRuleDecoder(), () => evaluator, context with { Generation = 3 }, threads: 2);
        Assert.NotEqual(one, other);
    }

    [Fact]
    public void ValidationSplit_HoldsOutTheLastRowsOfTheTrainingSet()
    {
        var all = ContinualTasks.Load(Path.Combine(RepoPaths.SharedData("mnist"), ".."), ["mnist"], limit: 700);
        var split = ContinualTasks.ValidationSplit(all, 200);
        Assert.Equal(500, split[0].Train.Count);
        Assert.Equal(200, split[0].Test.Count);
        Assert.Equal(all[0].Train.Row(500).ToArray(), split[0].Test.Row(0).ToArray());
        Assert.Equal(all[0].Train.Row(499).ToArray(), split[0].Train.Row(499).ToArray());
    }

    [Fact]
    public void Constructor_RejectsWindowsLargerThanTheData()
    {
        var e = Assert.Throws<ArgumentException>(() => new ContinualEvaluator(Tasks(), new HebbianNetworkSpec(784, 20, 32, 8), new ContinualFitnessSettings { SamplesPerTask = 600 }));
        Assert.StartsWith("Task 'mnist' has 500 training and 200 validation samples; the fitness windows need 600 and 1000", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RejectsAnUnknownTaskAndADifferentImageSize()
    {
        Assert.Equal("Unknown task 'cifar'; expected fashion or mnist", Assert.Throws<ArgumentException>(() => ContinualTasks.CheckNames(["mnist", "cifar"])).Message);
        Assert.Equal("Task 'mnist' appears twice", Assert.Throws<ArgumentException>(() => ContinualTasks.CheckNames(["mnist", "mnist"])).Message);
        string root = Directory.CreateTempSubdirectory("neuro-continual-").FullName;
        try
        {
            string mnist = RepoPaths.SharedData("mnist");
            Directory.CreateDirectory(Path.Combine(root, "mnist"));
            foreach (string f in Directory.GetFiles(mnist))
            {
                File.Copy(f, Path.Combine(root, "mnist", Path.GetFileName(f)));
            }

            // A "Fashion" set of 2 images of 3 × 3 pixels.
            string fashion = Directory.CreateDirectory(Path.Combine(root, "fashion-mnist")).FullName;
            foreach (string prefix in new[] { "train", "t10k" })
            {
                File.WriteAllBytes(Path.Combine(fashion, $"{prefix}-images-idx3-ubyte.gz"), [0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 3, .. new byte[18]]);
                File.WriteAllBytes(Path.Combine(fashion, $"{prefix}-labels-idx1-ubyte.gz"), [0, 0, 8, 1, 0, 0, 0, 2, 1, 2]);
            }

            var e = Assert.Throws<ArgumentException>(() => ContinualTasks.Load(root, ["mnist", "fashion"], limit: 10));
            Assert.Equal($"{Path.Combine(fashion, "train-images-idx3-ubyte.gz")}: images of 9 pixels, but task 'mnist' has 784; every task needs the same image size", e.Message);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
