using System.CommandLine;
using Neuro.Distributed;

namespace Neuro.Cli;

/// <summary>
/// <c>--cluster redis://HOST:PORT</c> and <c>--tls-cert FILE</c>, shared by <c>neuro evolve</c> (the driver) and
/// <c>neuro worker</c>. The certificate's password, if any, comes from the <c>NEURO_TLS_PASSWORD</c> environment
/// variable, never from the command line (which other users of the machine can read).
/// </summary>
internal sealed class ClusterCommandOptions
{
    /// <summary>The environment variable holding the certificate file's password.</summary>
    internal const string PasswordVariable = "NEURO_TLS_PASSWORD";

    /// <summary>The cluster option.</summary>
    internal Option<string?> Cluster { get; } = new("--cluster")
    {
        Description = "The Redis server holding the cluster's membership; see docs/distributed.md",
        HelpName = "redis://HOST:PORT",
    };

    /// <summary>The TLS certificate option.</summary>
    internal Option<string?> TlsCertificate { get; } = new("--tls-cert")
    {
        Description = $"Cluster traffic over TLS: a PKCS#12 file (certificate and key) shared by every worker and the driver; password in ${PasswordVariable}",
        HelpName = "FILE.pfx",
    };

    /// <summary>Adds both options to <paramref name="command"/>.</summary>
    internal void AddTo(Command command)
    {
        command.Options.Add(Cluster);
        command.Options.Add(TlsCertificate);
    }

    /// <summary>The cluster address, or null when <c>--cluster</c> was not given.</summary>
    internal ClusterAddress? Address(ParseResult result)
    {
        if (result.GetValue(Cluster) is not { } text)
        {
            return result.GetValue(TlsCertificate) is null ? null : throw new UsageException("--tls-cert needs --cluster");
        }

        try
        {
            return ClusterAddress.Parse(text);
        }
        catch (FormatException e)
        {
            throw new UsageException($"--cluster: {e.Message}", e);
        }
    }

    /// <summary>The cluster TLS settings, or null for plain TCP.</summary>
    internal ClusterTls? Tls(ParseResult result)
    {
        if (result.GetValue(TlsCertificate) is not { } path)
        {
            return null;
        }

        try
        {
            return ClusterTls.Load(path, Environment.GetEnvironmentVariable(PasswordVariable));
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--tls-cert: {e.Message}", e);
        }
    }
}
