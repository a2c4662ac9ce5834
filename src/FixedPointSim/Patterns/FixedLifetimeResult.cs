namespace Neuro.FixedPointSim.Patterns;

/// <summary>What one lifetime of a <see cref="FixedLifetimeBatch"/> scored.</summary>
/// <param name="OnlineAccuracy">Accuracy of the predictions made before each update, over the last pass
/// (<see cref="Neuro.Rules.Patterns.PatternLifetime.Train"/>).</param>
/// <param name="HoldoutAccuracy">Accuracy on <see cref="FixedLifetime.Holdout"/> with frozen weights, or null without one.</param>
public readonly record struct FixedLifetimeResult(double OnlineAccuracy, double? HoldoutAccuracy);
