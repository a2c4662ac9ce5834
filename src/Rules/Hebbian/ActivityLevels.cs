namespace Neuro.Rules.Hebbian;

/// <summary>
/// The n-bit quantization of an activity in <c>[0, 1]</c> (inputs, hidden activities, the teacher, activity traces):
/// <c>L = 2^n</c> levels, level <c>ℓ</c> stands for its centre <c>ℓ/(L − 1)</c>, and a value goes to the nearest level
/// (<c>round(v·(L − 1))</c>, halves up, clamped to <c>0..L − 1</c>).
/// </summary>
/// <remarks>The end points 0 and 1 are levels, so a silent neuron, a black pixel and the teacher's 0 and 1 are exact at
/// every width; the widest gap between a value and its level's centre is <c>1/(2(L − 1))</c>.</remarks>
public readonly record struct ActivityLevels
{
    /// <summary>The largest number of bits.</summary>
    public const int MaxBits = 16;

    /// <summary>Creates the quantization.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bits"/> is not 1..16.</exception>
    public ActivityLevels(int bits)
    {
        if (bits is < 1 or > MaxBits)
        {
            throw new ArgumentOutOfRangeException(nameof(bits), $"Activity bits must be 1..{MaxBits}, not {bits}");
        }

        Bits = bits;
    }

    /// <summary>Bits per activity, n.</summary>
    public int Bits { get; }

    /// <summary>Number of levels, <c>2^n</c>.</summary>
    public int Count => 1 << Bits;

    /// <summary>The highest level, <c>2^n − 1</c>, which stands for 1.</summary>
    public int Top => Count - 1;

    /// <summary>The value level <paramref name="level"/> stands for, <c>ℓ/(2^n − 1)</c>.</summary>
    public double Centre(int level) => (double)level / Top;

    /// <summary>The nearest level to <paramref name="value"/>, <c>clamp(floor(v·(2^n − 1) + 1/2), 0, 2^n − 1)</c>.</summary>
    public int Level(double value) => (int)Math.Clamp(Math.Floor(value * Top + 0.5), 0, Top);
}
