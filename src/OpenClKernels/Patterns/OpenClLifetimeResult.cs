using Neuro.FixedPointSim.Patterns;

namespace Neuro.OpenClKernels.Patterns;

/// <summary>
/// What one lifetime of an <see cref="OpenClLifetimeBatch"/> produced: the accuracies <see cref="FixedLifetimeResult"/>
/// reports, every prediction in order, and the final raw weights in the golden model's layout (empty arrays when the run
/// read accuracies only, as <see cref="OpenClLifetimeBatch.RunAccuracies"/> does internally).
/// </summary>
/// <param name="OnlineAccuracy">Accuracy of the predictions made before each update, over the last pass.</param>
/// <param name="HoldoutAccuracy">Accuracy on the holdout with frozen weights, or null without one.</param>
/// <param name="TrainPredictions">The prediction before each update, pass after pass (<c>Passes · Train.Count</c>).</param>
/// <param name="HoldoutPredictions">The frozen predictions on the holdout (empty without one).</param>
/// <param name="InputWeightsRaw">Final <c>Win</c>, Hidden × Inputs row-major, raw integers of the weight type.</param>
/// <param name="RecurrentWeightsRaw">Final <c>Wg</c>, Hidden × Hidden row-major (row = post).</param>
/// <param name="OutputWeightsRaw">Final <c>Wout</c>, Classes × Hidden row-major.</param>
public sealed record OpenClLifetimeResult(
    double OnlineAccuracy,
    double? HoldoutAccuracy,
    int[] TrainPredictions,
    int[] HoldoutPredictions,
    long[] InputWeightsRaw,
    long[] RecurrentWeightsRaw,
    long[] OutputWeightsRaw)
{
    /// <summary>The accuracies alone, as <see cref="FixedLifetimeBatch"/> reports them.</summary>
    public FixedLifetimeResult ToFixedLifetimeResult() => new(OnlineAccuracy, HoldoutAccuracy);
}
