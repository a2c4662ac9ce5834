using Neuro.Rules.Data;

namespace Neuro.Rules.Patterns;

/// <summary>
/// One lifetime an evaluator runs for a rule, as data: reset a network of <paramref name="Spec"/>, learn online from
/// <paramref name="Train"/> for <paramref name="Passes"/> passes, then score <paramref name="Holdout"/> with frozen
/// weights. Evaluators expose their plans so that backends which run many lifetimes at once (OpenCL) run exactly the
/// lifetimes the evaluator defines.
/// </summary>
/// <param name="Spec">The network (shape, masks from its seed).</param>
/// <param name="Train">Samples learned from, in order.</param>
/// <param name="Passes">Online passes over <paramref name="Train"/>.</param>
/// <param name="Holdout">Samples scored after learning (may be <paramref name="Train"/> itself).</param>
public sealed record PatternLifetimePlan(PatternNetworkSpec Spec, Dataset Train, int Passes, Dataset Holdout)
{
    /// <summary>Runs the plan on <paramref name="network"/> (reset first) and returns the holdout accuracy.</summary>
    public double Run(IPatternNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        network.Reset();
        PatternLifetime.Train(network, Train, Passes);
        return PatternLifetime.Accuracy(network, Holdout);
    }
}
