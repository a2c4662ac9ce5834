using Orleans.Concurrency;

namespace Neuro.Distributed;

/// <summary>Hosts <see cref="IWorkerGrain"/> on a worker silo; the work itself is done by the silo's <see cref="WorkerRuntime"/>.</summary>
/// <param name="runtime">The silo's worker runtime.</param>
[Reentrant]
public sealed class WorkerGrain(WorkerRuntime runtime) : Grain, IWorkerGrain
{
    /// <inheritdoc/>
    public Task<WorkerInfo> Hello(string driverVersion) => Task.FromResult(runtime.Hello(driverVersion));

    /// <inheritdoc/>
    public Task<WorkResult> Evaluate(WorkRequest request) => runtime.EvaluateAsync(request);
}
