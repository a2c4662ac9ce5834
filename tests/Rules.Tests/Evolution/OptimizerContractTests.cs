using Xunit;

namespace Neuro.Rules.Evolution;

/// <summary>
/// The ask/tell contract of <see cref="IOptimizer"/>, one test body subclassed once per optimizer: idempotent
/// <c>Ask</c>, determinism from the seed, exact checkpoint resume, and the argument checks of <c>Tell</c>.
/// </summary>
public abstract class OptimizerContractTests
{
    protected const int Dimension = 6;

    /// <summary>A fresh optimizer of the type under test, dimension <see cref="Dimension"/>.</summary>
    protected abstract IOptimizer Create(long seed);

    private static readonly Func<double[], double> Objective = TestFunctions.Sphere(TestFunctions.Target(Dimension));

    [Fact]
    public void Ask_IsIdempotentUntilTell()
    {
        var optimizer = Create(11);
        TestFunctions.Run(optimizer, Objective, 3);
        var first = optimizer.Ask();
        first[0][0] = 12345; // callers get copies; this must not leak into the optimizer
        var second = optimizer.Ask();
        var third = optimizer.Ask();
        Assert.NotEqual(12345, second[0][0]);
        TestFunctions.AssertBitEqual(second, third);
        Assert.Equal(3, optimizer.Generation);
    }

    [Fact]
    public void Ask_SameSeedGivesSameCandidates()
    {
        var a = Create(21);
        var b = Create(21);
        for (int g = 0; g < 8; g++)
        {
            var candidates = a.Ask();
            TestFunctions.AssertBitEqual(candidates, b.Ask());
            double[] f = [.. candidates.Select(Objective)];
            a.Tell(f);
            b.Tell(f);
        }

        TestFunctions.AssertBitEqual(a.Current, b.Current);
    }

    [Fact]
    public void Ask_DifferentSeedsGiveDifferentCandidates()
    {
        Assert.NotEqual(Create(31).Ask()[0], Create(32).Ask()[0]);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(4, false)]
    [InlineData(4, true)]
    [InlineData(9, true)]
    public void Restore_MidRunResumesBitIdentically(int split, bool askedBeforeSave)
    {
        const int generations = 10;
        var straight = Create(41);
        var expected = new List<IReadOnlyList<double[]>>();
        var expectedCurrent = new List<double[]>();
        for (int g = 0; g < generations; g++)
        {
            var candidates = straight.Ask();
            expected.Add(candidates);
            straight.Tell([.. candidates.Select(Objective)]);
            expectedCurrent.Add(straight.Current);
        }

        var optimizer = Create(41);
        for (int g = 0; g < split; g++)
        {
            optimizer.Tell([.. optimizer.Ask().Select(Objective)]);
        }

        if (askedBeforeSave)
        {
            optimizer.Ask();
        }

        var resumed = OptimizerFactory.Restore(optimizer.SaveState());
        Assert.Equal(optimizer.GetType(), resumed.GetType());
        Assert.Equal(split, resumed.Generation);
        TestFunctions.AssertBitEqual(optimizer.Current, resumed.Current);
        for (int g = split; g < generations; g++)
        {
            var candidates = resumed.Ask();
            TestFunctions.AssertBitEqual(expected[g], candidates);
            resumed.Tell([.. candidates.Select(Objective)]);
            TestFunctions.AssertBitEqual(expectedCurrent[g], resumed.Current);
        }

        Assert.Equal(straight.SaveState(), resumed.SaveState());
    }

    [Fact]
    public void SaveState_RestoredStateSavesTheSameText()
    {
        var optimizer = Create(51);
        TestFunctions.Run(optimizer, Objective, 5);
        string state = optimizer.SaveState();
        var restored = OptimizerFactory.Restore(state);
        Assert.Equal(state, restored.SaveState());
        Assert.Equal(optimizer.Name, restored.Name);
        Assert.Equal(optimizer.Seed, restored.Seed);
        Assert.Equal(optimizer.Dimension, restored.Dimension);
    }

    [Fact]
    public void Tell_RejectsWrongCount()
    {
        var optimizer = Create(61);
        int count = optimizer.Ask().Count;
        var e = Assert.Throws<ArgumentException>(() => optimizer.Tell(new double[count - 1]));
        Assert.StartsWith($"Expected {count} fitnesses (one per candidate), not {count - 1}", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => optimizer.Tell(new double[count + 1]));
        Assert.StartsWith($"Expected {count} fitnesses (one per candidate), not {count + 1}", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, optimizer.Generation);
    }

    [Fact]
    public void Tell_RejectsNaNNamingTheIndex()
    {
        var optimizer = Create(71);
        var before = optimizer.Ask();
        var f = new double[before.Count];
        f[1] = double.NaN;
        var e = Assert.Throws<ArgumentException>(() => optimizer.Tell(f));
        Assert.StartsWith("Fitness [1] is NaN", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, optimizer.Generation);
        TestFunctions.AssertBitEqual(before, optimizer.Ask());
    }

    [Fact]
    public void Tell_AcceptsInfiniteFitness()
    {
        var optimizer = Create(81);
        var candidates = optimizer.Ask();
        double[] f = [.. candidates.Select(Objective)];
        f[0] = double.NegativeInfinity; // a non-viable genome
        f[^1] = double.PositiveInfinity;
        optimizer.Tell(f);
        Assert.Equal(1, optimizer.Generation);
        Assert.All(optimizer.Ask(), x => Assert.All(x, v => Assert.True(double.IsFinite(v))));
        Assert.Equal(optimizer.SaveState(), OptimizerFactory.Restore(optimizer.SaveState()).SaveState());
    }

    [Fact]
    public void Name_IsKnownToTheFactory()
    {
        var optimizer = Create(91);
        Assert.Contains(optimizer.Name, OptimizerFactory.Names);
        Assert.Equal(optimizer.GetType(), OptimizerFactory.Create(optimizer.Name, Dimension, 91).GetType());
    }
}
