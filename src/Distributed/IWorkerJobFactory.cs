namespace Neuro.Distributed;

/// <summary>
/// Builds a worker's job from the run's configuration text (the driver's <c>config</c>, e.g. evolve's checkpoint
/// configuration JSON): loads the data and makes the evaluator, exactly as the driver would in process. Injected by
/// the application, so this library needs no task catalogue, fixed-point engine or OpenCL.
/// </summary>
public interface IWorkerJobFactory
{
    /// <summary>The job for <paramref name="config"/>; throws with a one-line message when the configuration is unusable here.</summary>
    IWorkerJob Create(string config);
}
