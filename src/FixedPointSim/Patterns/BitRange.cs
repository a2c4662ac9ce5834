using System.Globalization;

namespace Neuro.FixedPointSim.Patterns;

/// <summary>An inclusive range of bit widths, <c>Min..Max</c>, each 1..64 (<see cref="QFormat.MaxWidth"/>); one axis of a <see cref="PrecisionSweep"/>.</summary>
public readonly record struct BitRange
{
    /// <summary>Creates a range and validates it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An end is outside 1..64, or <paramref name="min"/> exceeds <paramref name="max"/>.</exception>
    public BitRange(int min, int max)
    {
        if (Problem(min, max) is { } problem)
        {
            throw new ArgumentOutOfRangeException(nameof(min), problem);
        }

        Min = min;
        Max = max;
    }

    /// <summary>The narrowest width.</summary>
    public int Min { get; }

    /// <summary>The widest width.</summary>
    public int Max { get; }

    /// <summary>Number of widths in the range.</summary>
    public int Count => Max - Min + 1;

    /// <summary>The widths, narrowest first.</summary>
    public IEnumerable<int> Widths => Enumerable.Range(Min, Count);

    /// <summary><c>Min..Max</c>, the spelling <see cref="Parse"/> reads.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Min}..{Max}");

    /// <summary>Reads <c>LOW..HIGH</c> (e.g. <c>2..10</c>) or a single width (<c>8</c>, the range <c>8..8</c>).</summary>
    /// <exception cref="FormatException">The text is neither, or the range is invalid; the message says why.</exception>
    public static BitRange Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] parts = text.Split("..");
        if (parts.Length is < 1 or > 2 || !parts.All(IsWidth))
        {
            throw new FormatException($"'{text}' is not a range of bit widths; expected LOW..HIGH such as 2..10, or one width such as 8");
        }

        int low = int.Parse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture);
        int high = int.Parse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture);
        return Problem(low, high) is { } problem ? throw new FormatException(problem) : new BitRange(low, high);
    }

    /// <summary>Says what is wrong with the range <c>min..max</c>, or null when it is valid.</summary>
    public static string? Problem(int min, int max) =>
        min < 1 || min > QFormat.MaxWidth || max < 1 || max > QFormat.MaxWidth
            ? string.Create(CultureInfo.InvariantCulture, $"bit widths must be 1..{QFormat.MaxWidth}, not {min}..{max}")
        : min > max
            ? string.Create(CultureInfo.InvariantCulture, $"the range {min}..{max} is empty: the low end must not exceed the high end")
        : null;

    private static bool IsWidth(string part) =>
        part.Length is >= 1 and <= 9 && part.All(char.IsAsciiDigit);
}
