using Xunit;

namespace Neuro.Rules.Data;

public sealed class HalfspaceTests
{
    [Fact]
    public void Generate_WithoutNoiseEveryLabelIsTheSignTest()
    {
        var s = new HalfspaceSettings { Samples = 2000, Features = 7 };
        Dataset d = Halfspace.Generate(s, 101);
        double[] v = Halfspace.HiddenNormal(s, 101);
        Assert.Equal((2000, 7, 2), (d.Count, d.Features, d.Classes));
        for (int i = 0; i < d.Count; i++)
        {
            double dot = 0;
            for (int j = 0; j < v.Length; j++)
            {
                dot += v[j] * d.Row(i)[j];
            }

            Assert.Equal(dot >= 0 ? 1 : 0, d.Label(i));
            Assert.Equal(d.Label(i), Halfspace.CleanLabel(v, d.Row(i)));
        }

        // Both sides of a random halfspace through the origin are about equally likely.
        Assert.InRange(d.CountPerClass()[1], 900, 1100);
    }

    [Fact]
    public void Generate_NoiseFlipsAboutThatFractionAndNothingElse()
    {
        var s = new HalfspaceSettings { Samples = 20_000, Features = 5, Noise = 0.2 };
        Dataset noisy = Halfspace.Generate(s, 103);
        Dataset clean = Halfspace.Generate(s with { Noise = 0 }, 103);
        double[] v = Halfspace.HiddenNormal(s, 103);
        Assert.Equal(clean.Values.ToArray(), noisy.Values.ToArray());
        int flipped = 0;
        for (int i = 0; i < noisy.Count; i++)
        {
            flipped += noisy.Label(i) != Halfspace.CleanLabel(v, noisy.Row(i)) ? 1 : 0;
        }

        // Binomial(20000, 0.2): standard deviation ~57, so ±300 is over 5 sigma.
        Assert.InRange(flipped, 3700, 4300);
    }

    [Fact]
    public void Generate_SameSeedSameDataDifferentSeedDifferentData()
    {
        var s = new HalfspaceSettings();
        Assert.Equal(Halfspace.Generate(s, 5).Values.ToArray(), Halfspace.Generate(s, 5).Values.ToArray());
        Assert.Equal(Halfspace.Generate(s, 5).Labels.ToArray(), Halfspace.Generate(s, 5).Labels.ToArray());
        Assert.NotEqual(Halfspace.Generate(s, 5).Values.ToArray(), Halfspace.Generate(s, 6).Values.ToArray());
        Assert.NotEqual(Halfspace.HiddenNormal(s, 5), Halfspace.HiddenNormal(s, 6));
    }

    [Theory]
    [InlineData(0, 3, 0.0, "Samples must be at least 1, not 0")]
    [InlineData(3, 0, 0.0, "Features must be at least 1, not 0")]
    [InlineData(3, 3, -0.5, "Noise must be 0..1, not -0.5")]
    [InlineData(3, 3, double.NaN, "Noise must be 0..1, not NaN")]
    public void Generate_RejectsBadSettings(int samples, int features, double noise, string message)
    {
        var s = new HalfspaceSettings { Samples = samples, Features = features, Noise = noise };
        var e = Assert.Throws<ArgumentException>(() => Halfspace.Generate(s, 1));
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CleanLabel_RejectsLengthMismatch()
    {
        var e = Assert.Throws<ArgumentException>(() => Halfspace.CleanLabel([1.0, 2.0], [1.0]));
        Assert.StartsWith("Normal has 2 entries but the row has 1", e.Message, StringComparison.Ordinal);
    }
}
