using Neuro.Rules.Continual;
using Neuro.Rules.Data;

namespace Neuro.Rules.Hebbian;

/// <summary>
/// The float reference of the <c>hebbian</c> family's network: input → plastic hidden layer (k-winners-take-all) →
/// plastic output layer whose post signal while learning is the teacher, so no gradient flows anywhere.
/// </summary>
/// <remarks>
/// <para>Forward pass for input <c>x</c>: drives <c>z = W1·x</c>; activities <c>h = KWinners(z, Active)</c>, each in
/// <c>[0, 1]</c> (<see cref="KWinners"/>); scores <c>y = W2·h</c>. Prediction is the argmax of <c>y</c>, the lower unit
/// winning ties.</para>
/// <para>Learning from <c>(x, label)</c>: one forward pass, then every synapse changes by its layer's rule
/// (<see cref="HebbianLayerRule"/>), computed from that one pass: input → hidden with <c>pre = x_j</c>,
/// <c>post = h_i</c>; hidden → output with <c>pre = h_i</c> and <c>post = t_c</c>, the teacher (1 for the label's unit,
/// 0 for every other unit). The hidden layer is updated first; both use the activities from before any update and
/// the activity traces from before this sample, which are updated last (<c>ā ← ā + 2^−TraceShift·(q − ā)</c>, with
/// <c>q = t</c> for the output units). Traces start at 0.</para>
/// <para>Reset: <c>W1</c> back to the spec's random draw, <c>W2</c> to 0. When a drive or a score stops being finite
/// the network has diverged: it stops learning and every score is NaN until the next reset.</para>
/// </remarks>
public sealed class HebbianNetwork : IContinualLearner
{
    private readonly double[] initialHidden;
    private readonly double[] hiddenWeights;
    private readonly double[] outputWeights;
    private readonly double[] drive;
    private readonly double[] activity;
    private readonly double[] scores;
    private readonly double[] scratch;
    private readonly double[] hiddenTrace;
    private readonly double[] outputTrace;

    /// <summary>Creates the network with the spec's initial weights and resets it.</summary>
    /// <exception cref="ArgumentException">The spec or the rule is invalid.</exception>
    public HebbianNetwork(HebbianNetworkSpec spec, HebbianRule rule)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(rule);
        spec.Validate();
        rule.Validate();
        Spec = spec;
        Rule = rule;
        initialHidden = spec.InitialHiddenWeights();
        hiddenWeights = new double[initialHidden.Length];
        outputWeights = new double[spec.Classes * spec.Hidden];
        drive = new double[spec.Hidden];
        activity = new double[spec.Hidden];
        scores = new double[spec.Classes];
        scratch = new double[spec.Hidden];
        hiddenTrace = new double[spec.Hidden];
        outputTrace = new double[spec.Classes];
        Reset();
    }

    /// <summary>The network's shape and initial weights.</summary>
    public HebbianNetworkSpec Spec { get; }

    /// <summary>The rule that changes the weights.</summary>
    public HebbianRule Rule { get; }

    /// <inheritdoc/>
    public int Classes => Spec.Classes;

    /// <summary>Input → hidden weights <c>W1</c>, Hidden × Inputs row-major.</summary>
    public ReadOnlySpan<double> HiddenWeights => hiddenWeights;

    /// <summary>Hidden → output weights <c>W2</c>, Classes × Hidden row-major.</summary>
    public ReadOnlySpan<double> OutputWeights => outputWeights;

    /// <summary>Hidden drives <c>z</c> of the last forward pass.</summary>
    public ReadOnlySpan<double> Drive => drive;

    /// <summary>Hidden activities <c>h</c> of the last forward pass.</summary>
    public ReadOnlySpan<double> Activity => activity;

    /// <summary>Activity traces <c>ā</c> of the hidden neurons.</summary>
    public ReadOnlySpan<double> HiddenTrace => hiddenTrace;

    /// <summary>Activity traces <c>ā</c> of the output units (of the teacher signal they were clamped to).</summary>
    public ReadOnlySpan<double> OutputTrace => outputTrace;

    /// <summary>True once a drive or a score stopped being finite; cleared by <see cref="Reset"/>.</summary>
    public bool Diverged { get; private set; }

    /// <inheritdoc/>
    public void Reset()
    {
        Array.Copy(initialHidden, hiddenWeights, initialHidden.Length);
        Array.Clear(outputWeights);
        Array.Clear(hiddenTrace);
        Array.Clear(outputTrace);
        Diverged = false;
    }

    /// <summary>Runs the forward pass and returns the predicted unit (−1 once diverged); fills <see cref="Activity"/>.</summary>
    public int Predict(ReadOnlySpan<double> x)
    {
        Forward(x);
        if (Diverged)
        {
            return -1;
        }

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
        if (Diverged)
        {
            destination[..scores.Length].Fill(double.NaN);
            return;
        }

        scores.CopyTo(destination);
    }

    /// <inheritdoc/>
    public void Learn(ReadOnlySpan<double> x, int label)
    {
        if ((uint)label >= (uint)Spec.Classes)
        {
            throw new ArgumentOutOfRangeException(nameof(label), label, $"Label must be 0..{Spec.Classes - 1}, not {label}");
        }

        Forward(x);
        if (Diverged)
        {
            return;
        }

        int n = Spec.Inputs, v = Spec.Hidden;
        var hidden = Rule.Hidden;
        {
            for (int i = 0; i < v; i++)
            {
                double q = activity[i];
                double keep = 1 - hidden.Scaling(q, hiddenTrace[i]);
                double alpha = hidden.Eta * (hidden.A * q + hidden.B);
                double beta = hidden.Eta * (hidden.C * q + hidden.D);
                DenseMath.ScaleAdd(hiddenWeights.AsSpan(i * n, n), keep, alpha, x, beta);
            }
        }

        var output = Rule.Output;
        {
            for (int c = 0; c < Spec.Classes; c++)
            {
                double t = c == label ? 1 : 0;
                double keep = 1 - output.Scaling(t, outputTrace[c]);
                double alpha = output.Eta * (output.A * t + output.B);
                double beta = output.Eta * (output.C * t + output.D);
                DenseMath.ScaleAdd(outputWeights.AsSpan(c * v, v), keep, alpha, activity, beta);
            }
        }

        double hiddenRate = hidden.TraceRate;
        for (int i = 0; i < v; i++)
        {
            hiddenTrace[i] += hiddenRate * (activity[i] - hiddenTrace[i]);
        }

        double outputRate = output.TraceRate;
        for (int c = 0; c < Spec.Classes; c++)
        {
            outputTrace[c] += outputRate * ((c == label ? 1 : 0) - outputTrace[c]);
        }
    }

    /// <inheritdoc/>
    public void EndTask(Dataset train, int classOffset)
    {
    }

    private void Forward(ReadOnlySpan<double> x)
    {
        int n = Spec.Inputs, v = Spec.Hidden;
        if (x.Length != n)
        {
            throw new ArgumentException($"Expected {n} features, got {x.Length}", nameof(x));
        }

        if (Diverged)
        {
            return;
        }

        for (int i = 0; i < v; i++)
        {
            drive[i] = DenseMath.Dot(hiddenWeights.AsSpan(i * n, n), x);
        }

        double total = 0;
        for (int i = 0; i < v; i++)
        {
            total += drive[i];
        }

        if (!double.IsFinite(total))
        {
            Diverged = true;
            return;
        }

        var (threshold, max) = KWinners.Threshold<double>(drive, Spec.Active, scratch);
        if (!double.IsFinite(max - threshold))
        {
            Diverged = true;
            return;
        }

        double range = max - threshold;
        for (int i = 0; i < v; i++)
        {
            activity[i] = drive[i] > threshold ? (drive[i] - threshold) / range : 0;
        }

        for (int c = 0; c < Spec.Classes; c++)
        {
            double s = DenseMath.Dot(outputWeights.AsSpan(c * v, v), activity);
            if (!double.IsFinite(s))
            {
                Diverged = true;
                return;
            }

            scores[c] = s;
        }
    }
}
