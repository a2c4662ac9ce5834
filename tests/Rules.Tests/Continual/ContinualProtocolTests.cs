using Neuro.Rules.Data;
using Neuro.Rules.Hebbian;
using Xunit;

namespace Neuro.Rules.Continual;

public sealed class ContinualProtocolTests
{
    /// <summary>
    /// A learner that remembers the last label it saw per feature pattern (feature 0 as an index) and scores that unit
    /// 1, every other 0; it records the order of the samples and the EndTask calls.
    /// </summary>
    private sealed class MemoryLearner(int classes) : IContinualLearner
    {
        private readonly Dictionary<int, int> memory = [];

        public List<int> Seen { get; } = [];

        public List<(int Count, int Offset)> Ends { get; } = [];

        public int Classes => classes;

        public void Reset()
        {
            memory.Clear();
            Seen.Clear();
            Ends.Clear();
        }

        public void Learn(ReadOnlySpan<double> x, int label)
        {
            memory[(int)x[0]] = label;
            Seen.Add(label);
        }

        public void Scores(ReadOnlySpan<double> x, Span<double> destination)
        {
            destination.Clear();
            if (memory.TryGetValue((int)x[0], out int label))
            {
                destination[label] = 1;
            }
        }

        public void EndTask(Dataset train, int classOffset) => Ends.Add((train.Count, classOffset));
    }

    /// <summary>Task data: row i has feature i mod 4 and label i mod 2; with a shift the two tasks share features.</summary>
    private static ContinualTask Task(string name, int offset, int shift)
    {
        double[] values = [.. Enumerable.Range(0, 8).Select(i => (double)((i + shift) % 4))];
        int[] labels = [.. Enumerable.Range(0, 8).Select(i => i % 2)];
        var data = new Dataset(1, 2, values, labels);
        return new ContinualTask(name, data, data, offset);
    }

    [Fact]
    public void Run_FillsTheMatricesAfterEveryPhase()
    {
        var learner = new MemoryLearner(4);
        // Task b maps the same features to its own units (2, 3): learning it overwrites task a's memory.
        var result = ContinualProtocol.Run(learner, [Task("a", 0, 0), Task("b", 2, 0)], seed: 3);
        Assert.Equal(["a", "b"], result.Tasks.ToArray());
        Assert.Equal([1.0, 0.0], result.ClassIncremental[0].ToArray());
        Assert.Equal([0.0, 1.0], result.ClassIncremental[1].ToArray());
        // Task-incremental: after b, a's own units both score 0, so the first (label 0) wins: half right.
        Assert.Equal([0.5, 1.0], result.TaskIncremental[1].ToArray());
        Assert.Equal(1.0, result.ClassForgetting);
        Assert.Equal(0.5, result.ClassAverage);
        Assert.Equal([(8, 0), (8, 2)], learner.Ends);
    }

    [Fact]
    public void Run_StreamsEachSampleOnceInASeededOrder()
    {
        var learner = new MemoryLearner(4);
        ContinualProtocol.Run(learner, [Task("a", 0, 0), Task("b", 2, 1)], seed: 3);
        var first = learner.Seen.ToArray();
        Assert.Equal(16, first.Length);
        Assert.Equal(4, first[..8].Count(l => l == 0));
        Assert.All(first[8..], l => Assert.True(l >= 2));
        ContinualProtocol.Run(learner, [Task("a", 0, 0), Task("b", 2, 1)], seed: 3);
        Assert.Equal(first, learner.Seen.ToArray());
        ContinualProtocol.Run(learner, [Task("a", 0, 0), Task("b", 2, 1)], seed: 4);
        Assert.NotEqual(first, learner.Seen.ToArray());
    }

    [Fact]
    public void Run_WithoutEveryPhaseScoresOnlyTheLast()
    {
        var result = ContinualProtocol.Run(new MemoryLearner(4), [Task("a", 0, 0), Task("b", 2, 0)], seed: 3, scoreEveryPhase: false);
        Assert.All(result.ClassIncremental[0], v => Assert.True(double.IsNaN(v)));
        Assert.Equal([0.0, 1.0], result.ClassIncremental[1].ToArray());
    }

    [Fact]
    public void ArgMax_FirstHighestWinsAndNaNIsWrong()
    {
        Assert.Equal(1, ContinualProtocol.ArgMax([0, 2, 2, 1], 0, 4));
        Assert.Equal(2, ContinualProtocol.ArgMax([5, 2, 2, 1], 2, 2));
        Assert.Equal(-1, ContinualProtocol.ArgMax([0, double.NaN, 2], 0, 3));
    }

    [Fact]
    public void Run_RejectsTasksThatDoNotFitTheOutputLayer()
    {
        var e = Assert.Throws<ArgumentException>(() => ContinualProtocol.Run(new MemoryLearner(3), [Task("a", 0, 0), Task("b", 2, 0)], 1));
        Assert.StartsWith("Task 'b' uses output units 2..3; the learner has 3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_HebbianNetworkIsDeterministic()
    {
        var tasks = ContinualTasks.Load(Path.Combine(RepoPaths.SharedData("mnist"), ".."), ["mnist", "fashion"], limit: 300);
        var rule = new HebbianRule(new HebbianLayerRule(1e-4, 1, 0, 0, 0, 1, 1, -0.1), new HebbianLayerRule(1e-3, 1, 0, -0.1, 0, 1));
        var spec = new HebbianNetworkSpec(784, 20, 32, 8, Seed: 2);
        var a = ContinualProtocol.Run(new HebbianNetwork(spec, rule), tasks, 5);
        var b = ContinualProtocol.Run(new HebbianNetwork(spec, rule), tasks, 5);
        Assert.Equal(a.ClassIncremental.SelectMany(r => r), b.ClassIncremental.SelectMany(r => r));
        Assert.True(a.ClassIncremental[0][0] > 0.15, $"{a.ClassIncremental[0][0]}");
    }
}
