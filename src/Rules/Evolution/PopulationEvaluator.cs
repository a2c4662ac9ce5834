namespace Neuro.Rules.Evolution;

/// <summary>
/// Decodes and evaluates a population on all cores. Each result depends only on its candidate and the context, never on
/// which thread ran it, so the fitnesses are identical for any thread count.
/// </summary>
public static class PopulationEvaluator
{
    /// <summary>Fitness of every candidate, in order; a candidate that decodes to no rule scores <see cref="Fitness.NonViable"/>.</summary>
    /// <param name="candidates">Gene vectors from <see cref="IOptimizer.Ask"/>.</param>
    /// <param name="decoder">Genome → rule.</param>
    /// <param name="evaluatorFactory">Makes an evaluator; called once per worker when evaluators have state, else once.</param>
    /// <param name="context">Seed and generation shared by the whole population.</param>
    /// <param name="threads">Worker threads; 0 means all cores.</param>
    /// <param name="cancellation">Stops between evaluations.</param>
    public static double[] Evaluate<TRule>(
        IReadOnlyList<double[]> candidates,
        IRuleDecoder<RuleGenome, TRule> decoder,
        Func<IRuleEvaluator<TRule>> evaluatorFactory,
        EvaluationContext context,
        int threads = 0,
        CancellationToken cancellation = default)
        where TRule : class
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(decoder);
        ArgumentNullException.ThrowIfNull(evaluatorFactory);
        var shared = evaluatorFactory();
        var results = new double[candidates.Count];
        var options = new ParallelOptions
        {
            MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount,
            CancellationToken = cancellation,
        };
        Parallel.For(
            0,
            candidates.Count,
            options,
            () => shared.EvaluatorsHaveState ? evaluatorFactory() : shared,
            (i, _, evaluator) =>
            {
                var rule = decoder.Decode(RuleGenome.Of(candidates[i]));
                results[i] = rule is null ? Fitness.NonViable.Value : evaluator.Evaluate(rule, context).Value;
                return evaluator;
            },
            _ => { });
        return results;
    }
}
