using Neuro.Rules.Patterns;

namespace Neuro.Cli;

/// <summary>
/// Wraps a network and records every prediction it makes, in order (for the prediction-sequence hash), advancing a
/// progress bar by one step per sample.
/// </summary>
internal sealed class RecordingNetwork(IPatternNetwork inner, ProgressSink? progress = null) : IPatternNetwork
{
    private readonly List<int> predictions = [];

    /// <summary>The wrapped network.</summary>
    internal IPatternNetwork Inner { get; } = inner;

    /// <summary>Every prediction so far.</summary>
    internal IReadOnlyList<int> Predictions => predictions;

    public void Reset() => Inner.Reset();

    public int Predict(ReadOnlySpan<double> x)
    {
        int p = Inner.Predict(x);
        predictions.Add(p);
        progress?.Advance();
        return p;
    }

    public int Learn(ReadOnlySpan<double> x, int label)
    {
        int p = Inner.Learn(x, label);
        predictions.Add(p);
        progress?.Advance();
        return p;
    }
}
