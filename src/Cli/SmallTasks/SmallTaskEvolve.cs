using System.CommandLine;
using System.Text.Json;
using Neuro.Cli.Baxter;
using Neuro.Cli.Linear;
using Neuro.Rules.Baxter;
using Neuro.Rules.Evolution;
using Neuro.Rules.Linear;

namespace Neuro.Cli.SmallTasks;

/// <summary>
/// The branch of <c>neuro evolve</c> for the small tasks: Baxter's <c>boolean1</c>/<c>boolean2</c> and EMNN's
/// <c>linear</c>. It owns their options (<c>--nodes</c>, <c>--epochs</c>, <c>--steps</c>) and claims a run when the
/// task is one of them, or when <c>--resume</c> finds one of their checkpoints.
/// </summary>
internal sealed class SmallTaskEvolve
{
    internal Option<int> Nodes { get; } = new("--nodes")
    {
        Description = "boolean1/boolean2: nodes of the learner, all told: bias, input(s), output, hidden",
        DefaultValueFactory = _ => 4,
    };

    internal Option<int> Epochs { get; } = new("--epochs")
    {
        Description = "boolean1/boolean2: training passes over a function's cases",
        DefaultValueFactory = _ => BooleanTask.DefaultEpochs,
    };

    internal Option<int> Steps { get; } = new("--steps")
    {
        Description = "boolean1/boolean2: steps each case is held, in training and in the test",
        DefaultValueFactory = _ => BooleanTask.DefaultSteps,
    };

    internal Option<string?> Plot { get; } = new("--plot")
    {
        Description = "linear: draw the best MSE, W and b of every generation as a PNG",
        HelpName = "FILE.png",
    };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    internal void AddTo(Command command)
    {
        command.Options.Add(Nodes);
        command.Options.Add(Epochs);
        command.Options.Add(Steps);
        command.Options.Add(Plot);
    }

    /// <summary>The exit code when the run is one of the small tasks, or null to let the pattern family run.</summary>
    internal int? TryRun(ParseResult result, EvolveOptions options, CancellationToken cancellation)
    {
        Option[] own = [Nodes, Epochs, Steps];
        string? family = result.GetValue(options.Resume) ? CheckpointFamily(result.GetValue(options.Out)) : Family(result.GetValue(options.Task));
        bool resumingLinear = result.GetValue(options.Resume) && family == LinearModelFile.Family; // reported below as a changed setting
        if (family is not BaxterRuleFile.Family && !resumingLinear && Given(result, own) is [var first, ..])
        {
            throw new UsageException($"{first} applies only to --task boolean1 or boolean2");
        }

        if (family is not LinearModelFile.Family && result.GetResult(Plot) is { Implicit: false })
        {
            throw new UsageException("--plot applies only to --task linear");
        }

        if (family is null)
        {
            return null;
        }

        if (result.GetValue(options.Resume))
        {
            Option[] settings = [.. own, options.Task, options.Seed, options.Algorithm, options.Population, options.Sigma, options.LearningRate, options.Precision, .. options.Others];
            if (Given(result, settings) is { Length: > 0 } changed)
            {
                throw new UsageException($"{string.Join(", ", changed)} cannot be changed on --resume; the run's settings come from {Path.Combine(result.GetValue(options.Out)!, EvolutionRun<BaxterLearner>.CheckpointFile)}");
            }
        }
        else if (Given(result, options.Others) is [var other, ..])
        {
            throw new UsageException($"{other} does not apply to --task {result.GetValue(options.Task)}");
        }

        return family == LinearModelFile.Family
            ? LinearEvolve.Run(result, options, result.GetValue(Plot), cancellation)
            : BaxterEvolve.Run(result, options, this, cancellation);
    }

    /// <summary>The family a task name belongs to, or null for the pattern family's tasks.</summary>
    private static string? Family(string? task) =>
        task == LinearTask.Name ? LinearModelFile.Family : task is not null && BooleanTask.Names.Contains(task) ? BaxterRuleFile.Family : null;

    /// <summary>The family a run folder's checkpoint names in its config, or null (not a small task's, or no checkpoint: the pattern path reports that).</summary>
    private static string? CheckpointFamily(string? dir)
    {
        if (dir is null || !File.Exists(Path.Combine(dir, EvolutionRun<BaxterLearner>.CheckpointFile)))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(EvolutionCheckpoint.LoadFrom(dir).Config);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("family", out var family) && family.ValueKind == JsonValueKind.String
                ? family.GetString() is BaxterRuleFile.Family or LinearModelFile.Family ? family.GetString() : null
                : null;
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or IOException or Neuro.Rules.Json.JsonInputException)
        {
            return null;
        }
    }

    private static string[] Given(ParseResult result, IEnumerable<Option> options) =>
        [.. options.Where(o => result.GetResult(o) is { Implicit: false }).Select(o => o.Name)];

    /// <summary>A checkpoint's optimizer, or a usage error naming the folder.</summary>
    internal static (EvolutionCheckpoint Checkpoint, IOptimizer Optimizer) LoadCheckpoint(string dir)
    {
        try
        {
            var checkpoint = EvolutionCheckpoint.LoadFrom(dir);
            return (checkpoint, OptimizerFactory.Restore(checkpoint.OptimizerState));
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or ArgumentException or Neuro.Rules.Json.JsonInputException)
        {
            throw new UsageException($"Cannot resume from '{dir}': {e.Message}", e);
        }
    }

    /// <summary>Runs <paramref name="make"/>, turning an <see cref="ArgumentException"/> into a usage error.</summary>
    internal static T Usage<T>(Func<T> make)
    {
        try
        {
            return make();
        }
        catch (ArgumentException e)
        {
            int cut = e.Message.IndexOf(" (Parameter", StringComparison.Ordinal);
            throw new UsageException(cut > 0 ? e.Message[..cut] : e.Message, e);
        }
    }
}
