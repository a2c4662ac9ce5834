namespace Neuro.Distributed;

/// <summary>One call's work: a chunk of encoded rules to score in one evaluation context of one run.</summary>
/// <param name="DriverVersion">The driver's <see cref="WorkerVersion"/>; a worker of another version refuses the work.</param>
/// <param name="Config">The run's configuration text, from which the worker builds its job (cached by content).</param>
/// <param name="Seed">The run seed of the evaluation context.</param>
/// <param name="Generation">The generation of the evaluation context (negative for validation contexts).</param>
/// <param name="Rules">The rules, as the run's codec encoded them.</param>
[GenerateSerializer]
[Immutable]
public sealed record WorkRequest(
    [property: Id(0)] string DriverVersion,
    [property: Id(1)] string Config,
    [property: Id(2)] long Seed,
    [property: Id(3)] int Generation,
    [property: Id(4)] string[] Rules);
