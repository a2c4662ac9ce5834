using System.Collections.Immutable;

namespace Neuro.Rules.Baxter;

/// <summary>
/// The architecture of a Baxter learner: <see cref="Nodes"/> nodes taking ±1 and the synapses between them, each
/// with a reset weight in {−1, 0, +1}, fixed or learnable. Any connectivity is allowed, recurrent and self-loops too.
/// </summary>
/// <remarks>
/// Node roles, by index: node 0 is the bias (always +1), nodes <c>1..Inputs</c> hold the inputs, node
/// <c>Inputs + 1</c> is the output, and the rest are hidden. Only the output and the hidden nodes compute, so only they
/// take synapses (<c>Post &gt; Inputs</c>). Synapses are kept sorted by (post, pre); the learnable ones, in that order,
/// are the learner's plastic weights.
/// </remarks>
public sealed class BaxterNetwork
{
    /// <summary>The largest network this implementation builds (the RTL and the traces stay readable well below it).</summary>
    public const int MaxNodes = 32;

    /// <summary>Creates and validates a network.</summary>
    /// <exception cref="ArgumentException">A size is out of range, or a synapse has a dangling node, a weight outside
    /// {−1, 0, +1}, a learnable zero weight, a post-synaptic node that does not compute, or a duplicate (pre, post).</exception>
    public BaxterNetwork(int nodes, int inputs, IEnumerable<BaxterSynapse> synapses)
    {
        ArgumentNullException.ThrowIfNull(synapses);
        if (inputs < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(inputs), inputs, $"Inputs must be at least 1, not {inputs}");
        }

        if (nodes < inputs + 2 || nodes > MaxNodes)
        {
            throw new ArgumentOutOfRangeException(nameof(nodes), nodes, $"Nodes must be {inputs + 2}..{MaxNodes} (bias, {inputs} input(s), output, hidden), not {nodes}");
        }

        Nodes = nodes;
        Inputs = inputs;
        var list = synapses.ToList();
        for (int s = 0; s < list.Count; s++)
        {
            if (Problem(list[s]) is { } problem)
            {
                throw new ArgumentException($"Synapse [{s}] {Describe(list[s])}: {problem}", nameof(synapses));
            }
        }

        var sorted = list.OrderBy(s => s.Post).ThenBy(s => s.Pre).ToImmutableArray();
        for (int s = 1; s < sorted.Length; s++)
        {
            if (sorted[s].Pre == sorted[s - 1].Pre && sorted[s].Post == sorted[s - 1].Post)
            {
                throw new ArgumentException($"Synapse {sorted[s].Pre} -> {sorted[s].Post} appears twice", nameof(synapses));
            }
        }

        Synapses = sorted;
        Learnable = [.. sorted.Where(s => s.Learnable)];
    }

    /// <summary>All nodes: bias, inputs, output, hidden.</summary>
    public int Nodes { get; }

    /// <summary>Input nodes.</summary>
    public int Inputs { get; }

    /// <summary>The bias node, always +1.</summary>
    public static int Bias => 0;

    /// <summary>The output node, clamped to the target during training.</summary>
    public int Output => Inputs + 1;

    /// <summary>Hidden nodes, <c>Nodes − Inputs − 2</c>.</summary>
    public int Hidden => Nodes - Inputs - 2;

    /// <summary>The synapses, sorted by (post, pre).</summary>
    public ImmutableArray<BaxterSynapse> Synapses { get; }

    /// <summary>The learnable synapses, sorted by (post, pre): the order of the learner's plastic weights everywhere.</summary>
    public ImmutableArray<BaxterSynapse> Learnable { get; }

    /// <summary>True for the nodes that compute (output and hidden), which alone take synapses.</summary>
    public bool Computes(int node) => node > Inputs && node < Nodes;

    /// <summary>What is wrong with <paramref name="synapse"/> in this network, or null when it fits.</summary>
    public string? Problem(BaxterSynapse synapse)
    {
        if (synapse.Pre < 0 || synapse.Pre >= Nodes)
        {
            return $"pre-synaptic node {synapse.Pre} does not exist (nodes 0..{Nodes - 1})";
        }

        if (synapse.Post < 0 || synapse.Post >= Nodes)
        {
            return $"post-synaptic node {synapse.Post} does not exist (nodes 0..{Nodes - 1})";
        }

        if (!Computes(synapse.Post))
        {
            return $"post-synaptic node {synapse.Post} is the {(synapse.Post == Bias ? "bias" : "input")}; only the output and hidden nodes ({Output}..{Nodes - 1}) take synapses";
        }

        if (synapse.Weight is < -1 or > 1)
        {
            return $"weight must be -1, 0 or +1, not {synapse.Weight}";
        }

        return synapse.Learnable && synapse.Weight == 0 ? "a learnable weight cannot be 0 (zero weights are fixed)" : null;
    }

    /// <summary>The role of a node in words: <c>bias</c>, <c>x1</c>, <c>out</c>, <c>h1</c>, ….</summary>
    public string NodeName(int node) =>
        node == Bias ? "bias"
        : node <= Inputs ? (Inputs == 1 ? "x" : $"x{node}")
        : node == Output ? "out"
        : $"h{node - Output}";

    private static string Describe(BaxterSynapse s) => $"{s.Pre} -> {s.Post}";
}
