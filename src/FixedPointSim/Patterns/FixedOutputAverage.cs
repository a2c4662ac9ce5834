using Neuro.Rules.Patterns;

namespace Neuro.FixedPointSim.Patterns;

/// <summary>
/// The bit-exact readout of a rule with <see cref="PatternRule.OutputAverageShift"/> <c>s</c> &gt; 0 (docs/fixed-point-network.md):
/// every output weight <c>w</c> (raw, the output group's type) has an average <c>A</c> with <c>s + 1</c> more fractional
/// bits, started at <c>w · 2^(s+1)</c> and stepped after every sample learned from:
/// <c>A ← A + (((w · 2^(s+1)) − A) &gt;&gt; s)</c> (an arithmetic shift: floor). The readout weight, in the weight's own type,
/// is <c>A</c> rounded to the nearest weight LSB, half up: <c>(A + 2^s) &gt;&gt; (s + 1)</c>.
/// </summary>
/// <remarks>
/// The one guard bit makes a weight that stops moving read back exactly: the floored step leaves <c>A</c> at most half a
/// weight LSB below <c>w · 2^(s+1)</c> (and exactly on it from above), which the rounding takes back to <c>w</c>. The floored
/// step never overshoots, so <c>A</c> stays within the range the weight took and the readout needs no overflow mode.
/// Logits <c>Σ_i readout_ci · h_i</c> are exact, as the learning logits are.
/// </remarks>
public sealed class FixedOutputAverage
{
    private readonly long[] extended;
    private readonly long[] readout;
    private readonly int shift;

    /// <summary>An average of <paramref name="length"/> output weights of <paramref name="weightWidth"/> bits with factor <c>2^-shift</c>.</summary>
    /// <exception cref="ArgumentException">The weight and its <paramref name="shift"/> extra bits would not fit 62 bits.</exception>
    public FixedOutputAverage(int length, int shift, int weightWidth)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfLessThan(shift, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(shift, PatternRule.MaxOutputAverageShift);
        if (WidthProblem(weightWidth, shift) is { } problem)
        {
            throw new ArgumentException(problem, nameof(shift));
        }

        extended = new long[length];
        readout = new long[length];
        this.shift = shift;
    }

    /// <summary>Most bits of an average <c>A</c> (a weight's and <c>s + 1</c> more): it and its step stay exact in a <see cref="long"/>.</summary>
    public const int MaxBits = 62;

    /// <summary>Why weights of <paramref name="weightWidth"/> bits cannot keep an average with <paramref name="shift"/>, or null when they can.</summary>
    public static string? WidthProblem(int weightWidth, int shift) =>
        weightWidth + shift + 1 > MaxBits
            ? $"The output average needs {weightWidth} + {shift + 1} bits per weight, more than {MaxBits}; narrow the output weights or the average's shift"
            : null;

    /// <summary>The readout weights <c>(A + 2^s) &gt;&gt; (s + 1)</c>, raw integers of the output weights' type, Classes × Hidden row-major.</summary>
    public ReadOnlySpan<long> WeightsRaw => readout;

    /// <summary>The averages <c>A</c> themselves, at the output weights' fractional bits plus the shift plus one.</summary>
    public ReadOnlySpan<long> ExtendedRaw => extended;

    /// <summary>Starts every average at its weight's start (a new lifetime).</summary>
    public void Reset(ReadOnlySpan<long> start)
    {
        for (int k = 0; k < extended.Length; k++)
        {
            extended[k] = start[k] << (shift + 1);
            readout[k] = start[k];
        }
    }

    /// <summary>One step toward the current weights.</summary>
    public void Step(ReadOnlySpan<long> weights)
    {
        for (int k = 0; k < extended.Length; k++)
        {
            long a = extended[k] + (((weights[k] << (shift + 1)) - extended[k]) >> shift);
            extended[k] = a;
            readout[k] = (a + (1L << shift)) >> (shift + 1);
        }
    }

    /// <summary>Fills <paramref name="logits"/> with the exact <c>Σ_i readout_ci · h_i</c> and returns the argmax (the lower class winning ties).</summary>
    public int Predict(ReadOnlySpan<long> hidden, Span<Int128> logits) => FixedPatternNetwork.Readout(readout, hidden, logits);
}
