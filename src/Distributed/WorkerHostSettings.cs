using System.Net;

namespace Neuro.Distributed;

/// <summary>Where a worker silo joins and how it is reached.</summary>
/// <param name="Cluster">The Redis membership store.</param>
public sealed record WorkerHostSettings(ClusterAddress Cluster)
{
    /// <summary>The address other members reach this worker at; null: the local address this machine reaches Redis from.</summary>
    public IPAddress? AdvertisedAddress { get; init; }

    /// <summary>Silo-to-silo port; 0 picks a free one.</summary>
    public int SiloPort { get; init; }

    /// <summary>Port drivers connect to; 0 picks a free one.</summary>
    public int GatewayPort { get; init; }

    /// <summary>Cluster TLS, or null for plain TCP.</summary>
    public ClusterTls? Tls { get; init; }

    /// <summary>
    /// The liveness probe timeout (default 2 s). Workers probe each other; a worker that misses
    /// <see cref="MissedProbes"/> probes in a row is voted dead, which takes about <c>MissedProbes × ProbeTimeout</c>
    /// (6 s by default) plus the vote, and its candidates go to other workers.
    /// </summary>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Missed probes after which a worker is suspected dead (default 3).</summary>
    public int MissedProbes { get; init; } = 3;

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Cluster);
        foreach (var (name, port) in new[] { (nameof(SiloPort), SiloPort), (nameof(GatewayPort), GatewayPort) })
        {
            if (port is < 0 or > 65535)
            {
                throw new ArgumentException($"{name} must be 0..65535, not {port}");
            }
        }

        if (ProbeTimeout <= TimeSpan.Zero || MissedProbes < 1)
        {
            throw new ArgumentException($"ProbeTimeout must be positive and MissedProbes at least 1, not {ProbeTimeout} and {MissedProbes}");
        }
    }
}
