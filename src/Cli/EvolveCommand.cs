using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Neuro.OpenClKernels.Patterns;
using Neuro.Rules;
using Neuro.Rules.Data;
using Neuro.Rules.Evolution;
using Neuro.Rules.Layouts;
using Neuro.Rules.Patterns;

namespace Neuro.Cli;

/// <summary>
/// <c>neuro evolve</c>: evolves a pattern rule with an ask/tell optimizer and Joosten's batch fitness, writing
/// <c>rule.json</c> (best rule, with provenance), <c>log.csv</c> and <c>checkpoint.json</c> into <c>--out</c> after every
/// generation. <c>--resume</c> continues from the checkpoint with the run's stored settings and gives the same result
/// as an uninterrupted run; Ctrl-C stops between evaluations and leaves the last checkpoint intact.
/// </summary>
internal static class EvolveCommand
{
    /// <summary>The rule file evolve writes into the run folder.</summary>
    internal const string RuleFile = "rule.json";

    /// <summary>Builds the <c>evolve</c> verb.</summary>
    internal static Command Create()
    {
        var algorithm = new Option<string>("--algorithm") { Description = "es (OpenAI ES), oes ((mu/mu,lambda)-ES), ga (genetic algorithm), cmaes, mads, enomad, renomad; --task foraging: enomad (default), renomad, ga, es, cmaes, mads", DefaultValueFactory = _ => "es" };
        var generations = new Option<int>("--generations") { Description = "Total generations of the run (with --resume: the new total)", DefaultValueFactory = _ => 100 };
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
        var output = new Option<string>("--out") { Description = "Run folder: rule.json, log.csv, checkpoint.json", Required = true, HelpName = "DIR" };
        var resume = new Option<bool>("--resume") { Description = "Continue the run in --out from its checkpoint, with its stored settings" };
        var batches = new Option<int>("--batches") { Description = "Batches per fitness evaluation", DefaultValueFactory = _ => 4 };
        var batchSize = new Option<int>("--batch-size") { Description = "Samples per batch (Joosten: 100)", DefaultValueFactory = _ => 100 };
        var threads = new Option<int>("--threads") { Description = "Worker threads (0: all cores); results do not depend on it", DefaultValueFactory = _ => 0 };
        var rounds = new Option<int>("--rounds") { Description = "Recurrent rounds R (tables of 2^(R+1) patterns)", DefaultValueFactory = _ => 3 };
        var eta = new Option<double>("--eta") { Description = "Plasticity step size", DefaultValueFactory = _ => 0.01 };
        var multiplicative = new Option<bool>("--multiplicative") { Description = "w *= 1 + eta*table[i] instead of w += eta*table[i]" };
        var always = new Option<bool>("--always") { Description = "Update after every sample, not only misclassified ones" };
        var allEdges = new Option<bool>("--all-edges") { Description = "The output rule's second entry updates every non-label row" };
        var noInput = new Option<bool>("--no-input-rule") { Description = "Keep input weights fixed (no input table)" };
        var noOutput = new Option<bool>("--no-output-rule") { Description = "Keep output weights fixed (no output table)" };
        var json = new Option<bool>("--json") { Description = "Print the final summary as JSON" };
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
            Description = "The output table's fields (default preHistory:R+1,role:1), e.g. preHistory:4,role:1,margin:2 (margin:2:0.5 scales its thresholds; weight:2:2 sets its range)",
            HelpName = "FIELDS",
        };
        var precision = PrecisionOption.Create();
        var fields = new PrecisionFieldOptions();
        var task = new TaskOptions();
        var backendOptions = new BackendOptions();
        var clusterOptions = new ClusterCommandOptions();
        var command = new Command("evolve", "Evolve a plasticity rule (ask/tell ES, GA or CMA-ES) with checkpoints after every generation")
        {
            algorithm, generations, population, sigma, learningRate, output, resume, batches, batchSize, threads, rounds, eta, multiplicative, always, allEdges, noInput, noOutput, json,
            fitness, lifetime, holdout, passes, datasets, init, precision, hiddenFields, inputFields, outputFields,
        };
        task.AddTo(command);
        fields.AddTo(command);
        backendOptions.AddTo(command);
        Foraging.ForagingOptions.AddToEvolve(command);
        clusterOptions.AddTo(command);
        Option[] settingOptions = [.. fields.All, algorithm, population, sigma, learningRate, batches, batchSize, rounds, eta, multiplicative, always, allEdges, noInput, noOutput,
            fitness, lifetime, holdout, passes, datasets, init, precision, hiddenFields, inputFields, outputFields,
            task.Task, task.Data, task.Train, task.Test, task.TrainIdx, task.TestIdx, task.Limit, task.Hidden, task.Cap, task.EdgeProbability, task.Seed, task.DataSeed];

        command.SetAction((result, cancellation) =>
        {
            if (Foraging.ForagingEvolveCommand.TryRun(result, cancellation) is { } foraging)
            {
                return Task.FromResult(foraging);
            }

            string dir = result.GetRequiredValue(output);
            int total = result.GetValue(generations);
            if (total < 1)
            {
                throw new UsageException($"--generations must be at least 1, not {total}");
            }

            EvolveConfig config;
            IOptimizer optimizer;
            EvolutionCheckpoint? checkpoint = null;
            if (result.GetValue(resume))
            {
                var changed = settingOptions.Where(o => result.GetResult(o) is { Implicit: false }).Select(o => o.Name).ToArray();
                if (changed.Length > 0)
                {
                    throw new UsageException($"{string.Join(", ", changed)} cannot be changed on --resume; the run's settings come from {Path.Combine(dir, EvolutionRun<PatternRule>.CheckpointFile)}");
                }

                checkpoint = LoadCheckpoint(dir);
                config = EvolveConfig.FromJson(checkpoint.Config);
                optimizer = OptimizerFactory.Restore(checkpoint.OptimizerState);
            }
            else
            {
                config = new EvolveConfig(
                    task.Read(result), result.GetRequiredValue(algorithm), result.GetValue(population), result.GetValue(batches), result.GetValue(batchSize),
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
            }

            var (train, test) = config.Task.Load();
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
                    throw new UsageException($"--precision: {e.Message}", e);
                }
            }
            int threadCount = result.GetValue(threads);
            // With --cluster every lifetime runs on the workers; the results are the same as in process.
            using var cluster = clusterOptions.Address(result) is { } address
                ? ClusterEvaluation.Connect(address, clusterOptions.Tls(result), config.ToJson(), result.InvocationConfiguration.Error)
                : null;
            Func<IRuleEvaluator<PatternRule>> evaluators = cluster is null ? Evaluator : () => cluster.Evaluator;
            var run = checkpoint is null
                ? new EvolutionRun<PatternRule>(dir, optimizer, decoder, evaluators, config.ToJson(), threadCount)
                : new EvolutionRun<PatternRule>(dir, checkpoint, optimizer, decoder, evaluators, threadCount);

            var stderr = result.InvocationConfiguration.Error;
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"neuro evolve: {config.Algorithm} on {config.Task.Task} ({train.Count} train / {test.Count} test), {config.RuleSettings.GeneCount} genes, {(precisionConfig is null ? "float" : openCl is null ? "fixed-point" : $"fixed-point (OpenCL device {openCl.Device.Index}, {openCl.Device.Name})")} fitness, seed {config.Task.Seed}, generations {optimizer.Generation}→{total}{(cluster is null ? "" : $", on the cluster at {cluster.Address}")}, out {dir}"));
            try
            {
                run.Run(total, record =>
                {
                    WriteRule(dir, decoder, run, config, extra: null);
                    stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"generation {record.Generation}/{total}  best {record.Best:F4}  mean {record.Mean:F4}  std {record.Std:F4}  validation {record.Validation:F4}  evaluations {record.Evaluations}  {record.Seconds:F2} s"));
                }, cancellation);
            }
            catch (OperationCanceledException)
            {
                stderr.WriteLine($"neuro evolve: interrupted; the checkpoint after generation {run.Optimizer.Generation} is intact. Continue with: neuro evolve --out {dir} --resume --generations {total}");
                return Task.FromResult(Program.Failure);
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
            string rulePath = WriteRule(dir, decoder, run, config, extra);
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
                    w.WriteEndObject();
                });
            }
            else
            {
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"best validation fitness {run.BestFitness:F4} (generation {run.BestGeneration}); one online pass: train {online:P2}, test {testAccuracy:P2}; rule written to {rulePath}"));
            }

            return Task.FromResult(Program.Success);
        });
        return command;
    }

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
    }

    private static EvolutionCheckpoint LoadCheckpoint(string dir)
    {
        try
        {
            return EvolutionCheckpoint.LoadFrom(dir);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            throw new UsageException($"Cannot resume from '{dir}': {e.Message}", e);
        }
    }

    private static T Usage<T>(Func<T> make)
    {
        try
        {
            return make();
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message, e);
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
