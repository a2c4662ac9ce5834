using System.CommandLine;
using System.Globalization;
using Neuro.Cli.SmallTasks;
using Neuro.Rules.Baxter;
using Neuro.Rules.Evolution;
using Spectre.Console;

namespace Neuro.Cli.Baxter;

/// <summary>
/// <c>neuro evolve --task boolean1|boolean2 --nodes N --seed S --out DIR</c>: evolves a Baxter learner (connectivity,
/// fixed/learnable flags, fixed values and the rule <c>f</c>) with the GA over discrete genes and writes it as
/// <c>rule.json</c> (family <c>baxter</c>) after every generation; <c>--json</c> reports whether it learned every
/// function (<c>learnedAll</c>).
/// </summary>
internal static class BaxterEvolve
{
    /// <summary>Runs (or resumes) the evolution; the exit code.</summary>
    internal static int Run(ParseResult result, EvolveOptions options, SmallTaskEvolve own, CancellationToken cancellation)
    {
        string dir = result.GetValue(options.Out) ?? throw new UsageException($"--out DIR is required for --task {result.GetValue(options.Task)}");
        int total = result.GetValue(options.Generations);
        if (total < 1)
        {
            throw new UsageException($"--generations must be at least 1, not {total}");
        }

        BaxterEvolveConfig config;
        IOptimizer optimizer;
        EvolutionCheckpoint? checkpoint = null;
        if (result.GetValue(options.Resume))
        {
            (checkpoint, optimizer) = SmallTaskEvolve.LoadCheckpoint(dir);
            config = BaxterEvolveConfig.FromJson(checkpoint.Config);
        }
        else
        {
            if (result.GetValue(options.Precision) is not null)
            {
                throw new UsageException($"--precision does not apply to --task {result.GetValue(options.Task)} (its weights are ±1 and 0 already)");
            }

            var algorithmResult = result.GetResult(options.Algorithm);
            config = new BaxterEvolveConfig(
                BaxterRuleFile.Family,
                result.GetValue(options.Task)!,
                result.GetValue(own.Nodes),
                result.GetValue(own.Epochs),
                result.GetValue(own.Steps),
                algorithmResult is { Implicit: false } ? result.GetValue(options.Algorithm)! : GeneticOptimizer.AlgorithmName,
                result.GetValue(options.Population),
                result.GetValue(options.Sigma),
                result.GetValue(options.Seed),
                result.GetValue(options.LearningRate));
            if (config.Epochs < 1 || config.Steps < 1)
            {
                throw new UsageException($"--epochs and --steps must be at least 1, not {config.Epochs} and {config.Steps}");
            }

            if (!OptimizerFactory.Names.Contains(config.Algorithm))
            {
                throw new UsageException($"Unknown --algorithm '{config.Algorithm}'; expected one of {string.Join(", ", OptimizerFactory.Names)}");
            }

            var decoderForGenes = Decoder(config);
            optimizer = SmallTaskEvolve.Usage(() => OptimizerFactory.Create(
                config.Algorithm, decoderForGenes.GeneCount, config.Seed, population: config.Population, sigma: config.Sigma, learningRate: config.LearningRate,
                genetic: config.Algorithm == GeneticOptimizer.AlgorithmName ? decoderForGenes.GeneticSettings : null));
        }

        var task = SmallTaskEvolve.Usage(() => BooleanTask.Named(config.Task, config.Epochs, config.Steps));
        var decoder = Decoder(config);
        int population = optimizer.Ask().Count;
        var stderr = result.InvocationConfiguration.Error;
        stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"neuro evolve: {config.Algorithm} on {config.Task} ({task.Functions.Length} functions, {config.Epochs} epoch(s) of {config.Steps} step(s)), {config.Nodes} nodes, {decoder.GeneCount} genes, population {population}, seed {config.Seed}, generations {optimizer.Generation}→{total}, out {dir}"));
        var outcome = SmallTaskRun.Run(
            dir, config.ToJson(), optimizer, checkpoint, decoder, () => new BaxterEvaluator(task), result.GetValue(options.Threads), total,
            history => Write(dir, config, task, decoder, history, population), stderr, cancellation);
        if (!outcome.Completed)
        {
            return Program.Failure;
        }

        var best = GenerationHistory.Best(outcome.History);
        var learner = decoder.Decode(RuleGenome.Of(best.Genes))!;
        var trials = BaxterTrial.RunAll(learner, task);
        bool learnedAll = trials.All(t => t.Learned);
        var success = outcome.History.FirstOrDefault(r => r.Fitness >= 1);
        string rulePath = Path.Combine(dir, EvolveCommand.RuleFile);
        var stdout = result.InvocationConfiguration.Output;
        if (result.GetValue(options.Json))
        {
            Output.Json(stdout, w =>
            {
                w.WriteStartObject();
                w.WriteString("rule", rulePath);
                w.WriteString("family", BaxterRuleFile.Family);
                w.WriteString("task", config.Task);
                w.WriteNumber("nodes", config.Nodes);
                w.WriteNumber("epochs", config.Epochs);
                w.WriteNumber("steps", config.Steps);
                w.WriteString("algorithm", config.Algorithm);
                w.WriteNumber("seed", config.Seed);
                w.WriteNumber("population", population);
                w.WriteNumber("generations", outcome.Optimizer.Generation);
                w.WriteNumber("evaluations", outcome.Evaluations);
                w.WriteNumber("bestFitness", best.Fitness);
                w.WriteNumber("bestGeneration", best.Generation);
                w.WriteBoolean("learnedAll", learnedAll);
                w.WriteNumber("functionsLearned", trials.Count(t => t.Learned));
                w.WriteStartObject("learned");
                foreach (var t in trials)
                {
                    w.WriteBoolean(t.Function.Name, t.Learned);
                }

                w.WriteEndObject();
                w.WriteNumber("f", learner.Rule.Index);
                w.WriteString("fName", learner.Rule.Name);
                w.WriteNumber("synapses", learner.Network.Synapses.Length);
                w.WriteNumber("learnableSynapses", learner.Network.Learnable.Length);
                if (success is not null)
                {
                    w.WriteNumber("successGeneration", success.Generation);
                    w.WriteNumber("successEvaluations", success.Evaluations);
                }
                else
                {
                    w.WriteNull("successGeneration");
                    w.WriteNull("successEvaluations");
                }

                w.WriteEndObject();
            });
        }
        else
        {
            var console = Output.Console(stdout);
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"best fitness {best.Fitness:F4} (generation {best.Generation}): {trials.Count(t => t.Learned)} of {trials.Length} functions learned{(learnedAll ? " (all)" : "")}; rule {learner.Rule}, {learner.Network.Synapses.Length} synapses, {learner.Network.Learnable.Length} learnable; written to {rulePath}"));
            var table = new Table().AddColumns("function", "learned", "outputs", "targets");
            foreach (var t in trials)
            {
                table.AddRow(t.Function.Name, t.Learned ? "yes" : "no", Signs(t.Outputs), Signs(Enumerable.Range(0, t.Function.Cases).Select(t.Function.Target)));
            }

            console.Write(table);
        }

        return Program.Success;
    }

    /// <summary>Writes the best learner so far as <c>rule.json</c>.</summary>
    private static void Write(string dir, BaxterEvolveConfig config, BooleanTask task, BaxterDecoder decoder, List<GenerationHistory.Row> history, int population)
    {
        var best = GenerationHistory.Best(history);
        var learner = decoder.Decode(RuleGenome.Of(best.Genes))!;
        var provenance = new BaxterProvenance(config.Seed, config.Algorithm, config.Task, best.Fitness, best.Fitness >= 1, history[^1].Generation, best.Generation, best.Evaluations, population);
        BaxterRuleFile.Write(Path.Combine(dir, EvolveCommand.RuleFile), new BaxterRuleDocument(learner, task, provenance));
    }

    private static BaxterDecoder Decoder(BaxterEvolveConfig config)
    {
        int inputs = SmallTaskEvolve.Usage(() => BooleanTask.Named(config.Task, config.Epochs, config.Steps)).Inputs;
        try
        {
            return new BaxterDecoder(config.Nodes, inputs);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--nodes must be {inputs + 2}..{BaxterNetwork.MaxNodes} for --task {config.Task} (bias, {inputs} input(s), output, hidden), not {config.Nodes}", e);
        }
    }

    /// <summary>±1 values as a compact string: <c>-+</c>.</summary>
    internal static string Signs(IEnumerable<int> values) => string.Concat(values.Select(v => v > 0 ? '+' : '-'));
}
