using Xunit;
using Xunit.Abstractions;

namespace Neuro.Rules.Data;

public sealed class SyntheticClassificationTests(ITestOutputHelper output)
{
    [Fact]
    public void Generate_SameSeedGivesIdenticalArrays()
    {
        Dataset a = SyntheticClassification.Generate(SyntheticClassificationSettings.Joosten, 42);
        Dataset b = SyntheticClassification.Generate(SyntheticClassificationSettings.Joosten, 42);
        Assert.Equal(a.Values.ToArray(), b.Values.ToArray());
        Assert.Equal(a.Labels.ToArray(), b.Labels.ToArray());
    }

    [Fact]
    public void Generate_DifferentSeedsGiveDifferentArrays()
    {
        Dataset a = SyntheticClassification.Generate(SyntheticClassificationSettings.Joosten, 42);
        Dataset b = SyntheticClassification.Generate(SyntheticClassificationSettings.Joosten, 43);
        Assert.NotEqual(a.Values.ToArray(), b.Values.ToArray());
        Assert.NotEqual(a.Labels.ToArray(), b.Labels.ToArray());
    }

    [Fact]
    public void Defaults_AreScikitLearns()
    {
        var s = new SyntheticClassificationSettings();
        Assert.Equal(
            (100, 20, 2, 2, 0, 2, 2, 0.01, 1.0, true, (double?)0.0, (double?)1.0, true),
            (s.Samples, s.Features, s.Informative, s.Redundant, s.Repeated, s.Classes, s.ClustersPerClass, s.FlipY, s.ClassSep,
                s.Hypercube, s.Shift, s.Scale, s.Shuffle));
        Dataset d = SyntheticClassification.Generate(s, 1);
        Assert.Equal((100, 20, 2), (d.Count, d.Features, d.Classes));
    }

    [Fact]
    public void Joosten_IsTenInformativeFeaturesFourClassesTwoClustersEach()
    {
        SyntheticClassificationSettings j = SyntheticClassificationSettings.Joosten;
        Assert.Equal(
            (5000, 10, 10, 0, 0, 4, 2, 0.01, 1.0, true),
            (j.Samples, j.Features, j.Informative, j.Redundant, j.Repeated, j.Classes, j.ClustersPerClass, j.FlipY, j.ClassSep, j.Hypercube));
    }

    [Fact]
    public void Joosten_ClassesAreBalanced()
    {
        // Without flips every class gets exactly 2 clusters × 625 rows.
        Dataset clean = SyntheticClassification.Generate(SyntheticClassificationSettings.Joosten with { FlipY = 0 }, 5);
        Assert.Equal([1250, 1250, 1250, 1250], clean.CountPerClass());

        // With sklearn's 1% flips the counts stay within 3% of 1250.
        Dataset flipped = SyntheticClassification.Generate(SyntheticClassificationSettings.Joosten, 5);
        Assert.All(flipped.CountPerClass(), c => Assert.InRange(c, 1212, 1288));
    }

    [Fact]
    public void Generate_FlipsAboutFlipYOfTheLabels()
    {
        // Unshuffled, the flips are the only difference: about 1% of rows redraw their class, and a quarter of those
        // draw their own class again, so ~37.5 of 5000 labels change.
        SyntheticClassificationSettings plain = SyntheticClassificationSettings.Joosten with { Shuffle = false };
        Dataset clean = SyntheticClassification.Generate(plain with { FlipY = 0 }, 5);
        Dataset flipped = SyntheticClassification.Generate(plain, 5);
        Assert.Equal(clean.Values.ToArray(), flipped.Values.ToArray());
        int changed = 0;
        for (int i = 0; i < flipped.Count; i++)
        {
            changed += flipped.Label(i) != clean.Label(i) ? 1 : 0;
        }

        Assert.InRange(changed, 15, 70);
        Dataset allRandom = SyntheticClassification.Generate(plain with { FlipY = 1 }, 5);
        Assert.All(allRandom.CountPerClass(), c => Assert.InRange(c, 1150, 1350));
    }

    [Fact]
    public void GenerateJoosten_SplitsFourThousandAndOneThousand()
    {
        (Dataset train, Dataset test) = SyntheticClassification.GenerateJoosten(3);
        Dataset all = SyntheticClassification.Generate(SyntheticClassificationSettings.Joosten, 3);
        Assert.Equal((4000, 1000), (train.Count, test.Count));
        Assert.Equal((10, 4, 10, 4), (train.Features, train.Classes, test.Features, test.Classes));
        Assert.Equal(all.Values[..(4000 * 10)].ToArray(), train.Values.ToArray());
        Assert.Equal(all.Labels[4000..].ToArray(), test.Labels.ToArray());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Joosten_NearestClassMeanBeatsChance(int seed)
    {
        (Dataset train, Dataset test) = SyntheticClassification.GenerateJoosten(seed);
        double accuracy = NearestClassMeanAccuracy(train, test);
        output.WriteLine($"seed {seed}: nearest class mean accuracy {accuracy:F3}");
        Assert.True(accuracy > 0.4, $"nearest class mean accuracy {accuracy:F3} with 4 classes (chance 0.25)");
    }

    [Fact]
    public void Generate_UnshuffledRowsFollowTheClusters()
    {
        // 103 rows over 4 clusters: 26, 26, 26, 25; cluster k has label k mod 2.
        var s = new SyntheticClassificationSettings { Samples = 103, FlipY = 0, Shuffle = false };
        Dataset d = SyntheticClassification.Generate(s, 9);
        int[] expected = [.. Enumerable.Repeat(0, 26), .. Enumerable.Repeat(1, 26), .. Enumerable.Repeat(0, 26), .. Enumerable.Repeat(1, 25)];
        Assert.Equal(expected, d.Labels.ToArray());
    }

    [Fact]
    public void Generate_ClustersSitOnDistinctHypercubeVertices()
    {
        // Unshuffled, the mean of each cluster's informative features is its centroid, ±ClassSep per coordinate.
        var s = new SyntheticClassificationSettings
        {
            Samples = 40_000, Features = 3, Informative = 3, Redundant = 0, ClassSep = 1.5, FlipY = 0, Shuffle = false,
        };
        Dataset d = SyntheticClassification.Generate(s, 11);
        var vertices = new HashSet<string>();
        for (int k = 0; k < 4; k++)
        {
            double[] mean = Mean(d, k * 10_000, 10_000, 0, 3);
            var signs = new char[3];
            for (int j = 0; j < 3; j++)
            {
                Assert.InRange(Math.Abs(mean[j]), 1.4, 1.6);
                signs[j] = mean[j] > 0 ? '+' : '-';
            }

            Assert.True(vertices.Add(new string(signs)), $"cluster {k} repeats vertex {new string(signs)}");
        }
    }

    [Fact]
    public void Generate_PolytopeCentroidsLieInsideTheHypercube()
    {
        var s = new SyntheticClassificationSettings
        {
            Samples = 40_000, Features = 3, Informative = 3, Redundant = 0, Hypercube = false, FlipY = 0, Shuffle = false,
        };
        Dataset d = SyntheticClassification.Generate(s, 11);
        for (int k = 0; k < 4; k++)
        {
            Assert.All(Mean(d, k * 10_000, 10_000, 0, 3), m => Assert.InRange(Math.Abs(m), 0, 1.05));
        }
    }

    [Fact]
    public void Generate_RedundantFeaturesAreLinearInTheInformativeOnes()
    {
        // With 2 informative features, each redundant column c satisfies c = b0·x0 + b1·x1 for one (b0, b1) on all rows.
        var s = new SyntheticClassificationSettings { Samples = 50, Features = 4, Shuffle = false };
        Dataset d = SyntheticClassification.Generate(s, 13);
        for (int r = 2; r < 4; r++)
        {
            ReadOnlySpan<double> p = d.Row(0), q = d.Row(1);
            double det = p[0] * q[1] - p[1] * q[0];
            double b0 = (p[r] * q[1] - p[1] * q[r]) / det;
            double b1 = (p[0] * q[r] - p[r] * q[0]) / det;
            Assert.InRange(b0, -1, 1);
            Assert.InRange(b1, -1, 1);
            for (int i = 2; i < d.Count; i++)
            {
                ReadOnlySpan<double> row = d.Row(i);
                Assert.Equal(b0 * row[0] + b1 * row[1], row[r], 1e-9);
            }
        }
    }

    [Fact]
    public void Generate_RepeatedFeaturesCopyEarlierColumns()
    {
        var s = new SyntheticClassificationSettings { Samples = 30, Features = 8, Informative = 3, Redundant = 2, Repeated = 2, Shuffle = false };
        Dataset d = SyntheticClassification.Generate(s, 17);
        for (int r = 5; r < 7; r++)
        {
            bool found = false;
            for (int source = 0; source < 5 && !found; source++)
            {
                found = Column(d, source).SequenceEqual(Column(d, r));
            }

            Assert.True(found, $"column {r} copies none of columns 0..4");
        }

        Assert.False(Column(d, 7).SequenceEqual(Column(d, 0)));
    }

    [Fact]
    public void Generate_ShufflePermutesRowsAndColumnsOfTheSameData()
    {
        var s = new SyntheticClassificationSettings { Samples = 200, Features = 6, FlipY = 0 };
        Dataset shuffled = SyntheticClassification.Generate(s, 19);
        Dataset plain = SyntheticClassification.Generate(s with { Shuffle = false }, 19);
        Assert.NotEqual(plain.Values.ToArray(), shuffled.Values.ToArray());
        Assert.Equal(Sorted(plain.Values.ToArray()), Sorted(shuffled.Values.ToArray()));
        Assert.Equal(plain.CountPerClass(), shuffled.CountPerClass());
    }

    [Fact]
    public void Generate_ShiftsThenScales()
    {
        // Useless features are N(0, 1): after shift 5 and scale 2 they have mean 10 and standard deviation 2.
        var s = new SyntheticClassificationSettings
        {
            Samples = 20_000, Features = 3, Informative = 1, Redundant = 0, Classes = 2, ClustersPerClass = 1, Shift = 5, Scale = 2, Shuffle = false,
        };
        Dataset d = SyntheticClassification.Generate(s, 23);
        for (int j = 1; j < 3; j++)
        {
            double[] c = Column(d, j);
            double mean = c.Average();
            double sd = Math.Sqrt(c.Select(v => (v - mean) * (v - mean)).Average());
            Assert.InRange(mean, 9.9, 10.1);
            Assert.InRange(sd, 1.95, 2.05);
        }
    }

    [Fact]
    public void Generate_NullShiftAndScaleDrawOnePerFeature()
    {
        var s = new SyntheticClassificationSettings { Samples = 20_000, Features = 3, Informative = 1, Redundant = 0, ClustersPerClass = 1, Shift = null, Scale = null, Shuffle = false };
        Dataset d = SyntheticClassification.Generate(s, 29);
        double[] sds = [.. Enumerable.Range(1, 2).Select(j => StandardDeviation(Column(d, j)))];
        Assert.All(sds, sd => Assert.InRange(sd, 0.95, 102));
        Assert.NotEqual(Math.Round(sds[0], 1), Math.Round(sds[1], 1));
    }

    [Fact]
    public void Generate_RejectsTooFewHypercubeVertices()
    {
        var s = new SyntheticClassificationSettings { Classes = 4, ClustersPerClass = 2 };
        var e = Assert.Throws<ArgumentException>(() => SyntheticClassification.Generate(s, 1));
        Assert.StartsWith(
            "Classes 4 × ClustersPerClass 2 = 8 clusters need distinct hypercube vertices, but Informative 2 gives only 2^2 = 4",
            e.Message, StringComparison.Ordinal);
        Assert.Equal(8, SyntheticClassification.Generate(s with { Informative = 3, Samples = 8 }, 1).Count);
    }

    [Theory]
    [InlineData("Samples", "Samples must be at least 1, not 0")]
    [InlineData("Features", "Informative 2 + Redundant 2 + Repeated 0 = 4 exceeds Features 3")]
    [InlineData("Informative", "Informative must be at least 1, not 0")]
    [InlineData("Redundant", "Redundant must be at least 0, not -1")]
    [InlineData("Classes", "Classes must be at least 1, not 0")]
    [InlineData("FlipY", "FlipY must be 0..1, not 1.5")]
    [InlineData("ClassSep", "ClassSep must be finite and above 0, not 0")]
    [InlineData("Scale", "Scale must be finite and above 0 or null, not -1")]
    [InlineData("Shift", "Shift must be finite or null, not NaN")]
    public void Generate_RejectsBadSettings(string field, string message)
    {
        var d = new SyntheticClassificationSettings();
        SyntheticClassificationSettings s = field switch
        {
            "Samples" => d with { Samples = 0 },
            "Features" => d with { Features = 3 },
            "Informative" => d with { Informative = 0 },
            "Redundant" => d with { Redundant = -1 },
            "Classes" => d with { Classes = 0 },
            "FlipY" => d with { FlipY = 1.5 },
            "ClassSep" => d with { ClassSep = 0 },
            "Scale" => d with { Scale = -1 },
            "Shift" => d with { Shift = double.NaN },
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };
        var e = Assert.Throws<ArgumentException>(() => SyntheticClassification.Generate(s, 1));
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
        Assert.Equal(message, SyntheticClassification.Problem(s));
    }

    [Fact]
    public void Generate_HandlesMoreThanThirtyInformativeFeatures()
    {
        var s = new SyntheticClassificationSettings { Samples = 64, Features = 40, Informative = 33, Redundant = 0, Classes = 4, ClustersPerClass = 8 };
        Dataset d = SyntheticClassification.Generate(s, 31);
        Assert.Equal((64, 40, 4), (d.Count, d.Features, d.Classes));
    }

    /// <summary>Fits one mean per class on <paramref name="train"/> and scores the nearest mean on <paramref name="test"/>.</summary>
    private static double NearestClassMeanAccuracy(Dataset train, Dataset test)
    {
        var means = new double[train.Classes, train.Features];
        int[] counts = train.CountPerClass();
        for (int i = 0; i < train.Count; i++)
        {
            ReadOnlySpan<double> row = train.Row(i);
            for (int j = 0; j < train.Features; j++)
            {
                means[train.Label(i), j] += row[j] / counts[train.Label(i)];
            }
        }

        int correct = 0;
        for (int i = 0; i < test.Count; i++)
        {
            ReadOnlySpan<double> row = test.Row(i);
            int best = 0;
            double bestDistance = double.PositiveInfinity;
            for (int c = 0; c < test.Classes; c++)
            {
                double distance = 0;
                for (int j = 0; j < test.Features; j++)
                {
                    distance += (row[j] - means[c, j]) * (row[j] - means[c, j]);
                }

                if (distance < bestDistance)
                {
                    (best, bestDistance) = (c, distance);
                }
            }

            correct += best == test.Label(i) ? 1 : 0;
        }

        return (double)correct / test.Count;
    }

    private static double[] Mean(Dataset d, int start, int count, int firstColumn, int columns)
    {
        var mean = new double[columns];
        for (int i = start; i < start + count; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                mean[j] += d.Row(i)[firstColumn + j] / count;
            }
        }

        return mean;
    }

    private static double[] Column(Dataset d, int j)
    {
        var c = new double[d.Count];
        for (int i = 0; i < d.Count; i++)
        {
            c[i] = d.Row(i)[j];
        }

        return c;
    }

    private static double StandardDeviation(double[] c)
    {
        double mean = c.Average();
        return Math.Sqrt(c.Select(v => (v - mean) * (v - mean)).Average());
    }

    private static double[] Sorted(double[] values)
    {
        Array.Sort(values);
        return values;
    }
}
