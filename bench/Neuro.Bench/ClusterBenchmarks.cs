using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using Neuro.Cli;
using Neuro.Distributed;
using Neuro.Rules.Evolution;
using Neuro.Rules.Patterns;

namespace Neuro.Bench;

/// <summary>
/// One generation's population scored in process (<see cref="Workers"/> = 0: <see cref="PopulationEvaluator"/> on all
/// cores) or on 1, 2 or 4 <c>neuro worker</c> processes on this machine (one slot each), through a <c>redis-server</c>
/// the setup starts on a free port. One operation is one candidate, so <c>Candidates/s</c> is evaluations per second.
/// </summary>
/// <remarks>
/// <para><b>Lifetime</b> <c>empty</c>: Joosten's fitness on one batch of one sample (20 hidden): the lifetime costs
/// microseconds, so the clustered time per candidate is the dispatch overhead (encode, call, decode, answer).
/// <c>synthetic</c>: the default synthetic run (4 batches of 100 samples, 20 hidden). <c>mnist</c>: MNIST-sized
/// lifetimes on the fast fixed-point network at the default precision, as the MNIST evolution runs them (784 inputs,
/// 1000 hidden, cap 500, one batch of 100 images from <c>../shared/data/mnist</c>: 200 sample steps).</para>
/// <para>Each setup runs <c>neuro evolve --generations 1</c> once to get the run configuration the workers receive, so
/// the benchmark needs <c>src/Cli</c> built in Release (<c>dotnet build -c Release</c>). On a machine with fewer cores
/// than workers the workers share cores: the numbers then measure overhead and contention, not scaling.</para>
/// </remarks>
[PerSecondColumn("Candidates/s", "Candidates scored per second: 1e9 / mean time per candidate in ns")]
public class ClusterBenchmarks
{
    public const int Population = 16;

    private readonly List<Process> processes = [];
    private string directory = "";
    private ClusterConnection? connection;
    private ClusterPopulationEvaluator<PatternRule>? cluster;
    private Func<IRuleEvaluator<PatternRule>> local = null!;
    private PatternRuleDecoder decoder = null!;
    private double[][] candidates = [];
    private int generation;

    /// <summary>
    /// Worker counts to run: <c>NEURO_BENCH_WORKERS</c> (comma-separated, e.g. <c>0,1,2</c>) or 0, 1, 2, 4. A negative
    /// count −n scores the population in process on n threads: the machine's own scaling, to set beside n workers (each
    /// worker runs one lifetime at a time, so n workers can be no more efficient than n threads on the same cores).
    /// </summary>
    [ParamsSource(nameof(WorkerCounts))]
    public int Workers { get; set; }

    /// <summary>Lifetimes to run: <c>NEURO_BENCH_LIFETIMES</c> (e.g. <c>empty,synthetic</c>) or all three.</summary>
    [ParamsSource(nameof(Lifetimes))]
    public string Lifetime { get; set; } = "empty";

    public static IEnumerable<int> WorkerCounts() =>
        FromEnvironment("NEURO_BENCH_WORKERS", ["0", "1", "2", "4"]).Select(w => int.Parse(w, CultureInfo.InvariantCulture));

    public static IEnumerable<string> Lifetimes() => FromEnvironment("NEURO_BENCH_LIFETIMES", ["empty", "synthetic", "mnist"]);

    private static string[] FromEnvironment(string name, string[] all)
    {
        string? value = Environment.GetEnvironmentVariable(name);
        return string.IsNullOrWhiteSpace(value) ? all : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    [GlobalSetup]
    public void Setup()
    {
        string root = RepoRoot();
        string neuro = Path.Combine(root, "src", "Cli", "bin", "Release", "net10.0", "neuro.dll");
        if (!File.Exists(neuro))
        {
            throw new InvalidOperationException($"{neuro} is missing: build src/Cli in Release first");
        }

        directory = Path.Combine(Path.GetTempPath(), "neuro-bench-cluster-" + Guid.NewGuid().ToString("N"));
        string[] task = Lifetime switch
        {
            "empty" => ["--task", "synthetic", "--batches", "1", "--batch-size", "1"],
            "synthetic" => ["--task", "synthetic"],
            _ => ["--task", "mnist", "--data", Path.Combine(root, "..", "shared", "data", "mnist"), "--hidden", "1000", "--cap", "500", "--batches", "1", "--limit", "2000", "--precision", "default"],
        };
        Run("dotnet", [neuro, "evolve", .. task, "--generations", "1", "--population", "2", "--out", directory]).WaitForExit();
        string config = EvolutionCheckpoint.LoadFrom(directory).Config;
        var evolve = EvolveConfig.FromJson(config);
        var (train, _) = evolve.Task.Load();
        local = EvolveEvaluators.Create(evolve, train, evolve.Task.Network(train), openCl: null);
        decoder = new PatternRuleDecoder(evolve.RuleSettings);
        var random = new Random(1);
        candidates = [.. Enumerable.Range(0, Population).Select(_ => Enumerable.Range(0, evolve.RuleSettings.GeneCount).Select(_ => random.NextDouble() - 0.5).ToArray())];
        if (Workers <= 0)
        {
            return;
        }

        int port = FreePort();
        var redis = Run("redis-server", ["--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]);
        Thread.Sleep(500);
        var address = new ClusterAddress("127.0.0.1", port);
        for (int i = 0; i < Workers; i++)
        {
            Run("dotnet", [neuro, "worker", "--cluster", address.ToString(), "--threads", "1"]);
        }

        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                connection = ClusterConnection.ConnectAsync(address, null, TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
                break;
            }
            catch (ClusterUnavailableException) when (clock.Elapsed < TimeSpan.FromSeconds(60) && !redis.HasExited)
            {
                Thread.Sleep(500);
            }
        }

        cluster = new ClusterPopulationEvaluator<PatternRule>(connection.Client, config, new PatternRuleCodec());
        while (cluster.Workers < Workers)
        {
            Thread.Sleep(100); // every worker has joined before the first measurement
        }

        Evaluate(); // workers load the job
    }

    [Benchmark(OperationsPerInvoke = Population)]
    public double Evaluate()
    {
        var context = new EvaluationContext(1, generation++);
        double[] fitness = cluster is null
            ? PopulationEvaluator.Evaluate(candidates, decoder, local, context, threads: Math.Max(0, -Workers))
            : PopulationEvaluator.Evaluate(candidates, decoder, () => cluster, context);
        return fitness.Sum();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        cluster?.Dispose();
        connection?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        foreach (var process in processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }

            process.Dispose();
        }

        Directory.Delete(directory, recursive: true);
    }

    private Process Run(string file, string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        processes.Add(process);
        return process;
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Neuro.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Run the benchmarks from inside the repository");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
