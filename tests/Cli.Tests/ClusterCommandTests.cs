using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Xunit;

namespace Neuro.Cli;

/// <summary>
/// <c>neuro worker</c> and <c>neuro evolve --cluster</c> as users run them: a <c>redis-server</c> started here on a free
/// port, <c>neuro worker</c> processes on localhost, one of them killed during the run.
/// </summary>
public sealed class ClusterCommandTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "neuro-cluster-" + Guid.NewGuid().ToString("N"));
    private readonly List<Process> processes = [];

    public ClusterCommandTests() => Directory.CreateDirectory(root);

    public void Dispose()
    {
        foreach (var process in processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }

            process.Dispose();
        }

        Directory.Delete(root, recursive: true);
    }

    private static readonly string[] Run = ["--task", "synthetic", "--generations", "8", "--population", "8", "--batches", "4", "--seed", "3"];

    /// <summary>About a minute on two busy cores (two worker processes, a local and a clustered run), so heavy.</summary>
    [Fact]
    [Trait("Category", "Heavy")]
    public async Task Evolve_OnWorkersWithOneKilledMidRun_WritesTheLocalRunsFiles()
    {
        int redis = StartRedis();
        string cluster = $"redis://127.0.0.1:{redis}";
        var workers = new[] { StartWorker(cluster), StartWorker(cluster) };
        string local = Path.Combine(root, "local"), remote = Path.Combine(root, "remote");
        Assert.Equal(0, NeuroRunner.Run(["evolve", .. Run, "--out", local]).ExitCode);
        WaitFor(() => workers.All(w => w.Lines.Any(l => l.Contains("joined", StringComparison.Ordinal))), "both workers to join");

        using var stdout = new StringWriter();
        using var stderrText = new StringWriter();
        var stderr = TextWriter.Synchronized(stderrText);
        var evolve = Task.Run(() => Program.Run(["evolve", .. Run, "--out", remote, "--cluster", cluster], stdout, stderr));
        WaitFor(() => LoggedGenerations(remote) >= 2 || evolve.IsCompleted, "two generations on the cluster");
        workers[0].Process.Kill(entireProcessTree: true);
        int code = await evolve.WaitAsync(TimeSpan.FromMinutes(3));


        Assert.True(code == 0, stderrText.ToString());
        Assert.Contains("dispatched again", stderrText.ToString(), StringComparison.Ordinal); // the kill hit candidates in flight
        Assert.Equal(File.ReadAllText(Path.Combine(local, "rule.json")), File.ReadAllText(Path.Combine(remote, "rule.json")));
        Assert.Equal(File.ReadAllText(Path.Combine(local, "checkpoint.json")), File.ReadAllText(Path.Combine(remote, "checkpoint.json")));
        Assert.Equal(FitnessColumns(local), FitnessColumns(remote));
    }

    [Fact]
    public void Evolve_ClusterUnreachable_ExitsTwoWithOneLine()
    {
        string address = $"redis://127.0.0.1:{FreePort()}";
        var result = NeuroRunner.Run(["evolve", "--task", "synthetic", "--generations", "1", "--out", Path.Combine(root, "x"), "--cluster", address]);
        string line = result.SingleErrorLine(Program.Usage);
        Assert.StartsWith($"neuro: error: Cannot reach the cluster at {address}: ", line, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(root, "x", "checkpoint.json"))); // never a local run instead
    }

    [Fact]
    public void Worker_ClusterUnreachable_ExitsTwoWithOneLine()
    {
        string address = $"redis://127.0.0.1:{FreePort()}";
        var result = NeuroRunner.Run(["worker", "--cluster", address]);
        Assert.StartsWith($"neuro: error: Cannot join the cluster at {address}: ", result.SingleErrorLine(Program.Usage), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("worker", "--cluster", "localhost:6379")]
    [InlineData("evolve", "--task", "synthetic", "--cluster", "redis://localhost")]
    public void Cluster_MalformedAddress_ExitsTwoNamingTheFlag(params string[] args)
    {
        var result = NeuroRunner.Run([.. args, .. args[0] == "evolve" ? new[] { "--out", Path.Combine(root, "y") } : []]);
        Assert.StartsWith("neuro: error: --cluster: A cluster address is redis://HOST:PORT", result.SingleErrorLine(Program.Usage), StringComparison.Ordinal);
    }

    private static string[] FitnessColumns(string dir) =>
        [.. File.ReadAllLines(Path.Combine(dir, "log.csv")).Select(line => string.Join(',', line.Split(',').Where((_, i) => i != 5)))];

    private static int LoggedGenerations(string dir)
    {
        try
        {
            return File.Exists(Path.Combine(dir, "log.csv")) ? File.ReadAllLines(Path.Combine(dir, "log.csv")).Length - 1 : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static void WaitFor(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(90))
            {
                throw new TimeoutException($"Waited 90 s for {what}");
            }

            Thread.Sleep(50);
        }
    }

    private int StartRedis()
    {
        int port = FreePort();
        var process = Start("redis-server", ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]);
        WaitFor(() => process.Lines.Any(l => l.Contains("Ready to accept connections", StringComparison.Ordinal)) || process.Process.HasExited, "redis-server to start");
        Assert.False(process.Process.HasExited, "redis-server exited:\n" + string.Join('\n', process.Lines));
        return port;
    }

    private Started StartWorker(string cluster) =>
        Start("dotnet", [Path.Combine(AppContext.BaseDirectory, "neuro.dll"), "worker", "--cluster", cluster, "--threads", "1"]);

    private Started Start(string file, string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"Cannot start {file} ({e.Message}); ./test.sh installs redis-server (Debian package redis-server)", e);
        }

        processes.Add(process);
        var started = new Started(process);
        process.OutputDataReceived += (_, e) => started.Add(e.Data);
        process.ErrorDataReceived += (_, e) => started.Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Started(Process process)
    {
        private readonly List<string> lines = [];

        internal Process Process { get; } = process;

        internal string[] Lines
        {
            get
            {
                lock (lines)
                {
                    return [.. lines];
                }
            }
        }

        internal void Add(string? line)
        {
            if (line is not null)
            {
                lock (lines)
                {
                    lines.Add(line);
                }
            }
        }
    }
}
