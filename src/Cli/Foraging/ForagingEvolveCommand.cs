using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Neuro.Rules.Connectome;
using Neuro.Rules.Evolution;
using Neuro.Rules.Foraging;
using Neuro.Rules.Patterns;

namespace Neuro.Cli.Foraging;

/// <summary>
/// <c>neuro evolve --task foraging</c>: refines the biological connectome's weights for foraging with ENOMAD (EA, rEA)
/// or a baseline (GA, OpenAI-ES, CMA-ES, MADS) through <see cref="EvolutionRun{TRule}"/>: the population is evaluated in
/// parallel (identically on any thread count), <c>rule.json</c> (a <c>connectome</c> rule), <c>log.csv</c> and
/// <c>checkpoint.json</c> are written after every generation, <c>--resume</c> continues exactly, and Ctrl-C leaves the last
/// checkpoint intact. The budget is <c>--evaluations</c>, validation included.
/// </summary>
internal static class ForagingEvolveCommand
{
    /// <summary>Evaluations when <c>--evaluations</c> is not given.</summary>
    internal const long DefaultEvaluations = 2000;

    /// <summary>Runs a foraging evolution when the command line asks for one (or resumes one); null otherwise.</summary>
    internal static int? TryRun(ParseResult result, CancellationToken cancellation)
    {
        string? dir = result.GetValue<string?>("--out");
        bool resume = result.GetValue<bool>("--resume");
        ForagingRunConfig? resumed = null;
        EvolutionCheckpoint? checkpoint = null;
        if (resume && dir is not null && File.Exists(Path.Combine(dir, EvolutionRun<ConnectomeWeights>.CheckpointFile)))
        {
            try
            {
                checkpoint = EvolutionCheckpoint.LoadFrom(dir);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                return null; // not readable here: the pattern family's path reports it
            }

            resumed = ForagingRunConfig.TryRead(checkpoint.Config, Path.Combine(dir, EvolutionRun<ConnectomeWeights>.CheckpointFile));
        }

        if (resumed is null && !ForagingOptions.IsForaging(result))
        {
            ForagingOptions.RejectOutsideForaging(result);
            return null;
        }

        ForagingOptions.RejectOtherTasksOptions(result);
        if (dir is null)
        {
            throw new UsageException("--out DIR is required");
        }

        var config = resumed ?? NewConfig(result, dir, resume);
        if (resumed is not null)
        {
            var changed = ForagingOptions.Given(result).Where(n => n is not ("--out" or "--resume" or "--threads" or "--json" or ForagingOptions.Evaluations)).ToArray();
            if (changed.Length > 0)
            {
                throw new UsageException($"{string.Join(", ", changed)} cannot be changed on --resume; the run's settings come from {Path.Combine(dir, EvolutionRun<ConnectomeWeights>.CheckpointFile)}");
            }
        }

        long evaluations = result.GetValue<long?>(ForagingOptions.Evaluations) ?? DefaultEvaluations;
        if (evaluations < 1)
        {
            throw new UsageException($"{ForagingOptions.Evaluations} must be at least 1, not {evaluations}");
        }

        var patterns = config.Patterns.Select(n => ForagingOptions.ParsePattern(n) ?? throw new UsageException($"Unknown pattern '{n}' in the run configuration")).ToArray();
        var sensing = config.Sensing == "lateral" ? SensingMode.Lateral : SensingMode.Presence;
        var task = ForagingSetup.Task(config.Data, new ConnectomeNetworkSettings(), [.. patterns], sensing, config.Seed);
        if (checkpoint is null)
        {
            config = config with { DataSha256 = task.Graph.Fingerprint };
        }
        else if (task.Graph.Fingerprint != config.DataSha256)
        {
            throw new UsageException($"Cannot resume from '{dir}': the connectome data in {config.Data} changed (sha256 {task.Graph.Fingerprint[..12]}…, the run recorded {config.DataSha256[..12]}…)");
        }

        int[]? genes = Usage(() => ForagingSearch.Genes(config.Algorithm, task.Spec.GeneCount, config.Genes, config.Seed));
        var decoder = new ConnectomeDecoder(task.Spec, genes, null);
        var optimizer = checkpoint is not null
            ? Usage(() => OptimizerFactory.Restore(checkpoint.OptimizerState))
            : Usage(() => ForagingSearch.CreateOptimizer(config.Algorithm, decoder.StartGenome(), config.Seed, task.Spec.FractionBits, config.Population, config.Sigma));
        int threads = result.GetValue<int>("--threads");
        var evaluators = EvolveEvaluators.Create(task);
        var run = checkpoint is null
            ? new EvolutionRun<ConnectomeWeights>(dir, optimizer, decoder, evaluators, config.ToJson(), threads) { ValidationRepeats = 1 }
            : new EvolutionRun<ConnectomeWeights>(dir, checkpoint, optimizer, decoder, evaluators, threads) { ValidationRepeats = 1 };

        var stderr = result.InvocationConfiguration.Error;
        double untrained = task.Fitness(task.Biological);
        stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"neuro evolve: {config.Algorithm} on {ForagingTask.Name} ({string.Join(",", config.Patterns)}), {decoder.GenomeLength} of {task.Spec.GeneCount} weights, seed {config.Seed}, evaluations {run.Evaluations}→{evaluations}, untrained fitness {untrained:F3}, out {dir}"));
        try
        {
            run.RunEvaluations(evaluations, record =>
            {
                WriteRule(dir, task, decoder, run, config);
                stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"generation {record.Generation}  best {record.Best:F3}  mean {record.Mean:F3}  current {record.Validation:F3}  best so far {run.BestFitness:F3}  evaluations {record.Evaluations}  {record.Seconds:F2} s"));
            }, cancellation);
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine($"neuro evolve: interrupted; the checkpoint after generation {run.Optimizer.Generation} is intact. Continue with: neuro evolve --out {dir} --resume --evaluations {evaluations}");
            return Program.Failure;
        }

        if (run.BestGenes.Length == 0)
        {
            throw new UsageException($"{ForagingOptions.Evaluations} {evaluations} ended the run before its first generation");
        }

        var best = decoder.Decode(RuleGenome.Of(run.BestGenes)) ?? throw new InvalidOperationException("The best genome does not decode");
        string rulePath = WriteRule(dir, task, decoder, run, config);
        int edited = task.EditedWeights(best);
        var stdout = result.InvocationConfiguration.Output;
        if (result.GetValue<bool>("--json"))
        {
            Output.Json(stdout, w =>
            {
                w.WriteStartObject();
                w.WriteString("rule", rulePath);
                w.WriteString("algorithm", config.Algorithm);
                w.WriteString("task", ForagingTask.Name);
                w.WriteNumber("seed", config.Seed);
                w.WriteNumber("generations", run.Optimizer.Generation);
                w.WriteNumber("evaluations", run.Evaluations);
                w.WriteNumber("bestFitness", run.BestFitness);
                w.WriteNumber("bestGeneration", run.BestGeneration);
                w.WriteNumber("untrainedFitness", untrained);
                w.WriteNumber("editedWeights", edited);
                w.WriteNumber("searchedWeights", decoder.GenomeLength);
                w.WriteBoolean("optimizerFinished", run.Optimizer.IsFinished);
                w.WriteEndObject();
            });
        }
        else
        {
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"best fitness {run.BestFitness:F3} (untrained {untrained:F3}; generation {run.BestGeneration}, {run.Evaluations} evaluations), {edited} weights edited; rule written to {rulePath}"));
        }

        return Program.Success;
    }

    private static ForagingRunConfig NewConfig(ParseResult result, string dir, bool resume)
    {
        if (resume)
        {
            throw new UsageException($"Cannot resume from '{dir}': there is no {EvolutionRun<ConnectomeWeights>.CheckpointFile}");
        }

        if (Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any())
        {
            throw new UsageException($"--out {dir} is not empty; choose a new folder, or add --resume to continue the run in it");
        }

        bool algorithmGiven = ForagingOptions.Given(result).Contains("--algorithm");
        string algorithm = algorithmGiven ? result.GetValue<string>("--algorithm")! : EnomadOptimizer.EaName;
        if (!ForagingSearch.Algorithms.Contains(algorithm))
        {
            throw new UsageException($"Unknown --algorithm '{algorithm}' for --task {ForagingTask.Name}; expected one of {string.Join(", ", ForagingSearch.Algorithms)}");
        }

        string data = result.GetValue<string?>("--data")
            ?? throw new UsageException("--task foraging needs --data DIR, the folder holding the connectome (e.g. ../shared/data/connectome)");
        var patterns = ForagingOptions.ReadPatterns(result) ?? new ForagingSettings().Patterns;
        var sensing = ForagingOptions.ReadSensing(result) ?? SensingMode.Presence;
        string full = Path.GetFullPath(data);
        return new ForagingRunConfig(
            ForagingTask.Name,
            algorithm,
            result.GetValue<int>("--seed"),
            full,
            "", // filled in once the data are loaded
            [.. patterns.Select(ForagingOptions.Name)],
            ForagingOptions.Name(sensing),
            result.GetValue<int?>(ForagingOptions.Genes),
            result.GetValue<int?>("--population"),
            result.GetValue<double?>("--sigma"));
    }

    private static string WriteRule(string dir, ForagingTask task, ConnectomeDecoder decoder, EvolutionRun<ConnectomeWeights> run, ForagingRunConfig config)
    {
        var best = decoder.Decode(RuleGenome.Of(run.BestGenes)) ?? throw new InvalidOperationException("The best genome does not decode");
        var extra = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["generations"] = Num(run.Optimizer.Generation),
            ["bestGeneration"] = Num(run.BestGeneration),
            ["evaluations"] = Num(run.Evaluations),
            ["editedWeights"] = Num(task.EditedWeights(best)),
            ["searchedWeights"] = Num(decoder.GenomeLength),
            ["patterns"] = JsonSerializer.Serialize(config.Patterns),
            ["sensing"] = JsonSerializer.Serialize(config.Sensing),
            ["foodSeed"] = Num(config.Seed),
        };
        if (config.Population is { } population)
        {
            extra["population"] = Num(population);
        }

        if (config.Sigma is { } sigma)
        {
            extra["sigma"] = Num(sigma);
        }

        var rule = new ConnectomeRule(task.Spec.Settings, task.Graph.Fingerprint, ConnectomeRule.EditsOf(best))
        {
            ConnectomePath = config.Data,
            Provenance = new RuleProvenance(config.Seed, config.Algorithm, ForagingTask.Name, run.BestFitness) { Extra = extra },
        };
        string path = Path.Combine(dir, EvolveCommand.RuleFile);
        ConnectomeRuleFile.Write(path, rule);
        return path;
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

    private static string Num(double value) => JsonSerializer.Serialize(value);
}
