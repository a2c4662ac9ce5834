namespace Neuro.Rules.Connectome;

/// <summary>A directed chemical synapse between two nodes of a <see cref="ConnectomeGraph"/>.</summary>
/// <param name="Pre">Presynaptic node index (a neuron).</param>
/// <param name="Post">Postsynaptic node index (a neuron or a body-wall muscle).</param>
/// <param name="Count">Strength from the edge list (EM sections with contact), at least 1.</param>
/// <param name="Sign">−1 when the presynaptic neuron is GABAergic, else +1.</param>
public readonly record struct ChemicalSynapse(int Pre, int Post, int Count, int Sign)
{
    /// <summary>The signed biological weight <c>Sign·Count</c>.</summary>
    public int Weight => Sign * Count;
}
