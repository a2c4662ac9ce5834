using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Neuro.Cli.SmallTasks;
using Neuro.OpenClKernels.Patterns;
using Neuro.Rules;
using Neuro.Rules.Data;
using Neuro.Rules.Evolution;
using Neuro.Rules.Files;
using Neuro.Rules.Json;
using Neuro.Rules.Layouts;
using Neuro.Rules.Patterns;
using Neuro.Rules.Tasks;

namespace Neuro.Cli;

/// <summary>
/// <c>neuro evolve</c>: evolves a pattern rule with an ask/tell optimizer and Joosten's batch fitness, writing
/// <c>rule.json</c> (best rule, with provenance), <c>log.csv</c> and <c>checkpoint.json</c> into <c>--out</c> after every
/// generation. <c>--resume</c> continues from the checkpoint with the run's stored settings and gives the same result
/// as an uninterrupted run; Ctrl-C stops between evaluations, leaves the last checkpoint intact and exits with 130.
/// </summary>
/// <remarks>
/// The run folder is an <see cref="OutputFolder"/>: a new run is staged beside it until its first checkpoint exists and
/// then renamed into place (an interrupted first generation leaves nothing); from then on it is written in place, one
/// atomic file at a time, under the folder's lock, which <c>--resume</c> takes too. Data paths are stored absolute and
/// the data's SHA-256 is stored and checked on <c>--resume</c>.
/// </remarks>
internal static class EvolveCommand
{
    /// <summary>The rule file evolve writes into the run folder.</summary>
    internal const string RuleFile = "rule.json";

    /// <summary>Builds the <c>evolve</c> verb.</summary>
    internal static Command Create()
    {
        var algorithm = new Option<string>("--algorithm") { Description = "es (OpenAI ES), oes ((mu/mu,lambda)-ES), ga (genetic algorithm), cmaes, mads, enomad, renomad; --task foraging: enomad (default), renomad, ga, es, cmaes, mads", DefaultValueFactory = _ => "es" };
        var generations = new Option<int>("--generations") { Description = "Total generations of the run (with --resume: the new total; default the run's own)", DefaultValueFactory = _ => 100 };
        var population = new Option<int?>("--population") { Description = "Candidates per generation (default: the algorithm's)" };
        var sigma = new Option<double?>("--sigma")
        {
            Description = string.Create(CultureInfo.InvariantCulture,
                $"Search scale: es perturbation sigma (default {new OpenAiEsSettings().Sigma}), oes/cmaes initial step size ({new MuLambdaEsSettings().InitialSigma}/{new CmaEsSettings().InitialSigma}), ga mutation scale ({new GeneticSettings().MutationScale}); smaller to refine an --init rule"),
        };
        var learningRate = new Option<double?>("--learning-rate")
        {
            Description = string.Create(CultureInfo.InvariantCulture, $"es only: the Adam step (default {new OpenAiEsSettings().LearningRate})"),
        };
        var output = new Option<string?>("--out") { Description = "Run folder: rule.json, log.csv, checkpoint.json (required, except for --task linear; a new run refuses an existing run folder unless --force)", HelpName = "DIR" };
        var resume = new Option<bool>("--resume") { Description = "Continue the run in --out from its checkpoint, with its stored settings" };
        var batches = new Option<int>("--batches") { Description = "Batches per fitness evaluation", DefaultValueFactory = _ => 4 };
        var batchSize = new Option<int>("--batch-size") { Description = "Samples per batch (Joosten: 100)", DefaultValueFactory = _ => 100 };
        var threads = new Option<int>("--threads") { Description = "Worker threads (0: all cores); results do not depend on it", DefaultValueFactory = _ => 0 };
        var rounds = new Option<int>("--rounds") { Description = "Recurrent rounds R (tables of 2^(R+1) patterns)", DefaultValueFactory = _ => 3 };
        var eta = new Option<double>("--eta") { Description = "Plasticity step size", DefaultValueFactory = _ => 0.01 };
        var multiplicative = new Option<bool>("--multiplicative") { Description = "w *= 1 + eta*table[i] instead of w += eta*table[i]" };
        var always = new Option<bool>("--always") { Description = "Update after every sample, not only misclassified ones" };
        var allEdges = new Option<bool>("--all-edges") { Description = "The output rule's second entry updates every non-label row" };
        var outputAverage = new Option<int>("--output-average-shift")
        {
            Description = $"Predictions read a moving average of the output weights, a += (w - a)/2^s after every sample (update.outputAverageShift, 1..{PatternRule.MaxOutputAverageShift}); 0: the last weights",
        };
        var noInput = new Option<bool>("--no-input-rule") { Description = "Keep input weights fixed (no input table)" };
        var noOutput = new Option<bool>("--no-output-rule") { Description = "Keep output weights fixed (no output table)" };
        var json = new Option<bool>("--json") { Description = "Print the final summary as JSON" };
        var force = OutputOptions.Force();
        var fitness = new Option<string>("--fitness")
        {
            Description = "joosten: reset, one pass over a batch, accuracy on the same batch; holdout: a --lifetime-sample online lifetime, then accuracy on --holdout unseen samples",
            DefaultValueFactory = _ => "joosten",
        };
        var lifetime = new Option<int>("--lifetime") { Description = "holdout fitness: samples learned from per lifetime", DefaultValueFactory = _ => 1000 };
        var holdout = new Option<int>("--holdout") { Description = "holdout fitness: unseen samples scored per lifetime", DefaultValueFactory = _ => 500 };
        var passes = new Option<int>("--passes") { Description = "holdout fitness: online passes over the lifetime samples", DefaultValueFactory = _ => 1 };
        var datasets = new Option<int>("--datasets") { Description = "holdout fitness on synthetic/halfspace: draw lifetimes from this many datasets (data seeds derived from --data-seed), for rules that transfer", DefaultValueFactory = _ => 1 };
        var init = new Option<string?>("--init")
        {
            Description = "Start the search from this rule's tables (e.g. a shipped rule); its rounds and tables must match the run's settings",
            HelpName = "RULE.json",
        };
        var hiddenFields = new Option<string?>("--hidden-fields")
        {
            Description = $"The hidden table's address fields, most significant first, as signal:bits[:option] (default preHistory:R+1,postHistory:R+1); signals {LayoutField.Names}",
            HelpName = "FIELDS",
        };
        var inputFields = new Option<string?>("--input-fields") { Description = "The input table's fields (default postHistory:R+1)", HelpName = "FIELDS" };
        var outputFields = new Option<string?>("--output-fields")
        {
            Description = "The output table's fields (default preHistory:R+1,role:1), e.g. preHistory:4,role:1,margin:2 (margin:2:0.5 scales its thresholds; weight:2:2 sets its range; pre:1 reads the hidden neuron's activity level, above half the layer's largest or not)",
            HelpName = "FIELDS",
        };
        var precision = PrecisionOption.Create();
        var fields = new PrecisionFieldOptions();
        var task = new TaskOptions();
        var backendOptions = new BackendOptions();
        var clusterOptions = new ClusterCommandOptions();
        var command = new Command("evolve", "Evolve a plasticity rule (ask/tell ES, GA or CMA-ES) with checkpoints after every generation")
        {
            algorithm, generations, population, sigma, learningRate, output, resume, force, batches, batchSize, threads, rounds, eta, multiplicative, always, allEdges, noInput, noOutput, json,
            fitness, lifetime, holdout, passes, datasets, init, precision, hiddenFields, inputFields, outputFields, outputAverage,
        };
        task.AddTo(command);
        fields.AddTo(command);
        backendOptions.AddTo(command);
        Foraging.ForagingOptions.AddToEvolve(command);
        clusterOptions.AddTo(command);
        var smallTasks = new SmallTaskEvolve(); // boolean1, boolean2 (Baxter) and linear (EMNN): src/Cli/SmallTasks
        smallTasks.AddTo(command);
        Option[] settingOptions = [.. fields.All, algorithm, population, sigma, learningRate, batches, batchSize, rounds, eta, multiplicative, always, allEdges, noInput, noOutput,
            fitness, lifetime, holdout, passes, datasets, init, precision, hiddenFields, inputFields, outputFields, outputAverage,
            task.Task, task.Data, task.Train, task.Test, task.Header, task.TrainIdx, task.TestIdx, task.Limit, task.Hidden, task.Cap, task.EdgeProbability, task.Seed, task.DataSeed];

        command.SetAction((result, cancellation) =>
        {
            Option[] smallTaskSettings = [algorithm, population, sigma, learningRate, precision, task.Task, task.Seed];
            var small = new EvolveOptions(task.Task, task.Seed, output, generations, resume, json, threads, algorithm, population, sigma, learningRate, precision, [.. settingOptions.Except(smallTaskSettings), backendOptions.Backend, backendOptions.Device, clusterOptions.Cluster, clusterOptions.TlsCertificate,
                .. command.Options.Where(o => o.Name is Foraging.ForagingOptions.Evaluations or Foraging.ForagingOptions.Genes or Foraging.ForagingOptions.Patterns or Foraging.ForagingOptions.Sensing)]);
            if (smallTasks.TryRun(result, small, cancellation) is { } exitCode)
            {
                return Task.FromResult(exitCode);
            }

            // after the small tasks: foraging refuses their --plot, --nodes, … for any task but its own.
            if (Foraging.ForagingEvolveCommand.TryRun(result, cancellation) is { } foraging)
            {
                return Task.FromResult(foraging);
            }

            string dir = result.GetValue(output) ?? throw new UsageException("--out DIR is required");
            bool resuming = result.GetValue(resume);
            int? asked = result.GetResult(generations) is { Implicit: false } ? result.GetValue(generations) : null;
            if (asked is < 1)
            {
                throw new UsageException($"--generations must be at least 1, not {asked}");
            }

            int threadCount = result.GetValue(threads);
            if (threadCount < 0)
            {
                throw new UsageException($"--threads must be at least 0 (0: all cores), not {threadCount}");
            }

            if (resuming && result.GetValue(force))
            {
                throw new UsageException("--force starts a new run over the folder; it cannot be combined with --resume");
            }

            EvolveConfig config;
            IOptimizer optimizer;
            EvolutionCheckpoint? checkpoint = null;
            OutputFolder folder;
            if (resuming)
            {
                var changed = settingOptions.Where(o => result.GetResult(o) is { Implicit: false }).Select(o => o.Name).ToArray();
                if (changed.Length > 0)
                {
                    throw new UsageException($"{string.Join(", ", changed)} cannot be changed on --resume; the run's settings come from {Path.Combine(dir, EvolutionRun<PatternRule>.CheckpointFile)}");
                }

                if (!File.Exists(Path.Combine(dir, EvolutionRun<PatternRule>.CheckpointFile)))
                {
                    throw new UsageException($"Cannot resume from '{dir}': it holds no {EvolutionRun<PatternRule>.CheckpointFile} (start a run there without --resume)");
                }

                folder = OutputOptions.OpenInPlace(dir, "evolve");
                try
                {
                    checkpoint = LoadCheckpoint(dir);
                    config = EvolveConfig.FromJson(checkpoint.Config, $"{Path.Combine(dir, EvolutionRun<PatternRule>.CheckpointFile)}: config");
                    optimizer = Usage(() => OptimizerFactory.Restore(checkpoint.OptimizerState), $"{Path.Combine(dir, EvolutionRun<PatternRule>.CheckpointFile)}: optimizerState: ");
                }
                catch
                {
                    folder.Dispose();
                    throw;
                }
            }
            else
            {
                config = new EvolveConfig(
                    Absolute(task.Read(result)), result.GetRequiredValue(algorithm), result.GetValue(population), result.GetValue(batches), result.GetValue(batchSize),
                    result.GetValue(rounds), result.GetValue(eta),
                    result.GetValue(multiplicative) ? PatternUpdateMode.Multiplicative : PatternUpdateMode.Additive,
                    !result.GetValue(always),
                    result.GetValue(allEdges) ? OutputEdges.AllEdges : OutputEdges.LabelAndPrediction,
                    !result.GetValue(noInput),
                    !result.GetValue(noOutput),
                    result.GetRequiredValue(fitness),
                    result.GetValue(lifetime),
                    result.GetValue(holdout),
                    result.GetValue(passes),
                    result.GetValue(datasets))
                {
                    Sigma = result.GetValue(sigma),
                    LearningRate = result.GetValue(learningRate),
                    HiddenFields = result.GetValue(hiddenFields),
                    InputFields = result.GetValue(inputFields),
                    OutputFields = result.GetValue(outputFields),
                    OutputAverageShift = result.GetValue(outputAverage),
                };
                CheckLayout(config);
                config = config with { Precision = fields.Apply(PrecisionOption.Resolve(result.GetValue(precision)), result)?.ToJson() };
                if (result.GetValue(init) is { } initPath)
                {
                    var (initRule, _) = SimulateCommand.ReadRule(initPath);
                    if (initRule.Rounds != config.Rounds)
                    {
                        throw new UsageException($"--init {initPath} has {initRule.Rounds} rounds; the run has {config.Rounds} (see --rounds)");
                    }

                    if (initRule.OutputAverageShift != config.OutputAverageShift)
                    {
                        throw new UsageException($"--init {initPath} has output average shift {initRule.OutputAverageShift}; the run has {config.OutputAverageShift} (see --output-average-shift)");
                    }

                    try
                    {
                        config = config with { InitialGenes = config.RuleSettings.Genes(initRule) };
                    }
                    catch (ArgumentException e)
                    {
                        throw new UsageException($"--init {initPath}: {e.Message}; its tables must have a subset of the run's fields (see --hidden-fields, --output-fields, --no-input-rule, --no-output-rule)", e);
                    }
                }

                if (config.Fitness is not ("joosten" or "holdout"))
                {
                    throw new UsageException($"Unknown --fitness '{config.Fitness}'; expected joosten or holdout");
                }
                if (!OptimizerFactory.Names.Contains(config.Algorithm))
                {
                    throw new UsageException($"Unknown --algorithm '{config.Algorithm}'; expected one of {string.Join(", ", OptimizerFactory.Names)}");
                }

                if (config.Rounds is < 0 or > PatternRule.MaxRounds || !(config.Eta > 0) || !double.IsFinite(config.Eta))
                {
                    throw new UsageException($"--rounds must be 0..{PatternRule.MaxRounds} and --eta a finite positive number");
                }

                optimizer = Usage(() => OptimizerFactory.Create(config.Algorithm, config.RuleSettings.GeneCount, config.Task.Seed, config.InitialGenes, config.Population, config.Sigma, config.LearningRate));
                folder = OutputOptions.Stage(dir, "evolve", result.GetValue(force), replaceOwn: false);
            }

            using (folder)
            {
                return Task.FromResult(Evolve(result, folder, dir, config, optimizer, checkpoint, asked, threadCount, backendOptions, clusterOptions, json, cancellation));
            }
        });
        return command;
    }

    /// <summary>
    /// Runs the evolution in <paramref name="folder"/>: a new run is staged until its first checkpoint exists, then
    /// renamed into place and continued there from that checkpoint (so the folder at --out always holds a run that
    /// <c>--resume</c> can continue); a resumed run is written in place under the folder's lock.
    /// </summary>
    private static int Evolve(
        ParseResult result, OutputFolder folder, string dir, EvolveConfig config, IOptimizer optimizer, EvolutionCheckpoint? checkpoint, int? asked, int threadCount,
        BackendOptions backendOptions, ClusterCommandOptions clusterOptions, Option<bool> json, CancellationToken cancellation)
    {
        var stderr = result.InvocationConfiguration.Error;
        int total = asked ?? config.Generations ?? 100;
        var (train, test) = config.Task.Load();
        string dataHash = Hashes.OfData(train, test);
        if (checkpoint is null)
        {
            config = config with { Generations = total, DataSha256 = dataHash };
        }
        else
        {
            if (config.DataSha256 is { } recorded && recorded != dataHash)
            {
                throw new UsageException(
                    $"Cannot resume '{dir}': the data differ from the data the run started on (sha256 {dataHash[..12]}…, recorded {recorded[..12]}…); {DataSource(config.Task)} changed since");
            }

            if (optimizer.Generation >= total)
            {
                stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"neuro evolve: the run in {dir} has already completed {optimizer.Generation} of {total} generations; nothing to do (pass a larger --generations to continue it)"));
                return Program.Success;
            }

            config = config with { Generations = total, DataSha256 = dataHash };
        }

        var network = config.Task.Network(train);
        var decoder = new PatternRuleDecoder(config.RuleSettings);
        var precisionConfig = config.PrecisionConfig;
        // The backend does not change any result (the kernel is bit-exact), so it may differ on --resume.
        using var openCl = backendOptions.Open(result, precisionConfig);
        var local = EvolveEvaluators.Create(config, train, network, openCl);
        IRuleEvaluator<PatternRule> Evaluator() => local();

        _ = Usage(Evaluator); // validate batch settings before any work
        if (precisionConfig is not null)
        {
            try
            {
                precisionConfig.Validate(network);
            }
            catch (Exception e) when (e is Neuro.FixedPointSim.Patterns.PrecisionConfigException or ArgumentException)
            {
                throw new UsageException($"--precision: {UsageException.Describe(e)}", e);
            }
        }

        // With --cluster every lifetime runs on the workers; the results are the same as in process.
        using var cluster = clusterOptions.Address(result) is { } address
            ? ClusterEvaluation.Connect(address, clusterOptions.Tls(result), config.ToJson(), stderr)
            : null;
        Func<IRuleEvaluator<PatternRule>> evaluators = cluster is null ? Evaluator : () => cluster.Evaluator;
        EvolutionRun<PatternRule> Resumed(string at, EvolutionCheckpoint saved) =>
            new(at, saved with { Config = config.ToJson() }, OptimizerFactory.Restore(saved.OptimizerState), decoder, evaluators, threadCount);
        var run = checkpoint is null
            ? new EvolutionRun<PatternRule>(folder.WorkPath, optimizer, decoder, evaluators, config.ToJson(), threadCount)
            : Resumed(folder.WorkPath, checkpoint);

        stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"neuro evolve: {config.Algorithm} on {config.Task.Task} ({train.Count} train / {test.Count} test), {config.RuleSettings.GeneCount} genes, {(precisionConfig is null ? "float" : openCl is null ? "fixed-point" : $"fixed-point (OpenCL device {openCl.Device.Index}, {openCl.Device.Name})")} fitness, seed {config.Task.Seed}, generations {optimizer.Generation}→{total}{(cluster is null ? "" : $", on the cluster at {cluster.Address}")}, out {dir}"));
        (bool interrupted, run) = StagedEvolution.Run(
            result,
            "evolve",
            folder,
            dir,
            run,
            Resumed,
            total,
            current => WriteRule(folder.WorkPath, decoder, current, config, extra: null),
            record => string.Create(CultureInfo.InvariantCulture,
                $"generation {record.Generation}/{total}  best {record.Best:F4}  mean {record.Mean:F4}  std {record.Std:F4}  validation {record.Validation:F4}  evaluations {record.Evaluations}  {record.Seconds:F2} s"),
            stderr,
            cancellation);
        if (interrupted)
        {
            return Program.Interrupted;
        }

        // Score the best rule the way users will run it: one online pass over the training set, then the test set.
        var best = decoder.Decode(RuleGenome.Of(run.BestGenes)) ?? throw new InvalidOperationException("The best genome does not decode");
        var net = PrecisionOption.Build(precisionConfig, network, best);
        double online = PatternLifetime.Train(net, train, 1);
        double testAccuracy = PatternLifetime.Accuracy(net, test);
        var extra = new Dictionary<string, string>
        {
            ["testAccuracy"] = Num(testAccuracy),
            ["onlineTrainAccuracy"] = Num(online),
        };
        WriteRule(folder.WorkPath, decoder, run, config, extra);
        string rulePath = Path.Combine(dir, RuleFile);
        var stdout = result.InvocationConfiguration.Output;
        if (result.GetValue(json))
        {
            Output.Json(stdout, w =>
            {
                w.WriteStartObject();
                w.WriteString("rule", rulePath);
                w.WriteString("algorithm", config.Algorithm);
                w.WriteString("task", config.Task.Task);
                w.WriteNumber("seed", config.Task.Seed);
                w.WriteNumber("generations", run.Optimizer.Generation);
                w.WriteNumber("evaluations", run.Evaluations);
                w.WriteNumber("bestFitness", run.BestFitness);
                w.WriteNumber("bestGeneration", run.BestGeneration);
                w.WriteNumber("onlineTrainAccuracy", online);
                w.WriteNumber("testAccuracy", testAccuracy);
                w.WriteString("dataSha256", dataHash);
                w.WriteEndObject();
            });
        }
        else
        {
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"best validation fitness {run.BestFitness:F4} (generation {run.BestGeneration}); one online pass: train {online:P2}, test {testAccuracy:P2}; rule written to {rulePath}"));
        }

        return Program.Success;
    }

    /// <summary>The task with every data path made absolute, so <c>--resume</c> from another directory reads the same files.</summary>
    private static TaskChoice Absolute(TaskChoice task)
    {
        static string? Full(string? path) => path is null ? null : Path.GetFullPath(path);
        return task with
        {
            Data = Full(task.Data),
            Train = Full(task.Train),
            Test = Full(task.Test),
            TrainIdx = task.TrainIdx?.Select(p => Path.GetFullPath(p)).ToArray(),
            TestIdx = task.TestIdx?.Select(p => Path.GetFullPath(p)).ToArray(),
        };
    }

    private static string DataSource(TaskChoice task) =>
        TaskCatalogue.FindDataset(task.Task).Needs switch
        {
            var needs when needs.HasFlag(TaskSource.TrainCsv) => $"{task.Train} or {task.Test}",
            var needs when needs.HasFlag(TaskSource.TrainIdx) => string.Join(", ", (task.TrainIdx ?? []).Concat(task.TestIdx ?? [])),
            var needs when needs.HasFlag(TaskSource.DataFolder) => $"the files in {task.Data}",
            _ => "the data generator",
        };

    /// <summary>Checks the field options and the layout they make, as usage errors.</summary>
    private static void CheckLayout(EvolveConfig config)
    {
        if (config.Rounds is < 0 or > PatternRule.MaxRounds)
        {
            throw new UsageException($"--rounds must be 0..{PatternRule.MaxRounds}, not {config.Rounds}");
        }

        foreach (var (name, value, present) in new[] { ("--hidden-fields", config.HiddenFields, true), ("--input-fields", config.InputFields, config.EvolveInput), ("--output-fields", config.OutputFields, config.EvolveOutput) })
        {
            if (value is not null && !present)
            {
                throw new UsageException($"{name} names the fields of a table the run leaves out (--no-input-rule or --no-output-rule)");
            }

            try
            {
                _ = value is null ? default : RuleLayout.ParseFields(value);
            }
            catch (FormatException e)
            {
                throw new UsageException($"{name}: {e.Message}", e);
            }
        }

        try
        {
            _ = config.RuleSettings.Layout;
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message, e);
        }

        if (config.OutputAverageShift is < 0 or > PatternRule.MaxOutputAverageShift)
        {
            throw new UsageException($"--output-average-shift must be 0 (off) or 1..{PatternRule.MaxOutputAverageShift}, not {config.OutputAverageShift}");
        }

        if (config.OutputAverageShift > 0 && !config.EvolveOutput)
        {
            throw new UsageException("--output-average-shift averages the output weights, which --no-output-rule keeps fixed");
        }
    }

    private static EvolutionCheckpoint LoadCheckpoint(string dir)
    {
        try
        {
            return EvolutionCheckpoint.LoadFrom(dir);
        }
        catch (JsonInputException e)
        {
            throw new UsageException($"Cannot resume from '{dir}': {e.Message}", e);
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

    private static string WriteRule(string dir, PatternRuleDecoder decoder, EvolutionRun<PatternRule> run, EvolveConfig config, IReadOnlyDictionary<string, string>? extra)
    {
        var rule = decoder.Decode(RuleGenome.Of(run.BestGenes)) ?? throw new InvalidOperationException("The best genome does not decode");
        var facts = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["generations"] = Num(run.Optimizer.Generation),
            ["bestGeneration"] = Num(run.BestGeneration),
            ["evaluations"] = Num(run.Evaluations),
            ["hidden"] = Num(config.Task.Hidden),
            ["cap"] = Num(config.Task.Cap),
            ["p"] = Num(config.Task.EdgeProbability),
            ["dataSeed"] = Num(config.Task.DataSeed),
            ["batches"] = Num(config.Batches),
            ["batchSize"] = Num(config.BatchSize),
            ["protocol"] = JsonSerializer.Serialize(config.Fitness),
            ["lifetime"] = Num(config.Lifetime),
            ["holdout"] = Num(config.Holdout),
            ["passes"] = Num(config.Passes),
            ["datasets"] = Num(config.Datasets),
            ["misclassifiedOnly"] = config.MisclassifiedOnly ? "true" : "false",
            ["backend"] = JsonSerializer.Serialize(config.Precision is null ? "float" : "fixed"),
        };
        if (config.Precision is not null)
        {
            facts["precision"] = config.Precision;
        }
        if (config.OutputAverageShift > 0)
        {
            facts["outputAverageShift"] = Num(config.OutputAverageShift);
        }

        if (config.Sigma is { } sigma)
        {
            facts["sigma"] = Num(sigma);
        }
        if (config.LearningRate is { } learningRate)
        {
            facts["learningRate"] = Num(learningRate);
        }
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            facts[key] = value;
        }

        string path = Path.Combine(dir, RuleFile);
        PatternRuleFile.Write(path, rule, new RuleProvenance(config.Task.Seed, config.Algorithm, config.Task.Task, run.BestFitness) { Extra = facts });
        return path;
    }

    private static string Num(double value) => JsonSerializer.Serialize(value);
}
