namespace Neuro.Rules.Baxter;

/// <summary>One synapse of a <see cref="BaxterNetwork"/>: from node <see cref="Pre"/> to node <see cref="Post"/>.</summary>
/// <param name="Pre">The pre-synaptic node (any node).</param>
/// <param name="Post">The post-synaptic node (the output or a hidden node).</param>
/// <param name="Weight">The weight at reset: −1, 0 or +1 (a learnable weight: −1 or +1).</param>
/// <param name="Learnable">True when the rule overwrites the weight during training; zero weights are fixed.</param>
public readonly record struct BaxterSynapse(int Pre, int Post, int Weight, bool Learnable);
