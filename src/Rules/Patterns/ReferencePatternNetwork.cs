using Neuro.Rules.Layouts;

namespace Neuro.Rules.Patterns;

/// <summary>
/// The float (double) reference of the pattern-rule network, DESIGN.md §3, written as plain loops: the model the
/// fixed-point, SIMD and OpenCL versions are checked against.
/// </summary>
/// <remarks>
/// <para>Forward pass for input <c>x</c>, with <c>u = (Win⊙Min) x</c>:
/// round 0 <c>h0 = cap_k(ReLU(u))</c>; rounds t = 1..R <c>ht = cap_k(ReLU((Wg⊙G)(h(t−1) + u)))</c>;
/// logits <c>Wout · hR</c>; prediction = argmax, the lower class index winning ties. Biases are zero and not plastic,
/// so they are left out.</para>
/// <para><c>cap_k</c> keeps the k largest values (as values) and zeroes the rest; equal values are ranked by lower neuron
/// index. A neuron <i>fires</i> in a round when its capped value is positive; its pattern collects one bit per round,
/// round 0 the most significant.</para>
/// <para>Reset: a matrix with an add table starts at 0; with a multiply table (for which 0 is a fixed point) at the
/// spec's N(0,1) draws. Matrices without a table keep the spec's fixed N(0,1) weights (<see cref="PatternUpdatePlan"/>).</para>
/// <para>Updates read each table's entry at the address its layout composes from the synapse's signals
/// (<see cref="PatternTablePlan"/>): firing histories, the output row's role, the synapse's weight before the update, the
/// sample's margin (label logit minus the best other logit of the forward pass) and the lifetime's phase (samples learned
/// from since the reset, before this one).</para>
/// </remarks>
public sealed class ReferencePatternNetwork : IPatternNetwork
{
    private readonly PatternNetworkSpec spec;
    private readonly PatternNetworkMasks masks;
    private readonly double[] inputWeights;
    private readonly double[] recurrentWeights;
    private readonly double[] outputWeights;
    private readonly double[] projection;
    private readonly double[] hidden;
    private readonly int[] preTerms;
    private readonly double[] scratch;
    private readonly double[] logits;
    private readonly int[] patterns;
    private readonly double[] selection;
    private readonly PatternUpdatePlan plan;
    private readonly OutputAverage? average;
    private long samplesSeen;

    /// <summary>Creates a network with the spec's masks and the rule, and resets it.</summary>
    public ReferencePatternNetwork(PatternNetworkSpec spec, PatternRule rule)
        : this(spec, (spec ?? throw new ArgumentNullException(nameof(spec))).BuildMasks(), rule)
    {
    }

    /// <summary>Creates a network with explicit masks (hand-built examples, conformance tests) and resets it.</summary>
    /// <exception cref="ArgumentException">An array's length does not match the spec.</exception>
    public ReferencePatternNetwork(PatternNetworkSpec spec, PatternNetworkMasks masks, PatternRule rule)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(masks);
        ArgumentNullException.ThrowIfNull(rule);
        spec.Validate();
        masks.Validate(spec);
        this.spec = spec;
        this.masks = masks;
        Rule = rule;
        plan = new PatternUpdatePlan(rule);
        inputWeights = new double[spec.Hidden * spec.Inputs];
        recurrentWeights = new double[spec.Hidden * spec.Hidden];
        outputWeights = new double[spec.Classes * spec.Hidden];
        projection = new double[spec.Hidden];
        hidden = new double[spec.Hidden];
        preTerms = new int[spec.Hidden];
        scratch = new double[spec.Hidden];
        logits = new double[spec.Classes];
        patterns = new int[spec.Hidden];
        selection = new double[spec.Hidden];
        average = rule.AveragesOutput ? new OutputAverage(outputWeights.Length, rule.OutputAverageShift) : null;
        Reset();
    }

    /// <summary>The rule that updates the weights.</summary>
    public PatternRule Rule { get; }

    /// <summary>The spec the masks were drawn from.</summary>
    public PatternNetworkSpec Spec => spec;

    /// <summary>Input weights <c>Win</c>, Hidden × Inputs row-major (masked entries are never read or updated).</summary>
    public ReadOnlySpan<double> InputWeights => inputWeights;

    /// <summary>Recurrent weights <c>Wg</c>, Hidden × Hidden row-major, row = post.</summary>
    public ReadOnlySpan<double> RecurrentWeights => recurrentWeights;

    /// <summary>Output weights <c>Wout</c>, Classes × Hidden row-major.</summary>
    public ReadOnlySpan<double> OutputWeights => outputWeights;

    /// <summary>The output weights that <see cref="Predict"/> reads: their moving average when the rule keeps one
    /// (<see cref="PatternRule.OutputAverageShift"/>), else <see cref="OutputWeights"/>.</summary>
    public ReadOnlySpan<double> ReadoutWeights => average is null ? outputWeights : average.Weights;

    /// <summary>Firing patterns of the last forward pass, one per hidden neuron.</summary>
    public ReadOnlySpan<int> Patterns => patterns;

    /// <summary>The input projection <c>u = (Win⊙Min) x</c> of the last forward pass.</summary>
    public ReadOnlySpan<double> Projection => projection;

    /// <summary>Capped hidden state after the last round of the last forward pass.</summary>
    public ReadOnlySpan<double> HiddenState => hidden;

    /// <summary>Logits of the last forward pass.</summary>
    public ReadOnlySpan<double> Logits => logits;

    /// <summary>Puts every weight back to its start (a new lifetime).</summary>
    public void Reset()
    {
        samplesSeen = 0;
        Array.Copy(masks.FixedInputWeights, inputWeights, inputWeights.Length);
        if (plan.InputStartsAtZero)
        {
            Array.Clear(inputWeights);
        }

        Array.Copy(masks.InitialRecurrentWeights, recurrentWeights, recurrentWeights.Length);
        if (plan.RecurrentStartsAtZero)
        {
            Array.Clear(recurrentWeights);
        }

        Array.Copy(masks.FixedOutputWeights, outputWeights, outputWeights.Length);
        if (plan.OutputStartsAtZero)
        {
            Array.Clear(outputWeights);
        }

        average?.Reset(outputWeights);
    }

    /// <summary>
    /// Runs the forward pass with frozen weights and returns the predicted class; fills <see cref="Patterns"/> and
    /// <see cref="Logits"/>. The logits read <see cref="ReadoutWeights"/>.
    /// </summary>
    public int Predict(ReadOnlySpan<double> x)
    {
        int best = Forward(x);
        return average is null ? best : average.Predict(hidden, logits);
    }

    /// <summary>The forward pass with the learning weights; returns the argmax of their logits.</summary>
    private int Forward(ReadOnlySpan<double> x)
    {
        int n = spec.Inputs, v = spec.Hidden;
        spec.CheckFeatures(x.Length, nameof(x));

        for (int i = 0; i < v; i++)
        {
            double sum = 0;
            for (int j = 0; j < n; j++)
            {
                if (masks.Input[i * n + j])
                {
                    sum += inputWeights[i * n + j] * x[j];
                }
            }

            projection[i] = sum;
            hidden[i] = Math.Max(0, sum);
        }

        Cap(hidden);
        for (int i = 0; i < v; i++)
        {
            patterns[i] = hidden[i] > 0 ? 1 : 0;
        }

        for (int round = 1; round <= Rule.Rounds; round++)
        {
            for (int post = 0; post < v; post++)
            {
                double sum = 0;
                for (int pre = 0; pre < v; pre++)
                {
                    if (masks.Recurrent[post * v + pre])
                    {
                        sum += recurrentWeights[post * v + pre] * (hidden[pre] + projection[pre]);
                    }
                }

                scratch[post] = Math.Max(0, sum);
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

    /// <summary>Fills <paramref name="logits"/> with <c>weights · hidden</c> (Classes × Hidden row-major) and returns the
    /// argmax, the lower class winning ties: the network's readout, also of its output average.</summary>
    internal static int Readout(ReadOnlySpan<double> weights, ReadOnlySpan<double> hidden, Span<double> logits)
    {
        int v = hidden.Length, best = 0;
        for (int c = 0; c < logits.Length; c++)
        {
            double sum = 0;
            for (int i = 0; i < v; i++)
            {
                sum += weights[c * v + i] * hidden[i];
            }

            logits[c] = sum;
            if (sum > logits[best])
            {
                best = c;
            }
        }

        return best;
    }

    /// <summary>
    /// One plastic step: forward pass (with the learning weights), then (if the sample is misclassified, or always when
    /// the rule says so) the hidden, input and output updates, in that order, then the output average's step when the
    /// rule keeps one. Returns the prediction made before the update.
    /// </summary>
    public int Learn(ReadOnlySpan<double> x, int label)
    {
        spec.CheckLabel(label);
        int prediction = Update(x, label);
        average?.Step(outputWeights);
        return prediction;
    }

    private int Update(ReadOnlySpan<double> x, int label)
    {
        int prediction = Forward(x);
        long seen = samplesSeen++;
        if (Rule.MisclassifiedOnly && prediction == label)
        {
            return prediction;
        }

        var margin = plan.UsesMargin ? SampleMargins.Of<double>(logits, label) : default;
        int v = spec.Hidden, n = spec.Inputs;
        if (plan.Recurrent is { } rec)
        {
            var table = Rule.Tables[rec.Index];
            int sample = rec.SampleTerm(margin, seen);
            for (int post = 0; post < v; post++)
            {
                int postTerm = rec.PostTerm(patterns[post]) | sample;
                for (int pre = 0; pre < v; pre++)
                {
                    if (masks.Recurrent[post * v + pre])
                    {
                        ref double w = ref recurrentWeights[post * v + pre];
                        Apply(ref w, table[rec.PreTerm(patterns[pre]) | postTerm | rec.WeightTerm(w)], rec.Mode);
                    }
                }
            }
        }

        if (plan.Input is { } inp)
        {
            var table = Rule.Tables[inp.Index];
            int sample = inp.SampleTerm(margin, seen);
            for (int post = 0; post < v; post++)
            {
                int postTerm = inp.PostTerm(patterns[post]) | sample;
                for (int j = 0; j < n; j++)
                {
                    if (masks.Input[post * n + j])
                    {
                        ref double w = ref inputWeights[post * n + j];
                        Apply(ref w, table[postTerm | inp.WeightTerm(w)], inp.Mode);
                    }
                }
            }
        }

        if (plan.Output is { } outp)
        {
            var table = Rule.Tables[outp.Index];
            int sample = outp.SampleTerm(margin, seen);
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
                    ref double w = ref outputWeights[c * v + i];
                    Apply(ref w, table[preTerms[i] | rowTerm | outp.WeightTerm(w)], outp.Mode);
                }
            }
        }

        return prediction;
    }

    private void Apply(ref double weight, double entry, TableMode mode)
    {
        if (mode == TableMode.Add)
        {
            weight += Rule.Eta * entry;
        }
        else
        {
            weight *= 1 + Rule.Eta * entry;
        }
    }

    /// <summary>Keeps the k largest values, ties to the lower index, and zeroes the rest (<see cref="CapK"/>).</summary>
    private void Cap(double[] values) => Cap(values, spec.Cap, selection);

    /// <summary>Keeps the <paramref name="k"/> largest of <paramref name="values"/> (ties to the lower index) and zeroes the rest; <paramref name="selection"/> is scratch of the same length.</summary>
    internal static void Cap(double[] values, int k, double[] selection) => CapK.Apply<double>(values, k, selection);
}
