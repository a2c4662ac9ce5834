namespace Neuro.FixedPointSim.Patterns;

/// <summary>Raw-integer inputs for the fixed-point networks, checked once for every implementation.</summary>
internal static class RawInput
{
    /// <summary>Copies <paramref name="x"/> into <paramref name="destination"/> after checking its length and that every raw fits <paramref name="format"/>.</summary>
    internal static void CopyChecked(ReadOnlySpan<long> x, Rules.Patterns.PatternNetworkSpec spec, QFormat format, Span<long> destination)
    {
        spec.CheckFeatures(x.Length, nameof(x));
        for (int j = 0; j < x.Length; j++)
        {
            if (!format.Contains(x[j]))
            {
                throw new ArgumentException($"Raw input [{j}] = {x[j]} is outside {format}'s range [{format.MinRawWide}, {format.MaxRawWide}]", nameof(x));
            }
        }

        x.CopyTo(destination);
    }
}
