using Neuro.Rules.Patterns;

namespace Neuro.FixedPointSim.Patterns;

/// <summary>
/// Runs many independent lifetimes (a population of rules × datasets × network seeds) on all cores, one network
/// instance per lifetime. Each result depends only on its lifetime, never on the thread that ran it, and is written at
/// its index, so the results are identical for any thread count.
/// </summary>
public static class FixedLifetimeBatch
{
    /// <summary>Runs every lifetime on a <see cref="FastFixedPatternNetwork"/> with <paramref name="precision"/>.</summary>
    /// <inheritdoc cref="Run(IReadOnlyList{FixedLifetime}, Func{FixedLifetime, IPatternNetwork}, int, CancellationToken)"/>
    public static FixedLifetimeResult[] Run(
        IReadOnlyList<FixedLifetime> lifetimes, PrecisionConfig precision, int threads = 0, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(precision);
        return Run(lifetimes, lifetime => new FastFixedPatternNetwork(lifetime.Spec, lifetime.Rule, precision), threads, cancellation);
    }

    /// <summary>
    /// Runs every lifetime on the network <paramref name="createNetwork"/> makes for it (any implementation: fast or
    /// plain fixed point, the float reference): reset, <see cref="PatternLifetime.Train"/> for
    /// <see cref="FixedLifetime.Passes"/> passes, then <see cref="PatternLifetime.Accuracy"/> on the holdout if there is one.
    /// </summary>
    /// <param name="lifetimes">The lifetimes; result <c>i</c> belongs to lifetime <c>i</c>.</param>
    /// <param name="createNetwork">Makes a fresh network for a lifetime; called concurrently, so it must be thread-safe,
    /// and it must be deterministic for the results to be.</param>
    /// <param name="threads">Worker threads; 0 means all cores.</param>
    /// <param name="cancellation">Stops between lifetimes.</param>
    /// <exception cref="ArgumentException">A lifetime's data does not match its network, or its passes are below 1; the
    /// message names the lifetime.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threads"/> is negative.</exception>
    public static FixedLifetimeResult[] Run(
        IReadOnlyList<FixedLifetime> lifetimes,
        Func<FixedLifetime, IPatternNetwork> createNetwork,
        int threads = 0,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(lifetimes);
        ArgumentNullException.ThrowIfNull(createNetwork);
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        Validate(lifetimes);

        var results = new FixedLifetimeResult[lifetimes.Count];
        var options = new ParallelOptions
        {
            MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount,
            CancellationToken = cancellation,
        };
        Parallel.For(0, lifetimes.Count, options, i => results[i] = RunOne(lifetimes[i], createNetwork(lifetimes[i])));
        return results;
    }

    /// <summary>
    /// Checks every lifetime as <see cref="Run(IReadOnlyList{FixedLifetime}, Func{FixedLifetime, IPatternNetwork}, int, CancellationToken)"/>
    /// does before any work (other backends that run lifetimes check them the same way).
    /// </summary>
    /// <exception cref="ArgumentException">A lifetime, its spec, rule or training data is null, its data does not match its
    /// network, or its passes are below 1; the message names the lifetime.</exception>
    public static void Validate(IReadOnlyList<FixedLifetime> lifetimes)
    {
        ArgumentNullException.ThrowIfNull(lifetimes);
        for (int i = 0; i < lifetimes.Count; i++)
        {
            if (Problem(lifetimes[i], i) is { } problem)
            {
                throw new ArgumentException(problem, nameof(lifetimes));
            }
        }
    }

    private static FixedLifetimeResult RunOne(FixedLifetime lifetime, IPatternNetwork network)
    {
        network.Reset();
        double online = PatternLifetime.Train(network, lifetime.Train, lifetime.Passes);
        double? holdout = lifetime.Holdout is { } data ? PatternLifetime.Accuracy(network, data) : null;
        return new FixedLifetimeResult(online, holdout);
    }

    private static string? Problem(FixedLifetime? lifetime, int index)
    {
        if (lifetime is null || lifetime.Spec is null || lifetime.Rule is null || lifetime.Train is null)
        {
            return $"Lifetime {index} or its spec, rule or training data is null";
        }

        var spec = lifetime.Spec;
        if (lifetime.Passes < 1)
        {
            return $"Lifetime {index}: Passes must be at least 1, not {lifetime.Passes}";
        }

        foreach (var (name, data) in new[] { ("training", lifetime.Train), ("holdout", lifetime.Holdout) })
        {
            if (data is not null && (data.Features != spec.Inputs || data.Classes != spec.Classes))
            {
                return $"Lifetime {index}: the {name} data has {data.Features} features and {data.Classes} classes; the network {spec.Inputs} inputs and {spec.Classes} classes";
            }
        }

        return null;
    }
}
