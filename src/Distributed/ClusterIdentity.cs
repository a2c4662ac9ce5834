using Orleans.Configuration;

namespace Neuro.Distributed;

/// <summary>The Orleans cluster and service ids every Neuro worker and driver use; one Redis database holds one cluster.</summary>
internal static class ClusterIdentity
{
    /// <summary>The cluster id (the Redis key prefix of the membership table).</summary>
    internal const string ClusterId = "neuro";

    /// <summary>The service id.</summary>
    internal const string ServiceId = "neuro";

    /// <summary>Sets both ids.</summary>
    internal static void Apply(ClusterOptions options)
    {
        options.ClusterId = ClusterId;
        options.ServiceId = ServiceId;
    }

    /// <summary>The Redis configuration for <paramref name="address"/>: fail fast when Redis is unreachable.</summary>
    internal static StackExchange.Redis.ConfigurationOptions Redis(ClusterAddress address)
    {
        var options = StackExchange.Redis.ConfigurationOptions.Parse(address.RedisConfiguration);
        options.AbortOnConnectFail = true;
        options.ConnectTimeout = 3000;
        options.ConnectRetry = 0;
        return options;
    }
}
