namespace Neuro.Rules.Linear;

/// <summary>The run that evolved a linear model. Stored in its <c>rule.json</c>.</summary>
/// <param name="Seed">Run seed.</param>
/// <param name="Algorithm">Optimizer name.</param>
/// <param name="Generations">Generations run.</param>
/// <param name="BestGeneration">The generation whose best candidate this is.</param>
/// <param name="Evaluations">Model evaluations of the run, as its log counts them.</param>
/// <param name="Population">Candidates per generation.</param>
public sealed record LinearProvenance(long Seed, string Algorithm, int Generations, int BestGeneration, long Evaluations, int Population);
