namespace Neuro.Rules.Evolution;

/// <summary>Candidates scored in one evaluation context: a generation's population, or one validation repeat.</summary>
/// <param name="Candidates">Gene vectors.</param>
/// <param name="Context">The context every candidate of the batch is scored in.</param>
public sealed record EvaluationBatch(IReadOnlyList<double[]> Candidates, EvaluationContext Context);
