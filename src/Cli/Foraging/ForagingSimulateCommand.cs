using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Neuro.Rules.Connectome;
using Neuro.Rules.Foraging;

namespace Neuro.Cli.Foraging;

/// <summary>
/// <c>neuro simulate --task foraging</c> (or <c>simulate --rule FILE</c> with a <c>connectome</c> rule): one lifetime per food pattern of a connectome (the untrained one, or a
/// <c>connectome</c> rule's weights) in the paper's arena; reports the fitness, the food eaten and the edited weights, and
/// with <c>--plot</c> draws the trajectories.
/// </summary>
internal static class ForagingSimulateCommand
{
    /// <summary>Runs the foraging simulation when the command line asks for it; null otherwise (another task).</summary>
    internal static int? TryRun(ParseResult result)
    {
        if (!ForagingOptions.IsForaging(result))
        {
            ForagingOptions.RejectOutsideForaging(result);
            return null;
        }

        ForagingOptions.RejectOtherTasksOptions(result);
        var given = ForagingOptions.Given(result).ToHashSet(StringComparer.Ordinal);
        string? rulePath = result.GetValue<string?>("--rule");
        ConnectomeRule? rule = null;
        if (rulePath is not null)
        {
            if (!File.Exists(rulePath))
            {
                throw new UsageException($"Rule file '{rulePath}' does not exist");
            }

            rule = ConnectomeRuleFile.Read(rulePath); // a JsonInputException is a usage error (exit 2) naming the file and path
        }

        // Without explicit options, a rule's lifetimes run as in the run that evolved it (its data, patterns, seed, sensing).
        var extra = rule?.Provenance?.Extra;
        string data = result.GetValue<string?>("--data") ?? rule?.ConnectomePath
            ?? throw new UsageException("--task foraging needs --data DIR, the folder holding the connectome (e.g. ../shared/data/connectome)");
        System.Collections.Immutable.ImmutableArray<FoodPattern> patterns;
        SensingMode sensing;
        long seed;
        try
        {
            patterns = ForagingOptions.ReadPatterns(result)
                ?? (extra is not null && extra.TryGetValue("patterns", out var p)
                    ? [.. (JsonSerializer.Deserialize<string[]>(p) ?? throw new UsageException($"{rulePath}: provenance.patterns: expected an array of pattern names, not null")).Select(n => ForagingOptions.ParsePattern(n) ?? throw new UsageException($"{rulePath}: provenance.patterns: unknown pattern '{n}'"))]
                    : new ForagingSettings().Patterns);
            sensing = ForagingOptions.ReadSensing(result)
                ?? (extra is not null && extra.TryGetValue("sensing", out var s) && JsonSerializer.Deserialize<string>(s) == "lateral" ? SensingMode.Lateral : SensingMode.Presence);
            seed = !given.Contains("--seed") && extra is not null && extra.TryGetValue("foodSeed", out var fs) ? JsonSerializer.Deserialize<long>(fs) : result.GetValue<int>("--seed");
        }
        catch (JsonException e)
        {
            throw new UsageException($"{rulePath}: provenance: {e.Message}", e);
        }

        var task = ForagingSetup.Task(data, rule?.Network ?? new ConnectomeNetworkSettings(), patterns, sensing, seed);
        ConnectomeWeights weights;
        if (rule is null)
        {
            weights = task.Biological;
        }
        else
        {
            if (rule.ConnectomeSha256 != task.Graph.Fingerprint)
            {
                throw new UsageException($"{rulePath}: connectome.sha256: the rule was evolved on connectome data {rule.ConnectomeSha256[..12]}…, but {data} holds {task.Graph.Fingerprint[..12]}…");
            }

            weights = rule.ToWeights(task.Spec, rulePath!);
        }

        var clock = Stopwatch.StartNew();
        var (fitness, traces) = task.Trace(weights);
        double seconds = clock.Elapsed.TotalSeconds;
        int edited = task.EditedWeights(weights);
        string? plot = result.GetValue<string?>(ForagingOptions.Plot);
        if (plot is not null)
        {
            ForagingPlots.Trajectories(task, traces, fitness, rulePath is null ? "untrained connectome" : Path.GetFileName(rulePath), plot);
            if (Plots.MissingFontsWarning() is { } warning)
            {
                result.InvocationConfiguration.Error.WriteLine(warning);
            }
        }

        var stdout = result.InvocationConfiguration.Output;
        if (result.GetValue<bool>("--json"))
        {
            Output.Json(stdout, w =>
            {
                w.WriteStartObject();
                w.WriteString("task", ForagingTask.Name);
                if (rulePath is not null)
                {
                    w.WriteString("rule", rulePath);
                }

                w.WriteString("data", Path.GetFullPath(data));
                w.WriteNumber("seed", seed);
                w.WriteString("sensing", ForagingOptions.Name(sensing));
                w.WriteNumber("fitness", fitness);
                w.WriteNumber("editedWeights", edited);
                w.WriteNumber("genes", task.Spec.GeneCount);
                w.WriteStartArray("lifetimes");
                for (int i = 0; i < traces.Count; i++)
                {
                    w.WriteStartObject();
                    w.WriteString("pattern", ForagingOptions.Name(task.Settings.Patterns[i]));
                    w.WriteNumber("reward", traces[i].Rewards.Sum());
                    w.WriteNumber("eaten", traces[i].Eaten.Count);
                    w.WriteNumber("food", traces[i].Food.Count);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                if (plot is not null)
                {
                    w.WriteString("plot", plot);
                }

                w.WriteNumber("seconds", Math.Round(seconds, 3));
                w.WriteEndObject();
            });
        }
        else
        {
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"neuro simulate: {(rulePath is null ? "untrained connectome" : rulePath)} foraging ({task.Spec.NeuronCount} neurons, {task.Spec.GeneCount} weights, {edited} edited), seed {seed}, {ForagingOptions.Name(sensing)} sensing"));
            for (int i = 0; i < traces.Count; i++)
            {
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {ForagingOptions.Name(task.Settings.Patterns[i]),-9} reward {traces[i].Rewards.Sum(),9:F3}  eaten {traces[i].Eaten.Count}/{traces[i].Food.Count}"));
            }

            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fitness {fitness:F3}{(plot is null ? "" : $"; plot written to {plot}")}"));
        }

        return Program.Success;
    }
}
