using Neuro.Rules.Layouts;
using Neuro.Rules.Patterns;

namespace Neuro.FixedPointSim.Patterns;

/// <summary>
/// The bit-accurate, integer-only fixed-point pattern-rule network (DESIGN.md §3, §5), written as plain loops: the
/// golden model that the OpenCL and Verilog versions match bit for bit. Semantics are those of
/// <see cref="ReferencePatternNetwork"/> (masks, reset, cap and its ties, patterns, argmax, update order, misclassified-only);
/// only the arithmetic differs, as follows (docs/fixed-point-network.md; <c>fx</c>, <c>fw</c>, <c>fa</c> are the input,
/// weight and activation fractional bits).
/// </summary>
/// <remarks>
/// <para>Every raw integer lives in a <see cref="long"/> after construction; doubles appear only when quantizing the input
/// vector (<see cref="Predict"/>, <see cref="Learn"/>; <see cref="PredictRaw"/> and <see cref="LearnRaw"/> take raw inputs)
/// and at construction (the spec's N(0,1) weights into each group's type (<see cref="PrecisionConfig.WeightOf"/>), the rule into <see cref="Rom"/>).</para>
/// <para>Sums are exact in <see cref="Int128"/> (the constructor checks <see cref="PrecisionConfig.AccumulatorBits"/> ≤ 128)
/// and narrowed once, with the target type's rounding and overflow:</para>
/// <list type="bullet">
/// <item><c>u_i = Σ_j Win_ij·x_j</c> exact at <c>fw + fx</c> fractional bits, narrowed into the activation type;</item>
/// <item>round 0: <c>h = cap_k(max(0, u))</c> on raw integers;</item>
/// <item>rounds 1..R: <c>z_j = h_j + u_j</c> (exact, narrowed into the activation type: only its overflow can act);
/// <c>s_i = Σ_j Wg_ij·z_j</c> exact at <c>fw + fa</c>, narrowed into the activation type; <c>h = cap_k(max(0, s))</c>
/// (ReLU after narrowing, as hardware does it);</item>
/// <item>a neuron fires when its capped raw is positive; patterns as in the float reference;</item>
/// <item>logits <c>Σ_i Wout_ci·h_i</c> are kept exact at <c>fw + fa</c> fractional bits (<see cref="LogitsRaw"/>, never
/// narrowed, so saturation cannot manufacture ties); the argmax compares them exactly, the lower class winning ties;</item>
/// <item>additive update: <c>w ← overflow_w(w + rom[addr])</c>: both are in weight LSBs, the sum is exact and only the
/// weight's overflow mode acts;</item>
/// <item>multiplicative update (<c>w·(1 + eta·entry)</c>): <c>w ← overflow_w(w + round_w(w·rom / 2^fw))</c>: the product
/// is exact at <c>2·fw</c> fractional bits, rounded to weight LSBs with the weight's rounding mode, added exactly to
/// <c>w</c>, then the weight's overflow mode applies.</item>
/// <item>stochastic rounding (<see cref="PrecisionConfig.StochasticBits"/> <c>s &gt; 0</c>, add tables only): the ROM word has
/// <c>fw + s</c> fractional bits and <c>w ← overflow_w(w + floor((rom[addr] + r) / 2^s))</c>, <c>r</c> the top <c>s</c>
/// bits of the lifetime's <see cref="XorShift32"/> generator, advanced once per synapse update with a nonzero word, in
/// this class's walk order (recurrent edges post-major, input edges post-major, output rows class-major). With
/// <see cref="PrecisionConfig.StochasticStreams"/> = <see cref="StochasticStreams.PerNeuron"/> each hidden neuron <c>i</c>
/// has its own generator (<see cref="XorShift32.NeuronSeed"/>), drawn by the updates of recurrent row <c>i</c>, input row
/// <c>i</c> and output column <c>i</c>, in the same walk order.</item>
/// <item>addresses: as the float reference composes them from the layout (<see cref="PatternTablePlan"/>); the weight
/// field reads the raw weight (<see cref="Neuro.Rules.Layouts.LayoutField.WeightCode(long, int)"/>), the margin field the
/// exact logits against thresholds floored to <see cref="LogitFracBits"/> fractional bits, so every code is exact.</item>
/// <item>per-group weight types (<see cref="PrecisionConfig.WeightOf"/>): <c>fw</c> above is the group's own, i.e. the
/// input weights' in <c>u</c>, the recurrent weights' in <c>s</c>, the output weights' in the logits; each table's ROM
/// words (<see cref="PrecisionConfig.EntryOf"/>), updates and weight field are in the scale of the group it updates.</item>
/// </list>
/// </remarks>
public sealed class FixedPatternNetwork : IFixedPatternNetwork
{
    private readonly PatternNetworkSpec spec;
    private readonly PatternNetworkMasks masks;
    private readonly long[] initialInputWeights;
    private readonly long[] initialOutputWeights;
    private readonly long[] initialRecurrentWeights;
    private readonly long[] inputWeights;
    private readonly long[] recurrentWeights;
    private readonly long[] outputWeights;
    private readonly long[] input;
    private readonly long[] projection;
    private readonly long[] operand;
    private readonly long[] hidden;
    private readonly int[] preTerms;
    private readonly long[] scratch;
    private readonly long[] selection;
    private readonly Int128[] logits;
    private readonly int[] patterns;
    private readonly PatternUpdatePlan plan;
    private readonly FixedOutputAverage? average;
    private readonly Int128[][] thresholds;
    private long samplesSeen;
    private uint randomState;
    private readonly uint[] neuronStates;
    private readonly FixedType inputWeight;
    private readonly FixedType recurrentWeight;
    private readonly FixedType outputWeight;

    /// <summary>Creates a network with the spec's masks, the rule and the precision, and resets it.</summary>
    /// <inheritdoc cref="FixedPatternNetwork(PatternNetworkSpec, PatternNetworkMasks, PatternRule, PrecisionConfig)"/>
    public FixedPatternNetwork(PatternNetworkSpec spec, PatternRule rule, PrecisionConfig precision)
        : this(spec, (spec ?? throw new ArgumentNullException(nameof(spec))).BuildMasks(), rule, precision)
    {
    }

    /// <summary>Creates a network with explicit masks (hand-built examples, conformance tests) and resets it.</summary>
    /// <exception cref="ArgumentException">The spec is invalid, an array's length does not match it, or an exact sum would
    /// need more than the 128 bits of <see cref="Int128"/>.</exception>
    /// <exception cref="PrecisionConfigException">The precision config is inconsistent or too narrow for the spec
    /// (<see cref="PrecisionConfig.Validate(PatternNetworkSpec)"/>).</exception>
    public FixedPatternNetwork(PatternNetworkSpec spec, PatternNetworkMasks masks, PatternRule rule, PrecisionConfig precision)
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

        this.spec = spec;
        this.masks = masks;
        Rule = rule;
        Precision = precision;
        Rom = new RuleRom(rule, precision);
        plan = new PatternUpdatePlan(rule);
        thresholds = [.. rule.Layout.Tables.Select((_, t) => new PatternTablePlan(rule.Layout, t).RawThresholds(LogitFracBitsOf(precision)).ToArray())];

        inputWeight = precision.WeightOf(PatternLayouts.Input);
        recurrentWeight = precision.WeightOf(PatternLayouts.Recurrent);
        outputWeight = precision.WeightOf(PatternLayouts.Output);
        int n = spec.Inputs, v = spec.Hidden, m = spec.Classes;
        initialInputWeights = QuantizeWeights(masks.FixedInputWeights, inputWeight);
        initialOutputWeights = QuantizeWeights(masks.FixedOutputWeights, outputWeight);
        initialRecurrentWeights = QuantizeWeights(masks.InitialRecurrentWeights, recurrentWeight);
        inputWeights = new long[v * n];
        recurrentWeights = new long[v * v];
        outputWeights = new long[m * v];
        input = new long[n];
        projection = new long[v];
        operand = new long[v];
        hidden = new long[v];
        preTerms = new int[v];
        scratch = new long[v];
        selection = new long[v];
        logits = new Int128[m];
        patterns = new int[v];
        neuronStates = new uint[precision.StochasticBits > 0 && precision.StochasticStreams == StochasticStreams.PerNeuron ? v : 0];
        average = rule.AveragesOutput ? new FixedOutputAverage(outputWeights.Length, rule.OutputAverageShift, outputWeight.Format.Width) : null;
        Reset();
    }

    /// <summary>The rule that updates the weights (through <see cref="Rom"/>).</summary>
    public PatternRule Rule { get; }

    /// <summary>The spec the masks were drawn from.</summary>
    public PatternNetworkSpec Spec => spec;

    /// <summary>The fixed-point types of every signal.</summary>
    public PrecisionConfig Precision { get; }

    /// <summary>The rule's tables as ROM words in the weight's LSB scale.</summary>
    public RuleRom Rom { get; }

    /// <summary>Input weights <c>Win</c> as raw integers of the input group's type (<see cref="PrecisionConfig.WeightOf"/>), Hidden × Inputs row-major.</summary>
    public ReadOnlySpan<long> InputWeightsRaw => inputWeights;

    /// <summary>Recurrent weights <c>Wg</c> as raw integers of the recurrent group's type (<see cref="PrecisionConfig.WeightOf"/>), Hidden × Hidden row-major, row = post.</summary>
    public ReadOnlySpan<long> RecurrentWeightsRaw => recurrentWeights;

    /// <summary>Output weights <c>Wout</c> as raw integers of the output group's type (<see cref="PrecisionConfig.WeightOf"/>), Classes × Hidden row-major.</summary>
    public ReadOnlySpan<long> OutputWeightsRaw => outputWeights;

    /// <inheritdoc/>
    public ReadOnlySpan<long> ReadoutWeightsRaw => average is null ? outputWeights : average.WeightsRaw;

    /// <summary>The last input as raw integers of <see cref="PrecisionConfig.Input"/>.</summary>
    public ReadOnlySpan<long> InputRaw => input;

    /// <summary>The last input projection <c>u</c> as raw integers of <see cref="PrecisionConfig.Activation"/>.</summary>
    public ReadOnlySpan<long> ProjectionRaw => projection;

    /// <summary>Capped hidden state after the last round of the last forward pass, raw integers of <see cref="PrecisionConfig.Activation"/>.</summary>
    public ReadOnlySpan<long> HiddenRaw => hidden;

    /// <summary>Firing patterns of the last forward pass, one per hidden neuron.</summary>
    public ReadOnlySpan<int> Patterns => patterns;

    /// <summary>Exact logits of the last forward pass, raw integers at <see cref="LogitFracBits"/> fractional bits (never narrowed).</summary>
    public ReadOnlySpan<Int128> LogitsRaw => logits;

    /// <summary>Fractional bits of <see cref="LogitsRaw"/>: the output weights' fractional bits plus <c>Activation.FracBits</c>.</summary>
    public int LogitFracBits => LogitFracBitsOf(Precision);

    /// <inheritdoc/>
    public uint UpdateRandomState => randomState;

    /// <inheritdoc/>
    public ReadOnlySpan<uint> NeuronRandomStates => neuronStates;

    /// <summary>Puts every weight back to its start (a new lifetime), as <see cref="ReferencePatternNetwork.Reset"/> does.</summary>
    public void Reset()
    {
        samplesSeen = 0;
        randomState = Precision.StochasticBits > 0 && neuronStates.Length == 0 ? XorShift32.Seed(spec.Seed) : 0;
        for (int i = 0; i < neuronStates.Length; i++)
        {
            neuronStates[i] = XorShift32.NeuronSeed(spec.Seed, i);
        }

        Array.Copy(plan.InputStartsAtZero ? new long[inputWeights.Length] : initialInputWeights, inputWeights, inputWeights.Length);
        Array.Copy(plan.RecurrentStartsAtZero ? new long[recurrentWeights.Length] : initialRecurrentWeights, recurrentWeights, recurrentWeights.Length);
        Array.Copy(plan.OutputStartsAtZero ? new long[outputWeights.Length] : initialOutputWeights, outputWeights, outputWeights.Length);
        average?.Reset(outputWeights);
    }

    /// <summary>Quantizes <paramref name="x"/> into <see cref="PrecisionConfig.Input"/> and runs the forward pass; returns the predicted class.</summary>
    /// <exception cref="ArgumentException">The length is wrong or a feature is not finite.</exception>
    public int Predict(ReadOnlySpan<double> x)
    {
        spec.CheckFeatures(x.Length, nameof(x));
        FixedQuantizer.Quantize(x, input, Precision.Input);
        return ForwardReadout();
    }

    /// <summary>Runs the forward pass on raw inputs of <see cref="PrecisionConfig.Input"/>; returns the predicted class.</summary>
    /// <exception cref="ArgumentException">The length is wrong or a raw value is outside the input format's range.</exception>
    public int PredictRaw(ReadOnlySpan<long> x)
    {
        RawInput.CopyChecked(x, spec, Precision.Input.Format, input);
        return ForwardReadout();
    }

    /// <summary>The forward pass of a prediction with frozen weights: its logits read <see cref="ReadoutWeightsRaw"/>.</summary>
    private int ForwardReadout()
    {
        int best = Forward();
        return average is null ? best : average.Predict(hidden, logits);
    }

    /// <summary>
    /// One plastic step: quantize <paramref name="x"/>, forward pass, then (if the sample is misclassified, or always when
    /// the rule says so) the hidden, input and output updates, in that order. Returns the prediction made before the update.
    /// </summary>
    public int Learn(ReadOnlySpan<double> x, int label)
    {
        spec.CheckLabel(label);
        spec.CheckFeatures(x.Length, nameof(x));
        FixedQuantizer.Quantize(x, input, Precision.Input);
        return LearnCurrent(label);
    }

    /// <summary>As <see cref="Learn"/>, on raw inputs of <see cref="PrecisionConfig.Input"/>.</summary>
    public int LearnRaw(ReadOnlySpan<long> x, int label)
    {
        spec.CheckLabel(label);
        RawInput.CopyChecked(x, spec, Precision.Input.Format, input);
        return LearnCurrent(label);
    }

    private int LearnCurrent(int label)
    {
        int prediction = Update(label);
        average?.Step(outputWeights);
        return prediction;
    }

    private int Update(int label)
    {
        int prediction = Forward();
        long seen = samplesSeen++;
        if (Rule.MisclassifiedOnly && prediction == label)
        {
            return prediction;
        }

        var margin = plan.UsesMargin ? SampleMargins.Of<Int128>(logits, label) : default;
        int v = spec.Hidden, n = spec.Inputs;
        if (plan.Recurrent is { } rec)
        {
            var rom = Rom.Span(rec.Index);
            int sample = rec.SampleTerm(margin, thresholds[rec.Index], seen);
            for (int post = 0; post < v; post++)
            {
                int postTerm = rec.PostTerm(patterns[post]) | sample;
                for (int pre = 0; pre < v; pre++)
                {
                    if (masks.Recurrent[post * v + pre])
                    {
                        ref long w = ref recurrentWeights[post * v + pre];
                        Apply(ref w, rom[rec.PreTerm(patterns[pre]) | postTerm | rec.WeightTerm(w, recurrentWeight.Format.FracBits)], rec.Mode, recurrentWeight, ref State(post));
                    }
                }
            }
        }

        if (plan.Input is { } inp)
        {
            var rom = Rom.Span(inp.Index);
            int sample = inp.SampleTerm(margin, thresholds[inp.Index], seen);
            for (int post = 0; post < v; post++)
            {
                int postTerm = inp.PostTerm(patterns[post]) | sample;
                for (int j = 0; j < n; j++)
                {
                    if (masks.Input[post * n + j])
                    {
                        ref long w = ref inputWeights[post * n + j];
                        Apply(ref w, rom[postTerm | inp.WeightTerm(w, inputWeight.Format.FracBits)], inp.Mode, inputWeight, ref State(post));
                    }
                }
            }
        }

        if (plan.Output is { } outp)
        {
            var rom = Rom.Span(outp.Index);
            int sample = outp.SampleTerm(margin, thresholds[outp.Index], seen);
            outp.PreTerms(patterns, hidden, preTerms);
            for (int c = 0; c < spec.Classes; c++)
            {
                int role = plan.OutputRole(c, label, prediction);
                if (role < 0)
                {
                    continue;
                }

                int rowTerm = outp.RoleTerm(role) | sample;
                for (int i = 0; i < v; i++)
                {
                    ref long w = ref outputWeights[c * v + i];
                    Apply(ref w, rom[preTerms[i] | rowTerm | outp.WeightTerm(w, outputWeight.Format.FracBits)], outp.Mode, outputWeight, ref State(i));
                }
            }
        }

        return prediction;
    }

    private static int LogitFracBitsOf(PrecisionConfig precision) => precision.WeightOf(PatternLayouts.Output).Format.FracBits + precision.Activation.Format.FracBits;

    /// <summary>The forward pass on <see cref="input"/>; fills the projection, hidden state, patterns and logits.</summary>
    private int Forward()
    {
        int n = spec.Inputs, v = spec.Hidden;
        var activation = Precision.Activation;
        int inputProductFrac = inputWeight.Format.FracBits + Precision.Input.Format.FracBits;
        int hiddenProductFrac = recurrentWeight.Format.FracBits + activation.Format.FracBits;
        int activationFrac = activation.Format.FracBits;

        for (int i = 0; i < v; i++)
        {
            Int128 sum = Int128.Zero;
            for (int j = 0; j < n; j++)
            {
                if (masks.Input[i * n + j])
                {
                    sum += (Int128)inputWeights[i * n + j] * input[j];
                }
            }

            projection[i] = Narrow(sum, inputProductFrac, activation);
            hidden[i] = Math.Max(0, projection[i]);
        }

        Cap(hidden);
        for (int i = 0; i < v; i++)
        {
            patterns[i] = hidden[i] > 0 ? 1 : 0;
        }

        for (int round = 1; round <= Rule.Rounds; round++)
        {
            // z = h + u, narrowed into the activation type (same fractional bits: only its overflow mode can act).
            for (int j = 0; j < v; j++)
            {
                operand[j] = Narrow((Int128)hidden[j] + projection[j], activationFrac, activation);
            }

            for (int post = 0; post < v; post++)
            {
                Int128 sum = Int128.Zero;
                for (int pre = 0; pre < v; pre++)
                {
                    if (masks.Recurrent[post * v + pre])
                    {
                        sum += (Int128)recurrentWeights[post * v + pre] * operand[pre];
                    }
                }

                scratch[post] = Math.Max(0, Narrow(sum, hiddenProductFrac, activation));
            }

            Array.Copy(scratch, hidden, v);
            Cap(hidden);
            for (int i = 0; i < v; i++)
            {
                patterns[i] = PatternRule.NextHistory(patterns[i], hidden[i] > 0);
            }
        }

        return Readout(outputWeights, hidden, logits);
    }

    /// <summary>Fills <paramref name="logits"/> with the exact <c>Σ_i weights_ci · h_i</c> (Classes × Hidden row-major, raw
    /// integers) and returns the argmax, the lower class winning ties: the network's readout, also of its output average.</summary>
    internal static int Readout(ReadOnlySpan<long> weights, ReadOnlySpan<long> hidden, Span<Int128> logits)
    {
        int v = hidden.Length, best = 0;
        for (int c = 0; c < logits.Length; c++)
        {
            Int128 sum = Int128.Zero;
            for (int i = 0; i < v; i++)
            {
                sum += (Int128)weights[c * v + i] * hidden[i];
            }

            logits[c] = sum;
            if (sum > logits[best])
            {
                best = c;
            }
        }

        return best;
    }

    /// <summary>The generator that an update of a synapse of hidden neuron <paramref name="neuron"/> draws from: its own
    /// with per-neuron streams, else the lifetime's one.</summary>
    private ref uint State(int neuron) => ref neuronStates.Length > 0 ? ref neuronStates[neuron] : ref randomState;

    /// <summary>One update of one weight by one ROM word, drawing from <paramref name="state"/>; see the class remarks for
    /// the arithmetic. Result: weight format.</summary>
    private void Apply(ref long weight, long entry, TableMode mode, FixedType type, ref uint state)
    {
        int frac = type.Format.FracBits;
        int s = Precision.StochasticBits;
        if (s > 0)
        {
            // Stochastic rounding: floor((word + r) / 2^s), exact in Int128; RuleRom admits only add tables here. A zero word
            // adds floor(r / 2^s) = 0 whatever r is, so it draws nothing and the generator stays.
            if (entry == 0)
            {
                return;
            }

            state = XorShift32.Next(state);
            Int128 r = state >> (32 - s);
            weight = Narrow(weight + (((Int128)entry + r) >> s), frac, type);
            return;
        }

        Int128 delta = mode == TableMode.Add
            ? entry
            : QuantizationCore.RoundToInteger((Int128)weight * entry, frac, type.Rounding);
        weight = Narrow(weight + delta, frac, type);
    }

    /// <summary>Narrows the exact value <c>raw · 2^-fracBits</c> into <paramref name="type"/> with its rounding and overflow. Result: <paramref name="type"/>'s raw.</summary>
    private static long Narrow(Int128 raw, int fracBits, FixedType type) =>
        (long)QuantizationCore.FromRaw(raw, fracBits, type.Format, type.Rounding, type.Overflow);

    /// <summary>Keeps the k largest raw values (ties to the lower index) and zeroes the rest: <see cref="CapK"/>, exact on integers.</summary>
    private void Cap(long[] values) => CapK.Apply<long>(values, spec.Cap, selection);

    private static long[] QuantizeWeights(double[] values, FixedType weight)
    {
        var raws = new long[values.Length];
        FixedQuantizer.Quantize(values, raws, weight);
        return raws;
    }
}
