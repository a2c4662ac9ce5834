using Neuro.Distributed;
using Neuro.Rules.Patterns;

namespace Neuro.Cli;

/// <summary><c>neuro evolve --cluster</c>: the driver's connection and the cluster evaluator every generation goes through.</summary>
internal sealed class ClusterEvaluation : IDisposable
{
    private readonly ClusterConnection connection;

    private ClusterEvaluation(ClusterConnection connection, ClusterPopulationEvaluator<PatternRule> evaluator)
    {
        this.connection = connection;
        Evaluator = evaluator;
    }

    /// <summary>The cluster's membership store.</summary>
    internal ClusterAddress Address => connection.Address;

    /// <summary>The evaluator that dispatches candidates to the workers.</summary>
    internal ClusterPopulationEvaluator<PatternRule> Evaluator { get; }

    /// <summary>Connects to the cluster; an unreachable one is a <see cref="UsageException"/> (exit 2), never a local run.</summary>
    /// <param name="address">The Redis membership store.</param>
    /// <param name="tls">Cluster TLS, or null.</param>
    /// <param name="config">The run's configuration JSON, from which each worker builds the evaluator.</param>
    /// <param name="stderr">Where progress and worker events go.</param>
    internal static ClusterEvaluation Connect(ClusterAddress address, ClusterTls? tls, string config, TextWriter stderr)
    {
        var settings = new ClusterSettings
        {
            Log = line => stderr.WriteLine($"neuro evolve: {line}"),
            Progress = progress => stderr.WriteLine(progress.ToString()),
        };
        ClusterConnection connection;
        try
        {
            connection = ClusterConnection.ConnectAsync(address, tls, settings.CallTimeout, TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
        }
        catch (ClusterUnavailableException e)
        {
            throw new UsageException(e.Message, e);
        }

        return new ClusterEvaluation(connection, new ClusterPopulationEvaluator<PatternRule>(connection.Client, config, new PatternRuleCodec(), settings));
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Evaluator.Dispose();
        connection.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
