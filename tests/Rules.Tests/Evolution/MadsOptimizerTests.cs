using Xunit;

namespace Neuro.Rules.Evolution;

public sealed class MadsOptimizerTests : OptimizerContractTests
{
    protected override IOptimizer Create(long seed) => new MadsOptimizer(Dimension, seed, new MadsSettings { BlockSize = 4 });

    /// <summary>Runs ask/tell until the search stops or <paramref name="maxRounds"/> rounds; returns the start point and every later incumbent.</summary>
    private static List<double[]> RunToEnd(MadsOptimizer optimizer, Func<double[], double> fitness, int maxRounds = 100_000)
    {
        var incumbents = new List<double[]> { optimizer.Current };
        for (int round = 0; round < maxRounds && !optimizer.IsFinished; round++)
        {
            optimizer.Tell([.. optimizer.Ask().Select(fitness)]);
            double[] x = optimizer.Current;
            if (!incumbents[^1].AsSpan().SequenceEqual(x))
            {
                incumbents.Add(x);
            }
        }

        return incumbents;
    }

    [Fact]
    public void Tell_ConvergesOnASphere()
    {
        // Start 3.14 from c; seed 1 measured: converged (frame below 1e-9) at a distance of 1.0e-9 after 7,452 evaluations.
        double[] c = TestFunctions.Target(10);
        var optimizer = new MadsOptimizer(10, 1, new MadsSettings());
        RunToEnd(optimizer, TestFunctions.Sphere(c));
        Assert.Equal(MadsStopReason.Converged, optimizer.StopReason);
        Assert.InRange(TestFunctions.Distance(optimizer.Current, c), 0, 1e-8);
        Assert.Equal(TestFunctions.Sphere(c)(optimizer.Current), optimizer.BestFitness);
        Assert.Empty(optimizer.Ask());
    }

    [Fact]
    public void Tell_ConvergesOnRosenbrock()
    {
        // From (−1.2, 1) along the banana valley to (1, 1); seed 3 measured 2.0e-7 from the optimum after 3,942 evaluations.
        var optimizer = new MadsOptimizer(2, 3, new MadsSettings(), [-1.2, 1]);
        RunToEnd(optimizer, x => -TestFunctions.RosenbrockCost(x));
        Assert.Equal(MadsStopReason.Converged, optimizer.StopReason);
        Assert.InRange(TestFunctions.Distance(optimizer.Current, [1, 1]), 0, 1e-5);
    }

    [Fact]
    public void Tell_ConvergesToTheProjectionOnTheBox()
    {
        // Sphere centred outside the box [-1, 1]^4 in two coordinates: the optimum is c clamped into the box, and the
        // bound coordinates are hit exactly because trial points are snapped to the bounds.
        double[] c = [3, -2.5, 0.25, -0.75];
        double[] lower = [-1, -1, -1, -1], upper = [1, 1, 1, 1];
        var optimizer = new MadsOptimizer(4, 5, new MadsSettings { BlockSize = 3 }, [0, 0, 0, 0], lower, upper);
        int rounds = 0;
        while (!optimizer.IsFinished)
        {
            var points = optimizer.Ask();
            Assert.All(points, p => Assert.All(p, (v, i) => Assert.InRange(v, lower[i], upper[i])));
            optimizer.Tell([.. points.Select(TestFunctions.Sphere(c))]);
            rounds++;
        }

        Assert.Equal(MadsStopReason.Converged, optimizer.StopReason);
        Assert.Equal(1.0, optimizer.Current[0]);
        Assert.Equal(-1.0, optimizer.Current[1]);
        Assert.InRange(Math.Abs(optimizer.Current[2] - 0.25), 0, 1e-8);
        Assert.InRange(Math.Abs(optimizer.Current[3] + 0.75), 0, 1e-8);
        Assert.True(rounds > 10);
    }

    [Fact]
    public void Ask_OnAGranularMeshAsksOnlyGridPointsAndEndsWithinOneStep()
    {
        double g = MadsSettings.Grid(4);
        double[] c = TestFunctions.Target(6);
        var optimizer = new MadsOptimizer(6, 7, new MadsSettings { Granularity = g, BlockSize = 5 });
        while (!optimizer.IsFinished)
        {
            var points = optimizer.Ask();
            Assert.All(points, p => Assert.All(p, v => Assert.Equal(Math.Round(v * 16), v * 16)));
            optimizer.Tell([.. points.Select(TestFunctions.Sphere(c))]);
        }

        Assert.Equal(MadsStopReason.Converged, optimizer.StopReason);
        Assert.All(Enumerable.Range(0, 6), i => Assert.Equal(g, optimizer.FrameSize(i)));
        Assert.All(Enumerable.Range(0, 6), i => Assert.InRange(Math.Abs(optimizer.Current[i] - c[i]), 0, g));
    }

    [Fact]
    public void Tell_IncumbentsDoNotDependOnTheBlockSize()
    {
        // Opportunism takes the first improvement in poll order, so a block of 1 (sequential), 3, 7 or the whole poll
        // visits the same incumbents; only the evaluations spent differ.
        Func<double[], double> f = x => -TestFunctions.RosenbrockCost(x);
        double[] start = [-1, 2, 0.5, 0];
        List<double[]> Path(int? block)
        {
            var optimizer = new MadsOptimizer(4, 9, new MadsSettings { BlockSize = block, MinFrameSize = 1e-4 }, start);
            return RunToEnd(optimizer, f);
        }

        var sequential = Path(1);
        Assert.True(sequential.Count > 50, $"only {sequential.Count} incumbents");
        foreach (int? block in new int?[] { 3, 7, null })
        {
            var other = Path(block);
            Assert.Equal(sequential.Count, other.Count);
            for (int k = 0; k < sequential.Count; k++)
            {
                TestFunctions.AssertBitEqual(sequential[k], other[k]);
            }
        }
    }

    [Fact]
    public void Tell_StopsExactlyAtTheBudget()
    {
        var optimizer = new MadsOptimizer(5, 11, new MadsSettings { BlockSize = 4, MaxEvaluations = 23 });
        long told = 0;
        while (!optimizer.IsFinished)
        {
            var points = optimizer.Ask();
            told += points.Count;
            optimizer.Tell([.. points.Select(TestFunctions.Sphere(TestFunctions.Target(5)))]);
        }

        Assert.Equal(23, told);
        Assert.Equal(23, optimizer.Evaluations);
        Assert.Equal(MadsStopReason.Budget, optimizer.StopReason);
        Assert.Empty(optimizer.Ask());
        Assert.Throws<InvalidOperationException>(() => optimizer.Tell([]));
    }

    [Fact]
    public void Ask_FirstBatchIsAPollBlockOnTheFrameThenTheStartPoint()
    {
        double[] start = [0.5, -1, 2];
        var optimizer = new MadsOptimizer(3, 13, new MadsSettings { InitialFrameSize = 0.25 }, start);
        var points = optimizer.Ask();
        Assert.Equal(7, points.Count); // 2n poll points, then the start point
        TestFunctions.AssertBitEqual(start, points[^1]);
        foreach (var p in points.Take(6))
        {
            // At ℓ = 0 the mesh equals the frame, so every direction rounds to a step of one frame in its largest coordinate.
            Assert.Equal(0.25, p.Zip(start, (a, b) => Math.Abs(a - b)).Max());
        }
    }

    [Fact]
    public void Tell_FailureRefinesAndSuccessCoarsensTheFrame()
    {
        var optimizer = new MadsOptimizer(3, 15, new MadsSettings { InitialFrameSize = 1 });
        var first = optimizer.Ask();
        optimizer.Tell([.. first.Select((_, k) => k == first.Count - 1 ? 0.0 : -1.0)]); // start point best: the poll fails
        Assert.Equal(1, optimizer.MeshIndex);
        Assert.Equal(0.5, optimizer.FrameSize(0));
        Assert.Equal(0.25, optimizer.MeshSize(0));
        var second = optimizer.Ask();
        optimizer.Tell([.. second.Select((_, k) => k == 2 ? 1.0 : -1.0)]); // the third point improves
        Assert.Equal(0, optimizer.MeshIndex);
        TestFunctions.AssertBitEqual(second[2], optimizer.Current);
        Assert.Equal(1.0, optimizer.BestFitness);
    }

    [Fact]
    public void Tell_CompletePollTakesTheBestPoint()
    {
        var optimizer = new MadsOptimizer(3, 17, new MadsSettings { Opportunistic = false, SpeculativeSearch = false, BlockSize = 2 });
        var batches = new List<IReadOnlyList<double[]>>();
        double[] scores = [1, 5, 2, 7, 7, 3, 0]; // 2n = 6 poll points, then the start point
        int told = 0;
        while (told < 7)
        {
            var points = optimizer.Ask();
            batches.Add(points);
            optimizer.Tell([.. points.Select((_, k) => scores[told + k])]);
            told += points.Count;
        }

        var all = batches.SelectMany(b => b).ToList();
        TestFunctions.AssertBitEqual(all[3], optimizer.Current); // 7 is the best; the first of the two 7s wins
        Assert.Equal(7.0, optimizer.BestFitness);
    }

    [Fact]
    public void HouseholderColumn_FormsAnOrthogonalMatrix()
    {
        var optimizer = new MadsOptimizer(7, 19, new MadsSettings());
        double[] v = optimizer.PollVector;
        var columns = Enumerable.Range(0, 7).Select(j => MadsOptimizer.HouseholderColumn(v, j)).ToArray();
        for (int a = 0; a < 7; a++)
        {
            for (int b = 0; b < 7; b++)
            {
                double dot = columns[a].Zip(columns[b], (x, y) => x * y).Sum();
                Assert.InRange(Math.Abs(dot - (a == b ? 1 : 0)), 0, 1e-12);
            }
        }
    }

    [Fact]
    public void Restore_MidPollWithACompletePollResumesBitIdentically()
    {
        var settings = new MadsSettings { Opportunistic = false, BlockSize = 3, Granularity = MadsSettings.Grid(6) };
        Func<double[], double> f = x => -TestFunctions.RosenbrockCost(x);
        var straight = new MadsOptimizer(4, 21, settings, [0, 0, 0, 0], [-2, -2, -2, -2], [2, 2, 2, 2]);
        var resumed = new MadsOptimizer(4, 21, settings, [0, 0, 0, 0], [-2, -2, -2, -2], [2, 2, 2, 2]);
        for (int round = 0; round < 40; round++)
        {
            if (round % 5 == 2)
            {
                resumed = (MadsOptimizer)OptimizerFactory.Restore(resumed.SaveState());
            }

            var expected = straight.Ask();
            TestFunctions.AssertBitEqual(expected, resumed.Ask());
            straight.Tell([.. expected.Select(f)]);
            resumed.Tell([.. expected.Select(f)]);
        }

        Assert.Equal(straight.SaveState(), resumed.SaveState());
    }

    [Fact]
    public void Constructor_RejectsInvalidSettingsAndPoints()
    {
        var e = Assert.Throws<ArgumentException>(() => new MadsOptimizer(2, 1, new MadsSettings { Granularity = 0.1 }));
        Assert.StartsWith("Granularity must be 0 or a power of two, not 0.1", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => new MadsOptimizer(2, 1, new MadsSettings { Granularity = 0.25 }, [0.5, 0.3]));
        Assert.StartsWith("Initial point entry [1] = 0.3 is not a multiple of the granularity 0.25", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => new MadsOptimizer(2, 1, new MadsSettings(), [0, 3], [-1, -1], [1, 1]));
        Assert.StartsWith("Initial point entry [1] = 3 is outside its bounds [-1, 1]", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => new MadsOptimizer(2, 1, new MadsSettings(), null, [1, -1], [0, 1]));
        Assert.StartsWith("Bounds [0] are reversed: lower 1 > upper 0", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => new MadsOptimizer(2, 1, new MadsSettings { BlockSize = 0 }));
        Assert.StartsWith("BlockSize must be at least 1, not 0", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => new MadsOptimizer(2, 1, new MadsSettings { MaxEvaluations = 0 }));
        Assert.StartsWith("MaxEvaluations must be at least 1, not 0", e.Message, StringComparison.Ordinal);
    }
}
