using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Neuro.Rules.Continual;
using Neuro.Rules.Evolution;
using Neuro.Rules.Files;
using Neuro.Rules.Hebbian;
using Neuro.Rules.Json;
using Neuro.Rules.Patterns;

namespace Neuro.Cli.Continual;

/// <summary>
/// <c>neuro continual evolve</c>: evolves a <c>hebbian</c> rule with an ask/tell optimizer (GA by default) and the
/// continual fitness on held-out data (<see cref="ContinualEvaluator"/>: windows of each task's training set learned in
/// turn, scored on the last <c>--validation-split</c> training images, never the test sets), writing <c>rule.json</c>,
/// <c>log.csv</c> and <c>checkpoint.json</c> into <c>--out</c> after every generation; <c>--resume</c> continues exactly.
/// The run folder follows the output-folder contract of <c>neuro evolve</c> (docs/command-line.md): staged until the first
/// checkpoint, never replacing a folder it did not write unless <c>--force</c>, locked while written; <c>--resume</c>
/// refuses other data (the data's SHA-256 is in the checkpoint's config).
/// </summary>
internal static class ContinualEvolveCommand
{
    /// <summary>The rule file written into the run folder.</summary>
    internal const string RuleFile = "rule.json";

    /// <summary>The verb recorded in the run folder's marker (<see cref="OutputFolder"/>).</summary>
    private const string Verb = "continual evolve";

    /// <summary>Builds the <c>evolve</c> subcommand.</summary>
    internal static Command Create()
    {
        var output = new Option<string>("--out") { Description = "Run folder: rule.json, log.csv, checkpoint.json", Required = true, HelpName = "DIR" };
        var resume = new Option<bool>("--resume") { Description = "Continue the run in --out from its checkpoint, with its stored settings" };
        var force = OutputOptions.Force();
        var algorithm = new Option<string>("--algorithm") { Description = "ga (tournament selection, uniform crossover, mutation, elitism), es (OpenAI ES), oes ((mu/mu,lambda)-ES), cmaes", DefaultValueFactory = _ => "ga" };
        var generations = new Option<int>("--generations") { Description = "Total generations (with --resume: the new total)", DefaultValueFactory = _ => 30 };
        var population = new Option<int?>("--population") { Description = "Candidates per generation (default: the algorithm's)" };
        var sigma = new Option<double?>("--sigma") { Description = "Search scale: ga mutation scale, es sigma, oes/cmaes initial step (default: the algorithm's)" };
        var mutationRate = new Option<double?>("--mutation-rate") { Description = "ga: probability that a gene mutates (default 1/genes)" };
        var crossoverRate = new Option<double?>("--crossover-rate") { Description = "ga: probability that a child comes from crossover" };
        var tournament = new Option<int?>("--tournament") { Description = "ga: tournament size" };
        var elitism = new Option<int?>("--elitism") { Description = "ga: individuals copied unchanged" };
        var initScale = new Option<double?>("--init-scale") { Description = "ga: spread of the first generation around the start" };
        var samples = new Option<int>("--samples") { Description = "Fitness: training samples per task in a lifetime", DefaultValueFactory = _ => new ContinualFitnessSettings().SamplesPerTask };
        var validation = new Option<int>("--validation-samples") { Description = "Fitness: held-out samples per task scored after the last phase", DefaultValueFactory = _ => new ContinualFitnessSettings().ValidationPerTask };
        var repeats = new Option<int>("--repeats") { Description = "Fitness: lifetimes per evaluation", DefaultValueFactory = _ => new ContinualFitnessSettings().Repeats };
        var split = new Option<int>("--validation-split") { Description = "The last N training images of each task are held out for fitness; lifetimes learn from the rest", DefaultValueFactory = _ => 10000 };
        var threads = new Option<int>("--threads") { Description = "Worker threads (0: all cores); results do not depend on it", DefaultValueFactory = _ => 0 };
        var init = new Option<string?>("--init") { Description = "Start the search from this hebbian rule", HelpName = "RULE.json" };
        var json = new Option<bool>("--json") { Description = "Print the final summary as JSON" };
        var options = new ContinualOptions();
        var command = new Command("evolve", "Evolve a hebbian rule on the continual protocol (fitness on held-out training images)")
        {
            output, resume, force, algorithm, generations, population, sigma, mutationRate, crossoverRate, tournament, elitism, initScale, samples, validation, repeats, split, threads, init, json,
        };
        options.AddTo(command);
        Option[] settings = [algorithm, population, sigma, mutationRate, crossoverRate, tournament, elitism, initScale, samples, validation, repeats, split, init,
            options.Tasks, options.Data, options.Hidden, options.Active, options.Seed, options.Limit];
        command.SetAction((result, cancellation) =>
        {
            string dir = result.GetRequiredValue(output);
            int total = result.GetValue(generations);
            if (total < 1)
            {
                throw new UsageException($"--generations must be at least 1, not {total}");
            }

            bool resuming = result.GetValue(resume);
            if (resuming && result.GetValue(force))
            {
                throw new UsageException("--force starts a new run over the folder; it cannot be combined with --resume");
            }

            string checkpointPath = Path.Combine(dir, EvolutionRun<HebbianRule>.CheckpointFile);
            ContinualEvolveConfig config;
            IOptimizer optimizer;
            EvolutionCheckpoint? checkpoint = null;
            OutputFolder folder;
            if (resuming)
            {
                var changed = settings.Where(o => result.GetResult(o) is { Implicit: false }).Select(o => o.Name).ToArray();
                if (changed.Length > 0)
                {
                    throw new UsageException($"{string.Join(", ", changed)} cannot be changed on --resume; the run's settings come from {checkpointPath}");
                }

                if (!File.Exists(checkpointPath))
                {
                    throw new UsageException($"Cannot resume from '{dir}': it holds no {EvolutionRun<HebbianRule>.CheckpointFile} (start a run there without --resume)");
                }

                folder = OutputOptions.OpenInPlace(dir, Verb);
                try
                {
                    try
                    {
                        checkpoint = EvolutionCheckpoint.LoadFrom(dir);
                    }
                    catch (JsonInputException e)
                    {
                        throw new UsageException($"Cannot resume from '{dir}': {e.Message}", e);
                    }

                    config = ContinualEvolveConfig.FromJson(checkpoint.Config, $"{checkpointPath}: config");
                    optimizer = Usage(() => OptimizerFactory.Restore(checkpoint.OptimizerState), $"{checkpointPath}: optimizerState: ");
                }
                catch
                {
                    folder.Dispose();
                    throw;
                }
            }
            else
            {
                if (result.GetValue(options.Limit) is not null)
                {
                    throw new UsageException("--limit does not apply to evolve; size the fitness with --samples and --validation-samples");
                }

                config = new ContinualEvolveConfig
                {
                    Data = Path.GetFullPath(options.DataFolder(result)),
                    Tasks = options.TaskNames(result),
                    Hidden = result.GetValue(options.Hidden),
                    Active = result.GetValue(options.Active),
                    Seed = result.GetValue(options.Seed),
                    Algorithm = result.GetRequiredValue(algorithm),
                    Population = result.GetValue(population),
                    Sigma = result.GetValue(sigma),
                    MutationRate = result.GetValue(mutationRate),
                    CrossoverRate = result.GetValue(crossoverRate),
                    Tournament = result.GetValue(tournament),
                    Elitism = result.GetValue(elitism),
                    InitScale = result.GetValue(initScale),
                    Samples = result.GetValue(samples),
                    ValidationSamples = result.GetValue(validation),
                    Repeats = result.GetValue(repeats),
                    ValidationSplit = result.GetValue(split),
                    InitialGenes = result.GetValue(init) is { } initPath ? new HebbianRuleDecoder().Genes(ContinualCommand.ReadRule(initPath)) : null,
                    Command = ContinualOptions.CommandLine(result),
                };
                optimizer = CreateOptimizer(config);
                // Refuse a foreign or locked --out before the data are read (the folder is created only on commit).
                folder = OutputOptions.Stage(dir, Verb, result.GetValue(force), replaceOwn: false);
            }

            using (folder)
            {
                return Task.FromResult(Evolve(result, folder, dir, config, optimizer, checkpoint, total, result.GetValue(threads), result.GetValue(json), cancellation));
            }
        });
        return command;
    }

    /// <summary>
    /// Runs the evolution in <paramref name="folder"/> as <c>neuro evolve</c> does: a new run is staged until its first
    /// checkpoint exists, then renamed into place and continued there (locked); a resumed run is written in place.
    /// </summary>
    private static int Evolve(
        ParseResult result, OutputFolder folder, string dir, ContinualEvolveConfig config, IOptimizer optimizer, EvolutionCheckpoint? checkpoint, int total, int threadCount,
        bool json, CancellationToken cancellation)
    {
        var stderr = result.InvocationConfiguration.Error;
        var all = LoadTasks(config);
        string dataHash = Hashes.OfData([.. all.SelectMany(t => new[] { t.Train, t.Test })]);
        if (checkpoint is not null)
        {
            if (config.DataSha256 is { } recorded && recorded != dataHash)
            {
                throw new UsageException(
                    $"Cannot resume '{dir}': the data differ from the data the run started on (sha256 {dataHash[..12]}…, recorded {recorded[..12]}…); the files in {config.Data} changed since");
            }

            if (optimizer.Generation >= total)
            {
                stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"neuro continual evolve: the run in {dir} has already completed {optimizer.Generation} of {total} generations; nothing to do (pass a larger --generations to continue it)"));
                return Program.Success;
            }
        }

        config = config with { DataSha256 = dataHash };
        var tasks = Usage(() => ContinualTasks.ValidationSplit(all, config.ValidationSplit));
        var spec = new HebbianNetworkSpec(tasks[0].Train.Features, tasks.Sum(t => t.Classes), config.Hidden, config.Active, Seed: config.Seed);
        if (spec.Problem is { } problem)
        {
            throw new UsageException($"--hidden/--active: {problem}");
        }

        var fitness = new ContinualFitnessSettings { SamplesPerTask = config.Samples, ValidationPerTask = config.ValidationSamples, Repeats = config.Repeats };
        if (fitness.Problem is { } fitnessProblem)
        {
            throw new UsageException(fitnessProblem);
        }

        var evaluator = Usage(() => new ContinualEvaluator(tasks, spec, fitness));
        var decoder = new HebbianRuleDecoder();
        EvolutionRun<HebbianRule> Resumed(string at, EvolutionCheckpoint saved) =>
            new(at, saved with { Config = config.ToJson() }, OptimizerFactory.Restore(saved.OptimizerState), decoder, () => evaluator, threadCount);
        var run = checkpoint is null
            ? new EvolutionRun<HebbianRule>(folder.WorkPath, optimizer, decoder, () => evaluator, config.ToJson(), threadCount)
            : Resumed(folder.WorkPath, checkpoint);
        stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"neuro continual evolve: {config.Algorithm}, {HebbianRuleDecoder.GeneCount} genes, {string.Join(" then ", config.Tasks)}, {config.Samples} samples per task, {config.ValidationSamples} held-out per task, {config.Hidden} hidden ({config.Active} active), seed {config.Seed}, generations {optimizer.Generation}→{total}, out {dir}"));
        (bool interrupted, run) = StagedEvolution.Run(
            result,
            "continual evolve",
            folder,
            dir,
            run,
            Resumed,
            total,
            current => WriteRule(folder.WorkPath, decoder, current, config),
            record => string.Create(CultureInfo.InvariantCulture,
                $"generation {record.Generation}/{total}  best {record.Best:F4}  mean {record.Mean:F4}  validation {record.Validation:F4}  evaluations {record.Evaluations}  {record.Seconds:F1} s"),
            stderr,
            cancellation);
        if (interrupted)
        {
            return Program.Interrupted;
        }

        WriteRule(folder.WorkPath, decoder, run, config);
        string rulePath = Path.Combine(dir, RuleFile);
        var stdout = result.InvocationConfiguration.Output;
        if (json)
        {
            Output.Json(stdout, w =>
            {
                w.WriteStartObject();
                w.WriteString("rule", rulePath);
                w.WriteString("algorithm", config.Algorithm);
                w.WriteNumber("seed", config.Seed);
                w.WriteNumber("generations", run.Optimizer.Generation);
                w.WriteNumber("evaluations", run.Evaluations);
                w.WriteNumber("bestFitness", run.BestFitness);
                w.WriteNumber("bestGeneration", run.BestGeneration);
                w.WriteString("dataSha256", dataHash);
                w.WriteEndObject();
            });
        }
        else
        {
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"best validation fitness {run.BestFitness:F4} (generation {run.BestGeneration}, {run.Evaluations} evaluations); rule written to {rulePath}"));
        }

        return Program.Success;
    }

    /// <summary>The optimizer of a new run: the GA with the given overrides of <see cref="GeneticSettings"/>, or another by name.</summary>
    internal static IOptimizer CreateOptimizer(ContinualEvolveConfig config)
    {
        int genes = HebbianRuleDecoder.GeneCount;
        if (config.Algorithm == GeneticOptimizer.AlgorithmName)
        {
            var ga = new GeneticSettings();
            ga = ga with
            {
                Population = config.Population ?? ga.Population,
                MutationScale = config.Sigma ?? ga.MutationScale,
                MutationRate = config.MutationRate ?? ga.MutationRate,
                CrossoverRate = config.CrossoverRate ?? ga.CrossoverRate,
                TournamentSize = config.Tournament ?? ga.TournamentSize,
                Elitism = config.Elitism ?? ga.Elitism,
                InitScale = config.InitScale ?? ga.InitScale,
            };
            return Usage(() => new GeneticOptimizer(genes, config.Seed, ga, config.InitialGenes));
        }

        if (config.MutationRate is not null || config.CrossoverRate is not null || config.Tournament is not null || config.Elitism is not null || config.InitScale is not null)
        {
            throw new UsageException("--mutation-rate, --crossover-rate, --tournament, --elitism and --init-scale apply to --algorithm ga only");
        }

        if (!OptimizerFactory.Names.Contains(config.Algorithm))
        {
            throw new UsageException($"Unknown --algorithm '{config.Algorithm}'; expected one of {string.Join(", ", OptimizerFactory.Names)}");
        }

        return Usage(() => OptimizerFactory.Create(config.Algorithm, genes, config.Seed, config.InitialGenes, config.Population, config.Sigma));
    }

    private static IReadOnlyList<ContinualTask> LoadTasks(ContinualEvolveConfig config)
    {
        try
        {
            return ContinualTasks.Load(config.Data, config.Tasks);
        }
        catch (Exception e) when (e is Neuro.Rules.Data.DatasetFormatException or FileNotFoundException or DirectoryNotFoundException or ArgumentException or UnauthorizedAccessException)
        {
            throw new UsageException(e is FileNotFoundException f && f.FileName is { } file ? $"Data file '{file}' does not exist (--data {config.Data})" : e.Message, e);
        }
    }

    private static T Usage<T>(Func<T> make, string? prefix = null)
    {
        try
        {
            return make();
        }
        catch (ArgumentException e)
        {
            throw UsageException.From(e, prefix);
        }
    }

    private static string WriteRule(string dir, HebbianRuleDecoder decoder, EvolutionRun<HebbianRule> run, ContinualEvolveConfig config)
    {
        var rule = decoder.Decode(RuleGenome.Of(run.BestGenes)) ?? throw new InvalidOperationException("The best genome does not decode");
        string Num(double v) => JsonSerializer.Serialize(v);
        var facts = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["command"] = JsonSerializer.Serialize(config.Command),
            ["generations"] = Num(run.Optimizer.Generation),
            ["bestGeneration"] = Num(run.BestGeneration),
            ["evaluations"] = Num(run.Evaluations),
            ["tasks"] = JsonSerializer.Serialize(config.Tasks),
            ["hidden"] = Num(config.Hidden),
            ["active"] = Num(config.Active),
            ["samples"] = Num(config.Samples),
            ["validationSamples"] = Num(config.ValidationSamples),
            ["validationSplit"] = Num(config.ValidationSplit),
            ["repeats"] = Num(config.Repeats),
            ["fitnessMeasure"] = JsonSerializer.Serialize("class-incremental average incremental accuracy (mean over phases of the mean accuracy on the tasks learned so far), on held-out training images"),
        };
        string path = Path.Combine(dir, RuleFile);
        HebbianRuleFile.Write(path, rule, new RuleProvenance(config.Seed, config.Algorithm, "continual", run.BestFitness) { Extra = facts });
        return path;
    }
}
