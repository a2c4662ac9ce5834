using Xunit;

namespace Neuro.Rules.Evolution;

public sealed class GeneticOptimizerTests : OptimizerContractTests
{
    protected override IOptimizer Create(long seed) => new GeneticOptimizer(Dimension, seed, new GeneticSettings { Population = 12 });

    [Fact]
    public void Tell_ApproachesTheOptimumOfASphere()
    {
        // Start 3.14 from c; seeds 1..5 measured 0.0021..0.0051 after 200 generations of 50.
        double[] c = TestFunctions.Target(10);
        var optimizer = new GeneticOptimizer(10, 1, new GeneticSettings());
        double[] final = TestFunctions.Run(optimizer, TestFunctions.Sphere(c), 200);
        Assert.InRange(TestFunctions.Distance(final, c), 0, 0.03);
        Assert.Equal(TestFunctions.Sphere(c)(final), optimizer.BestFitness);
    }

    [Fact]
    public void Tell_CopiesTheElitesUnchangedToTheFront()
    {
        var optimizer = new GeneticOptimizer(Dimension, 2, new GeneticSettings { Population = 10, Elitism = 3 });
        var candidates = optimizer.Ask();
        double[] f = [5, 1, 9, 0, 9, 2, 3, 7, 4, 6]; // best first: 2, 4 (tie, lower index first), 7
        optimizer.Tell(f);
        var next = optimizer.Ask();
        TestFunctions.AssertBitEqual(candidates[2], next[0]);
        TestFunctions.AssertBitEqual(candidates[4], next[1]);
        TestFunctions.AssertBitEqual(candidates[7], next[2]);
        TestFunctions.AssertBitEqual(candidates[2], optimizer.Current);
    }

    [Fact]
    public void Current_IsTheBestIndividualEverTold()
    {
        var optimizer = new GeneticOptimizer(Dimension, 3, new GeneticSettings { Population = 10 });
        double[] initialMean = optimizer.Current;
        Assert.All(initialMean, v => Assert.Equal(0, v));
        Assert.Null(optimizer.BestFitness);
        var first = optimizer.Ask();
        optimizer.Tell([.. Enumerable.Range(0, 10).Select(i => i == 6 ? 100.0 : i)]);
        for (int g = 0; g < 5; g++)
        {
            optimizer.Tell(Enumerable.Repeat(-1.0, 10).ToArray()); // every later individual is worse
        }

        TestFunctions.AssertBitEqual(first[6], optimizer.Current);
        Assert.Equal(100.0, optimizer.BestFitness);
    }

    [Fact]
    public void Tell_WithoutVariationOnlySelects()
    {
        // No crossover, no mutation, no elites: every child is a copy of some tournament winner.
        var settings = new GeneticSettings { Population = 10, CrossoverRate = 0, MutationRate = 0, Elitism = 0 };
        var optimizer = new GeneticOptimizer(Dimension, 4, settings);
        var parents = optimizer.Ask();
        optimizer.Tell([.. Enumerable.Range(0, 10).Select(i => (double)i)]);
        var parentBits = parents.Select(p => string.Join(",", p.Select(BitConverter.DoubleToInt64Bits))).ToHashSet();
        Assert.All(optimizer.Ask(), child => Assert.Contains(string.Join(",", child.Select(BitConverter.DoubleToInt64Bits)), parentBits));
    }

    [Fact]
    public void Constructor_RejectsInvalidSettings()
    {
        var e = Assert.Throws<ArgumentException>(() => new GeneticOptimizer(10, 1, new GeneticSettings { Elitism = 50 }));
        Assert.StartsWith("Elitism must be 0..Population-1 (49), not 50", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => new GeneticOptimizer(10, 1, new GeneticSettings { TournamentSize = 0 }));
        Assert.StartsWith("TournamentSize must be at least 1, not 0", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => new GeneticOptimizer(10, 1, new GeneticSettings { MutationRate = 1.5 }));
        Assert.StartsWith("MutationRate must be in [0, 1], not 1.5", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => new GeneticOptimizer(10, 1, new GeneticSettings { CrossoverRate = -0.1 }));
        Assert.StartsWith("CrossoverRate must be in [0, 1], not -0.1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ask_DiscreteGenesAreAlwaysAlleles()
    {
        int[] alleles = [2, 5, 16, 1, 3, 7];
        var optimizer = new GeneticOptimizer(Dimension, 5, new GeneticSettings { Population = 20, Alleles = alleles, MutationRate = 0.5 });
        var rng = new Random(3);
        var values = new HashSet<(int, double)>();
        for (int g = 0; g < 10; g++)
        {
            var candidates = optimizer.Ask();
            foreach (var c in candidates)
            {
                for (int j = 0; j < Dimension; j++)
                {
                    Assert.True(c[j] == Math.Floor(c[j]) && c[j] >= 0 && c[j] < alleles[j], $"gene {j} = {c[j]}");
                    values.Add((j, c[j]));
                }
            }

            optimizer.Tell([.. candidates.Select(_ => rng.NextDouble())]);
        }

        Assert.Equal(alleles.Sum(), values.Count); // every allele of every gene turns up
    }

    [Fact]
    public void Tell_DiscreteMutationPicksADifferentAllele()
    {
        // Two alleles, every gene mutating, no crossover: each child is the complement of one parent.
        var settings = new GeneticSettings { Population = 10, Alleles = [.. Enumerable.Repeat(2, Dimension)], MutationRate = 1, CrossoverRate = 0, Elitism = 0 };
        var optimizer = new GeneticOptimizer(Dimension, 6, settings);
        var parents = optimizer.Ask().Select(p => string.Join(",", p)).ToHashSet();
        optimizer.Tell([.. Enumerable.Range(0, 10).Select(i => (double)i)]);
        Assert.All(optimizer.Ask(), child => Assert.Contains(string.Join(",", child.Select(v => 1 - v)), parents));
    }

    [Fact]
    public void Tell_TruncationOfOneCopiesTheBest()
    {
        var settings = new GeneticSettings { Population = 10, Selection = GeneticSelection.Truncation, TruncationSize = 1, MutationRate = 0, Elitism = 0 };
        var optimizer = new GeneticOptimizer(Dimension, 7, settings);
        var candidates = optimizer.Ask();
        optimizer.Tell([3, 1, 4, 1, 5, 9, 2, 6, 5, 3]);
        Assert.All(optimizer.Ask(), child => TestFunctions.AssertBitEqual(candidates[5], child));
    }

    [Fact]
    public void Tell_ArithmeticCrossoverStaysBetweenTheParents()
    {
        var settings = new GeneticSettings { Population = 12, Crossover = GeneticCrossover.Arithmetic, CrossoverRate = 1, MutationRate = 0, Elitism = 0, InitScale = 1 };
        var optimizer = new GeneticOptimizer(Dimension, 8, settings);
        var parents = optimizer.Ask();
        optimizer.Tell([.. Enumerable.Range(0, 12).Select(i => (double)(i % 5))]);
        var children = optimizer.Ask();
        var parentBits = parents.Select(p => string.Join(",", p.Select(BitConverter.DoubleToInt64Bits))).ToHashSet();
        for (int j = 0; j < Dimension; j++)
        {
            double lo = parents.Min(p => p[j]), hi = parents.Max(p => p[j]);
            Assert.All(children, c => Assert.InRange(c[j], lo, hi));
        }

        // Uniform crossover only recombines parents' genes; arithmetic makes new values.
        Assert.Contains(children, c => !parentBits.Contains(string.Join(",", c.Select(BitConverter.DoubleToInt64Bits))));
        Assert.Contains(children.SelectMany(c => c), v => !parents.SelectMany(p => p).Contains(v));
    }

    [Fact]
    public void Tell_MutationDecayShrinksTheStepPerGeneration()
    {
        // Parent = the best (truncation of 1), no crossover, no elites: child − best = scale·decay^g·N, with the same N for both runs.
        GeneticSettings Settings(double decay) => new() { Population = 8, Selection = GeneticSelection.Truncation, TruncationSize = 1, CrossoverRate = 0, MutationRate = 1, Elitism = 0, MutationDecay = decay };
        var constant = new GeneticOptimizer(Dimension, 9, Settings(1));
        var decaying = new GeneticOptimizer(Dimension, 9, Settings(0.5));
        double[] f = [.. Enumerable.Range(0, 8).Select(i => (double)-i)]; // candidate 0 is always the best
        for (int g = 0; g < 3; g++)
        {
            double[] bestConstant = constant.Ask()[0], bestDecaying = decaying.Ask()[0];
            constant.Tell(f);
            decaying.Tell(f);
            double factor = Math.Pow(0.5, g);
            var c = constant.Ask();
            var d = decaying.Ask();
            for (int i = 0; i < 8; i++)
            {
                for (int j = 0; j < Dimension; j++)
                {
                    Assert.Equal(factor * (c[i][j] - bestConstant[j]), d[i][j] - bestDecaying[j], 12);
                }
            }
        }
    }

    [Fact]
    public void Restore_KeepsTheDiscreteSettings()
    {
        var settings = new GeneticSettings { Population = 6, Alleles = [3, 3, 3, 3, 3, 16], Selection = GeneticSelection.Truncation, TruncationSize = 2, MutationDecay = 0.9 };
        var optimizer = new GeneticOptimizer(Dimension, 10, settings);
        optimizer.Tell([1, 2, 3, 4, 5, 6]);
        var restored = (GeneticOptimizer)OptimizerFactory.Restore(optimizer.SaveState());
        Assert.Equal(settings.Alleles, restored.Settings.Alleles);
        Assert.Equal(GeneticSelection.Truncation, restored.Settings.Selection);
        Assert.Equal(0.9, restored.Settings.MutationDecay);
        TestFunctions.AssertBitEqual(optimizer.Ask(), restored.Ask());
    }

    [Fact]
    public void Constructor_RejectsInvalidDiscreteSettings()
    {
        var e = Assert.Throws<ArgumentException>(() => new GeneticOptimizer(3, 1, new GeneticSettings { Alleles = [2, 2] }));
        Assert.StartsWith("Alleles must have one entry per gene (3), not 2", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => new GeneticOptimizer(2, 1, new GeneticSettings { Alleles = [2, 0] }));
        Assert.StartsWith("Alleles[1] must be at least 1, not 0", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => new GeneticOptimizer(2, 1, new GeneticSettings { Alleles = [2, 2], Crossover = GeneticCrossover.Arithmetic }));
        Assert.StartsWith("Discrete genes (Alleles) need Uniform crossover", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => new GeneticOptimizer(2, 1, new GeneticSettings { Alleles = [2, 2] }, [0, 2]));
        Assert.StartsWith("Initial mean entry [1] must be an allele 0..1, not 2", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => new GeneticOptimizer(2, 1, new GeneticSettings { TruncationSize = 51 }));
        Assert.StartsWith("TruncationSize must be 1..Population (50), not 51", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => new GeneticOptimizer(2, 1, new GeneticSettings { MutationDecay = 0 }));
        Assert.StartsWith("MutationDecay must be in (0, 1], not 0", e.Message, StringComparison.Ordinal);
    }
}
