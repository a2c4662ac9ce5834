using Xunit;

namespace Neuro.Rules.Evolution;

public sealed class EnomadOptimizerTests : OptimizerContractTests
{
    internal static readonly EnomadSettings SmallEa = EnomadSettings.Ea with { Population = 4, SubsetSize = 3, BlockSize = 3, RefineEvaluations = 10 };

    protected override IOptimizer Create(long seed) => new EnomadOptimizer(Dimension, seed, SmallEa);

    [Fact]
    public void Ask_EachRefinementEditsOnlyItsSubsetWithinTheBox()
    {
        var start = Enumerable.Range(0, 200).Select(j => (double)(j % 7)).ToArray();
        var optimizer = new EnomadOptimizer(200, 3, EnomadSettings.Ea with { Population = 5, Granularity = MadsSettings.Grid(4) }, start);
        var points = optimizer.Ask();
        Assert.Equal(5 * 9, points.Count); // a block of 8 and the start point per individual
        var changedSets = new List<int[]>();
        foreach (var p in points)
        {
            int[] changed = [.. Enumerable.Range(0, 200).Where(j => p[j] != start[j])];
            Assert.InRange(changed.Length, 0, 49);
            Assert.All(changed, j => Assert.InRange(Math.Abs(p[j] - start[j]), 0, 4));
            Assert.All(p, v => Assert.Equal(Math.Round(v * 16), v * 16));
            changedSets.Add(changed);
        }

        // Individuals draw different subsets, so their first blocks edit different weights.
        Assert.NotEqual(changedSets.Take(8).SelectMany(c => c).Distinct().Order(), changedSets.Skip(9).Take(8).SelectMany(c => c).Distinct().Order());
    }

    [Fact]
    public void Tell_EaImprovesASphereFromTheStart()
    {
        // 60 variables, 29.9 from the target, a box of ±1 on 10 of them per refinement: seed 1 measured 29.9 → 4.7 after
        // 40 outer generations (14,400 evaluations).
        double[] c = TestFunctions.Target(60);
        var settings = EnomadSettings.Ea with { Population = 6, SubsetSize = 10, RefineEvaluations = 60, Box = 1 };
        var optimizer = new EnomadOptimizer(60, 1, settings);
        double before = TestFunctions.Distance(optimizer.Current, c);
        while (optimizer.OuterGeneration < 40)
        {
            optimizer.Tell([.. optimizer.Ask().Select(TestFunctions.Sphere(c))]);
        }

        double after = TestFunctions.Distance(optimizer.Current, c);
        Assert.InRange(after, 0, before / 3);
        Assert.Equal(TestFunctions.Sphere(c)(optimizer.Current), optimizer.BestFitness);
    }

    [Fact]
    public void Tell_ReaObjectiveIsPenalizedByChangedWeights()
    {
        var optimizer = new EnomadOptimizer(30, 5, EnomadSettings.Rea with { Population = 4 });
        var points = optimizer.Ask();
        // Three mutated individuals (5 changed weights each, refined by MADS) and the start genome itself (one evaluation).
        Assert.All(points.Take(points.Count - 1), p => Assert.InRange(optimizer.ChangedWeights(p), 1, 5));
        Assert.Equal(0, optimizer.ChangedWeights(points[^1]));
        double[] fitness = [.. points.Select(p => 100.0 + p.Sum())];
        optimizer.Tell(fitness);
        int best = Enumerable.Range(0, points.Count).MaxBy(k => fitness[k] - (0.1 * Math.Pow(optimizer.ChangedWeights(points[k]), 1.3)));
        TestFunctions.AssertBitEqual(points[best], optimizer.Current);
        Assert.Equal(fitness[best], optimizer.BestFitness);
        Assert.Equal(fitness[best] - (0.1 * Math.Pow(optimizer.ChangedWeights(points[best]), 1.3)), optimizer.BestObjective);
    }

    [Fact]
    public void Tell_ReaKeepsEditsFewUnderThePenalty()
    {
        // A target that differs from the start in only 3 of 40 weights: rEA should find a genome that moves few weights.
        var target = new double[40];
        target[4] = 1.5;
        target[17] = -1;
        target[30] = 0.5;
        var optimizer = new EnomadOptimizer(40, 7, EnomadSettings.Rea with { Population = 10, MutationRange = 2, Box = 1, Granularity = MadsSettings.Grid(3) });
        while (optimizer.OuterGeneration < 25)
        {
            optimizer.Tell([.. optimizer.Ask().Select(x => -10 * TestFunctions.Distance(x, target) * TestFunctions.Distance(x, target))]);
        }

        Assert.InRange(optimizer.ChangedWeights(optimizer.Current), 1, 8);
        Assert.True(optimizer.BestFitness > -10 * 3.5, $"best fitness {optimizer.BestFitness}");
    }

    [Fact]
    public void Constructor_RejectsInvalidSettings()
    {
        var e = Assert.Throws<ArgumentException>(() => new EnomadOptimizer(5, 1, EnomadSettings.Ea with { Population = 1 }));
        Assert.StartsWith("Population must be at least 2, not 1", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => new EnomadOptimizer(5, 1, EnomadSettings.Rea with { Mutations = -1 }));
        Assert.StartsWith("Mutations must be non-negative, not -1", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => new EnomadOptimizer(5, 1, EnomadSettings.Ea with { Granularity = 0.25, Box = 0.3 }));
        Assert.StartsWith("Box 0.3 is not a multiple of the granularity 0.25", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => new EnomadOptimizer(2, 1, EnomadSettings.Ea with { Granularity = 0.5 }, [0, 0.25]));
        Assert.StartsWith("Start genome entry [1] = 0.25 is not a multiple of the granularity 0.5", e.Message, StringComparison.Ordinal);
    }
}
