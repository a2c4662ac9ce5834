using Neuro.Rules.Data;
using Neuro.Rules.Evolution;

namespace Neuro.Rules.Patterns;

/// <summary>
/// Fitness as users meet a rule: a long online lifetime, then accuracy on samples the lifetime never saw. For each of
/// <see cref="Repeats"/> repeats: pick one of the datasets, a fresh network, a window of <see cref="LifetimeSamples"/>
/// samples to learn from (<see cref="Passes"/> online passes, no resets), and the next <see cref="HoldoutSamples"/>
/// samples to score with frozen weights; fitness is the mean holdout accuracy.
/// </summary>
/// <remarks>
/// Joosten's batch protocol (<see cref="JoostenBatchEvaluator"/>) scores a rule on the very batch it just learned, over a
/// 100-sample lifetime, which rewards rules that memorize quickly and says little about lifetimes of thousands of
/// samples. This evaluator selects for what the test set and the transfer test measure. Several datasets (e.g. synthetic
/// tasks from different seeds) select for rules that transfer. All draws come from
/// <c>SeedSequence(context.Seed, generation, repeat)</c>, shared by every candidate of a generation.
/// </remarks>
public sealed class HoldoutLifetimeEvaluator : IRuleEvaluator<PatternRule>
{
    private readonly Dataset[] datasets;
    private readonly Func<PatternNetworkSpec, PatternRule, IPatternNetwork> networks;

    /// <summary>Creates the evaluator; every dataset must match the network's shape and hold lifetime + holdout samples.</summary>
    /// <param name="datasets">Datasets lifetimes are drawn from.</param>
    /// <param name="network">Network shape.</param>
    /// <param name="lifetimeSamples">Samples learned from per lifetime.</param>
    /// <param name="holdoutSamples">Unseen samples scored per lifetime.</param>
    /// <param name="passes">Online passes over the lifetime window.</param>
    /// <param name="repeats">Lifetimes per evaluation.</param>
    /// <param name="varyNetwork">Fresh masks per lifetime.</param>
    /// <param name="networks">Builds the network a lifetime runs on (default: the float reference).</param>
    public HoldoutLifetimeEvaluator(
        IReadOnlyList<Dataset> datasets,
        PatternNetworkSpec network,
        int lifetimeSamples = 1000,
        int holdoutSamples = 500,
        int passes = 1,
        int repeats = 2,
        bool varyNetwork = true,
        Func<PatternNetworkSpec, PatternRule, IPatternNetwork>? networks = null)
    {
        this.networks = networks ?? PatternNetworks.Float;
        ArgumentNullException.ThrowIfNull(datasets);
        ArgumentNullException.ThrowIfNull(network);
        network.Validate();
        if (datasets.Count == 0)
        {
            throw new ArgumentException("At least one dataset is needed", nameof(datasets));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(lifetimeSamples, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(holdoutSamples, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(passes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        foreach (var d in datasets)
        {
            if (d.Features != network.Inputs || d.Classes != network.Classes)
            {
                throw new ArgumentException($"A dataset has {d.Features} features and {d.Classes} classes; the network {network.Inputs} inputs and {network.Classes} classes");
            }

            if (d.Count < lifetimeSamples + holdoutSamples)
            {
                throw new ArgumentException($"A dataset has {d.Count} samples; lifetime {lifetimeSamples} + holdout {holdoutSamples} need more");
            }
        }

        this.datasets = [.. datasets];
        Network = network;
        LifetimeSamples = lifetimeSamples;
        HoldoutSamples = holdoutSamples;
        Passes = passes;
        Repeats = repeats;
        VaryNetwork = varyNetwork;
    }

    /// <summary>Network shape (its seed is replaced per repeat when <see cref="VaryNetwork"/>).</summary>
    public PatternNetworkSpec Network { get; }

    /// <summary>Samples learned from in each lifetime.</summary>
    public int LifetimeSamples { get; }

    /// <summary>Unseen samples scored after each lifetime.</summary>
    public int HoldoutSamples { get; }

    /// <summary>Online passes over the lifetime window.</summary>
    public int Passes { get; }

    /// <summary>Lifetimes per evaluation.</summary>
    public int Repeats { get; }

    /// <summary>Whether each lifetime gets freshly drawn masks.</summary>
    public bool VaryNetwork { get; }

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

    /// <summary>The lifetimes <see cref="Evaluate"/> runs in <paramref name="context"/>: per repeat, a lifetime window and the unseen samples after it.</summary>
    public IReadOnlyList<PatternLifetimePlan> Lifetimes(EvaluationContext context)
    {
        var plans = new PatternLifetimePlan[Repeats];
        for (int r = 0; r < Repeats; r++)
        {
            var random = SeedSequence.Random(context.Seed, context.Generation, r);
            var data = datasets[random.Next(datasets.Length)];
            var spec = VaryNetwork ? Network with { Seed = random.Next() } : Network;
            int start = random.Next(data.Count - LifetimeSamples - HoldoutSamples + 1);
            plans[r] = new PatternLifetimePlan(spec, data.Subset(start, LifetimeSamples), Passes, data.Subset(start + LifetimeSamples, HoldoutSamples));
        }

        return plans;
    }
}
