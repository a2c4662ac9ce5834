using System.CommandLine;
using System.Globalization;
using Neuro.Rules.Evolution;
using Neuro.Rules.Files;

namespace Neuro.Cli;

/// <summary>
/// The generation loop of an evolving verb over its <see cref="OutputFolder"/>: a new run is staged until its first
/// checkpoint exists, then renamed into place and continued there under its lock; the rule is rewritten after every
/// generation; progress goes to a bar or, without one, a line per generation; Ctrl-C keeps the last checkpoint.
/// </summary>
internal static class StagedEvolution
{
    /// <summary>Runs to <paramref name="total"/> generations; returns whether it was interrupted, and the run (continued in place after staging).</summary>
    /// <param name="result">The parsed command line (progress options).</param>
    /// <param name="verb">The verb as typed after <c>neuro</c>, for messages (<c>evolve</c>, <c>continual evolve</c>).</param>
    /// <param name="folder">The run folder.</param>
    /// <param name="dir">The folder as the user named it, for messages.</param>
    /// <param name="run">The run, working in <see cref="OutputFolder.WorkPath"/>.</param>
    /// <param name="resumed">Reopens a run from a folder and its checkpoint (after the rename into place).</param>
    /// <param name="total">Total generations.</param>
    /// <param name="writeRule">Writes the current best rule of a run.</param>
    /// <param name="line">A generation's line when no progress bar is shown.</param>
    /// <param name="stderr">Where progress lines and the interruption message go.</param>
    /// <param name="cancellation">Ctrl-C.</param>
    internal static (bool Interrupted, EvolutionRun<TRule> Run) Run<TRule>(
        ParseResult result,
        string verb,
        OutputFolder folder,
        string dir,
        EvolutionRun<TRule> run,
        Func<string, EvolutionCheckpoint, EvolutionRun<TRule>> resumed,
        int total,
        Action<EvolutionRun<TRule>> writeRule,
        Func<GenerationRecord, string> line,
        TextWriter stderr,
        CancellationToken cancellation)
        where TRule : class
    {
        int startGeneration = run.Optimizer.Generation;
        ProgressSink bar = ProgressSink.None;
        void OnGeneration(GenerationRecord record)
        {
            writeRule(run);
            if (bar.Active)
            {
                bar.Set(record.Generation - startGeneration);
                bar.Status(string.Create(CultureInfo.InvariantCulture, $"(best validation {run.BestFitness:F4})"));
            }
            else
            {
                stderr.WriteLine(line(record));
            }
        }

        bool interrupted = ProgressBars.Run(result, $"{verb}: generations", total - startGeneration, sink =>
        {
            bar = sink;
            try
            {
                if (!folder.IsInPlace)
                {
                    // Rename into place once the run has its first checkpoint; from then on it continues in place, locked.
                    run.Run(1, OnGeneration, cancellation);
                    OutputOptions.Commit(folder);
                    run = resumed(folder.Path, EvolutionCheckpoint.LoadFrom(folder.Path));
                }

                run.Run(total, OnGeneration, cancellation);
                return false;
            }
            catch (OperationCanceledException)
            {
                return true;
            }
        });
        if (interrupted)
        {
            stderr.WriteLine(folder.IsInPlace
                ? $"neuro {verb}: interrupted; the checkpoint after generation {run.Optimizer.Generation} is intact. Continue with: neuro {verb} --out {dir} --resume --generations {total}"
                : $"neuro {verb}: interrupted before the first generation finished; nothing was written to {dir}");
        }

        return (interrupted, run);
    }
}
