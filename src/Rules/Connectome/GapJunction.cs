namespace Neuro.Rules.Connectome;

/// <summary>An undirected gap junction between two distinct neurons of a <see cref="ConnectomeGraph"/>; always excitatory.</summary>
/// <param name="A">The lower node index.</param>
/// <param name="B">The higher node index.</param>
/// <param name="Count">Strength: the larger of the edge list's two listings (they differ for 13 pairs), at least 1.</param>
public readonly record struct GapJunction(int A, int B, int Count);
