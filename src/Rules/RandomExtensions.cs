namespace Neuro.Rules;

/// <summary>Draws that <see cref="Random"/> lacks, defined once so every seeded stream is reproducible.</summary>
public static class RandomExtensions
{
    /// <summary>
    /// A standard normal draw by the Box–Muller transform; consumes exactly two uniforms, so streams stay aligned
    /// whatever else is drawn.
    /// </summary>
    public static double NextGaussian(this Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        double u1 = 1.0 - random.NextDouble(); // (0, 1]: log is finite
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
