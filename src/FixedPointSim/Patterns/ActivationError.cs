namespace Neuro.FixedPointSim.Patterns;

/// <summary>
/// How far one layer's fixed-point activations were from the float reference's over a lifetime: after every sample,
/// each element's <c>value(raw_fixed) − float</c> (raw → value through the layer's format).
/// </summary>
/// <remarks>
/// The two networks see the same inputs but keep their own weights, so once a cap decision or a prediction differs
/// (<see cref="QuantizationReport.FirstDivergence"/>) they learn differently and the error stops measuring rounding alone.
/// The <c>Lockstep…</c> figures cover only the samples before that point.
/// </remarks>
/// <param name="Layer"><c>projection</c> (the input projection <c>u</c>), <c>hidden</c> (the capped state after the last
/// round) or <c>logits</c>.</param>
/// <param name="Elements">Number of element comparisons: samples × layer size.</param>
/// <param name="MaxAbsError">Largest absolute error over the whole lifetime.</param>
/// <param name="RmsError">Root mean square error over the whole lifetime.</param>
/// <param name="LockstepElements">Number of element comparisons before the first divergence.</param>
/// <param name="LockstepMaxAbsError">Largest absolute error before the first divergence (0 if there were no such samples).</param>
/// <param name="LockstepRmsError">Root mean square error before the first divergence (0 if there were no such samples).</param>
public sealed record ActivationError(
    string Layer,
    long Elements,
    double MaxAbsError,
    double RmsError,
    long LockstepElements,
    double LockstepMaxAbsError,
    double LockstepRmsError);
