namespace Neuro.Distributed;

/// <summary>A worker's answer: one fitness per rule, or the one-line reason the work failed there.</summary>
/// <param name="Fitness">Fitness per rule, in the request's order; empty when <paramref name="Error"/> is set.</param>
/// <param name="Error">Why the worker could not score the chunk, or null.</param>
[GenerateSerializer]
[Immutable]
public sealed record WorkResult(
    [property: Id(0)] double[] Fitness,
    [property: Id(1)] string? Error);
