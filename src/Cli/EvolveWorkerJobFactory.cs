using Neuro.Distributed;
using Neuro.OpenClKernels.Patterns;
using Neuro.Rules.Patterns;

namespace Neuro.Cli;

/// <summary>
/// A worker's jobs: the run configuration a driver sends is <c>neuro evolve</c>'s checkpoint configuration
/// (<see cref="EvolveConfig"/>); the worker loads the same task and builds the same evaluator, on its CPU cores or its
/// OpenCL device.
/// </summary>
/// <param name="openCl">The worker's OpenCL device, or null for the CPU.</param>
internal sealed class EvolveWorkerJobFactory(OpenClLifetimeBatch? openCl) : IWorkerJobFactory
{
    /// <inheritdoc/>
    public IWorkerJob Create(string config)
    {
        var evolve = EvolveConfig.FromJson(config);
        var (train, _) = evolve.Task.Load();
        var network = evolve.Task.Network(train);
        var precision = evolve.PrecisionConfig;
        if (openCl is not null && precision is null)
        {
            throw new UsageException("this worker runs --backend opencl, which needs a fixed-point run (--precision); this run evaluates in float");
        }

        precision?.Validate(network);
        return new WorkerJob<PatternRule>(new PatternRuleCodec(), EvolveEvaluators.Create(evolve, train, network, openCl));
    }
}
