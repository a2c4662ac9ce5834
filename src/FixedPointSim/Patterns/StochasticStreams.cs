namespace Neuro.FixedPointSim.Patterns;

/// <summary>
/// How many stochastic-rounding generators a lifetime runs (<see cref="PrecisionConfig.StochasticStreams"/>; JSON
/// <c>"stochasticStreams": "single" | "perNeuron"</c>). Both draw from <see cref="XorShift32"/> with the same
/// rounding rule; they differ in which generator an update advances.
/// </summary>
public enum StochasticStreams
{
    /// <summary>One generator for the whole lifetime, advanced in the golden walk order (DESIGN.md §5; the default).</summary>
    Single,

    /// <summary>
    /// One generator per hidden neuron <c>i</c> (<see cref="XorShift32.NeuronSeed"/>), advanced by the updates of recurrent
    /// row <c>i</c>, input row <c>i</c> and output column <c>i</c> in the golden walk order restricted to them: independent
    /// of how many lanes update neurons in parallel (docs/fixed-point-network.md, "Per-neuron streams").
    /// </summary>
    PerNeuron,
}
