using Neuro.Rules.Patterns;

namespace Neuro.FixedPointSim.Patterns;

/// <summary>
/// What quantizing a pattern rule and its network does, measured against the float reference on the same spec, masks,
/// inputs and seed (<see cref="QuantizationAnalysis.Run"/>): plain data for reports, JSON and plots.
/// </summary>
/// <param name="Spec">The network both implementations ran.</param>
/// <param name="Precision">The fixed-point types of the fixed network.</param>
/// <param name="Passes">Online passes over the training set.</param>
/// <param name="TrainSamples">Samples in the training set (the lifetime is <c>Passes × TrainSamples</c> samples).</param>
/// <param name="TestSamples">Samples in the test set.</param>
/// <param name="Tables">ROM error per table present, in the order hidden, input, output.</param>
/// <param name="Projection">Error of the input projection <c>u</c>.</param>
/// <param name="Hidden">Error of the capped hidden state after the last round.</param>
/// <param name="Logits">Error of the logits (the fixed ones exact, at <c>fw + fa</c> fractional bits).</param>
/// <param name="PatternAgreement">Fraction of lifetime samples on which every hidden neuron's firing pattern was the same in both networks.</param>
/// <param name="PredictionAgreement">Fraction of lifetime samples on which both networks predicted the same class.</param>
/// <param name="FirstDivergence">0-based index in the lifetime of the first sample whose patterns or prediction differed; null if none did.</param>
/// <param name="Drift">Weight drift at the start, at evenly spaced checkpoints, and at the end (the last entry).</param>
/// <param name="FloatAccuracy">Test accuracy of the float reference after the lifetime, weights frozen.</param>
/// <param name="FixedAccuracy">Test accuracy of the fixed-point network after the lifetime, weights frozen.</param>
public sealed record QuantizationReport(
    PatternNetworkSpec Spec,
    PrecisionConfig Precision,
    int Passes,
    int TrainSamples,
    int TestSamples,
    IReadOnlyList<TableQuantizationError> Tables,
    ActivationError Projection,
    ActivationError Hidden,
    ActivationError Logits,
    double PatternAgreement,
    double PredictionAgreement,
    int? FirstDivergence,
    IReadOnlyList<DriftCheckpoint> Drift,
    double FloatAccuracy,
    double FixedAccuracy)
{
    /// <summary>Number of samples in the lifetime, <c>Passes × TrainSamples</c>.</summary>
    public int LifetimeSamples => Passes * TrainSamples;

    /// <summary>Accuracy lost to quantization in percentage points, <c>100·(float − fixed)</c> (negative when the fixed network did better).</summary>
    public double LossPoints => QuantizationAnalysis.LossPoints(FloatAccuracy, FixedAccuracy);

    /// <summary>The drift at the end of the lifetime.</summary>
    public DriftCheckpoint FinalDrift => Drift[^1];

    /// <summary>The ROM error of one table, or null when the rule has no such table.</summary>
    public TableQuantizationError? Table(string name) => Tables.FirstOrDefault(t => t.Table == name);
}
