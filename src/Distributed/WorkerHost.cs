using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Runtime;

namespace Neuro.Distributed;

/// <summary>Builds the host of a <c>neuro worker</c>: an Orleans silo in the Redis-membership cluster, running evaluation grains.</summary>
public static class WorkerHost
{
    /// <summary>The silo host (not started).</summary>
    public static IHost Build(WorkerHostSettings host, WorkerSettings settings, IWorkerJobFactory factory)
    {
        ArgumentNullException.ThrowIfNull(host);
        host.Validate();
        var advertised = host.AdvertisedAddress ?? LocalAddressTowards(host.Cluster);
        int siloPort = host.SiloPort == 0 ? FreePort() : host.SiloPort;
        int gatewayPort = host.GatewayPort == 0 ? FreePort() : host.GatewayPort;
        return new HostBuilder()
            .UseOrleans(silo =>
            {
                silo.UseRedisClustering(o => o.ConfigurationOptions = ClusterIdentity.Redis(host.Cluster));
                silo.Configure<ClusterOptions>(ClusterIdentity.Apply);
                silo.Configure<EndpointOptions>(o =>
                {
                    o.AdvertisedIPAddress = advertised;
                    o.SiloPort = siloPort;
                    o.GatewayPort = gatewayPort;
                    o.SiloListeningEndpoint = new IPEndPoint(IPAddress.Any, siloPort);
                    o.GatewayListeningEndpoint = new IPEndPoint(IPAddress.Any, gatewayPort);
                });
                silo.Configure<ClusterMembershipOptions>(o =>
                {
                    o.ProbeTimeout = host.ProbeTimeout;
                    o.NumMissedProbesLimit = host.MissedProbes;
                });
                host.Tls?.ApplyTo(silo);
                silo.AddNeuroWorker(settings, factory);
            })
            .Build();
    }

    /// <summary>The worker's silo address once the host has started.</summary>
    public static string SiloAddress(IHost started)
    {
        ArgumentNullException.ThrowIfNull(started);
        return started.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToString();
    }

    /// <summary>The local address a packet to Redis would leave from (no packet is sent); loopback for a local Redis.</summary>
    private static IPAddress LocalAddressTowards(ClusterAddress cluster)
    {
        var target = IPAddress.TryParse(cluster.Host, out var ip) ? ip : Dns.GetHostAddresses(cluster.Host).First(a => a.AddressFamily == AddressFamily.InterNetwork);
        if (IPAddress.IsLoopback(target))
        {
            return IPAddress.Loopback;
        }

        using var socket = new Socket(target.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        socket.Connect(target, cluster.Port);
        return ((IPEndPoint)socket.LocalEndPoint!).Address;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
