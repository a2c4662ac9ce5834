using Neuro.Rules.Patterns;

namespace Neuro.Experiments;

/// <summary>
/// Linear readouts of a frozen hidden state. Each online readout starts from zero weights, learns from the training
/// states in one pass in order, and returns its accuracy on the test states; the prediction is the argmax, the lower
/// class winning ties (as in the network).
/// </summary>
internal static class Readouts
{
    /// <summary>
    /// The family's output rule with the given table (2P entries, additive, every-sample updates): the label's row moves
    /// by <c>table[2·pattern]</c>, a wrong prediction's row by <c>table[2·pattern + 1]</c>. With
    /// <paramref name="averaged"/> the test uses the mean of the weights over the pass (not expressible as a table).
    /// </summary>
    public static double OutputTable(FrozenLifetime l, IReadOnlyList<double> table, bool averaged) =>
        Online(l, averaged, (w, i, prediction) =>
        {
            int label = l.TrainLabels[i];
            var patterns = l.TrainPatterns[i];
            for (int j = 0; j < l.Hidden; j++)
            {
                w[label * l.Hidden + j] += table[2 * patterns[j]];
                if (prediction != label)
                {
                    w[prediction * l.Hidden + j] += table[2 * patterns[j] + 1];
                }
            }
        });

    /// <summary>The multiclass perceptron on the hidden values: on an error, the label's row += h, the prediction's −= h.</summary>
    public static double Perceptron(FrozenLifetime l, bool averaged) => Perceptron(l, averaged, (h, _) => h);

    /// <summary>
    /// The multiclass perceptron whose credit for neuron j is <paramref name="credit"/>(h_j, max h) instead of h_j: what an
    /// output table can give when it sees only whether a neuron fired, or a level of its activity (the pre level).
    /// </summary>
    public static double Perceptron(FrozenLifetime l, bool averaged, Func<double, double, double> credit) =>
        Online(l, averaged, (w, i, prediction) =>
        {
            int label = l.TrainLabels[i];
            if (prediction == label)
            {
                return;
            }

            var h = l.TrainStates[i];
            double largest = h.Max();
            for (int j = 0; j < l.Hidden; j++)
            {
                double c = credit(h[j], largest);
                w[label * l.Hidden + j] += c;
                w[prediction * l.Hidden + j] -= c;
            }
        });

    /// <summary>
    /// One-vs-rest least mean squares on ±1 targets with a bias, on values standardized as the ridge readout does
    /// (<see cref="RidgeReadout.Standardization"/>), after every sample.
    /// </summary>
    public static double Lms(FrozenLifetime l, double rate)
    {
        int v = l.Hidden, classes = l.Classes, n = l.TrainStates.Length;
        var (mean, scale) = RidgeReadout.Standardization(l.TrainStates);
        var w = new double[classes * (v + 1)];
        var x = new double[v + 1];
        void Standardize(double[] h)
        {
            for (int j = 0; j < v; j++)
            {
                x[j] = (h[j] - mean[j]) * scale[j];
            }

            x[v] = 1;
        }

        double Score(int c)
        {
            double z = 0;
            for (int j = 0; j <= v; j++)
            {
                z += w[c * (v + 1) + j] * x[j];
            }

            return z;
        }

        for (int i = 0; i < n; i++)
        {
            Standardize(l.TrainStates[i]);
            for (int c = 0; c < classes; c++)
            {
                double error = (c == l.TrainLabels[i] ? 1 : -1) - Score(c);
                for (int j = 0; j <= v; j++)
                {
                    w[c * (v + 1) + j] += rate * error * x[j];
                }
            }
        }

        int correct = 0;
        for (int i = 0; i < l.TestStates.Length; i++)
        {
            Standardize(l.TestStates[i]);
            int best = 0;
            for (int c = 1; c < classes; c++)
            {
                best = Score(c) > Score(best) ? c : best;
            }

            correct += best == l.TestLabels[i] ? 1 : 0;
        }

        return (double)correct / l.TestStates.Length;
    }

    /// <summary>The offline ridge readout of <see cref="RidgeReadout"/> on the same states.</summary>
    public static double Ridge(FrozenLifetime l) =>
        RidgeReadout.Accuracy(l.TrainStates, l.TrainLabels, l.TestStates, l.TestLabels, l.Classes);

    /// <summary>
    /// Runs an online readout: for every training state in order, predict with the current weights, then let
    /// <paramref name="update"/> change them (weights, sample index, prediction); keeps a running sum of the weights after
    /// each sample when <paramref name="averaged"/>.
    /// </summary>
    private static double Online(FrozenLifetime l, bool averaged, Action<double[], int, int> update)
    {
        var w = new double[l.Classes * l.Hidden];
        var sum = new double[w.Length];
        for (int i = 0; i < l.TrainStates.Length; i++)
        {
            update(w, i, Predict(l, w, l.TrainStates[i]));
            if (averaged)
            {
                for (int k = 0; k < w.Length; k++)
                {
                    sum[k] += w[k];
                }
            }
        }

        var final = averaged ? sum : w;
        int correct = 0;
        for (int i = 0; i < l.TestStates.Length; i++)
        {
            correct += Predict(l, final, l.TestStates[i]) == l.TestLabels[i] ? 1 : 0;
        }

        return (double)correct / l.TestStates.Length;
    }

    private static int Predict(FrozenLifetime l, double[] w, double[] h)
    {
        int best = 0;
        double bestScore = double.NegativeInfinity;
        for (int c = 0; c < l.Classes; c++)
        {
            double z = 0;
            for (int j = 0; j < l.Hidden; j++)
            {
                z += w[c * l.Hidden + j] * h[j];
            }

            if (z > bestScore)
            {
                (best, bestScore) = (c, z);
            }
        }

        return best;
    }
}
