using Neuro.Rules.Evolution;

namespace Neuro.Distributed;

/// <summary>
/// A job over rules of type <typeparamref name="TRule"/>: decodes each rule and scores it with evaluators from
/// <c>evaluators</c>, one whole chunk in one call when the evaluator scores populations (an OpenCL launch).
/// </summary>
/// <typeparam name="TRule">The rule type.</typeparam>
/// <param name="codec">Reads the rules the driver encoded.</param>
/// <param name="evaluators">Makes an evaluator; called once, or once per concurrent call when evaluators have state.</param>
public sealed class WorkerJob<TRule>(IRuleCodec<TRule> codec, Func<IRuleEvaluator<TRule>> evaluators) : IWorkerJob
{
    private readonly IRuleCodec<TRule> codec = codec ?? throw new ArgumentNullException(nameof(codec));
    private readonly Func<IRuleEvaluator<TRule>> evaluators = evaluators ?? throw new ArgumentNullException(nameof(evaluators));
    private readonly Lazy<IRuleEvaluator<TRule>> shared = new(evaluators);
    private readonly System.Collections.Concurrent.ConcurrentBag<IRuleEvaluator<TRule>> spare = [];

    /// <inheritdoc/>
    public double[] Evaluate(IReadOnlyList<string> rules, EvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var decoded = rules.Select(codec.Decode).ToArray();
        var first = shared.Value;
        if (first is IPopulationRuleEvaluator<TRule> population)
        {
            var scores = population.EvaluateAll(decoded, context);
            return scores.Count == decoded.Length
                ? [.. scores.Select(s => s.Value)]
                : throw new InvalidOperationException($"{population.GetType().Name}.EvaluateAll returned {scores.Count} fitnesses for {decoded.Length} rules");
        }

        var evaluator = first.EvaluatorsHaveState ? (spare.TryTake(out var e) ? e : evaluators()) : first;
        try
        {
            return [.. decoded.Select(rule => evaluator.Evaluate(rule, context).Value)];
        }
        finally
        {
            if (first.EvaluatorsHaveState)
            {
                spare.Add(evaluator);
            }
        }
    }
}
