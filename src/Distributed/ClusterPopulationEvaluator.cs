using Neuro.Rules.Evolution;

namespace Neuro.Distributed;

/// <summary>
/// Scores populations on a cluster of <c>neuro worker</c> silos, behind the same evaluator interface the local
/// evaluators implement: <see cref="PopulationEvaluator"/> and the optimizers do not know where a lifetime ran.
/// </summary>
/// <remarks>
/// Each candidate travels as its encoded rule with the run's configuration text and the evaluation context (seed,
/// generation); the worker rebuilds the run's evaluator from the configuration and scores the rule, so a fitness depends
/// on nothing a worker or the order of arrival could change, and the results are bit-identical to an in-process run on
/// any number of workers. Candidates of a lost worker are dispatched again (see <see cref="ClusterSettings"/>).
/// Thread-safe: concurrent <see cref="EvaluateAll"/> calls share the workers.
/// </remarks>
/// <typeparam name="TRule">The rule type.</typeparam>
public sealed class ClusterPopulationEvaluator<TRule> : IPopulationRuleEvaluator<TRule>, IAsyncDisposable, IDisposable
{
    private readonly IRuleCodec<TRule> codec;
    private readonly CandidateDispatcher dispatcher;

    /// <summary>Creates the evaluator over a connected cluster client.</summary>
    /// <param name="grains">The cluster client (or any grain factory of the cluster).</param>
    /// <param name="config">The run's configuration text, from which each worker's <see cref="IWorkerJobFactory"/> builds the evaluator.</param>
    /// <param name="codec">Writes rules for the wire.</param>
    /// <param name="settings">Dispatch settings (default: <see cref="ClusterSettings"/>'s).</param>
    public ClusterPopulationEvaluator(IGrainFactory grains, string config, IRuleCodec<TRule> codec, ClusterSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentException.ThrowIfNullOrEmpty(config);
        this.codec = codec ?? throw new ArgumentNullException(nameof(codec));
        settings ??= new ClusterSettings();
        settings.Validate();
        dispatcher = new CandidateDispatcher(grains, config, settings);
    }

    /// <inheritdoc/>
    public bool IsDeterministic => true;

    /// <inheritdoc/>
    public bool EvaluatorsHaveState => false;

    /// <inheritdoc/>
    public bool AcceptsConcurrentCalls => true;

    /// <summary>Candidates scored so far.</summary>
    public long Completed => dispatcher.Completed;

    /// <summary>Candidates dispatched again after their worker was lost.</summary>
    public long Redispatched => dispatcher.Redispatched;

    /// <summary>Workers receiving candidates now.</summary>
    public int Workers => dispatcher.Workers;

    /// <summary>Candidates scored per worker silo.</summary>
    public IReadOnlyDictionary<string, long> CompletedBySilo => dispatcher.CompletedBySilo;

    /// <inheritdoc/>
    public Fitness Evaluate(TRule rule, EvaluationContext context) => EvaluateAll([rule], context)[0];

    /// <inheritdoc/>
    public IReadOnlyList<Fitness> EvaluateAll(IReadOnlyList<TRule> rules, EvaluationContext context, CancellationToken cancellation = default) =>
        EvaluateAllAsync(rules, context, cancellation).GetAwaiter().GetResult();

    /// <summary>Scores every rule on the cluster; the fitnesses are in the order of <paramref name="rules"/>.</summary>
    /// <exception cref="ClusterEvaluationException">A worker's evaluator failed on a candidate.</exception>
    /// <exception cref="ClusterUnavailableException">No worker took candidates for <see cref="ClusterSettings.NoWorkerTimeout"/>.</exception>
    public async Task<IReadOnlyList<Fitness>> EvaluateAllAsync(IReadOnlyList<TRule> rules, EvaluationContext context, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var tasks = rules.Select(rule => dispatcher.Submit(codec.Encode(rule), context, cancellation)).ToArray();
        double[] values = await Task.WhenAll(tasks).WaitAsync(cancellation).ConfigureAwait(false);
        return [.. values.Select(v => new Fitness(v))];
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => dispatcher.DisposeAsync();

    /// <inheritdoc/>
    public void Dispose() => dispatcher.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
