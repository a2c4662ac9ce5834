using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Neuro.Distributed;

/// <summary>In-process Orleans clusters whose silos are Neuro workers running <see cref="SyntheticJobFactory"/>.</summary>
internal static class TestClusters
{
    /// <summary>Starts <paramref name="silos"/> worker silos of <paramref name="slots"/> slots; <paramref name="version"/> gives a silo (by name) another version.</summary>
    internal static async Task<InProcessTestCluster> StartAsync(int silos, int slots = 2, Func<string, string>? version = null)
    {
        EnsureThreads();
        var builder = new InProcessTestClusterBuilder((short)silos);
        builder.ConfigureSilo((options, silo) =>
        {
            silo.AddNeuroWorker(new WorkerSettings { Slots = slots, Version = version?.Invoke(options.SiloName) ?? WorkerVersion.Current }, new SyntheticJobFactory());
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
            });
        });
        var cluster = builder.Build();
        // Deployed off xunit's synchronization context: the client's background work must not wait for a test thread
        // that is blocked in a synchronous EvaluateAll.
        await Task.Run(() => cluster.DeployAsync());
        return cluster;
    }

    /// <summary>
    /// Every silo of an in-process cluster, the client and the driver share this process's thread pool, and a worker
    /// evaluates on pool threads that block (the synthetic job sleeps; gated candidates wait). On a 2-core machine the
    /// pool starts with 2 threads and adds more about twice a second, so a silo that joins while candidates block could
    /// take longer than Orleans' 30-second response timeout to answer (seen: EvaluateAll_SiloJoiningMidRun_GetsWork failed
    /// 2 of 3 runs here). Real workers are one process per machine; the tests give the pool room up front.
    /// </summary>
    private static void EnsureThreads()
    {
        ThreadPool.GetMinThreads(out int workers, out int io);
        if (workers < 32)
        {
            ThreadPool.SetMinThreads(32, Math.Max(io, 32));
        }
    }

    /// <summary>Fast dispatch settings for tests.</summary>
    internal static ClusterSettings Settings(List<string>? log = null) => new()
    {
        PollInterval = TimeSpan.FromMilliseconds(200),
        NoWorkerTimeout = TimeSpan.FromSeconds(30),
        Log = log is null ? null : line => { lock (log) { log.Add(line); } },
    };
}
