using Neuro.Rules.Patterns;

namespace Neuro.FixedPointSim.Patterns;

/// <summary>
/// A fixed-point pattern-rule network seen through its raw integers: what every implementation (the plain-loop golden
/// model <see cref="FixedPatternNetwork"/>, <see cref="FastFixedPatternNetwork"/>, later an OpenCL one) exposes so that
/// one conformance test body can compare them with <c>Assert.Equal</c> on raw values.
/// </summary>
/// <remarks>
/// The spans describe the state after the last call; an implementation may hand out a snapshot that its next call
/// overwrites, so copy what you keep.
/// </remarks>
public interface IFixedPatternNetwork : IPatternNetwork
{
    /// <summary>The spec the masks were drawn from.</summary>
    PatternNetworkSpec Spec { get; }

    /// <summary>The rule that updates the weights.</summary>
    PatternRule Rule { get; }

    /// <summary>The fixed-point types of every signal.</summary>
    PrecisionConfig Precision { get; }

    /// <summary>Input weights <c>Win</c> as raw integers of the input group's type (<see cref="PrecisionConfig.WeightOf"/>), Hidden × Inputs row-major.</summary>
    ReadOnlySpan<long> InputWeightsRaw { get; }

    /// <summary>Recurrent weights <c>Wg</c> as raw integers of the recurrent group's type (<see cref="PrecisionConfig.WeightOf"/>), Hidden × Hidden row-major, row = post.</summary>
    ReadOnlySpan<long> RecurrentWeightsRaw { get; }

    /// <summary>Output weights <c>Wout</c> as raw integers of the output group's type (<see cref="PrecisionConfig.WeightOf"/>), Classes × Hidden row-major.</summary>
    ReadOnlySpan<long> OutputWeightsRaw { get; }

    /// <summary>The output weights that predictions with frozen weights read, raw integers of the output group's type:
    /// their moving average's readout when the rule keeps one (<see cref="FixedOutputAverage"/>), else <see cref="OutputWeightsRaw"/>.</summary>
    ReadOnlySpan<long> ReadoutWeightsRaw { get; }

    /// <summary>The last input as raw integers of <see cref="PrecisionConfig.Input"/>.</summary>
    ReadOnlySpan<long> InputRaw { get; }

    /// <summary>The last input projection <c>u</c> as raw integers of <see cref="PrecisionConfig.Activation"/>.</summary>
    ReadOnlySpan<long> ProjectionRaw { get; }

    /// <summary>Capped hidden state after the last round of the last forward pass, raw integers of <see cref="PrecisionConfig.Activation"/>.</summary>
    ReadOnlySpan<long> HiddenRaw { get; }

    /// <summary>Firing patterns of the last forward pass, one per hidden neuron.</summary>
    ReadOnlySpan<int> Patterns { get; }

    /// <summary>Exact logits of the last forward pass at <see cref="LogitFracBits"/> fractional bits (never narrowed).</summary>
    ReadOnlySpan<Int128> LogitsRaw { get; }

    /// <summary>Fractional bits of <see cref="LogitsRaw"/>: the output weights' fractional bits plus <c>Activation.FracBits</c>.</summary>
    int LogitFracBits { get; }

    /// <summary>The stochastic-rounding generator's state (<see cref="XorShift32"/>) after the last update; 0 when
    /// <see cref="PrecisionConfig.StochasticBits"/> is 0 or the streams are per neuron.</summary>
    uint UpdateRandomState { get; }

    /// <summary>With per-neuron streams (<see cref="StochasticStreams.PerNeuron"/>), each hidden neuron's generator state
    /// after the last update; empty otherwise.</summary>
    ReadOnlySpan<uint> NeuronRandomStates { get; }

    /// <summary>Runs the forward pass on raw inputs of <see cref="PrecisionConfig.Input"/>; returns the predicted class.</summary>
    int PredictRaw(ReadOnlySpan<long> x);

    /// <summary>As <see cref="IPatternNetwork.Learn"/>, on raw inputs of <see cref="PrecisionConfig.Input"/>.</summary>
    int LearnRaw(ReadOnlySpan<long> x, int label);
}
