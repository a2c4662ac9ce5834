namespace Neuro.Rules.Patterns;

/// <summary>
/// The float readout of a rule with <see cref="PatternRule.OutputAverageShift"/> <c>s</c> &gt; 0: an exponential moving
/// average <c>a</c> of the output weights, <c>a ← a + (w − a)·2^-s</c> after every sample learned from, and the logits
/// and argmax that predictions with frozen weights compute from it (the lower class winning ties, as everywhere).
/// </summary>
public sealed class OutputAverage
{
    private readonly double[] average;
    private readonly double factor;

    /// <summary>An average of <paramref name="length"/> output weights with factor <c>2^-shift</c>.</summary>
    public OutputAverage(int length, int shift)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfLessThan(shift, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(shift, PatternRule.MaxOutputAverageShift);
        average = new double[length];
        factor = Math.ScaleB(1.0, -shift);
    }

    /// <summary>The averaged output weights, Classes × Hidden row-major.</summary>
    public ReadOnlySpan<double> Weights => average;

    /// <summary>Starts the average at the weights' start (a new lifetime).</summary>
    public void Reset(ReadOnlySpan<double> start) => start.CopyTo(average);

    /// <summary>One step toward the current weights.</summary>
    public void Step(ReadOnlySpan<double> weights)
    {
        for (int k = 0; k < average.Length; k++)
        {
            average[k] += (weights[k] - average[k]) * factor;
        }
    }

    /// <summary>Fills <paramref name="logits"/> with <c>a · hidden</c> and returns the argmax.</summary>
    public int Predict(ReadOnlySpan<double> hidden, Span<double> logits) => ReferencePatternNetwork.Readout(average, hidden, logits);
}
