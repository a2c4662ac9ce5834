using Neuro.FixedPointSim.Patterns;
using Neuro.Rules.Evolution;
using Neuro.Rules.Patterns;

namespace Neuro.OpenClKernels.Patterns;

/// <summary>
/// Scores a rule on an OpenCL device: the lifetimes an evaluator defines (<see cref="JoostenBatchEvaluator.Lifetimes"/>,
/// <see cref="HoldoutLifetimeEvaluator.Lifetimes"/>) run in one launch of an <see cref="OpenClLifetimeBatch"/>, and the
/// fitness is the mean holdout accuracy, exactly as the evaluator computes it on the fixed-point CPU network. A whole
/// generation (<see cref="EvaluateAll"/>) runs as one launch, and no final weights are read back.
/// </summary>
/// <param name="lifetimes">The evaluator's lifetimes for a context.</param>
/// <param name="batch">The device runner (shared; runs take turns).</param>
/// <param name="precision">The signal types.</param>
public sealed class OpenClRuleEvaluator(
    Func<EvaluationContext, IReadOnlyList<PatternLifetimePlan>> lifetimes,
    OpenClLifetimeBatch batch,
    PrecisionConfig precision) : IPopulationRuleEvaluator<PatternRule>
{
    private readonly Func<EvaluationContext, IReadOnlyList<PatternLifetimePlan>> lifetimes = lifetimes ?? throw new ArgumentNullException(nameof(lifetimes));
    private readonly OpenClLifetimeBatch batch = batch ?? throw new ArgumentNullException(nameof(batch));
    private readonly PrecisionConfig precision = precision ?? throw new ArgumentNullException(nameof(precision));

    /// <inheritdoc/>
    public bool IsDeterministic => true;

    /// <inheritdoc/>
    public bool EvaluatorsHaveState => false;

    /// <inheritdoc/>
    public Fitness Evaluate(PatternRule rule, EvaluationContext context) => EvaluateAll([rule], context)[0];

    /// <inheritdoc/>
    public IReadOnlyList<Fitness> EvaluateAll(IReadOnlyList<PatternRule> rules, EvaluationContext context, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var plans = lifetimes(context);
        var all = new List<FixedLifetime>(rules.Count * plans.Count);
        foreach (var rule in rules)
        {
            ArgumentNullException.ThrowIfNull(rule);
            all.AddRange(plans.Select(p => new FixedLifetime(p.Spec, rule, p.Train, p.Passes, p.Holdout)));
        }

        var results = batch.RunAccuracies(all, precision, cancellation);
        var fitness = new Fitness[rules.Count];
        for (int r = 0; r < rules.Count; r++)
        {
            // Summed in plan order, as the CPU evaluators sum, so the double is the same.
            double sum = 0;
            for (int k = 0; k < plans.Count; k++)
            {
                sum += results[(r * plans.Count) + k].HoldoutAccuracy!.Value;
            }

            fitness[r] = new Fitness(sum / plans.Count);
        }

        return fitness;
    }
}
