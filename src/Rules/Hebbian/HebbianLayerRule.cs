namespace Neuro.Rules.Hebbian;

/// <summary>
/// The plasticity of one synapse group in the <c>hebbian</c> family: the ABCD rule of Najarro &amp; Risi (2020) plus a
/// homeostatic term. For a synapse with presynaptic activity <c>p</c>, postsynaptic activity <c>q</c> and weight <c>w</c>:
/// <c>Δw = eta·(A·p·q + B·p + C·q + D) − eta·(E·q² + F·ā + G)·w</c>, where <c>ā</c> is the postsynaptic neuron's
/// activity trace, <c>ā ← ā + 2^−TraceShift·(q − ā)</c> after every sample.
/// </summary>
/// <remarks>
/// <para>The homeostatic term scales a neuron's incoming weights by a factor that depends on the neuron alone
/// (synaptic scaling, Turrigiano 2008): <c>E</c> is Oja-style weight-norm control (with <c>A = E</c> and the other
/// coefficients 0 and a clamped teacher <c>q ∈ {0, 1}</c> it is the instar rule <c>w ← w + eta·q·(p − w)</c>, a running
/// mean of the inputs that drove the neuron, whose weights therefore stay bounded); <c>F</c> and <c>G</c> scale the
/// weights toward the target activity <c>τ = −G/F</c>: with <c>F &gt; 0</c> a neuron whose recent activity <c>ā</c> lies
/// above <c>τ</c> shrinks all its weights and one below it grows them, which keeps every hidden neuron in use under
/// k-winners-take-all (without it the first neurons to learn win every sample); <c>G</c> alone is weight decay. All of
/// them, <c>eta</c> and the trace's time constant evolve.</para>
/// <para>Written as <c>w ← w·(1 − s(q, ā)) + a(p, q)</c> with <c>a(p, q) = eta·(A·p·q + B·p + C·q + D)</c> and
/// <c>s(q, ā) = eta·(E·q² + F·ā + G)</c>, the rule is two lookup tables in hardware: an <c>add</c> table with fields
/// [pre, post] holding <c>a</c> at the activity levels' centres and a <c>multiply</c> table with fields [post, trace]
/// holding <c>−s</c> (DESIGN.md §4).</para>
/// </remarks>
/// <param name="Eta">Step size, finite and non-negative.</param>
/// <param name="A">Correlation term <c>p·q</c>.</param>
/// <param name="B">Presynaptic term <c>p</c>.</param>
/// <param name="C">Postsynaptic term <c>q</c>.</param>
/// <param name="D">Constant drift.</param>
/// <param name="E">Homeostasis: Oja-style weight-norm control, <c>q²·w</c>.</param>
/// <param name="F">Homeostasis: scaling by the activity trace, <c>ā·w</c>.</param>
/// <param name="G">Homeostasis: constant scaling (weight decay), <c>w</c>.</param>
/// <param name="TraceShift">The activity trace's rate is <c>2^−TraceShift</c>, 0..24 (its time constant about <c>2^TraceShift</c> samples). Default 10.</param>
public sealed record HebbianLayerRule(double Eta, double A, double B, double C, double D, double E = 0, double F = 0, double G = 0, int TraceShift = 10)
{
    /// <summary>A rule that never changes a weight.</summary>
    public static HebbianLayerRule Frozen { get; } = new(0, 0, 0, 0, 0);

    /// <summary>Says what is wrong with the rule (a non-finite number or a negative eta), or null when it is valid.</summary>
    public string? Problem
    {
        get
        {
            if (!double.IsFinite(Eta) || Eta < 0)
            {
                return FormattableString.Invariant($"eta must be finite and non-negative, not {Eta}");
            }

            var values = Coefficients;
            for (int i = 0; i < values.Count; i++)
            {
                if (!double.IsFinite(values[i]))
                {
                    return FormattableString.Invariant($"{Names[i]} must be finite, not {values[i]}");
                }
            }

            return TraceShift is < 0 or > MaxTraceShift ? $"TraceShift must be 0..{MaxTraceShift}, not {TraceShift}" : null;
        }
    }

    /// <summary>The largest <see cref="TraceShift"/>.</summary>
    public const int MaxTraceShift = 24;

    /// <summary>The activity trace's rate <c>2^−TraceShift</c>.</summary>
    public double TraceRate => Math.ScaleB(1.0, -TraceShift);

    /// <summary>The names of <see cref="Coefficients"/>, in order: <c>A, B, C, D, E, F, G</c>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["A", "B", "C", "D", "E", "F", "G"];

    /// <summary>The seven coefficients, in the order of <see cref="Names"/>.</summary>
    public IReadOnlyList<double> Coefficients => [A, B, C, D, E, F, G];

    /// <summary>Throws <see cref="ArgumentException"/> with <see cref="Problem"/> when the rule is invalid.</summary>
    public void Validate()
    {
        if (Problem is { } problem)
        {
            throw new ArgumentException(problem);
        }
    }

    /// <summary>The additive part <c>a(p, q) = eta·(A·p·q + B·p + C·q + D)</c>.</summary>
    public double Additive(double pre, double post) => Eta * (A * pre * post + B * pre + C * post + D);

    /// <summary>The homeostatic scaling <c>s(q, ā) = eta·(E·q² + F·ā + G)</c>; the weight is multiplied by <c>1 − s</c>.</summary>
    public double Scaling(double post, double trace) => Eta * (E * post * post + F * trace + G);

    /// <summary>The whole change <c>Δw = a(p, q) − s(q, ā)·w</c>.</summary>
    public double Delta(double pre, double post, double trace, double weight) => Additive(pre, post) - Scaling(post, trace) * weight;
}
