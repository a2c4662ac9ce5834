namespace Neuro.Distributed;

/// <summary>What a worker tells a driver when it is first contacted.</summary>
/// <param name="Silo">The worker's silo address, as Orleans writes it (<c>SiloAddress.ToParsableString</c>).</param>
/// <param name="Version">The worker's <see cref="WorkerVersion"/>.</param>
/// <param name="Slots">Calls it runs at once (its threads, or 1 for an OpenCL device).</param>
/// <param name="Chunk">Candidates per call (1 on CPU cores; a launch's worth on an OpenCL device).</param>
/// <param name="Machine">Host name and process id, for messages.</param>
[GenerateSerializer]
[Immutable]
public sealed record WorkerInfo(
    [property: Id(0)] string Silo,
    [property: Id(1)] string Version,
    [property: Id(2)] int Slots,
    [property: Id(3)] int Chunk,
    [property: Id(4)] string Machine);
