using Neuro.Rules.Data;
using Neuro.Rules.Hebbian;

namespace Neuro.Rules.Continual;

/// <summary>
/// The backpropagation baselines of the continual protocol: a multilayer perceptron <c>inputs → Hidden (ReLU) →
/// classes</c> trained by online SGD on the softmax cross-entropy over every output unit (fine-tuning: each new task
/// simply continues training), and, with <see cref="MlpSettings.EwcLambda"/> &gt; 0, elastic weight consolidation
/// (Kirkpatrick et al. 2017).
/// </summary>
/// <remarks>
/// <para>EWC: at the end of each task the diagonal empirical Fisher information <c>F_i = mean (∂ log p(y|x)/∂θ_i)²</c>
/// over the task's first <see cref="MlpSettings.FisherSamples"/> training samples (true labels) is added to the running
/// Fisher, and the anchor <c>θ*</c> becomes the current weights. Every later step adds the penalty's pull
/// <c>θ ← θ − min(1, lr·λ·F_i)·(θ − θ*)</c> after the gradient step; the <c>min(1, ·)</c> keeps a stiff weight from
/// overshooting its anchor (the explicit step of a penalty with <c>lr·λ·F &gt; 2</c> would diverge).</para>
/// <para>Initial weights: <c>W1 ~ N(0, 2/inputs)</c>, <c>W2 ~ N(0, 1/Hidden)</c>, drawn in that order (row-major) from
/// <c>new Random(Seed)</c>; biases 0.</para>
/// </remarks>
public sealed class MlpLearner : IContinualLearner
{
    private readonly int inputs;
    private readonly int hidden;
    private readonly double[] initial;
    private readonly double[] theta;
    private readonly double[] fisher;
    private readonly double[] anchor;
    private readonly double[] gradient;
    private readonly double[] pre;
    private readonly double[] act;
    private readonly double[] logits;
    private readonly double[] gradHidden;
    private bool consolidated;

    /// <summary>Creates the network for <paramref name="inputs"/> features and <paramref name="classes"/> output units, and resets it.</summary>
    /// <exception cref="ArgumentException">The settings are invalid or a size is below 1 (2 for classes).</exception>
    public MlpLearner(int inputs, int classes, MlpSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Problem is { } problem)
        {
            throw new ArgumentException(problem, nameof(settings));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        this.inputs = inputs;
        hidden = settings.Hidden;
        Classes = classes;
        Settings = settings;
        int count = hidden * inputs + hidden + classes * hidden + classes;
        initial = new double[count];
        var normal = new StandardNormal(new Random(settings.Seed));
        double s1 = Math.Sqrt(2.0 / inputs), s2 = Math.Sqrt(1.0 / hidden);
        for (int i = 0; i < hidden * inputs; i++)
        {
            initial[i] = s1 * normal.Next();
        }

        for (int i = 0; i < classes * hidden; i++)
        {
            initial[W2 + i] = s2 * normal.Next();
        }

        theta = new double[count];
        fisher = new double[count];
        anchor = new double[count];
        gradient = new double[count];
        pre = new double[hidden];
        act = new double[hidden];
        logits = new double[classes];
        gradHidden = new double[hidden];
        Reset();
    }

    /// <inheritdoc/>
    public int Classes { get; }

    /// <summary>The settings of this learner.</summary>
    public MlpSettings Settings { get; }

    private int B1 => hidden * inputs;

    private int W2 => B1 + hidden;

    private int B2 => W2 + Classes * hidden;

    /// <inheritdoc/>
    public void Reset()
    {
        Array.Copy(initial, theta, initial.Length);
        Array.Clear(fisher);
        Array.Clear(anchor);
        consolidated = false;
    }

    /// <inheritdoc/>
    public void Scores(ReadOnlySpan<double> x, Span<double> destination)
    {
        Forward(x);
        logits.CopyTo(destination);
    }

    /// <inheritdoc/>
    public void Learn(ReadOnlySpan<double> x, int label)
    {
        CheckLabel(label);
        Forward(x);
        Softmax();
        double lr = Settings.LearningRate;
        ApplyGradient(x, label, -lr, theta);
        if (consolidated)
        {
            double stiffness = lr * Settings.EwcLambda;
            for (int i = 0; i < theta.Length; i++)
            {
                theta[i] -= Math.Min(1, stiffness * fisher[i]) * (theta[i] - anchor[i]);
            }
        }
    }

    /// <inheritdoc/>
    public void EndTask(Dataset train, int classOffset)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (Settings.EwcLambda == 0)
        {
            return;
        }

        int n = Math.Min(Settings.FisherSamples, train.Count);
        var sum = new double[theta.Length];
        for (int s = 0; s < n; s++)
        {
            int label = classOffset + train.Label(s);
            CheckLabel(label);
            var x = train.Row(s);
            Forward(x);
            Softmax();
            Array.Clear(gradient);
            ApplyGradient(x, label, 1, gradient);
            for (int i = 0; i < sum.Length; i++)
            {
                sum[i] += gradient[i] * gradient[i];
            }
        }

        for (int i = 0; i < fisher.Length; i++)
        {
            fisher[i] += sum[i] / Math.Max(1, n);
        }

        Array.Copy(theta, anchor, theta.Length);
        consolidated = true;
    }

    private void CheckLabel(int label)
    {
        if ((uint)label >= (uint)Classes)
        {
            throw new ArgumentOutOfRangeException(nameof(label), label, $"Label must be 0..{Classes - 1}, not {label}");
        }
    }

    private void Forward(ReadOnlySpan<double> x)
    {
        if (x.Length != inputs)
        {
            throw new ArgumentException($"Expected {inputs} features, got {x.Length}", nameof(x));
        }

        var t = theta.AsSpan();
        for (int i = 0; i < hidden; i++)
        {
            double z = DenseMath.Dot(t.Slice(i * inputs, inputs), x) + theta[B1 + i];
            pre[i] = z;
            act[i] = z > 0 ? z : 0;
        }

        for (int c = 0; c < Classes; c++)
        {
            logits[c] = DenseMath.Dot(t.Slice(W2 + c * hidden, hidden), act) + theta[B2 + c];
        }
    }

    /// <summary>Turns <see cref="logits"/> into probabilities in place (the scores were already handed out).</summary>
    private void Softmax()
    {
        double max = logits.Max();
        double sum = 0;
        for (int c = 0; c < Classes; c++)
        {
            logits[c] = Math.Exp(logits[c] - max);
            sum += logits[c];
        }

        for (int c = 0; c < Classes; c++)
        {
            logits[c] /= sum;
        }
    }

    /// <summary>
    /// Adds <c>scale · ∂(−log p(label|x))/∂θ</c> into <paramref name="target"/> (the probabilities are in
    /// <see cref="logits"/>): with <c>scale = −lr</c> on <see cref="theta"/> it is the SGD step, with 1 on a cleared
    /// buffer the gradient itself.
    /// </summary>
    private void ApplyGradient(ReadOnlySpan<double> x, int label, double scale, double[] target)
    {
        var t = target.AsSpan();
        Array.Clear(gradHidden);
        for (int c = 0; c < Classes; c++)
        {
            double g = logits[c] - (c == label ? 1 : 0);
            if (g == 0)
            {
                continue;
            }

            var w2 = theta.AsSpan(W2 + c * hidden, hidden);
            DenseMath.AddScaled(gradHidden, g, w2);
            DenseMath.AddScaled(t.Slice(W2 + c * hidden, hidden), scale * g, act);
            target[B2 + c] += scale * g;
        }

        for (int i = 0; i < hidden; i++)
        {
            if (pre[i] <= 0 || gradHidden[i] == 0)
            {
                continue;
            }

            double g = gradHidden[i];
            DenseMath.AddScaled(t.Slice(i * inputs, inputs), scale * g, x);
            target[B1 + i] += scale * g;
        }
    }
}
