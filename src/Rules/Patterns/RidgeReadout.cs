using MathNet.Numerics.LinearAlgebra;
using Neuro.Rules.Data;

namespace Neuro.Rules.Patterns;

/// <summary>
/// The best offline linear readout of a network's last-round hidden state: a yardstick for the online output rule.
/// </summary>
/// <remarks>
/// <para>After a lifetime the weights are frozen, every training and test sample is run forward once, and the
/// hidden state <c>hR</c> (what the output weights read) becomes a feature vector. Features are standardized with the
/// training set's mean and standard deviation (so the result does not depend on the scale of <c>Wg</c>, which a small
/// eta makes tiny), a bias column is added, and one-vs-rest ridge regression on ±1 targets is solved in closed form:
/// <c>W = (AᵀA + λI)⁻¹ AᵀY</c>. The prediction is the argmax, the lower class winning ties.</para>
/// <para>The gap between this accuracy and the rule's own test accuracy is what the output rule leaves on the table;
/// the accuracy itself is what the hidden representation allows a linear readout.</para>
/// </remarks>
public static class RidgeReadout
{
    /// <summary>The ridge penalty on standardized features (small: it only keeps the system well posed).</summary>
    public const double DefaultLambda = 1.0;

    /// <summary>
    /// Runs <paramref name="network"/> forward (weights frozen) over both sets and returns the test accuracy of the ridge
    /// readout of its hidden state, fitted on <paramref name="train"/>.
    /// </summary>
    public static double HiddenStateAccuracy(ReferencePatternNetwork network, Dataset train, Dataset test, double lambda = DefaultLambda)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        return Accuracy(HiddenStates(network, train), train.Labels, HiddenStates(network, test), test.Labels, train.Classes, lambda);
    }

    /// <summary>
    /// Fits the ridge readout on (<paramref name="trainFeatures"/>, <paramref name="trainLabels"/>) and returns its accuracy
    /// on the test rows. Every row holds the same number of features; a feature constant on the training set is ignored.
    /// </summary>
    /// <exception cref="ArgumentException">Rows of different lengths, a label outside 0..classes−1, or no training rows.</exception>
    public static double Accuracy(
        IReadOnlyList<double[]> trainFeatures, ReadOnlySpan<int> trainLabels,
        IReadOnlyList<double[]> testFeatures, ReadOnlySpan<int> testLabels,
        int classes, double lambda = DefaultLambda)
    {
        ArgumentNullException.ThrowIfNull(trainFeatures);
        ArgumentNullException.ThrowIfNull(testFeatures);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        if (!double.IsFinite(lambda) || lambda <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "The ridge penalty must be positive and finite.");
        }

        if (trainFeatures.Count == 0 || trainFeatures.Count != trainLabels.Length || testFeatures.Count != testLabels.Length)
        {
            throw new ArgumentException("Need at least one training row and one label per row.");
        }

        int d = trainFeatures[0].Length, n = trainFeatures.Count;
        foreach (var row in trainFeatures.Concat(testFeatures))
        {
            if (row is null || row.Length != d)
            {
                throw new ArgumentException($"Every feature row must hold {d} values.");
            }
        }

        var labels = trainLabels.ToArray();
        foreach (int label in labels.Concat(testLabels.ToArray()))
        {
            if ((uint)label >= (uint)classes)
            {
                throw new ArgumentException($"Label {label} is outside 0..{classes - 1}.");
            }
        }

        var (mean, scale) = Standardization(trainFeatures);

        Matrix<double> Design(IReadOnlyList<double[]> rows) => Matrix<double>.Build.Dense(rows.Count, d + 1, (i, j) =>
            j == d ? 1 : (rows[i][j] - mean[j]) * scale[j]);

        var a = Design(trainFeatures);
        var y = Matrix<double>.Build.Dense(n, classes, (i, c) => labels[i] == c ? 1 : -1);
        var weights = (a.TransposeThisAndMultiply(a) + lambda * Matrix<double>.Build.DenseIdentity(d + 1))
            .Cholesky().Solve(a.TransposeThisAndMultiply(y));

        var scores = Design(testFeatures) * weights;
        int correct = 0;
        for (int i = 0; i < testFeatures.Count; i++)
        {
            int best = 0;
            for (int c = 1; c < classes; c++)
            {
                if (scores[i, c] > scores[i, best])
                {
                    best = c;
                }
            }

            correct += best == testLabels[i] ? 1 : 0;
        }

        return testFeatures.Count == 0 ? 0 : (double)correct / testFeatures.Count;
    }

    /// <summary>
    /// The per-feature mean and inverse standard deviation (population) of <paramref name="rows"/>, so that
    /// <c>(x − mean) · scale</c> standardizes a row. A constant feature carries nothing and gets scale 0 (its standardized
    /// value is 0 everywhere).
    /// </summary>
    /// <exception cref="ArgumentException">No rows.</exception>
    public static (double[] Mean, double[] Scale) Standardization(IReadOnlyList<double[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            throw new ArgumentException("Need at least one row.", nameof(rows));
        }

        int d = rows[0].Length, n = rows.Count;
        var mean = new double[d];
        var scale = new double[d];
        foreach (var row in rows)
        {
            for (int j = 0; j < d; j++)
            {
                mean[j] += row[j] / n;
            }
        }

        foreach (var row in rows)
        {
            for (int j = 0; j < d; j++)
            {
                scale[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / n;
            }
        }

        for (int j = 0; j < d; j++)
        {
            scale[j] = scale[j] > 0 ? 1 / Math.Sqrt(scale[j]) : 0;
        }

        return (mean, scale);
    }

    /// <summary>The hidden state after the last round for every row of <paramref name="data"/>, weights frozen.</summary>
    public static double[][] HiddenStates(ReferencePatternNetwork network, Dataset data)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        var rows = new double[data.Count][];
        for (int i = 0; i < data.Count; i++)
        {
            network.Predict(data.Row(i));
            rows[i] = network.HiddenState.ToArray();
        }

        return rows;
    }
}
