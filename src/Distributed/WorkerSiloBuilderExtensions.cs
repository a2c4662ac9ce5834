using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;

namespace Neuro.Distributed;

/// <summary>Makes an Orleans silo a Neuro worker (used by <see cref="WorkerHost"/> and by test clusters).</summary>
public static class WorkerSiloBuilderExtensions
{
    /// <summary>Registers the worker's runtime, its settings and the application's job factory.</summary>
    public static ISiloBuilder AddNeuroWorker(this ISiloBuilder builder, WorkerSettings settings, IWorkerJobFactory factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(factory);
        settings.Validate();
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(factory);
        builder.Services.AddSingleton<WorkerRuntime>();
        return builder;
    }
}
