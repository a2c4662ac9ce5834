using Neuro.Rules.Patterns;

namespace Neuro.FixedPointSim.Patterns;

/// <summary>
/// The arithmetic behind a <see cref="FastFixedPatternNetwork"/>: forward pass, updates and state, on raw integers. The
/// network validates inputs and labels and decides when to update; an engine only computes.
/// </summary>
/// <remarks>
/// The starting weights are computed here once, in the reference's full row-major layout, exactly as
/// <see cref="FixedPatternNetwork.Reset"/> leaves them: the spec's draws quantized into the weight type, or zero where
/// an additive rule makes the matrix plastic. Entries off the masks never change, so engines that keep only the edges can
/// answer for the rest from these arrays.
/// </remarks>
internal abstract class PatternEngine
{
    private readonly uint[] neuronStates;
    private uint randomState;

    /// <summary>Computes the starting weights.</summary>
    protected PatternEngine(PatternNetworkSpec spec, PatternNetworkMasks masks, PatternRule rule, PrecisionConfig precision, RuleRom rom)
    {
        Spec = spec;
        Masks = masks;
        Rule = rule;
        Precision = precision;
        Rom = rom;
        Plan = new PatternUpdatePlan(rule);
        InputWeightFracBits = precision.WeightOf(PatternLayouts.Input).Format.FracBits;
        RecurrentWeightFracBits = precision.WeightOf(PatternLayouts.Recurrent).Format.FracBits;
        OutputWeightFracBits = precision.WeightOf(PatternLayouts.Output).Format.FracBits;
        StochasticBits = precision.StochasticBits;
        neuronStates = new uint[precision.StochasticBits > 0 && precision.StochasticStreams == StochasticStreams.PerNeuron ? spec.Hidden : 0];
        ZeroTables = [.. Enumerable.Range(0, rom.TableCount).Select(t => rom.Table(t).All(word => word == 0))];
        int logitFrac = OutputWeightFracBits + precision.Activation.Format.FracBits;
        Thresholds = [.. rule.Layout.Tables.Select((_, t) => new PatternTablePlan(rule.Layout, t).RawThresholds(logitFrac).ToArray())];
        Updates = [.. rule.Layout.Tables.Select(t => new WeightUpdate(precision.WeightOf(t.Synapses), precision.EntryOf(t.Synapses), t.Mode))];
        StartInputWeights = Plan.InputStartsAtZero
            ? new long[spec.Hidden * spec.Inputs]
            : Quantize(masks.FixedInputWeights, precision.WeightOf(PatternLayouts.Input));
        StartRecurrentWeights = Plan.RecurrentStartsAtZero
            ? new long[spec.Hidden * spec.Hidden]
            : Quantize(masks.InitialRecurrentWeights, precision.WeightOf(PatternLayouts.Recurrent));
        StartOutputWeights = Plan.OutputStartsAtZero
            ? new long[spec.Classes * spec.Hidden]
            : Quantize(masks.FixedOutputWeights, precision.WeightOf(PatternLayouts.Output));
    }

    /// <summary>Which arithmetic this engine uses.</summary>
    public abstract FastFixedEngine Kind { get; }

    /// <summary>Input weights after a reset, Hidden × Inputs row-major.</summary>
    protected long[] StartInputWeights { get; }

    /// <summary>Recurrent weights after a reset, Hidden × Hidden row-major (row = post).</summary>
    protected long[] StartRecurrentWeights { get; }

    /// <summary>Output weights after a reset, Classes × Hidden row-major.</summary>
    protected long[] StartOutputWeights { get; }

    /// <summary>The network's shape.</summary>
    protected PatternNetworkSpec Spec { get; }

    /// <summary>The network's masks.</summary>
    protected PatternNetworkMasks Masks { get; }

    /// <summary>The rule.</summary>
    protected PatternRule Rule { get; }

    /// <summary>The signal types.</summary>
    protected PrecisionConfig Precision { get; }

    /// <summary>The rule's ROM words.</summary>
    protected RuleRom Rom { get; }

    /// <summary>The rule's tables by synapse group, and the family's update semantics.</summary>
    protected PatternUpdatePlan Plan { get; }

    /// <summary>Fractional bits of the input weights' type.</summary>
    protected int InputWeightFracBits { get; }

    /// <summary>Fractional bits of the recurrent weights' type.</summary>
    protected int RecurrentWeightFracBits { get; }

    /// <summary>Fractional bits of the output weights' type (and, with the activation's, of the logits).</summary>
    protected int OutputWeightFracBits { get; }

    /// <summary>Stochastic-rounding bits (0: off); with them every update goes edge by edge in the golden walk order.</summary>
    protected int StochasticBits { get; }

    /// <summary>Whether each table's words are all zero: with stochastic rounding its updates change nothing and draw nothing.</summary>
    protected bool[] ZeroTables { get; }

    /// <summary>The stochastic-rounding generator's state (<see cref="XorShift32"/>).</summary>
    public uint RandomState => randomState;

    /// <summary>Each hidden neuron's generator state with per-neuron streams; empty otherwise.</summary>
    public ReadOnlySpan<uint> NeuronRandomStates => neuronStates;

    /// <summary>The generator that an update of a synapse of hidden neuron <paramref name="neuron"/> advances: its own with
    /// per-neuron streams (recurrent and input row <c>i</c>, output column <c>i</c>), else the lifetime's one.</summary>
    protected ref uint RandomStateRef(int neuron) => ref neuronStates.Length > 0 ? ref neuronStates[neuron] : ref randomState;

    /// <summary>Each table's margin thresholds at the logits' fractional bits (empty without a margin field).</summary>
    protected Int128[][] Thresholds { get; }

    /// <summary>Each table's weight update (its mode at the weight type).</summary>
    protected WeightUpdate[] Updates { get; }

    /// <summary>Input weights in the reference layout (a snapshot where the engine stores them otherwise).</summary>
    public abstract ReadOnlySpan<long> InputWeightsRaw { get; }

    /// <summary>Recurrent weights in the reference layout.</summary>
    public abstract ReadOnlySpan<long> RecurrentWeightsRaw { get; }

    /// <summary>Output weights in the reference layout.</summary>
    public abstract ReadOnlySpan<long> OutputWeightsRaw { get; }

    /// <summary>The last projection <c>u</c>, activation raws.</summary>
    public abstract ReadOnlySpan<long> ProjectionRaw { get; }

    /// <summary>The capped hidden state after the last round, activation raws.</summary>
    public abstract ReadOnlySpan<long> HiddenRaw { get; }

    /// <summary>The firing patterns of the last forward pass.</summary>
    public abstract ReadOnlySpan<int> Patterns { get; }

    /// <summary>The exact logits of the last forward pass.</summary>
    public abstract ReadOnlySpan<Int128> LogitsRaw { get; }

    /// <summary>Puts every weight back to its start.</summary>
    public abstract void Reset();

    /// <summary>Puts the generators back to their seeds (<see cref="XorShift32.Seed"/> of the network seed, or
    /// <see cref="XorShift32.NeuronSeed"/> of each neuron), or the one to 0 when off.</summary>
    public void ResetRandom()
    {
        randomState = StochasticBits > 0 && neuronStates.Length == 0 ? XorShift32.Seed(Spec.Seed) : 0;
        for (int i = 0; i < neuronStates.Length; i++)
        {
            neuronStates[i] = XorShift32.NeuronSeed(Spec.Seed, i);
        }
    }

    /// <summary>The forward pass on raw inputs (already checked against the input format); returns the prediction.</summary>
    public abstract int Forward(ReadOnlySpan<long> input);

    /// <summary>The hidden, input and output updates, in that order, for the last forward pass; <paramref name="samplesSeen"/>
    /// counts the samples learned from since the reset before this one (the phase signal).</summary>
    public abstract void Update(int label, int prediction, long samplesSeen);

    /// <summary>The last forward pass's exact margin signals, or zeros when no table reads them.</summary>
    protected SampleMargin<Int128> Margin(int label) => Plan.UsesMargin ? SampleMargins.Of<Int128>(LogitsRaw, label) : default;

    /// <summary>Table <paramref name="table"/>'s sample term for this update.</summary>
    protected int SampleTerm(PatternTablePlan table, SampleMargin<Int128> margin, long samplesSeen) => table.SampleTerm(margin, Thresholds[table.Index], samplesSeen);

    private static long[] Quantize(double[] values, FixedType weight)
    {
        var raws = new long[values.Length];
        FixedQuantizer.Quantize(values, raws, weight);
        return raws;
    }
}
