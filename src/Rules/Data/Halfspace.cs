namespace Neuro.Rules.Data;

/// <summary>
/// A random halfspace: a hidden normal <c>v ~ N(0, I)</c>, rows <c>x ~ N(0, I)</c>, label
/// <c>v·x ≥ 0 ? 1 : 0</c>, each label flipped with probability <see cref="HalfspaceSettings.Noise"/>.
/// </summary>
/// <remarks>
/// The stream from <c>new Random(seed)</c> is consumed in a fixed order: the <c>Features</c> entries of <c>v</c>, then per
/// row its <c>Features</c> normals and one uniform for the flip. The flip uniform is drawn even when the noise is 0, so
/// the same seed gives the same <c>v</c> and rows at every noise level and only the labels differ.
/// </remarks>
public static class Halfspace
{
    /// <summary>Generates a dataset of 2 classes from <c>new Random(seed)</c>.</summary>
    /// <exception cref="ArgumentException">A setting is out of range; the message names it.</exception>
    public static Dataset Generate(HalfspaceSettings settings, int seed)
    {
        Validate(settings);
        var random = new Random(seed);
        var normal = new StandardNormal(random);
        int n = settings.Samples;
        int f = settings.Features;
        var v = new double[f];
        normal.Fill(v);
        var x = new double[n * f];
        var y = new int[n];
        for (int i = 0; i < n; i++)
        {
            Span<double> row = x.AsSpan(i * f, f);
            normal.Fill(row);
            int label = Dot(v, row) >= 0 ? 1 : 0;
            y[i] = random.NextDouble() < settings.Noise ? 1 - label : label;
        }

        return new Dataset(f, 2, x, y, owned: true);
    }

    /// <summary>The hidden normal <c>v</c> that <see cref="Generate"/> uses for the same settings and seed.</summary>
    /// <exception cref="ArgumentException">A setting is out of range; the message names it.</exception>
    public static double[] HiddenNormal(HalfspaceSettings settings, int seed)
    {
        Validate(settings);
        var v = new double[settings.Features];
        new StandardNormal(new Random(seed)).Fill(v);
        return v;
    }

    /// <summary>The clean label of <paramref name="x"/> under the normal <paramref name="v"/>: <c>v·x ≥ 0 ? 1 : 0</c>.</summary>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static int CleanLabel(ReadOnlySpan<double> v, ReadOnlySpan<double> x)
    {
        if (v.Length != x.Length)
        {
            throw new ArgumentException($"Normal has {v.Length} entries but the row has {x.Length}", nameof(x));
        }

        return Dot(v, x) >= 0 ? 1 : 0;
    }

    private static double Dot(ReadOnlySpan<double> v, ReadOnlySpan<double> x)
    {
        double sum = 0;
        for (int j = 0; j < v.Length; j++)
        {
            sum += v[j] * x[j];
        }

        return sum;
    }

    private static void Validate(HalfspaceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        string? problem =
            settings.Samples < 1 ? $"Samples must be at least 1, not {settings.Samples}"
            : settings.Features < 1 ? $"Features must be at least 1, not {settings.Features}"
            : (long)settings.Samples * settings.Features > Array.MaxLength ? $"Samples {settings.Samples} × Features {settings.Features} does not fit one array"
            : !(settings.Noise >= 0 && settings.Noise <= 1) ? FormattableString.Invariant($"Noise must be 0..1, not {settings.Noise}")
            : null;
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(settings));
        }
    }
}
