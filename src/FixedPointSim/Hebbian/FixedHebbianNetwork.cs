using Neuro.Rules;
using Neuro.Rules.Continual;
using Neuro.Rules.Data;
using Neuro.Rules.Hebbian;

namespace Neuro.FixedPointSim.Hebbian;

/// <summary>
/// The bit-accurate fixed-point <see cref="HebbianNetwork"/>: integers only, the rule applied through its compiled ROMs
/// (<see cref="HebbianRom"/>), as hardware would run it. It is the golden model for an RTL version.
/// </summary>
/// <remarks>
/// <para>Forward pass: each input feature goes to its nearest input level <c>ℓx</c> (<see cref="ActivityLevels"/>);
/// drives <c>z_i = Σ_j W1[i,j]·ℓx_j</c> exactly in 64 bits (weight raws); with <c>θ</c> the (k+1)-th largest drive and
/// <c>m</c> the largest (<see cref="KWinners"/>), hidden level <c>ℓh_i = ⌊((z_i − θ)·(H − 1)·2 + (m − θ)) / (2·(m − θ))⌋</c>
/// for <c>z_i &gt; θ</c> (the nearest level of <c>(z_i − θ)/(m − θ)</c>, halves up; <c>H = 2^HiddenBits</c>), else 0;
/// scores <c>y_c = Σ_i W2[c,i]·ℓh_i</c> exactly. Prediction: the first highest score.</para>
/// <para>Update of a synapse with pre level <c>ℓp</c>, post level <c>ℓq</c>, its neuron's trace level <c>ℓa</c> and
/// weight raw <c>w</c>, with <c>s</c> = <see cref="HebbianPrecision.StochasticBits"/> of the layer's weight type:
/// <c>acc = add[ℓp·2^qBits + ℓq] + ((w·scale[ℓq·2^aBits + ℓa]) &gt;&gt; (weightFrac + scaleFrac − ruleFrac))</c>
/// (the product brought to the add word's fractional bits by an arithmetic shift: floor), then <c>w ← overflow(w + ((acc + r) &gt;&gt; s))</c>, where <c>r</c> is the top <c>s</c> bits of the network's
/// <see cref="XorShift32"/> generator (Marsaglia's 13, 17, 5), advanced once per synapse update in this order: hidden synapses row by
/// row (neuron <c>i</c>, then input <c>j</c>), then output synapses row by row (unit <c>c</c>, then hidden <c>i</c>). With
/// <c>s = 0</c> the generator still advances and <c>r = 0</c>. Its state at reset is
/// <c>(uint)SeedSequence.Derive64(spec.Seed, 0x5EED) | 1</c>. With <see cref="HebbianDraws.PerPre"/> each row of a layer
/// restarts the generator from the layer's starting state, so synapse <c>(i, j)</c> takes the layer's <c>j</c>-th draw in
/// every row, and the next layer starts from the state after one row's draws.</para>
/// <para>Traces (per neuron, raw in units of one level / 2^16): <c>t ← t + ((ℓ·2^16 − t) &gt;&gt; TraceShift)</c> after the
/// weights, <c>ℓ</c> the neuron's level (the teacher's 0 or 1 for output units); the trace level is the nearest of
/// <c>TraceBits</c> levels to <c>t/(2^16·(L − 1))</c>, <c>L</c> the neuron's activity levels. Initial weights: the spec's
/// draw rounded into the hidden weight type; output weights and traces 0.</para>
/// </remarks>
public sealed class FixedHebbianNetwork : IContinualLearner
{
    /// <summary>Fractional bits of a trace raw: a trace is held in units of one activity level / 2^16.</summary>
    public const int TraceFracBits = 16;

    private const int TraceFrac = TraceFracBits;

    private readonly long[] initialHidden;
    private readonly long[] hiddenWeights;
    private readonly long[] outputWeights;
    private readonly int[] inputLevels;
    private readonly long[] drive;
    private readonly long[] scratch;
    private readonly int[] hiddenLevels;
    private readonly long[] scores;
    private readonly long[] hiddenTrace;
    private readonly long[] outputTrace;
    private readonly LayerArithmetic hiddenArithmetic;
    private readonly LayerArithmetic outputArithmetic;
    private uint rng;

    /// <summary>Creates the network, compiles the rule into its ROMs, and resets it.</summary>
    /// <exception cref="ArgumentException">The spec or the rule is invalid.</exception>
    /// <exception cref="Patterns.PrecisionConfigException">The precision config is invalid.</exception>
    public FixedHebbianNetwork(HebbianNetworkSpec spec, HebbianRule rule, HebbianPrecision precision)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(precision);
        spec.Validate();
        rule.Validate();
        precision.Validate();
        Spec = spec;
        Rule = rule;
        Precision = precision;
        HiddenRom = new HebbianRom(rule.Hidden, precision, precision.Input, precision.HiddenActivity);
        OutputRom = new HebbianRom(rule.Output, precision, precision.HiddenActivity, HebbianPrecision.Teacher);
        initialHidden = new long[spec.Hidden * spec.Inputs];
        FixedQuantizer.Quantize(spec.InitialHiddenWeights(), initialHidden, precision.HiddenWeight);
        hiddenWeights = new long[initialHidden.Length];
        outputWeights = new long[spec.Classes * spec.Hidden];
        inputLevels = new int[spec.Inputs];
        drive = new long[spec.Hidden];
        scratch = new long[spec.Hidden];
        hiddenLevels = new int[spec.Hidden];
        scores = new long[spec.Classes];
        hiddenTrace = new long[spec.Hidden];
        outputTrace = new long[spec.Classes];
        hiddenArithmetic = new LayerArithmetic(precision, precision.HiddenWeight);
        outputArithmetic = new LayerArithmetic(precision, precision.OutputWeight);
        Reset();
    }

    /// <summary>The network's shape and initial weights.</summary>
    public HebbianNetworkSpec Spec { get; }

    /// <summary>The rule the ROMs were compiled from.</summary>
    public HebbianRule Rule { get; }

    /// <summary>The fixed-point types.</summary>
    public HebbianPrecision Precision { get; }

    /// <summary>The hidden layer's ROMs: add [input level, hidden level], multiply [hidden level, trace level].</summary>
    public HebbianRom HiddenRom { get; }

    /// <summary>The output layer's ROMs: add [hidden level, teacher], multiply [teacher, trace level].</summary>
    public HebbianRom OutputRom { get; }

    /// <inheritdoc/>
    public int Classes => Spec.Classes;

    /// <summary>Input → hidden weight raws, Hidden × Inputs row-major, in <see cref="HebbianPrecision.HiddenWeight"/>.</summary>
    public ReadOnlySpan<long> HiddenWeightsRaw => hiddenWeights;

    /// <summary>Hidden → output weight raws, Classes × Hidden row-major, in <see cref="HebbianPrecision.OutputWeight"/>.</summary>
    public ReadOnlySpan<long> OutputWeightsRaw => outputWeights;

    /// <summary>Hidden levels of the last forward pass.</summary>
    public ReadOnlySpan<int> HiddenLevels => hiddenLevels;

    /// <summary>Exact scores of the last forward pass (weight raw × hidden level).</summary>
    public ReadOnlySpan<long> ScoresRaw => scores;

    /// <inheritdoc/>
    public void Reset()
    {
        Array.Copy(initialHidden, hiddenWeights, initialHidden.Length);
        Array.Clear(outputWeights);
        Array.Clear(hiddenTrace);
        Array.Clear(outputTrace);
        rng = XorShift32.Seed(Spec.Seed);
    }

    /// <summary>Runs the forward pass and returns the predicted unit.</summary>
    public int Predict(ReadOnlySpan<double> x)
    {
        Forward(x);
        int best = 0;
        for (int c = 1; c < scores.Length; c++)
        {
            if (scores[c] > scores[best])
            {
                best = c;
            }
        }

        return best;
    }

    /// <inheritdoc/>
    public void Scores(ReadOnlySpan<double> x, Span<double> destination)
    {
        Forward(x);
        for (int c = 0; c < scores.Length; c++)
        {
            destination[c] = scores[c];
        }
    }

    /// <inheritdoc/>
    public void Learn(ReadOnlySpan<double> x, int label)
    {
        if ((uint)label >= (uint)Spec.Classes)
        {
            throw new ArgumentOutOfRangeException(nameof(label), label, $"Label must be 0..{Spec.Classes - 1}, not {label}");
        }

        Forward(x);
        int n = Spec.Inputs, v = Spec.Hidden;
        var hiddenTraceLevels = Precision.Trace;
        int hBits = Precision.HiddenBits, aBits = Precision.TraceBits;
        var hiddenAdd = HiddenRom.AddSpan;
        var hiddenScale = HiddenRom.ScaleSpan;
        int inputCount = Precision.Input.Count;
        Span<long> addRow = stackalloc long[inputCount];
        uint? layerStart = LayerStart();
        for (int i = 0; i < v; i++)
        {
            int q = hiddenLevels[i];
            long m = hiddenScale[(q << aBits) | TraceLevel(hiddenTrace[i], Precision.HiddenActivity.Top, hiddenTraceLevels)];
            for (int p = 0; p < inputCount; p++)
            {
                addRow[p] = hiddenAdd[(p << hBits) | q];
            }

            UpdateRow(hiddenWeights.AsSpan(i * n, n), inputLevels, addRow, m, hiddenArithmetic, layerStart);
        }

        var outputAdd = OutputRom.AddSpan;
        var outputScale = OutputRom.ScaleSpan;
        Span<long> hiddenAddRow = stackalloc long[Precision.HiddenActivity.Count];
        layerStart = LayerStart();
        for (int c = 0; c < Spec.Classes; c++)
        {
            int t = c == label ? 1 : 0;
            long m = outputScale[(t << aBits) | TraceLevel(outputTrace[c], 1, hiddenTraceLevels)];
            for (int p = 0; p < hiddenAddRow.Length; p++)
            {
                hiddenAddRow[p] = outputAdd[(p << 1) | t];
            }

            UpdateRow(outputWeights.AsSpan(c * v, v), hiddenLevels, hiddenAddRow, m, outputArithmetic, layerStart);
        }

        int hiddenShift = Rule.Hidden.TraceShift;
        for (int i = 0; i < v; i++)
        {
            hiddenTrace[i] += (((long)hiddenLevels[i] << TraceFrac) - hiddenTrace[i]) >> hiddenShift;
        }

        int outputShift = Rule.Output.TraceShift;
        for (int c = 0; c < Spec.Classes; c++)
        {
            outputTrace[c] += (((c == label ? 1L : 0L) << TraceFrac) - outputTrace[c]) >> outputShift;
        }
    }

    /// <inheritdoc/>
    public void EndTask(Dataset train, int classOffset)
    {
    }

    /// <summary>
    /// The nearest trace level of a trace raw <paramref name="t"/> (units of one level / 2^16) for a neuron whose top
    /// activity level is <paramref name="top"/>: <c>clamp(⌊(2·t·T + 2^16·top) / (2^17·top)⌋, 0, T)</c> with
    /// <c>T = levels.Top</c>. The RTL export compares the trace with the thresholds of this function.
    /// </summary>
    public static int TraceLevel(long t, int top, ActivityLevels levels)
    {
        // t / (2^16·top) in [0, 1] to the nearest of levels.Top + 1 levels: floor((2·t·Top + 2^16·top) / (2·2^16·top)).
        long denominator = (long)top << (TraceFrac + 1);
        long level = ((2 * t * levels.Top) + ((long)top << TraceFrac)) / denominator;
        return (int)Math.Clamp(level, 0, levels.Top);
    }

    /// <summary>With <see cref="HebbianDraws.PerPre"/> the state every row of the next layer starts from (the generator's now); else null.</summary>
    private uint? LayerStart() => Precision.StochasticDraws == HebbianDraws.PerPre ? rng : null;

    /// <summary>Updates one row; with <paramref name="rowStart"/> the row's draws start from that state instead of the generator's.</summary>
    private void UpdateRow(Span<long> weights, ReadOnlySpan<int> pre, ReadOnlySpan<long> addRow, long scale, in LayerArithmetic arithmetic, uint? rowStart)
    {
        int shift = arithmetic.ScaleShift;
        int stochastic = arithmetic.StochasticBits;
        long minWeight = arithmetic.MinWeight, maxWeight = arithmetic.MaxWeight;
        var overflow = arithmetic.Overflow;
        int drop = 32 - stochastic;
        uint state = rowStart ?? rng;
        for (int j = 0; j < weights.Length; j++)
        {
            long w = weights[j];
            long acc = addRow[pre[j]] + ((w * scale) >> shift);
            state = XorShift32.Next(state);
            long r = stochastic == 0 ? 0 : state >> drop;
            long next = w + ((acc + r) >> stochastic);
            weights[j] = next < minWeight || next > maxWeight ? overflow.Apply(next) : next;
        }

        rng = state;
    }

    /// <summary>One layer's weight limits, overflow, stochastic bits and the shift that brings <c>w·m</c> to the add word's scale.</summary>
    private readonly struct LayerArithmetic
    {
        public LayerArithmetic(HebbianPrecision precision, FixedType weight)
        {
            MinWeight = weight.Format.MinRaw;
            MaxWeight = weight.Format.MaxRaw;
            Overflow = new RawNarrowing(weight.Format.FracBits, weight.Format, weight.Rounding, weight.Overflow);
            StochasticBits = precision.StochasticBits(weight);

            // w·m has weight.FracBits + ScaleEntry.FracBits fractional bits; the accumulator has RuleEntry's.
            ScaleShift = precision.ScaleShift(weight);
        }

        public long MinWeight { get; }

        public long MaxWeight { get; }

        public RawNarrowing Overflow { get; }

        public int StochasticBits { get; }

        public int ScaleShift { get; }
    }

    private void Forward(ReadOnlySpan<double> x)
    {
        int n = Spec.Inputs, v = Spec.Hidden;
        if (x.Length != n)
        {
            throw new ArgumentException($"Expected {n} features, got {x.Length}", nameof(x));
        }

        var input = Precision.Input;
        for (int j = 0; j < n; j++)
        {
            inputLevels[j] = input.Level(x[j]);
        }

        for (int i = 0; i < v; i++)
        {
            var row = hiddenWeights.AsSpan(i * n, n);
            long sum = 0;
            for (int j = 0; j < n; j++)
            {
                sum += row[j] * inputLevels[j];
            }

            drive[i] = sum;
        }

        var (threshold, max) = KWinners.Threshold<long>(drive, Spec.Active, scratch);
        long range = max - threshold;
        long top = Precision.HiddenActivity.Top;
        for (int i = 0; i < v; i++)
        {
            hiddenLevels[i] = drive[i] > threshold ? (int)((((drive[i] - threshold) * top * 2) + range) / (2 * range)) : 0;
        }

        for (int c = 0; c < Spec.Classes; c++)
        {
            var row = outputWeights.AsSpan(c * v, v);
            long sum = 0;
            for (int i = 0; i < v; i++)
            {
                sum += row[i] * hiddenLevels[i];
            }

            scores[c] = sum;
        }
    }
}
