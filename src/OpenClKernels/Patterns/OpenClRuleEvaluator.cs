using Neuro.FixedPointSim.Patterns;
using Neuro.Rules.Evolution;
using Neuro.Rules.Patterns;

namespace Neuro.OpenClKernels.Patterns;

/// <summary>
/// Scores a rule on an OpenCL device: the lifetimes an evaluator defines (<see cref="JoostenBatchEvaluator.Lifetimes"/>,
/// <see cref="HoldoutLifetimeEvaluator.Lifetimes"/>) run in one launch of an <see cref="OpenClLifetimeBatch"/>, and the
/// fitness is the mean holdout accuracy, exactly as the evaluator computes it on the fixed-point CPU network.
/// </summary>
/// <param name="lifetimes">The evaluator's lifetimes for a context.</param>
/// <param name="batch">The device runner (shared; runs take turns).</param>
/// <param name="precision">The signal types.</param>
public sealed class OpenClRuleEvaluator(
    Func<EvaluationContext, IReadOnlyList<PatternLifetimePlan>> lifetimes,
    OpenClLifetimeBatch batch,
    PrecisionConfig precision) : IRuleEvaluator<PatternRule>
{
    private readonly Func<EvaluationContext, IReadOnlyList<PatternLifetimePlan>> lifetimes = lifetimes ?? throw new ArgumentNullException(nameof(lifetimes));
    private readonly OpenClLifetimeBatch batch = batch ?? throw new ArgumentNullException(nameof(batch));
    private readonly PrecisionConfig precision = precision ?? throw new ArgumentNullException(nameof(precision));

    /// <inheritdoc/>
    public bool IsDeterministic => true;

    /// <inheritdoc/>
    public bool EvaluatorsHaveState => false;

    /// <inheritdoc/>
    public Fitness Evaluate(PatternRule rule, EvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var plans = lifetimes(context);
        var results = batch.Run([.. plans.Select(p => new FixedLifetime(p.Spec, rule, p.Train, p.Passes, p.Holdout))], precision);
        double sum = 0;
        foreach (var r in results)
        {
            sum += r.HoldoutAccuracy!.Value;
        }

        return new Fitness(sum / results.Length);
    }
}
