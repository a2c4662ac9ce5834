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
/// <para>Reset: with additive rules the plastic matrices start at 0; with multiplicative rules (for which 0 is a fixed
/// point) they start at the spec's N(0,1) draws. Matrices without a rule keep the spec's fixed N(0,1) weights.</para>
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
    private readonly double[] scratch;
    private readonly double[] logits;
    private readonly int[] patterns;
    private readonly double[] selection;

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
        inputWeights = new double[spec.Hidden * spec.Inputs];
        recurrentWeights = new double[spec.Hidden * spec.Hidden];
        outputWeights = new double[spec.Classes * spec.Hidden];
        projection = new double[spec.Hidden];
        hidden = new double[spec.Hidden];
        scratch = new double[spec.Hidden];
        logits = new double[spec.Classes];
        patterns = new int[spec.Hidden];
        selection = new double[spec.Hidden];
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
        bool multiplicative = Rule.Mode == PatternUpdateMode.Multiplicative;
        Array.Copy(masks.FixedInputWeights, inputWeights, inputWeights.Length);
        if (Rule.Input is not null && !multiplicative)
        {
            Array.Clear(inputWeights);
        }

        if (multiplicative)
        {
            Array.Copy(masks.InitialRecurrentWeights, recurrentWeights, recurrentWeights.Length);
        }
        else
        {
            Array.Clear(recurrentWeights);
        }

        Array.Copy(masks.FixedOutputWeights, outputWeights, outputWeights.Length);
        if (Rule.Output is not null && !multiplicative)
        {
            Array.Clear(outputWeights);
        }
    }

    /// <summary>Runs the forward pass and returns the predicted class; fills <see cref="Patterns"/> and <see cref="Logits"/>.</summary>
    public int Predict(ReadOnlySpan<double> x)
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
                patterns[i] = 2 * patterns[i] + (hidden[i] > 0 ? 1 : 0);
            }
        }

        int best = 0;
        for (int c = 0; c < spec.Classes; c++)
        {
            double sum = 0;
            for (int i = 0; i < v; i++)
            {
                sum += outputWeights[c * v + i] * hidden[i];
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
    /// One plastic step: forward pass, then (if the sample is misclassified, or always when the rule says so) the
    /// hidden, input and output updates, in that order. Returns the prediction made before the update.
    /// </summary>
    public int Learn(ReadOnlySpan<double> x, int label)
    {
        spec.CheckLabel(label);

        int prediction = Predict(x);
        if (Rule.MisclassifiedOnly && prediction == label)
        {
            return prediction;
        }

        int v = spec.Hidden, n = spec.Inputs, p = Rule.Patterns;
        var table = Rule.Hidden;
        for (int post = 0; post < v; post++)
        {
            for (int pre = 0; pre < v; pre++)
            {
                if (masks.Recurrent[post * v + pre])
                {
                    Apply(ref recurrentWeights[post * v + pre], table[patterns[pre] * p + patterns[post]]);
                }
            }
        }

        if (Rule.Input is { } input)
        {
            for (int post = 0; post < v; post++)
            {
                double entry = input[patterns[post]];
                for (int j = 0; j < n; j++)
                {
                    if (masks.Input[post * n + j])
                    {
                        Apply(ref inputWeights[post * n + j], entry);
                    }
                }
            }
        }

        if (Rule.Output is { } output)
        {
            for (int c = 0; c < spec.Classes; c++)
            {
                int offset = c == label ? 0
                    : Rule.OutputEdges == OutputEdges.AllEdges || c == prediction ? 1
                    : -1;
                if (offset < 0)
                {
                    continue;
                }

                for (int i = 0; i < v; i++)
                {
                    Apply(ref outputWeights[c * v + i], output[2 * patterns[i] + offset]);
                }
            }
        }

        return prediction;
    }

    private void Apply(ref double weight, double entry)
    {
        if (Rule.Mode == PatternUpdateMode.Additive)
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
