namespace Neuro.Rules.Evolution;

/// <summary>
/// What an evaluation may draw randomness from: the run seed and the generation. Every candidate of a generation gets
/// the same context (common random numbers), so their fitnesses are comparable and independent of thread scheduling.
/// </summary>
/// <param name="Seed">Run seed.</param>
/// <param name="Generation">Generation being evaluated.</param>
public readonly record struct EvaluationContext(long Seed, int Generation);
