using Neuro.Rules.Data;
using Xunit;

namespace Neuro.Rules.Patterns;

public sealed class RidgeReadoutTests
{
    /// <summary>Two classes split by the sign of the first feature, with a margin; the second feature is noise.</summary>
    private static (double[][] Rows, int[] Labels) Separable(int count, int seed, double scale = 1)
    {
        var random = new Random(seed);
        var rows = new double[count][];
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = i % 2;
            double x = (0.2 + random.NextDouble()) * (labels[i] == 1 ? 1 : -1);
            rows[i] = [scale * x, scale * random.NextDouble()];
        }

        return (rows, labels);
    }

    [Fact]
    public void Accuracy_SeparatesALinearlySeparableProblem()
    {
        var (train, trainLabels) = Separable(400, seed: 1);
        var (test, testLabels) = Separable(200, seed: 2);
        Assert.Equal(1.0, RidgeReadout.Accuracy(train, trainLabels, test, testLabels, classes: 2));
    }

    [Fact]
    public void Accuracy_DoesNotDependOnTheFeatureScale()
    {
        // Standardization makes a readout of tiny hidden values (a small eta) as good as one of large values.
        var (train, trainLabels) = Separable(400, seed: 1, scale: 1e-7);
        var (test, testLabels) = Separable(200, seed: 2, scale: 1e-7);
        Assert.Equal(1.0, RidgeReadout.Accuracy(train, trainLabels, test, testLabels, classes: 2));
    }

    [Fact]
    public void Accuracy_ReadsTheSecondFeatureWhenOnlyItCarriesTheLabel()
    {
        // Swap the columns' roles: the label now sits in column 1; a constant column 2 is ignored, not an error.
        var (train, trainLabels) = Separable(400, seed: 3);
        var (test, testLabels) = Separable(200, seed: 4);
        double[][] Swap(double[][] rows) => rows.Select(r => new[] { r[1], r[0], 5.0 }).ToArray();
        Assert.Equal(1.0, RidgeReadout.Accuracy(Swap(train), trainLabels, Swap(test), testLabels, classes: 2));
    }

    [Fact]
    public void Accuracy_OfConstantFeaturesIsTheFirstClassShare()
    {
        // Nothing to read: every score ties or favours the majority; with balanced training classes class 0 wins ties.
        double[][] train = Enumerable.Range(0, 100).Select(_ => new[] { 1.0 }).ToArray();
        int[] trainLabels = Enumerable.Range(0, 100).Select(i => i % 4).ToArray();
        double[][] test = Enumerable.Range(0, 40).Select(_ => new[] { 1.0 }).ToArray();
        int[] testLabels = Enumerable.Range(0, 40).Select(i => i < 10 ? 0 : 1 + (i % 3)).ToArray();
        Assert.Equal(0.25, RidgeReadout.Accuracy(train, trainLabels, test, testLabels, classes: 4));
    }

    [Fact]
    public void Standardization_GivesTheMeanAndInverseSdAndDropsAConstantFeature()
    {
        // Feature 0: 1, 3 (mean 2, population sd 1); feature 1: constant 5.
        var (mean, scale) = RidgeReadout.Standardization([[1.0, 5.0], [3.0, 5.0]]);
        Assert.Equal([2.0, 5.0], mean);
        Assert.Equal([1.0, 0.0], scale);
        Assert.Throws<ArgumentException>(() => RidgeReadout.Standardization([]));
    }

    [Fact]
    public void Accuracy_RejectsRaggedRowsBadLabelsAndABadPenalty()
    {
        var (train, labels) = Separable(10, seed: 1);
        double[][] ragged = [.. train.Take(9), [1.0]];
        Assert.Throws<ArgumentException>(() => RidgeReadout.Accuracy(ragged, labels, train, labels, 2));
        int[] badLabels = [.. labels.Take(9), 7];
        Assert.Throws<ArgumentException>(() => RidgeReadout.Accuracy(train, badLabels, train, labels, 2));
        Assert.Throws<ArgumentException>(() => RidgeReadout.Accuracy(train, labels, train, badLabels, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => RidgeReadout.Accuracy(train, labels, train, labels, 2, lambda: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => RidgeReadout.Accuracy(train, labels, train, labels, 2, lambda: double.NaN));
        Assert.Throws<ArgumentException>(() => RidgeReadout.Accuracy([], [], train, labels, 2));
    }

    [Fact]
    public void HiddenStates_AreTheLastRoundStateOfEachSample()
    {
        var data = Halfspace.Generate(new HalfspaceSettings { Samples = 5, Features = 4, Noise = 0 }, seed: 2);
        var rule = new PatternRule(rounds: 0, eta: 0.01, hidden: [0, 0, 0, 0], input: null, output: [0, 0, 1, -1]);
        var net = new ReferencePatternNetwork(new PatternNetworkSpec(4, 2, Hidden: 6, Cap: 3, Seed: 1), rule);
        var states = RidgeReadout.HiddenStates(net, data);
        for (int i = 0; i < data.Count; i++)
        {
            net.Predict(data.Row(i));
            Assert.Equal(net.HiddenState.ToArray(), states[i]);
            Assert.InRange(states[i].Count(v => v > 0), 1, 3);
        }
    }
}
