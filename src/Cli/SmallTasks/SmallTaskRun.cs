using System.Globalization;
using Neuro.Rules.Evolution;

namespace Neuro.Cli.SmallTasks;

/// <summary>
/// Runs an evolution of one of the small tasks (Baxter's Boolean tasks, EMNN's linear task) in a run folder with the
/// guarantees of every <c>neuro evolve</c>: <c>rule.json</c>, <c>log.csv</c>, <c>checkpoint.json</c> (and
/// <c>best.csv</c>) after every generation, an exact <c>--resume</c>, and Ctrl-C leaving the last checkpoint intact.
/// </summary>
internal static class SmallTaskRun
{
    /// <summary>How the run ended.</summary>
    internal sealed record Outcome(bool Completed, IOptimizer Optimizer, long Evaluations, List<GenerationHistory.Row> History);

    /// <summary>
    /// Runs until <paramref name="total"/> generations, calling <paramref name="writeRule"/> with the history after each
    /// generation's checkpoint (the best row so far is <see cref="GenerationHistory.Best"/> of it).
    /// </summary>
    internal static Outcome Run<TRule>(
        string dir,
        string config,
        IOptimizer optimizer,
        EvolutionCheckpoint? checkpoint,
        IRuleDecoder<RuleGenome, TRule> decoder,
        Func<IRuleEvaluator<TRule>> evaluators,
        int threads,
        int total,
        Action<List<GenerationHistory.Row>> writeRule,
        TextWriter stderr,
        CancellationToken cancellation)
        where TRule : class
    {
        EvolutionRun<TRule> run;
        if (checkpoint is null)
        {
            run = new EvolutionRun<TRule>(dir, optimizer, decoder, evaluators, config, threads);
            GenerationHistory.Create(dir);
        }
        else
        {
            try
            {
                GenerationHistory.Truncate(dir, checkpoint.Generation);
            }
            catch (InvalidDataException e)
            {
                throw new UsageException($"Cannot resume from '{dir}': {e.Message}", e);
            }

            run = new EvolutionRun<TRule>(dir, checkpoint, optimizer, decoder, evaluators, threads);
        }

        var history = GenerationHistory.Read(dir);
        try
        {
            run.Run(total, record =>
            {
                history.Add(GenerationHistory.Append(dir, record));
                writeRule(history);
                stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"generation {record.Generation}/{total}  best {record.Best:G6}  mean {record.Mean:G6}  evaluations {record.Evaluations}  {record.Seconds:F2} s"));
            }, cancellation);
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine($"neuro evolve: interrupted; the checkpoint after generation {run.Optimizer.Generation} is intact. Continue with: neuro evolve --out {dir} --resume --generations {total}");
            return new Outcome(false, run.Optimizer, run.Evaluations, history);
        }

        return new Outcome(true, run.Optimizer, run.Evaluations, history);
    }
}
