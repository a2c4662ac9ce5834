namespace Neuro.Rules.Baxter;

/// <summary>
/// A running Baxter learner: the node activities and the learnable weights, advanced one synchronous step at a time.
/// The reference model every other implementation (the RTL, its golden vectors) must equal step for step.
/// </summary>
/// <remarks>
/// <para>One step with input <c>x</c>, target <c>y</c> and <c>clamp</c> (Baxter 1992; DESIGN.md §4):</para>
/// <list type="number">
/// <item>The presented activities <c>ã(t)</c> are the activities <c>a(t)</c> with the bias set to +1, the input nodes
/// set to <c>x</c> and, when clamped, the output set to <c>y</c>.</item>
/// <item>Every output and hidden node computes <c>a_i(t+1) = sign(Σ_j w_ji(t)·ã_j(t))</c> with <c>sign(0) = −1</c>; the
/// bias and input nodes keep their presented values.</item>
/// <item>When clamped, every learnable weight is overwritten from the same presented activities:
/// <c>w_ji(t+1) = f(ã_j(t), ã_i(t))</c> (pre <c>j</c>, post <c>i</c>). Unclamped steps leave the weights alone: the
/// clamp is the teacher, and the learner only learns while it is present.</item>
/// </list>
/// <para>Both updates read time-<c>t</c> values only, so they are simultaneous, as registers in hardware are.
/// <see cref="Reset"/> restores the reset weights and the initial activities (bias +1, every other node −1);
/// <see cref="ClearActivities"/> restores only the activities.</para>
/// </remarks>
public sealed class BaxterMachine
{
    private readonly int[] _weights;   // dense Nodes×Nodes, row = post, column = pre
    private readonly int[] _activities;
    private readonly int[] _presented;
    private readonly int[] _learnableIndex; // position of each learnable synapse in _weights

    /// <summary>A machine for <paramref name="learner"/>, at reset.</summary>
    public BaxterMachine(BaxterLearner learner)
    {
        ArgumentNullException.ThrowIfNull(learner);
        Learner = learner;
        int n = Network.Nodes;
        _weights = new int[n * n];
        _activities = new int[n];
        _presented = new int[n];
        _learnableIndex = [.. Network.Learnable.Select(s => (s.Post * n) + s.Pre)];
        Reset();
    }

    /// <summary>The learner this machine runs.</summary>
    public BaxterLearner Learner { get; }

    private BaxterNetwork Network => Learner.Network;

    /// <summary>The activities <c>a(t)</c> of every node (a copy), each ±1.</summary>
    public int[] Activities => (int[])_activities.Clone();

    /// <summary>The current learnable weights (a copy), in <see cref="BaxterNetwork.Learnable"/> order, each ±1.</summary>
    public int[] LearnableWeights => [.. _learnableIndex.Select(i => _weights[i])];

    /// <summary>The output node's activity.</summary>
    public int Output => _activities[Network.Output];

    /// <summary>The current weight of the synapse <paramref name="pre"/> → <paramref name="post"/> (0 when absent).</summary>
    public int Weight(int pre, int post) => _weights[(post * Network.Nodes) + pre];

    /// <summary>Restores the reset weights and the initial activities.</summary>
    public void Reset()
    {
        Array.Clear(_weights);
        foreach (var s in Network.Synapses)
        {
            _weights[(s.Post * Network.Nodes) + s.Pre] = s.Weight;
        }

        ClearActivities();
    }

    /// <summary>Restores the initial activities (bias +1, every other node −1); the weights stay.</summary>
    public void ClearActivities()
    {
        Array.Fill(_activities, -1);
        _activities[BaxterNetwork.Bias] = 1;
    }

    /// <summary>
    /// One synchronous step (see the remarks). Returns the presented activities <c>ã(t)</c> the step read (a copy).
    /// </summary>
    /// <param name="inputs">One ±1 value per input node.</param>
    /// <param name="target">The ±1 target, used when <paramref name="clamp"/>.</param>
    /// <param name="clamp">Training: the output is clamped to the target and the learnable weights are written.</param>
    /// <exception cref="ArgumentException">Not one input per input node, or a value that is not ±1.</exception>
    public int[] Step(ReadOnlySpan<int> inputs, int target, bool clamp)
    {
        int n = Network.Nodes;
        if (inputs.Length != Network.Inputs)
        {
            throw new ArgumentException($"Expected {Network.Inputs} input(s), not {inputs.Length}", nameof(inputs));
        }

        foreach (int x in inputs)
        {
            CheckActivity(x, nameof(inputs));
        }

        if (clamp)
        {
            CheckActivity(target, nameof(target));
        }

        _activities.CopyTo(_presented, 0);
        _presented[BaxterNetwork.Bias] = 1;
        inputs.CopyTo(_presented.AsSpan(1));
        if (clamp)
        {
            _presented[Network.Output] = target;
        }

        for (int i = 0; i < n; i++)
        {
            if (!Network.Computes(i))
            {
                _activities[i] = _presented[i];
                continue;
            }

            int sum = 0;
            int row = i * n;
            for (int j = 0; j < n; j++)
            {
                sum += _weights[row + j] * _presented[j];
            }

            _activities[i] = sum > 0 ? 1 : -1;
        }

        if (clamp)
        {
            var learnable = Network.Learnable;
            for (int k = 0; k < learnable.Length; k++)
            {
                _weights[_learnableIndex[k]] = Learner.Rule.Apply(_presented[learnable[k].Pre], _presented[learnable[k].Post]);
            }
        }

        return (int[])_presented.Clone();
    }

    private static void CheckActivity(int value, string name)
    {
        if (value is not (1 or -1))
        {
            throw new ArgumentException($"An activity is -1 or +1, not {value}", name);
        }
    }
}
