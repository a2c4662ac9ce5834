using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Neuro.Rules.Evolution;
using Orleans.Runtime;

namespace Neuro.Distributed;

/// <summary>
/// A worker silo's evaluation service: one per silo, shared by its <see cref="WorkerGrain"/> calls. Builds a job per
/// run configuration (cached by content), runs at most <see cref="WorkerSettings.Slots"/> chunks at once on the thread
/// pool, and refuses drivers of another version.
/// </summary>
public sealed class WorkerRuntime : IDisposable
{
    private const int CachedJobs = 4;
    private readonly WorkerSettings settings;
    private readonly IWorkerJobFactory factory;
    private readonly string silo;
    private readonly SemaphoreSlim slots;
    private readonly ConcurrentDictionary<string, Lazy<IWorkerJob>> jobs = new(StringComparer.Ordinal);
    private long evaluations;
    private int running;

    /// <summary>Creates the runtime of the silo <paramref name="siloDetails"/> describes.</summary>
    public WorkerRuntime(WorkerSettings settings, IWorkerJobFactory factory, ILocalSiloDetails siloDetails)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        ArgumentNullException.ThrowIfNull(siloDetails);
        this.settings = settings;
        this.factory = factory ?? throw new ArgumentNullException(nameof(factory));
        silo = siloDetails.SiloAddress.ToParsableString();
        slots = new SemaphoreSlim(settings.Slots, settings.Slots);
    }

    /// <summary>Candidates this worker has scored.</summary>
    public long Evaluations => Interlocked.Read(ref evaluations);

    /// <summary>Chunks being scored now.</summary>
    public int Running => Volatile.Read(ref running);

    /// <summary>This worker's description; logs a refusal when <paramref name="driverVersion"/> is not its own.</summary>
    public WorkerInfo Hello(string driverVersion)
    {
        if (driverVersion != settings.Version)
        {
            settings.Log?.Invoke($"refusing a driver of version {driverVersion}: this worker is {settings.Version}; run the same build on both");
        }

        return new WorkerInfo(silo, settings.Version, settings.Slots, settings.Chunk, $"{Environment.MachineName} pid {Environment.ProcessId}");
    }

    /// <summary>Scores a chunk; a failure becomes <see cref="WorkResult.Error"/>, never an exception, so the driver can tell it from a lost worker.</summary>
    public async Task<WorkResult> EvaluateAsync(WorkRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.DriverVersion != settings.Version)
        {
            return new WorkResult([], $"worker {silo} runs version {settings.Version}, the driver {request.DriverVersion}; run the same build on both");
        }

        await slots.WaitAsync().ConfigureAwait(false);
        try
        {
            var job = Job(request.Config);
            var context = new EvaluationContext(request.Seed, request.Generation);
            Interlocked.Increment(ref running);
            double[] fitness;
            try
            {
                fitness = await Task.Run(() => job.Evaluate(request.Rules, context)).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref running);
            }

            Interlocked.Add(ref evaluations, fitness.Length);
            return fitness.Length == request.Rules.Length
                ? new WorkResult(fitness, null)
                : new WorkResult([], $"worker {silo}: the job returned {fitness.Length} fitnesses for {request.Rules.Length} rules");
        }
#pragma warning disable CA1031 // Any failure of the work is reported to the driver as text; the silo stays up.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return new WorkResult([], $"worker {silo}: {e.Message.ReplaceLineEndings(" ")}");
        }
        finally
        {
            slots.Release();
        }
    }

    /// <inheritdoc/>
    public void Dispose() => slots.Dispose();

    private IWorkerJob Job(string config)
    {
        string key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(config)));
        var lazy = jobs.GetOrAdd(key, _ => new Lazy<IWorkerJob>(() =>
        {
            var job = factory.Create(config);
            settings.Log?.Invoke($"loaded run configuration {key[..12]}");
            return job;
        }));
        if (jobs.Count > CachedJobs)
        {
            foreach (string old in jobs.Keys.Where(k => k != key).Take(jobs.Count - CachedJobs))
            {
                jobs.TryRemove(old, out _);
            }
        }

        return lazy.Value;
    }
}
