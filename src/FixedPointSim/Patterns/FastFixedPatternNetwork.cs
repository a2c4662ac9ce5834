using Neuro.Rules.Patterns;

namespace Neuro.FixedPointSim.Patterns;

/// <summary>
/// The fast CPU version of <see cref="FixedPatternNetwork"/>: the same raw integers, sample for sample (every weight,
/// projection, hidden value, pattern, logit and prediction; the conformance tests compare them with
/// <c>Assert.Equal</c>), computed with compressed masks, 64-bit sums where they are provably exact, and SIMD.
/// </summary>
/// <remarks>
/// <para>At construction the formats pick the arithmetic, once:</para>
/// <list type="bullet">
/// <item><b>Int32 lanes</b> when weights have at most 31 bits, activations at most 32, inputs fit an <see cref="int"/> and
/// <see cref="PrecisionConfig.AccumulatorBits"/> ≤ 64 (every exact sum fits a <see cref="long"/>): dense rows with the
/// masked-out weights held at 0, exact <c>32 × 32 → 64</c>-bit products (AVX2 <c>vpmuldq</c>), bit masks for the
/// updates. The default config is here.</item>
/// <item><b>Int64</b> otherwise, while the accumulator still fits 64 bits: raw longs over per-row edge lists.</item>
/// <item><b>Int128</b> beyond that (up to the reference's 128-bit limit): the reference's wide sums over edge lists.</item>
/// </list>
/// <para>No path can overflow silently: the 64-bit paths are taken only when the bound of every sum fits. Each sum is
/// narrowed once per neuron by the one implementation of the rounding and overflow rules (<see cref="QuantizationCore"/>),
/// and an update applies the weight type's rules exactly as the reference does. Raw state accessors return snapshots in
/// the reference's layout, rebuilt on each access: read them for tests and inspection, not in a hot loop.</para>
/// <para>An instance is single-threaded; run independent lifetimes in parallel with one instance each
/// (<see cref="FixedLifetimeBatch"/>).</para>
/// </remarks>
public sealed class FastFixedPatternNetwork : IFixedPatternNetwork
{
    private readonly PatternEngine engine;
    private readonly long[] input;
    private readonly FixedOutputAverage? average;
    private readonly Int128[] readoutLogits;
    private bool readoutLast;
    private long samplesSeen;

    /// <summary>Creates a network with the spec's masks, the rule and the precision, and resets it.</summary>
    /// <inheritdoc cref="FastFixedPatternNetwork(PatternNetworkSpec, PatternNetworkMasks, PatternRule, PrecisionConfig)"/>
    public FastFixedPatternNetwork(PatternNetworkSpec spec, PatternRule rule, PrecisionConfig precision)
        : this(spec, (spec ?? throw new ArgumentNullException(nameof(spec))).BuildMasks(), rule, precision)
    {
    }

    /// <summary>Creates a network with explicit masks (hand-built examples, conformance tests) and resets it.</summary>
    /// <exception cref="ArgumentException">The spec is invalid, an array's length does not match it, or an exact sum would
    /// need more than the 128 bits of <see cref="Int128"/> (the same checks and messages as <see cref="FixedPatternNetwork"/>).</exception>
    /// <exception cref="PrecisionConfigException">The precision config is inconsistent or too narrow for the spec
    /// (<see cref="PrecisionConfig.Validate(PatternNetworkSpec)"/>).</exception>
    public FastFixedPatternNetwork(PatternNetworkSpec spec, PatternNetworkMasks masks, PatternRule rule, PrecisionConfig precision)
        : this(spec, masks, rule, precision, vectorize: true)
    {
    }

    /// <summary>As the public constructor; <paramref name="vectorize"/> false keeps the Int32-lane engine on its portable scalar loops (tests).</summary>
    internal FastFixedPatternNetwork(PatternNetworkSpec spec, PatternNetworkMasks masks, PatternRule rule, PrecisionConfig precision, bool vectorize)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(masks);
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(precision);
        spec.Validate();
        masks.Validate(spec);
        precision.Validate(spec);
        int accumulator = precision.AccumulatorBits(spec);
        if (accumulator > 128)
        {
            throw new ArgumentException(
                $"The exact accumulator needs {accumulator} bits, more than the 128 of Int128; narrow the weight, input or activation format");
        }

        Spec = spec;
        Rule = rule;
        Precision = precision;
        Rom = new RuleRom(rule, precision);
        input = new long[spec.Inputs];
        engine = FitsInt32Lanes(precision, accumulator)
            ? new LanePatternEngine(spec, masks, rule, precision, Rom, vectorize)
            : new ScalarPatternEngine(spec, masks, rule, precision, Rom, accumulator);
        average = rule.AveragesOutput
            ? new FixedOutputAverage(spec.Classes * spec.Hidden, rule.OutputAverageShift, precision.WeightOf(PatternLayouts.Output).Format.Width)
            : null;
        readoutLogits = new Int128[average is null ? 0 : spec.Classes];
        engine.ResetRandom();
        average?.Reset(engine.OutputWeightsRaw);
    }

    /// <inheritdoc/>
    public PatternRule Rule { get; }

    /// <inheritdoc/>
    public PatternNetworkSpec Spec { get; }

    /// <inheritdoc/>
    public PrecisionConfig Precision { get; }

    /// <summary>The rule's tables as ROM words in the weight's LSB scale.</summary>
    public RuleRom Rom { get; }

    /// <inheritdoc/>
    public ReadOnlySpan<long> InputWeightsRaw => engine.InputWeightsRaw;

    /// <inheritdoc/>
    public ReadOnlySpan<long> RecurrentWeightsRaw => engine.RecurrentWeightsRaw;

    /// <inheritdoc/>
    public ReadOnlySpan<long> OutputWeightsRaw => engine.OutputWeightsRaw;

    /// <inheritdoc/>
    public ReadOnlySpan<long> ReadoutWeightsRaw => average is null ? engine.OutputWeightsRaw : average.WeightsRaw;

    /// <inheritdoc/>
    public ReadOnlySpan<long> InputRaw => input;

    /// <inheritdoc/>
    public ReadOnlySpan<long> ProjectionRaw => engine.ProjectionRaw;

    /// <inheritdoc/>
    public ReadOnlySpan<long> HiddenRaw => engine.HiddenRaw;

    /// <inheritdoc/>
    public ReadOnlySpan<int> Patterns => engine.Patterns;

    /// <inheritdoc/>
    public ReadOnlySpan<Int128> LogitsRaw => readoutLast ? readoutLogits : engine.LogitsRaw;

    /// <inheritdoc/>
    public int LogitFracBits => Precision.WeightOf(PatternLayouts.Output).Format.FracBits + Precision.Activation.Format.FracBits;

    /// <inheritdoc/>
    public uint UpdateRandomState => engine.RandomState;

    /// <inheritdoc/>
    public ReadOnlySpan<uint> NeuronRandomStates => engine.NeuronRandomStates;

    /// <summary>The arithmetic the formats selected (tests check that each is exercised).</summary>
    internal FastFixedEngine Engine => engine.Kind;

    /// <summary>Puts every weight back to its start (a new lifetime), as <see cref="FixedPatternNetwork.Reset"/> does.</summary>
    public void Reset()
    {
        samplesSeen = 0;
        engine.Reset();
        engine.ResetRandom();
        average?.Reset(engine.OutputWeightsRaw);
    }

    /// <summary>Quantizes <paramref name="x"/> into <see cref="PrecisionConfig.Input"/> and runs the forward pass; returns the predicted class.</summary>
    /// <exception cref="ArgumentException">The length is wrong or a feature is not finite.</exception>
    public int Predict(ReadOnlySpan<double> x)
    {
        Spec.CheckFeatures(x.Length, nameof(x));
        FixedQuantizer.Quantize(x, input, Precision.Input);
        return ForwardReadout();
    }

    /// <summary>Runs the forward pass on raw inputs of <see cref="PrecisionConfig.Input"/>; returns the predicted class.</summary>
    /// <exception cref="ArgumentException">The length is wrong or a raw value is outside the input format's range.</exception>
    public int PredictRaw(ReadOnlySpan<long> x)
    {
        RawInput.CopyChecked(x, Spec, Precision.Input.Format, input);
        return ForwardReadout();
    }

    /// <summary>The forward pass of a prediction with frozen weights: its logits read <see cref="ReadoutWeightsRaw"/>.</summary>
    private int ForwardReadout()
    {
        int best = engine.Forward(input);
        readoutLast = average is not null;
        return average is null ? best : average.Predict(engine.HiddenRaw, readoutLogits);
    }

    /// <summary>
    /// One plastic step: quantize <paramref name="x"/>, forward pass, then (if the sample is misclassified, or always when
    /// the rule says so) the hidden, input and output updates, in that order. Returns the prediction made before the update.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The label is not a class.</exception>
    /// <exception cref="ArgumentException">The length is wrong or a feature is not finite.</exception>
    public int Learn(ReadOnlySpan<double> x, int label)
    {
        Spec.CheckLabel(label);
        Spec.CheckFeatures(x.Length, nameof(x));
        FixedQuantizer.Quantize(x, input, Precision.Input);
        return LearnCurrent(label);
    }

    /// <summary>As <see cref="Learn"/>, on raw inputs of <see cref="PrecisionConfig.Input"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The label is not a class.</exception>
    /// <exception cref="ArgumentException">The length is wrong or a raw value is outside the input format's range.</exception>
    public int LearnRaw(ReadOnlySpan<long> x, int label)
    {
        Spec.CheckLabel(label);
        RawInput.CopyChecked(x, Spec, Precision.Input.Format, input);
        return LearnCurrent(label);
    }

    /// <summary>Whether the Int32-lane engine holds every raw and sum of these formats exactly.</summary>
    private static bool FitsInt32Lanes(PrecisionConfig precision, int accumulatorBits)
    {
        var x = precision.Input.Format;
        return precision.WeightTypes.All(t => t.Format.Width <= 31)
            && precision.Activation.Format.Width <= 32
            && (x.Signed ? x.Width <= 32 : x.Width <= 31)
            && accumulatorBits <= 64;
    }

    private int LearnCurrent(int label)
    {
        int prediction = engine.Forward(input);
        readoutLast = false;
        long seen = samplesSeen++;
        if (!Rule.MisclassifiedOnly || prediction != label)
        {
            engine.Update(label, prediction, seen);
        }

        average?.Step(engine.OutputWeightsRaw);
        return prediction;
    }
}
