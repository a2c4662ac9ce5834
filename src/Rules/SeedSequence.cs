namespace Neuro.Rules;

/// <summary>
/// Derives independent, reproducible seeds from a run seed and a path of integers (generation, candidate, batch…),
/// so no random stream has to be saved in a checkpoint and no result depends on thread scheduling.
/// </summary>
/// <remarks>SplitMix64 finalizer over the path; stable across .NET versions and platforms.</remarks>
public static class SeedSequence
{
    /// <summary>A 64-bit seed for <paramref name="seed"/> followed by <paramref name="path"/>.</summary>
    public static ulong Derive64(long seed, params ReadOnlySpan<long> path)
    {
        ulong state = Mix((ulong)seed ^ 0x9E3779B97F4A7C15UL);
        foreach (long part in path)
        {
            state = Mix(state ^ Mix((ulong)part + 0xBF58476D1CE4E5B9UL));
        }

        return state;
    }

    /// <summary>A non-negative <see cref="int"/> seed for <c>new Random(seed)</c>.</summary>
    public static int Derive(long seed, params ReadOnlySpan<long> path) => (int)(Derive64(seed, path) >> 33);

    /// <summary>A <see cref="Random"/> seeded from <paramref name="seed"/> and <paramref name="path"/>.</summary>
    public static Random Random(long seed, params ReadOnlySpan<long> path) => new(Derive(seed, path));

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
