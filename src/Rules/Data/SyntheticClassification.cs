namespace Neuro.Rules.Data;

/// <summary>
/// Random n-class classification problems by the algorithm of scikit-learn's <c>make_classification</c> (Guyon's Madelon
/// design): Gaussian clusters with random covariance about distinct vertices of a hypercube, then redundant, repeated and
/// noise features, label flips, shift, scale and shuffling.
/// </summary>
/// <remarks>
/// The steps, their order and the shapes of the random draws follow sklearn (see docs/datasets.md for the
/// correspondence), but the random stream is .NET's seeded <see cref="Random"/> with Box–Muller normals, not numpy's, so
/// the same seed does not give sklearn's numbers: it gives the same <em>kind</em> of dataset, identical on every run.
/// </remarks>
public static class SyntheticClassification
{
    /// <summary>Rows of the Joosten task used for training: the first 4000 of 5000.</summary>
    public const int JoostenTrainCount = 4000;

    /// <summary>Rows of the Joosten task held out for testing: the last 1000 of 5000.</summary>
    public const int JoostenTestCount = 1000;

    /// <summary>The sklearn version draws the low 30 bits of each vertex without replacement and the rest freely.</summary>
    private const int DistinctBits = 30;

    /// <summary>Generates a dataset from <c>new Random(seed)</c>.</summary>
    /// <exception cref="ArgumentException">The settings are inconsistent; the message says which rule they break.</exception>
    public static Dataset Generate(SyntheticClassificationSettings settings, int seed) => Generate(settings, new Random(seed));

    /// <summary>
    /// The Joosten task (<see cref="SyntheticClassificationSettings.Joosten"/>) from <c>new Random(seed)</c>, split into
    /// its first <see cref="JoostenTrainCount"/> rows for training and last <see cref="JoostenTestCount"/> for testing.
    /// </summary>
    /// <remarks>The rows are already shuffled by the generator, so the split is a random 80/20 split.</remarks>
    public static (Dataset Train, Dataset Test) GenerateJoosten(int seed) =>
        Generate(SyntheticClassificationSettings.Joosten, seed).Split(JoostenTrainCount);

    /// <summary>Generates a dataset, drawing every random number from <paramref name="random"/>.</summary>
    /// <exception cref="ArgumentException">The settings are inconsistent; the message says which rule they break.</exception>
    public static Dataset Generate(SyntheticClassificationSettings settings, Random random)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(random);
        if (Problem(settings) is { } problem)
        {
            throw new ArgumentException(problem, nameof(settings));
        }

        var normal = new StandardNormal(random);
        int n = settings.Samples;
        int f = settings.Features;
        int inf = settings.Informative;
        int red = settings.Redundant;
        int rep = settings.Repeated;
        int useless = f - inf - red - rep;
        int classes = settings.Classes;
        int clusters = classes * settings.ClustersPerClass;
        double sep = settings.ClassSep;

        // Samples per cluster: an equal share, the remainder one each to the first clusters.
        var perCluster = new int[clusters];
        for (int k = 0; k < clusters; k++)
        {
            perCluster[k] = n / clusters + (k < n % clusters ? 1 : 0);
        }

        // Centroids: distinct hypercube vertices in {-sep, +sep}^inf, optionally squeezed into a random polytope.
        double[] centroids = HypercubeVertices(clusters, inf, random);
        for (int i = 0; i < centroids.Length; i++)
        {
            centroids[i] = centroids[i] * 2 * sep - sep;
        }

        if (!settings.Hypercube)
        {
            for (int k = 0; k < clusters; k++)
            {
                double u = random.NextDouble();
                for (int j = 0; j < inf; j++)
                {
                    centroids[k * inf + j] *= u;
                }
            }

            for (int j = 0; j < inf; j++)
            {
                double u = random.NextDouble();
                for (int k = 0; k < clusters; k++)
                {
                    centroids[k * inf + j] *= u;
                }
            }
        }

        var x = new double[n * f];
        var y = new int[n];

        // Informative features ~ N(0, 1), all rows first (as sklearn), then each cluster mixed and moved.
        for (int i = 0; i < n; i++)
        {
            normal.Fill(x.AsSpan(i * f, inf));
        }

        var a = new double[inf * inf];
        var mixed = new double[inf];
        int row = 0;
        for (int k = 0; k < clusters; k++)
        {
            FillUniformPlusMinusOne(a, random); // A = 2·U(0,1) − 1: random covariance for this cluster
            for (int end = row + perCluster[k]; row < end; row++)
            {
                y[row] = k % classes;
                Span<double> r = x.AsSpan(row * f, inf);
                MultiplyRow(r, a, inf, mixed);
                for (int j = 0; j < inf; j++)
                {
                    r[j] = mixed[j] + centroids[k * inf + j];
                }
            }
        }

        // Redundant features: the informative block times B = 2·U(0,1) − 1 (inf × red).
        if (red > 0)
        {
            var b = new double[inf * red];
            FillUniformPlusMinusOne(b, random);
            for (int i = 0; i < n; i++)
            {
                MultiplyRow(x.AsSpan(i * f, inf), b, red, x.AsSpan(i * f + inf, red));
            }
        }

        // Repeated features: copies of informative or redundant columns chosen as (int)((m − 1)·U + 0.5).
        if (rep > 0)
        {
            int m = inf + red;
            var source = new int[rep];
            for (int r = 0; r < rep; r++)
            {
                source[r] = (int)((m - 1) * random.NextDouble() + 0.5);
            }

            for (int i = 0; i < n; i++)
            {
                for (int r = 0; r < rep; r++)
                {
                    x[i * f + m + r] = x[i * f + source[r]];
                }
            }
        }

        // Useless features ~ N(0, 1), the last columns.
        if (useless > 0)
        {
            for (int i = 0; i < n; i++)
            {
                normal.Fill(x.AsSpan(i * f + f - useless, useless));
            }
        }

        // Label noise: a mask drawn for every row, then a uniformly random class for each masked row.
        var flip = new bool[n];
        for (int i = 0; i < n; i++)
        {
            flip[i] = random.NextDouble() < settings.FlipY;
        }

        for (int i = 0; i < n; i++)
        {
            if (flip[i])
            {
                y[i] = random.Next(classes);
            }
        }

        double[] shift = PerFeature(settings.Shift, f, () => (2 * random.NextDouble() - 1) * sep);
        double[] scale = PerFeature(settings.Scale, f, () => 1 + 100 * random.NextDouble());
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < f; j++)
            {
                x[i * f + j] = (x[i * f + j] + shift[j]) * scale[j];
            }
        }

        if (settings.Shuffle)
        {
            // Rows first (new row i is old row order[i]), then columns (new column j is old column columns[j]).
            int[] order = Dataset.Permutation(n, random);
            int[] columns = Dataset.Permutation(f, random);
            var shuffled = new double[x.Length];
            var labels = new int[n];
            for (int i = 0; i < n; i++)
            {
                int from = order[i] * f;
                for (int j = 0; j < f; j++)
                {
                    shuffled[i * f + j] = x[from + columns[j]];
                }

                labels[i] = y[order[i]];
            }

            x = shuffled;
            y = labels;
        }

        return new Dataset(f, classes, x, y, owned: true);
    }

    /// <summary>Says what is wrong with <paramref name="settings"/>, or null when they can be generated.</summary>
    public static string? Problem(SyntheticClassificationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var s = settings;
        string? bad = AtLeast(nameof(s.Samples), s.Samples, 1) ?? AtLeast(nameof(s.Features), s.Features, 1)
            ?? AtLeast(nameof(s.Informative), s.Informative, 1) ?? AtLeast(nameof(s.Redundant), s.Redundant, 0)
            ?? AtLeast(nameof(s.Repeated), s.Repeated, 0) ?? AtLeast(nameof(s.Classes), s.Classes, 1)
            ?? AtLeast(nameof(s.ClustersPerClass), s.ClustersPerClass, 1);
        if (bad is not null)
        {
            return bad;
        }

        if ((long)s.Samples * s.Features > Array.MaxLength)
        {
            return $"Samples {s.Samples} × Features {s.Features} does not fit one array";
        }

        long used = (long)s.Informative + s.Redundant + s.Repeated;
        if (used > s.Features)
        {
            return $"Informative {s.Informative} + Redundant {s.Redundant} + Repeated {s.Repeated} = {used} exceeds Features {s.Features}";
        }

        long clusters = (long)s.Classes * s.ClustersPerClass;
        int distinctBits = Math.Min(s.Informative, DistinctBits);
        if (clusters > 1L << distinctBits)
        {
            return s.Informative <= DistinctBits
                ? $"Classes {s.Classes} × ClustersPerClass {s.ClustersPerClass} = {clusters} clusters need distinct hypercube vertices, but Informative {s.Informative} gives only 2^{s.Informative} = {1L << s.Informative}"
                : $"Classes {s.Classes} × ClustersPerClass {s.ClustersPerClass} = {clusters} clusters exceed 2^{DistinctBits}";
        }

        if (!(s.FlipY >= 0 && s.FlipY <= 1))
        {
            return FormattableString.Invariant($"FlipY must be 0..1, not {s.FlipY}");
        }

        if (!(double.IsFinite(s.ClassSep) && s.ClassSep > 0))
        {
            return FormattableString.Invariant($"ClassSep must be finite and above 0, not {s.ClassSep}");
        }

        if (s.Shift is { } shift && !double.IsFinite(shift))
        {
            return FormattableString.Invariant($"Shift must be finite or null, not {shift}");
        }

        if (s.Scale is { } scale && !(double.IsFinite(scale) && scale > 0))
        {
            return FormattableString.Invariant($"Scale must be finite and above 0 or null, not {scale}");
        }

        return null;
    }

    /// <summary>
    /// <paramref name="count"/> distinct vertices of <c>{0,1}^dimensions</c>, row-major (<paramref name="count"/> ×
    /// <paramref name="dimensions"/>): integers drawn without replacement from <c>0..2^dimensions−1</c>, column 0 being
    /// the most significant bit. Above 30 dimensions the leading columns are free random bits and only the last 30 are
    /// drawn distinct, as in sklearn's <c>_generate_hypercube</c>.
    /// </summary>
    private static double[] HypercubeVertices(int count, int dimensions, Random random)
    {
        var vertices = new double[count * dimensions];
        int free = Math.Max(0, dimensions - DistinctBits);
        for (int k = 0; k < count; k++)
        {
            for (int j = 0; j < free; j++)
            {
                vertices[k * dimensions + j] = random.Next(2);
            }
        }

        int bits = dimensions - free;
        int[] codes = SampleWithoutReplacement(1 << bits, count, random);
        for (int k = 0; k < count; k++)
        {
            for (int j = 0; j < bits; j++)
            {
                vertices[k * dimensions + free + j] = (codes[k] >> (bits - 1 - j)) & 1;
            }
        }

        return vertices;
    }

    /// <summary><paramref name="count"/> distinct integers from <c>0..population−1</c>, in random order.</summary>
    /// <remarks>A partial Fisher–Yates over the whole pool when the sample is dense; rejection with a set when it is sparse.</remarks>
    private static int[] SampleWithoutReplacement(int population, int count, Random random)
    {
        var result = new int[count];
        if ((long)count * 4 >= population)
        {
            var pool = new int[population];
            for (int i = 0; i < population; i++)
            {
                pool[i] = i;
            }

            for (int i = 0; i < count; i++)
            {
                int j = i + random.Next(population - i);
                (pool[i], pool[j]) = (pool[j], pool[i]);
                result[i] = pool[i];
            }

            return result;
        }

        var seen = new HashSet<int>(count);
        for (int i = 0; i < count; i++)
        {
            int v;
            do
            {
                v = random.Next(population);
            }
            while (!seen.Add(v));
            result[i] = v;
        }

        return result;
    }

    /// <summary><c>destination = row · matrix</c> for a row of length <c>row.Length</c> and a row-major <c>row.Length × columns</c> matrix.</summary>
    private static void MultiplyRow(ReadOnlySpan<double> row, double[] matrix, int columns, Span<double> destination)
    {
        destination[..columns].Clear();
        for (int i = 0; i < row.Length; i++)
        {
            double v = row[i];
            int offset = i * columns;
            for (int j = 0; j < columns; j++)
            {
                destination[j] += v * matrix[offset + j];
            }
        }
    }

    private static void FillUniformPlusMinusOne(double[] destination, Random random)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = 2 * random.NextDouble() - 1;
        }
    }

    private static double[] PerFeature(double? value, int features, Func<double> draw)
    {
        var result = new double[features];
        for (int j = 0; j < features; j++)
        {
            result[j] = value ?? draw();
        }

        return result;
    }

    private static string? AtLeast(string name, int value, int min) =>
        value < min ? $"{name} must be at least {min}, not {value}" : null;
}
