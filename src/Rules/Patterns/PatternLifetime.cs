using Neuro.Rules.Data;

namespace Neuro.Rules.Patterns;

/// <summary>The lifetime protocols of DESIGN.md §3, for any <see cref="IPatternNetwork"/>.</summary>
public static class PatternLifetime
{
    /// <summary>Streams the dataset through the network <paramref name="passes"/> times, one sample at a time, learning as the rule says.</summary>
    /// <returns>Online accuracy of the last pass (predictions made before each update).</returns>
    public static double Train(IPatternNetwork network, Dataset data, int passes = 1)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(passes, 1);
        int correct = 0;
        for (int pass = 0; pass < passes; pass++)
        {
            correct = 0;
            for (int i = 0; i < data.Count; i++)
            {
                if (network.Learn(data.Row(i), data.Label(i)) == data.Label(i))
                {
                    correct++;
                }
            }
        }

        return data.Count == 0 ? 0 : (double)correct / data.Count;
    }

    /// <summary>Accuracy with frozen weights.</summary>
    public static double Accuracy(IPatternNetwork network, Dataset data)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        int correct = 0;
        for (int i = 0; i < data.Count; i++)
        {
            if (network.Predict(data.Row(i)) == data.Label(i))
            {
                correct++;
            }
        }

        return data.Count == 0 ? 0 : (double)correct / data.Count;
    }

    /// <summary>
    /// Joosten's fitness for one batch: reset the weights, one plastic pass over the batch, then the accuracy on the same
    /// batch with the weights frozen.
    /// </summary>
    public static double BatchFitness(IPatternNetwork network, Dataset batch)
    {
        ArgumentNullException.ThrowIfNull(network);
        network.Reset();
        Train(network, batch, 1);
        return Accuracy(network, batch);
    }
}
