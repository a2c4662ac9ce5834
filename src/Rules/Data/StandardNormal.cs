namespace Neuro.Rules.Data;

/// <summary>Standard normal draws <c>N(0, 1)</c> from a seeded <see cref="Random"/> by the Box–Muller transform.</summary>
/// <remarks>
/// Each pair of uniforms <c>u1 ∈ (0, 1]</c>, <c>u2 ∈ [0, 1)</c> gives two independent normals
/// <c>√(−2 ln u1)·cos(2π u2)</c> and <c>√(−2 ln u1)·sin(2π u2)</c>; the second is kept for the next call. The stream is a
/// pure function of the <see cref="Random"/>'s state, so a seeded <c>new Random(seed)</c> gives the same normals on every
/// machine and run. Not thread-safe, like <see cref="Random"/> itself.
/// </remarks>
public sealed class StandardNormal
{
    private readonly Random _random;
    private double _spare;
    private bool _hasSpare;

    /// <summary>Draws from <paramref name="random"/>, which this sampler then shares with its owner.</summary>
    public StandardNormal(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        _random = random;
    }

    /// <summary>The next standard normal value.</summary>
    public double Next()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spare;
        }

        double u1 = 1.0 - _random.NextDouble();
        double u2 = _random.NextDouble();
        double r = Math.Sqrt(-2.0 * Math.Log(u1));
        (double sin, double cos) = Math.SinCos(2.0 * Math.PI * u2);
        _spare = r * sin;
        _hasSpare = true;
        return r * cos;
    }

    /// <summary>Fills <paramref name="destination"/> with standard normal values.</summary>
    public void Fill(Span<double> destination)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = Next();
        }
    }
}
