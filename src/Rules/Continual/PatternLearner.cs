using Neuro.Rules.Data;
using Neuro.Rules.Patterns;

namespace Neuro.Rules.Continual;

/// <summary>
/// A pattern-rule network (DESIGN.md §3; float reference or fixed point) as a continual learner: it learns each sample as
/// its rule says and scores with its logits, so it runs the same protocol as the Hebbian network and the
/// backpropagation baselines.
/// </summary>
/// <param name="network">The network, with one output unit per class of every task.</param>
/// <param name="classes">Its output units.</param>
/// <param name="logits">Copies the logits of the network's last forward pass into a span (order-preserving, e.g. raw integers as doubles).</param>
public sealed class PatternLearner(IPatternNetwork network, int classes, PatternLearner.LogitReader logits) : IContinualLearner
{
    private readonly IPatternNetwork network = network ?? throw new ArgumentNullException(nameof(network));
    private readonly LogitReader logits = logits ?? throw new ArgumentNullException(nameof(logits));

    /// <summary>Copies the logits of the last forward pass into <paramref name="destination"/>, one per output unit.</summary>
    public delegate void LogitReader(Span<double> destination);

    /// <inheritdoc/>
    public int Classes { get; } = classes >= 2 ? classes : throw new ArgumentOutOfRangeException(nameof(classes), $"Classes must be at least 2, not {classes}");

    /// <summary>The float reference network as a learner.</summary>
    public static PatternLearner Float(ReferencePatternNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return new PatternLearner(network, network.Spec.Classes, d => network.Logits.CopyTo(d));
    }

    /// <inheritdoc/>
    public void Reset() => network.Reset();

    /// <inheritdoc/>
    public void Learn(ReadOnlySpan<double> x, int label) => network.Learn(x, label);

    /// <inheritdoc/>
    public void Scores(ReadOnlySpan<double> x, Span<double> destination)
    {
        network.Predict(x);
        logits(destination);
        for (int c = 0; c < Classes; c++)
        {
            if (!double.IsFinite(destination[c]))
            {
                destination[c] = double.NaN;
            }
        }
    }

    /// <inheritdoc/>
    public void EndTask(Dataset train, int classOffset)
    {
    }
}
