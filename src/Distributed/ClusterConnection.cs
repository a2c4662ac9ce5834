using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace Neuro.Distributed;

/// <summary>A driver's connection to a cluster: an Orleans client that finds the workers through the Redis membership.</summary>
public sealed class ClusterConnection : IAsyncDisposable
{
    private readonly IHost host;

    private ClusterConnection(IHost host, ClusterAddress address)
    {
        this.host = host;
        Address = address;
        Client = host.Services.GetRequiredService<IClusterClient>();
    }

    /// <summary>The membership store this connection found the cluster through.</summary>
    public ClusterAddress Address { get; }

    /// <summary>The cluster client, for <see cref="ClusterPopulationEvaluator{TRule}"/>.</summary>
    public IClusterClient Client { get; }

    /// <summary>Connects, or fails within <paramref name="timeout"/>.</summary>
    /// <param name="address">The Redis membership store.</param>
    /// <param name="tls">Cluster TLS, or null for plain TCP.</param>
    /// <param name="callTimeout">Longest a call may run (the client's response timeout is set just above it).</param>
    /// <param name="timeout">Longest the connection attempt may take.</param>
    /// <exception cref="ClusterUnavailableException">Redis cannot be reached, or no worker is registered there, or the workers refuse the connection.</exception>
    public static async Task<ClusterConnection> ConnectAsync(ClusterAddress address, ClusterTls? tls, TimeSpan callTimeout, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(address);
        var host = new HostBuilder()
            .UseOrleansClient(client =>
            {
                client.UseRedisClustering(o => o.ConfigurationOptions = ClusterIdentity.Redis(address));
                client.Configure<ClusterOptions>(ClusterIdentity.Apply);
                client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = callTimeout + TimeSpan.FromMinutes(1));
                tls?.ApplyTo(client);
            })
            .Build();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await host.StartAsync(cancel.Token).ConfigureAwait(false);
            return new ClusterConnection(host, address);
        }
#pragma warning disable CA1031 // Whatever stops the connection (Redis, no gateway, TLS), the user gets one line.
        catch (Exception e)
#pragma warning restore CA1031
        {
            host.Dispose();
            string reason = e is OperationCanceledException ? $"no answer within {timeout.TotalSeconds:F0} s" : e.Message;
            throw new ClusterUnavailableException($"Cannot reach the cluster at {address}: {reason.ReplaceLineEndings(" ")}", e);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await host.StopAsync(cancel.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // closing anyway
        }

        host.Dispose();
    }
}
