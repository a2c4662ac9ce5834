namespace Neuro.Rules.Evolution;

/// <summary>
/// An evaluator that scores many rules at once better than one by one (e.g. one device launch for a whole generation).
/// <see cref="PopulationEvaluator"/> hands it every viable candidate of a generation in one call.
/// </summary>
/// <typeparam name="TRule">The rule type.</typeparam>
public interface IPopulationRuleEvaluator<TRule> : IRuleEvaluator<TRule>
{
    /// <summary>
    /// Scores every rule in <paramref name="rules"/> in <paramref name="context"/>; result <c>i</c> must equal
    /// <see cref="IRuleEvaluator{TRule}.Evaluate"/> of rule <c>i</c> alone.
    /// </summary>
    IReadOnlyList<Fitness> EvaluateAll(IReadOnlyList<TRule> rules, EvaluationContext context, CancellationToken cancellation = default);

    /// <summary>
    /// True when <see cref="EvaluateAll"/> may be called from several threads at once (a cluster's dispatcher), so the
    /// batches of <see cref="PopulationEvaluator.EvaluateBatches{TRule}"/> run concurrently; false (the default) keeps
    /// them one after another (a device queue).
    /// </summary>
    bool AcceptsConcurrentCalls => false;
}
