namespace Neuro.Rules.Connectome;

/// <summary>One weight of a <see cref="ConnectomeRule"/> that differs from the biological connectome.</summary>
/// <param name="Type">Chemical synapse or gap junction.</param>
/// <param name="Source">Presynaptic neuron (chemical) or one partner (gap junction), WormAtlas name.</param>
/// <param name="Target">Postsynaptic neuron or muscle (chemical) or the other partner.</param>
/// <param name="Biological">The biological weight it replaces (signed count), as a check that the data match.</param>
/// <param name="Weight">The new weight in weight units, a multiple of <c>2^-FractionBits</c>.</param>
public sealed record WeightEdit(SynapseType Type, string Source, string Target, double Biological, double Weight);
