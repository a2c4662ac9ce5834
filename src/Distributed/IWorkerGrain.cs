namespace Neuro.Distributed;

/// <summary>
/// The evaluation grain: one per worker silo, keyed by that silo's address and placed there by the driver's placement
/// hint. It is reentrant: the driver keeps up to <see cref="WorkerInfo.Slots"/> calls in flight on it.
/// </summary>
public interface IWorkerGrain : IGrainWithStringKey
{
    /// <summary>Introduces the driver (its <see cref="WorkerVersion"/>) and returns the worker's description.</summary>
    Task<WorkerInfo> Hello(string driverVersion);

    /// <summary>Scores a chunk of rules.</summary>
    Task<WorkResult> Evaluate(WorkRequest request);
}
