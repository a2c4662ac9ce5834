using Neuro.Rules.Data;
using Neuro.Rules.Patterns;

namespace Neuro.FixedPointSim.Patterns;

/// <summary>
/// One lifetime for <see cref="FixedLifetimeBatch"/>: a network (shape, masks and fixed weights from
/// <see cref="PatternNetworkSpec.Seed"/>) with a rule learns online from <paramref name="Train"/> for
/// <paramref name="Passes"/> passes without resets, then, if given, <paramref name="Holdout"/> is scored with frozen weights.
/// </summary>
/// <param name="Spec">The network.</param>
/// <param name="Rule">The plasticity rule.</param>
/// <param name="Train">Samples streamed one at a time through <see cref="IPatternNetwork.Learn"/>.</param>
/// <param name="Passes">Online passes over <paramref name="Train"/> (at least 1).</param>
/// <param name="Holdout">Samples scored with <see cref="IPatternNetwork.Predict"/> after learning, or null.</param>
public sealed record FixedLifetime(PatternNetworkSpec Spec, PatternRule Rule, Dataset Train, int Passes = 1, Dataset? Holdout = null);
