using System.Globalization;

namespace Neuro.Rules.Evolution;

/// <summary>Argument checks shared by the optimizers, so every optimizer fails with the same exact messages.</summary>
internal static class OptimizerChecks
{
    /// <summary>Throws unless <paramref name="dimension"/> is at least 1.</summary>
    public static void Dimension(int dimension)
    {
        if (dimension < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, $"Dimension must be at least 1, not {dimension}");
        }
    }

    /// <summary>A copy of <paramref name="mean"/> (zeros when null) after checking its length and finiteness.</summary>
    public static double[] InitialMean(IReadOnlyList<double>? mean, int dimension)
    {
        if (mean is null)
        {
            return new double[dimension];
        }

        if (mean.Count != dimension)
        {
            throw new ArgumentException($"Initial mean must have {dimension} entries, not {mean.Count}", nameof(mean));
        }

        var copy = new double[dimension];
        for (int i = 0; i < dimension; i++)
        {
            double v = mean[i];
            if (!double.IsFinite(v))
            {
                throw new ArgumentException($"Initial mean entry [{i}] is {Format(v)}", nameof(mean));
            }

            copy[i] = v;
        }

        return copy;
    }

    /// <summary>
    /// A copy of <paramref name="fitnesses"/> after checking that there is one per candidate and none is NaN.
    /// Infinities are allowed: <c>-∞</c> is a natural score for a non-viable genome, and ranking handles both.
    /// </summary>
    public static double[] Fitnesses(IReadOnlyList<double> fitnesses, int expected)
    {
        ArgumentNullException.ThrowIfNull(fitnesses);
        if (fitnesses.Count != expected)
        {
            throw new ArgumentException($"Expected {expected} fitnesses (one per candidate), not {fitnesses.Count}", nameof(fitnesses));
        }

        var copy = new double[expected];
        for (int i = 0; i < expected; i++)
        {
            double f = fitnesses[i];
            if (double.IsNaN(f))
            {
                throw new ArgumentException($"Fitness [{i}] is NaN", nameof(fitnesses));
            }

            copy[i] = f;
        }

        return copy;
    }

    /// <summary>Throws <see cref="ArgumentException"/> with <paramref name="message"/> when <paramref name="ok"/> is false.</summary>
    public static void Setting(bool ok, string message)
    {
        if (!ok)
        {
            throw new ArgumentException(message);
        }
    }

    /// <summary>A number in invariant, round-trip form, for messages.</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Deep copies of <paramref name="candidates"/>, so callers cannot change the optimizer's own copies.</summary>
    public static IReadOnlyList<double[]> Copies(double[][] candidates)
    {
        var copies = new double[candidates.Length][];
        for (int i = 0; i < candidates.Length; i++)
        {
            copies[i] = (double[])candidates[i].Clone();
        }

        return copies;
    }
}
