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
        return EvaluateBatches([new EvaluationBatch(candidates, context)], decoder, evaluatorFactory, threads, cancellation)[0];
    }

    /// <summary>
    /// Fitness of every candidate of every batch, <c>result[b][i]</c> for candidate <c>i</c> of batch <c>b</c>, each
    /// equal to what <see cref="Evaluate{TRule}"/> gives for that batch alone. The batches share the cores: plain
    /// evaluators score all candidates of all batches in one parallel loop (so a generation's validation runs beside its
    /// population instead of after it, one lifetime per core); a population evaluator gets one
    /// <see cref="IPopulationRuleEvaluator{TRule}.EvaluateAll"/> call per batch, concurrently when it
    /// <see cref="IPopulationRuleEvaluator{TRule}.AcceptsConcurrentCalls"/> (a cluster), else in batch order.
    /// </summary>
    /// <param name="batches">Candidates and their contexts.</param>
    /// <param name="decoder">Genome → rule.</param>
    /// <param name="evaluatorFactory">Makes an evaluator; called once per worker when evaluators have state, else once.</param>
    /// <param name="threads">Worker threads; 0 means all cores.</param>
    /// <param name="cancellation">Stops between evaluations.</param>
    public static double[][] EvaluateBatches<TRule>(
        IReadOnlyList<EvaluationBatch> batches,
        IRuleDecoder<RuleGenome, TRule> decoder,
        Func<IRuleEvaluator<TRule>> evaluatorFactory,
        int threads = 0,
        CancellationToken cancellation = default)
        where TRule : class
    {
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentNullException.ThrowIfNull(decoder);
        ArgumentNullException.ThrowIfNull(evaluatorFactory);
        var shared = evaluatorFactory();
        var results = batches.Select(b => new double[b.Candidates.Count]).ToArray();
        if (shared is IPopulationRuleEvaluator<TRule> population)
        {
            if (population.AcceptsConcurrentCalls)
            {
                var tasks = batches.Select((b, k) => Task.Run(() => EvaluateTogether(b.Candidates, decoder, population, b.Context, results[k], cancellation), cancellation)).ToArray();
                Task.WaitAll(tasks, cancellation);
            }
            else
            {
                for (int k = 0; k < batches.Count; k++)
                {
                    EvaluateTogether(batches[k].Candidates, decoder, population, batches[k].Context, results[k], cancellation);
                }
            }

            return results;
        }

        var items = new List<(int Batch, int Index)>();
        for (int k = 0; k < batches.Count; k++)
        {
            for (int i = 0; i < batches[k].Candidates.Count; i++)
            {
                items.Add((k, i));
            }
        }

        var options = new ParallelOptions
        {
            MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount,
            CancellationToken = cancellation,
        };
        Parallel.For(
            0,
            items.Count,
            options,
            () => shared.EvaluatorsHaveState ? evaluatorFactory() : shared,
            (n, _, evaluator) =>
            {
                var (k, i) = items[n];
                var rule = decoder.Decode(RuleGenome.Of(batches[k].Candidates[i]));
                results[k][i] = rule is null ? Fitness.NonViable.Value : evaluator.Evaluate(rule, batches[k].Context).Value;
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
