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
}
