using System.CommandLine;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Hosting;
using Neuro.Distributed;
using Neuro.OpenClKernels.Host;
using Neuro.OpenClKernels.Patterns;

namespace Neuro.Cli;

/// <summary>
/// <c>neuro worker</c>: joins a cluster (an Orleans silo whose membership lives in Redis) and scores the candidates
/// that <c>neuro evolve --cluster</c> drivers send it, on its CPU cores or its OpenCL device, until Ctrl-C.
/// </summary>
internal static class WorkerCommand
{
    /// <summary>Builds the <c>worker</c> verb.</summary>
    internal static Command Create()
    {
        var threads = new Option<int>("--threads") { Description = "Candidates scored at once on the CPU (0: all cores)", DefaultValueFactory = _ => 0 };
        var chunk = new Option<int>("--chunk") { Description = "With --backend opencl: candidates per device launch", DefaultValueFactory = _ => 64 };
        var siloPort = new Option<int>("--silo-port") { Description = "Port other workers reach this one on (0: a free port)", DefaultValueFactory = _ => 0 };
        var gatewayPort = new Option<int>("--gateway-port") { Description = "Port drivers connect to (0: a free port)", DefaultValueFactory = _ => 0 };
        var advertise = new Option<string?>("--advertise") { Description = "The address others reach this machine at (default: the one it reaches Redis from)", HelpName = "IP" };
        var cluster = new ClusterCommandOptions();
        var backend = new BackendOptions();
        var command = new Command("worker", "Join a cluster and score the candidates 'neuro evolve --cluster' sends (see docs/distributed.md)")
        {
            threads, chunk, siloPort, gatewayPort, advertise,
        };
        cluster.AddTo(command);
        backend.AddTo(command);
        cluster.Cluster.Required = true;

        command.SetAction(async (result, cancellation) =>
        {
            var address = cluster.Address(result)!;
            var tls = cluster.Tls(result);
            int threadCount = result.GetValue(threads);
            int chunkSize = result.GetValue(chunk);
            if (threadCount < 0 || chunkSize < 1)
            {
                throw new UsageException($"--threads must be 0 or more and --chunk at least 1, not {threadCount} and {chunkSize}");
            }

            IPAddress? advertised = null;
            if (result.GetValue(advertise) is { } text && !IPAddress.TryParse(text, out advertised))
            {
                throw new UsageException($"--advertise must be an IP address, not '{text}'");
            }

            using var openCl = OpenDevice(result, backend);
            var stderr = result.InvocationConfiguration.Error;
            var settings = new WorkerSettings
            {
                Slots = openCl is null ? (threadCount > 0 ? threadCount : Environment.ProcessorCount) : 1,
                Chunk = openCl is null ? 1 : chunkSize,
                Log = line => stderr.WriteLine($"neuro worker: {line}"),
            };
            var hostSettings = new WorkerHostSettings(address)
            {
                AdvertisedAddress = advertised,
                SiloPort = result.GetValue(siloPort),
                GatewayPort = result.GetValue(gatewayPort),
                Tls = tls,
            };
            IHost host;
            try
            {
                host = WorkerHost.Build(hostSettings, settings, new EvolveWorkerJobFactory(openCl));
            }
            catch (ArgumentException e)
            {
                throw new UsageException(e.Message, e);
            }

            using (host)
            {
                try
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                    using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellation);
                    await host.StartAsync(linked.Token).ConfigureAwait(false);
                }
#pragma warning disable CA1031 // Whatever stops the silo from joining (Redis, ports, TLS), the user gets one line.
                catch (Exception e) when (!cancellation.IsCancellationRequested)
#pragma warning restore CA1031
                {
                    throw new UsageException($"Cannot join the cluster at {address}: {(e is OperationCanceledException ? "no answer within 60 s" : e.Message)}", e);
                }

                var runtime = host.Services.GetService(typeof(WorkerRuntime)) as WorkerRuntime;
                stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"neuro worker: joined {address} as {WorkerHost.SiloAddress(host)}, {settings.Slots} slots × {settings.Chunk} candidates on {(openCl is null ? "the CPU" : $"OpenCL device {openCl.Device.Index} ({openCl.Device.Name})")}, version {settings.Version}{(tls is null ? "" : ", TLS")}; Ctrl-C leaves"));
                long reported = 0;
                var clock = System.Diagnostics.Stopwatch.StartNew();
                try
                {
                    while (!cancellation.IsCancellationRequested)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(10), cancellation).ConfigureAwait(false);
                        long done = runtime?.Evaluations ?? 0;
                        if (done != reported)
                        {
                            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                                $"neuro worker: {done} candidates scored, {(done - reported) / clock.Elapsed.TotalSeconds:F1} evaluations/s, {runtime?.Running ?? 0} chunks running"));
                            reported = done;
                        }

                        clock.Restart();
                    }
                }
                catch (OperationCanceledException)
                {
                    // Ctrl-C: leave the cluster cleanly, so drivers move this worker's candidates at once
                }

                using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                await host.StopAsync(stop.Token).ConfigureAwait(false);
                stderr.WriteLine("neuro worker: left the cluster");
            }

            return Program.Success;
        });
        return command;
    }

    private static OpenClLifetimeBatch? OpenDevice(ParseResult result, BackendOptions backend)
    {
        string name = result.GetValue(backend.Backend) ?? "cpu";
        int? device = result.GetValue(backend.Device);
        return name switch
        {
            "cpu" => device is null ? null : throw new UsageException("--device selects an OpenCL device; it needs --backend opencl"),
            "opencl" => device is < 0 ? throw new UsageException($"--device must be 0 or more, not {device}") : new OpenClLifetimeBatch(OpenClPlatforms.Device(device ?? 0)),
            _ => throw new UsageException($"Unknown --backend '{name}'; expected cpu or opencl"),
        };
    }
}
