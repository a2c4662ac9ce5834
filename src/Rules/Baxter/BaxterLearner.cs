namespace Neuro.Rules.Baxter;

/// <summary>A Baxter learner: a network and the rule that overwrites its learnable weights; what evolution produces.</summary>
/// <param name="Network">Nodes, synapses, reset weights, learnable flags.</param>
/// <param name="Rule">The write rule <c>f</c>.</param>
public sealed record BaxterLearner(BaxterNetwork Network, BaxterRule Rule);
