using Neuro.Rules.Patterns;

namespace Neuro.Cli;

/// <summary>Wraps a network and records every prediction it makes, in order (for the prediction-sequence hash).</summary>
internal sealed class RecordingNetwork(IPatternNetwork inner) : IPatternNetwork
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
        return p;
    }

    public int Learn(ReadOnlySpan<double> x, int label)
    {
        int p = Inner.Learn(x, label);
        predictions.Add(p);
        return p;
    }
}
