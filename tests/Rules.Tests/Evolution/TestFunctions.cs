using Xunit;

namespace Neuro.Rules.Evolution;

/// <summary>Objective functions (to maximize: each returns minus a cost) and a driver for the optimizer tests.</summary>
internal static class TestFunctions
{
    /// <summary>A target with mixed signs and magnitudes: <c>c_i = ±(0.5 + 0.1 i)</c>.</summary>
    public static double[] Target(int n)
    {
        var c = new double[n];
        for (int i = 0; i < n; i++)
        {
            c[i] = (i % 2 == 0 ? 1 : -1) * (0.5 + 0.1 * i);
        }

        return c;
    }

    public static double Distance(double[] a, double[] b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++)
        {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }

        return Math.Sqrt(s);
    }

    /// <summary><c>-‖x - c‖²</c>.</summary>
    public static Func<double[], double> Sphere(double[] c) => x => -Distance(x, c) * Distance(x, c);

    /// <summary>
    /// <c>Σ_i 10^(6i/(n-1)) ((R(x - 1))_i)²</c>: condition number 10⁶, axes rotated by a random orthogonal R, optimum at
    /// all ones.
    /// </summary>
    public static double RotatedEllipsoidCost(double[] x, double[,] rotation)
    {
        int n = x.Length;
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            double u = 0;
            for (int j = 0; j < n; j++)
            {
                u += rotation[i, j] * (x[j] - 1);
            }

            s += Math.Pow(1e6, i / (n - 1.0)) * u * u;
        }

        return s;
    }

    /// <summary><c>Σ_i 100(x_{i+1} - x_i²)² + (1 - x_i)²</c>, optimum at all ones.</summary>
    public static double RosenbrockCost(double[] x)
    {
        double s = 0;
        for (int i = 0; i + 1 < x.Length; i++)
        {
            double a = x[i + 1] - x[i] * x[i];
            double b = 1 - x[i];
            s += 100 * a * a + b * b;
        }

        return s;
    }

    /// <summary>A random orthogonal matrix: Gram–Schmidt on the rows of a Gaussian matrix.</summary>
    public static double[,] Rotation(int n, int seed)
    {
        var normal = new Neuro.Rules.Data.StandardNormal(new Random(seed));
        var q = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                q[i, j] = normal.Next();
            }
        }

        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < i; k++)
            {
                double dot = 0;
                for (int j = 0; j < n; j++)
                {
                    dot += q[i, j] * q[k, j];
                }

                for (int j = 0; j < n; j++)
                {
                    q[i, j] -= dot * q[k, j];
                }
            }

            double norm = 0;
            for (int j = 0; j < n; j++)
            {
                norm += q[i, j] * q[i, j];
            }

            norm = Math.Sqrt(norm);
            for (int j = 0; j < n; j++)
            {
                q[i, j] /= norm;
            }
        }

        return q;
    }

    /// <summary>Runs <paramref name="generations"/> ask/tell rounds and returns <see cref="IOptimizer.Current"/>.</summary>
    public static double[] Run(IOptimizer optimizer, Func<double[], double> fitness, int generations)
    {
        for (int g = 0; g < generations; g++)
        {
            var candidates = optimizer.Ask();
            optimizer.Tell([.. candidates.Select(fitness)]);
        }

        return optimizer.Current;
    }

    /// <summary>Asserts that two vectors are equal bit for bit (so <c>0.0</c> and <c>-0.0</c> differ).</summary>
    public static void AssertBitEqual(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), actual.Select(BitConverter.DoubleToInt64Bits));
    }

    /// <summary>Asserts that two candidate lists are equal bit for bit.</summary>
    public static void AssertBitEqual(IReadOnlyList<double[]> expected, IReadOnlyList<double[]> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            AssertBitEqual(expected[i], actual[i]);
        }
    }
}
