namespace Neuro.Rules.Connectome;

/// <summary>One row of <c>neuron_classes.csv</c>: a neuron, its spelling in the edge list, and its class flags.</summary>
/// <param name="Name">The WormAtlas name (<c>AS1</c>), the model's canonical spelling.</param>
/// <param name="EdgeListName">The spelling in <c>herm_full_edgelist.csv</c> (<c>AS01</c>: ventral-cord numbers zero-padded).</param>
/// <param name="Sensory">Sensory neuron.</param>
/// <param name="Interneuron">Interneuron.</param>
/// <param name="Motor">Motor neuron.</param>
public sealed record NeuronClass(string Name, string EdgeListName, bool Sensory, bool Interneuron, bool Motor);
