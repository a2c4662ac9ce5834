using Xunit;

namespace Neuro.Rules.Hebbian;

public sealed class HebbianNetworkTests
{
    private static readonly HebbianNetworkSpec Spec = new(Inputs: 5, Classes: 3, Hidden: 4, Active: 2, Seed: 7);

    private static readonly HebbianRule Rule = new(
        new HebbianLayerRule(0.05, A: 1.5, B: -0.3, C: 0.2, D: 0.01, E: 0.7, F: 0.4, G: 0.03, TraceShift: 3),
        new HebbianLayerRule(0.1, A: 1, B: -0.2, C: -0.1, D: 0.02, E: 0.5, F: -0.3, G: 0.01, TraceShift: 2));

    private static readonly double[] X = [0.2, 0, 1, 0.6, 0.35];

    /// <summary>The forward pass written out plainly: drives, the (k+1)-th largest, activities in [0, 1].</summary>
    private static double[] Activities(double[] w1, double[] x)
    {
        var z = new double[Spec.Hidden];
        for (int i = 0; i < z.Length; i++)
        {
            for (int j = 0; j < x.Length; j++)
            {
                z[i] += w1[i * x.Length + j] * x[j];
            }
        }

        var sorted = z.OrderDescending().ToArray();
        double theta = sorted[Spec.Active], max = sorted[0];
        return [.. z.Select(v => v > theta ? (v - theta) / (max - theta) : 0)];
    }

    [Fact]
    public void Forward_ActivitiesAreKWinnersOfTheDrives()
    {
        var network = new HebbianNetwork(Spec, Rule);
        network.Predict(X);
        var expected = Activities(Spec.InitialHiddenWeights(), X);
        Assert.Equal(expected.Length, network.Activity.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], network.Activity[i], 12);
        }

        Assert.Equal(Spec.Active, network.Activity.ToArray().Count(a => a > 0));
        Assert.Equal(1.0, network.Activity.ToArray().Max());
    }

    [Fact]
    public void Learn_AppliesEachLayersRuleToEverySynapse()
    {
        var network = new HebbianNetwork(Spec, Rule);
        double[] w1 = Spec.InitialHiddenWeights();
        double[] h = Activities(w1, X);
        const int label = 2;
        network.Learn(X, label);

        // Traces start at 0, so the homeostatic term sees ā = 0 on the first sample.
        for (int i = 0; i < Spec.Hidden; i++)
        {
            for (int j = 0; j < Spec.Inputs; j++)
            {
                double w = w1[i * Spec.Inputs + j];
                Assert.Equal(w + Rule.Hidden.Delta(X[j], h[i], 0, w), network.HiddenWeights[i * Spec.Inputs + j], 14);
            }
        }

        // Output weights start at 0; the post signal is the teacher.
        for (int c = 0; c < Spec.Classes; c++)
        {
            double t = c == label ? 1 : 0;
            for (int i = 0; i < Spec.Hidden; i++)
            {
                Assert.Equal(Rule.Output.Delta(h[i], t, 0, 0), network.OutputWeights[c * Spec.Hidden + i], 14);
            }
        }

        for (int i = 0; i < Spec.Hidden; i++)
        {
            Assert.Equal(h[i] / 8, network.HiddenTrace[i], 15);
        }

        Assert.Equal([0, 0, 0.25], network.OutputTrace.ToArray());
    }

    [Fact]
    public void Learn_SecondSampleUsesTheTraces()
    {
        var outputOnly = new HebbianRule(HebbianLayerRule.Frozen, new HebbianLayerRule(0.1, A: 0, B: 0, C: 1, D: 0, E: 0, F: 2, G: 0, TraceShift: 1));
        var network = new HebbianNetwork(Spec, outputOnly);
        network.Learn(X, 0);
        // Row 0: C·t = 1 on every synapse: w = 0.1; trace of unit 0 becomes 1/2.
        Assert.All(network.OutputWeights[..Spec.Hidden].ToArray(), w => Assert.Equal(0.1, w, 15));
        network.Learn(X, 1);
        // Row 0 now has t = 0: w ← w·(1 − 0.1·2·(1/2)) = 0.09; row 1 gets its first 0.1.
        Assert.All(network.OutputWeights[..Spec.Hidden].ToArray(), w => Assert.Equal(0.09, w, 15));
        Assert.All(network.OutputWeights[Spec.Hidden..(2 * Spec.Hidden)].ToArray(), w => Assert.Equal(0.1, w, 15));
    }

    [Fact]
    public void Reset_RestoresTheInitialState()
    {
        var network = new HebbianNetwork(Spec, Rule);
        var fresh = new HebbianNetwork(Spec, Rule);
        network.Learn(X, 1);
        network.Learn([1, 1, 0, 0, 0.5], 0);
        network.Reset();
        Assert.Equal(fresh.HiddenWeights.ToArray(), network.HiddenWeights.ToArray());
        Assert.Equal(fresh.OutputWeights.ToArray(), network.OutputWeights.ToArray());
        Assert.Equal(new double[Spec.Hidden], network.HiddenTrace.ToArray());
    }

    [Fact]
    public void Learn_ExplodingRuleDivergesAndScoresNaN()
    {
        var exploding = new HebbianRule(new HebbianLayerRule(1, 0, 0, 0, 0, G: -1e6), HebbianLayerRule.Frozen);
        var network = new HebbianNetwork(Spec, exploding);
        for (int s = 0; s < 200 && !network.Diverged; s++)
        {
            network.Learn(X, 0);
        }

        Assert.True(network.Diverged);
        Assert.Equal(-1, network.Predict(X));
        var scores = new double[Spec.Classes];
        network.Scores(X, scores);
        Assert.All(scores, s => Assert.True(double.IsNaN(s)));
        network.Reset();
        Assert.False(network.Diverged);
    }

    [Fact]
    public void Learn_RejectsALabelOutsideTheOutputLayer()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new HebbianNetwork(Spec, Rule).Learn(X, 3));
        Assert.StartsWith("Label must be 0..2, not 3", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4, 0, "Active must be 1..Hidden−1 (3), not 0")]
    [InlineData(4, 4, "Active must be 1..Hidden−1 (3), not 4")]
    [InlineData(1, 1, "Hidden must be at least 2, not 1")]
    public void Spec_ProblemNamesTheBadSize(int hidden, int active, string expected)
    {
        Assert.Equal(expected, (Spec with { Hidden = hidden, Active = active }).Problem);
    }
}
