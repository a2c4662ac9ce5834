namespace Neuro.Rules.Evolution;

/// <summary>
/// Decodes and evaluates a population on all cores, or in one call when the evaluator is an
/// <see cref="IPopulationRuleEvaluator{TRule}"/>. Each result depends only on its candidate and the context, never on
/// which thread ran it or what was scored beside it, so the fitnesses are identical for any thread count.
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
        if (shared is IPopulationRuleEvaluator<TRule> population)
        {
            return EvaluateTogether(candidates, decoder, population, context, results, cancellation);
        }

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

    /// <summary>Decodes every candidate, then scores the viable ones in one <see cref="IPopulationRuleEvaluator{TRule}.EvaluateAll"/> call.</summary>
    private static double[] EvaluateTogether<TRule>(
        IReadOnlyList<double[]> candidates,
        IRuleDecoder<RuleGenome, TRule> decoder,
        IPopulationRuleEvaluator<TRule> evaluator,
        EvaluationContext context,
        double[] results,
        CancellationToken cancellation)
        where TRule : class
    {
        var viable = new List<int>(candidates.Count);
        var rules = new List<TRule>(candidates.Count);
        for (int i = 0; i < candidates.Count; i++)
        {
            var rule = decoder.Decode(RuleGenome.Of(candidates[i]));
            if (rule is null)
            {
                results[i] = Fitness.NonViable.Value;
            }
            else
            {
                viable.Add(i);
                rules.Add(rule);
            }
        }

        cancellation.ThrowIfCancellationRequested();
        if (rules.Count > 0)
        {
            var scores = evaluator.EvaluateAll(rules, context, cancellation);
            if (scores.Count != rules.Count)
            {
                throw new InvalidOperationException($"{evaluator.GetType().Name}.EvaluateAll returned {scores.Count} fitnesses for {rules.Count} rules");
            }

            for (int k = 0; k < viable.Count; k++)
            {
                results[viable[k]] = scores[k].Value;
            }
        }

        return results;
    }
}
