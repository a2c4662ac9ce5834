using Neuro.Rules.Evolution;

namespace Neuro.Rules.Baxter;

/// <summary>
/// Genome → Baxter learner, for networks of a fixed size: one discrete gene per possible synapse and one for the rule.
/// </summary>
/// <remarks>
/// <para>Layout: for each computing node <c>post</c> (output, then hidden, ascending) and each node <c>pre</c>
/// (0..Nodes−1, self-loops included), one synapse gene of <see cref="SynapseAlleles"/> values: 0 absent, 1 fixed −1,
/// 2 fixed +1, 3 learnable starting at −1, 4 learnable starting at +1. The last gene is the rule, 0..15
/// (<see cref="BaxterRule.Index"/>). So the GA evolves connectivity, the fixed/learnable flags, the fixed values and
/// <c>f</c> together.</para>
/// <para>A gene's allele is <c>floor(gene)</c> clamped to its range, so real-coded optimizers can drive it too; the GA
/// with <see cref="Alleles"/> only ever proposes exact alleles.</para>
/// </remarks>
public sealed class BaxterDecoder : IRuleDecoder<RuleGenome, BaxterLearner>
{
    /// <summary>Values of a synapse gene: absent, fixed −1, fixed +1, learnable −1, learnable +1.</summary>
    public const int SynapseAlleles = 5;

    /// <summary>A decoder for networks of <paramref name="nodes"/> nodes with <paramref name="inputs"/> inputs.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The sizes do not make a network (see <see cref="BaxterNetwork"/>).</exception>
    public BaxterDecoder(int nodes, int inputs)
    {
        _ = new BaxterNetwork(nodes, inputs, []); // validates the sizes
        Nodes = nodes;
        Inputs = inputs;
        Computing = nodes - inputs - 1;
        GeneCount = (Computing * nodes) + 1;
    }

    /// <summary>Nodes of every decoded network.</summary>
    public int Nodes { get; }

    /// <summary>Input nodes of every decoded network.</summary>
    public int Inputs { get; }

    /// <summary>Genes per genome: <c>(Nodes − Inputs − 1)·Nodes + 1</c>.</summary>
    public int GeneCount { get; }

    /// <summary>The number of values of each gene, for <see cref="GeneticSettings.Alleles"/>.</summary>
    public int[] Alleles => [.. Enumerable.Repeat(SynapseAlleles, GeneCount - 1), BaxterRule.Count];

    /// <summary>The GA setting for these genomes: the defaults with discrete genes.</summary>
    public GeneticSettings GeneticSettings => new() { Alleles = Alleles };

    private int Computing { get; }

    /// <inheritdoc/>
    public BaxterLearner? Decode(RuleGenome genome)
    {
        ArgumentNullException.ThrowIfNull(genome);
        if (genome.Genes.Length != GeneCount)
        {
            throw new ArgumentException($"A genome for {Nodes} nodes has {GeneCount} genes, not {genome.Genes.Length}", nameof(genome));
        }

        var synapses = new List<BaxterSynapse>();
        for (int c = 0; c < Computing; c++)
        {
            int post = Inputs + 1 + c;
            for (int pre = 0; pre < Nodes; pre++)
            {
                int allele = Allele(genome.Genes[(c * Nodes) + pre], SynapseAlleles);
                if (allele != 0)
                {
                    synapses.Add(new BaxterSynapse(pre, post, allele % 2 == 1 ? -1 : 1, allele >= 3));
                }
            }
        }

        var network = new BaxterNetwork(Nodes, Inputs, synapses);
        return new BaxterLearner(network, new BaxterRule(Allele(genome.Genes[^1], BaxterRule.Count)));
    }

    /// <summary>The genes of <paramref name="learner"/> (the inverse of <see cref="Decode"/> for exact alleles).</summary>
    /// <exception cref="ArgumentException">The learner's network has another size.</exception>
    public double[] Encode(BaxterLearner learner)
    {
        ArgumentNullException.ThrowIfNull(learner);
        if (learner.Network.Nodes != Nodes || learner.Network.Inputs != Inputs)
        {
            throw new ArgumentException($"The learner has {learner.Network.Nodes} nodes and {learner.Network.Inputs} input(s); this decoder takes {Nodes} and {Inputs}", nameof(learner));
        }

        var genes = new double[GeneCount];
        foreach (var s in learner.Network.Synapses)
        {
            if (s.Weight != 0)
            {
                genes[((s.Post - Inputs - 1) * Nodes) + s.Pre] = (s.Learnable ? 3 : 1) + (s.Weight > 0 ? 1 : 0);
            }
        }

        genes[^1] = learner.Rule.Index;
        return genes;
    }

    private static int Allele(double gene, int count) =>
        double.IsNaN(gene) ? 0 : (int)Math.Clamp(Math.Floor(gene), 0, count - 1);
}
