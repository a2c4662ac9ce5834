using Neuro.Rules.Data;
using Neuro.Rules.Evolution;

namespace Neuro.Rules.Patterns;

/// <summary>
/// Joosten's fitness (DESIGN.md §3) on the float reference: for each of <see cref="Batches"/> batches of
/// <see cref="BatchSize"/> samples drawn from the training set, reset the weights, make one plastic pass over the batch,
/// and score the accuracy on the same batch with frozen weights; fitness is the mean.
/// </summary>
/// <remarks>
/// Batches (and, with <see cref="VaryNetwork"/>, the network's masks) are drawn from
/// <c>SeedSequence(context.Seed, generation, batch)</c>: every candidate of a generation sees the same batches, and a
/// new generation sees new ones, so rules are selected for learning, not for memorizing one batch or one network.
/// </remarks>
/// <param name="train">The training set batches are drawn from.</param>
/// <param name="network">Shape of the network; its seed is used as is unless <paramref name="varyNetwork"/>.</param>
/// <param name="batches">Batches per evaluation.</param>
/// <param name="batchSize">Samples per batch (Joosten: 100).</param>
/// <param name="varyNetwork">Draw new masks per batch (true) or keep the spec's (false).</param>
/// <param name="networks">Builds the network a lifetime runs on (default: the float reference); the fixed-point
/// library passes its integer network here, so fitness is evaluated at the target widths.</param>
public sealed class JoostenBatchEvaluator(
    Dataset train,
    PatternNetworkSpec network,
    int batches = 4,
    int batchSize = 100,
    bool varyNetwork = true,
    Func<PatternNetworkSpec, PatternRule, IPatternNetwork>? networks = null)
    : IRuleEvaluator<PatternRule>
{
    private readonly Func<PatternNetworkSpec, PatternRule, IPatternNetwork> networks = networks ?? PatternNetworks.Float;

    private readonly Dataset train = train ?? throw new ArgumentNullException(nameof(train));

    /// <summary>Network shape.</summary>
    public PatternNetworkSpec Network { get; } = Validated(network, train);

    /// <summary>Batches per evaluation.</summary>
    public int Batches { get; } = batches >= 1 ? batches : throw new ArgumentOutOfRangeException(nameof(batches), batches, $"Batches must be at least 1, not {batches}");

    /// <summary>Samples per batch.</summary>
    public int BatchSize { get; } = batchSize >= 1 && batchSize <= train.Count
        ? batchSize
        : throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"BatchSize must be 1..{train.Count} (the training set), not {batchSize}");

    /// <summary>Whether each batch gets freshly drawn masks.</summary>
    public bool VaryNetwork { get; } = varyNetwork;

    /// <inheritdoc/>
    public bool IsDeterministic => true;

    /// <inheritdoc/>
    public bool EvaluatorsHaveState => false;

    /// <inheritdoc/>
    public Fitness Evaluate(PatternRule rule, EvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var plans = Lifetimes(context);
        double sum = 0;
        foreach (var plan in plans)
        {
            sum += plan.Run(networks(plan.Spec, rule));
        }

        return new Fitness(sum / plans.Count);
    }

    /// <summary>The lifetimes <see cref="Evaluate"/> runs in <paramref name="context"/>: per batch, one pass over the batch, then the same batch frozen.</summary>
    public IReadOnlyList<PatternLifetimePlan> Lifetimes(EvaluationContext context)
    {
        var plans = new PatternLifetimePlan[Batches];
        for (int b = 0; b < Batches; b++)
        {
            var random = SeedSequence.Random(context.Seed, context.Generation, b);
            var spec = VaryNetwork ? Network with { Seed = random.Next() } : Network;
            var batch = Batch(random);
            plans[b] = new PatternLifetimePlan(spec, batch, 1, batch);
        }

        return plans;
    }

    private Dataset Batch(Random random)
    {
        int start = random.Next(train.Count - BatchSize + 1);
        return train.Subset(start, BatchSize);
    }

    private static PatternNetworkSpec Validated(PatternNetworkSpec network, Dataset train)
    {
        ArgumentNullException.ThrowIfNull(network);
        network.Validate();
        if (network.Inputs != train.Features || network.Classes != train.Classes)
        {
            throw new ArgumentException(
                $"The network has {network.Inputs} inputs and {network.Classes} classes; the data has {train.Features} features and {train.Classes} classes");
        }

        return network;
    }
}
