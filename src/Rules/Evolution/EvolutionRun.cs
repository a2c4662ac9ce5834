using System.Diagnostics;
using System.Text;

namespace Neuro.Rules.Evolution;

/// <summary>
/// Drives an optimizer for a number of generations in a run directory: evaluates each population in parallel, appends
/// <c>log.csv</c>, and writes <c>checkpoint.json</c> after every generation, atomically. the resuming constructor continues
/// from the checkpoint and produces exactly what an uninterrupted run would.
/// </summary>
/// <remarks>
/// Each generation also evaluates the optimizer's <see cref="IOptimizer.Current"/> (its mean, for the evolution
/// strategies; its elite, for the GA) on fixed validation contexts that do not change between generations; the best
/// rule is the <c>Current</c> with the highest validation fitness, not the luckiest sample of a noisy generation. Cancellation stops between
/// evaluations and abandons the generation in progress, so the last checkpoint always describes a whole generation.
/// </remarks>
public sealed class EvolutionRun<TRule>
    where TRule : class
{
    /// <summary>Checkpoint file name inside the run directory.</summary>
    public const string CheckpointFile = "checkpoint.json";

    /// <summary>Per-generation log file name inside the run directory.</summary>
    public const string LogFile = "log.csv";

    private readonly IRuleDecoder<RuleGenome, TRule> decoder;
    private readonly Func<IRuleEvaluator<TRule>> evaluators;
    private readonly int threads;

    /// <summary>Starts a new run in <paramref name="directory"/> (created; an existing log there is replaced).</summary>
    public EvolutionRun(string directory, IOptimizer optimizer, IRuleDecoder<RuleGenome, TRule> decoder, Func<IRuleEvaluator<TRule>> evaluators, string config, int threads = 0)
        : this(directory, optimizer, decoder, evaluators, threads, config, [], double.NegativeInfinity, 0, 0)
    {
        System.IO.Directory.CreateDirectory(directory);
        AtomicFile.WriteAllText(LogPath, GenerationRecord.CsvHeader + "\n");
    }

    private EvolutionRun(
        string directory,
        IOptimizer optimizer,
        IRuleDecoder<RuleGenome, TRule> decoder,
        Func<IRuleEvaluator<TRule>> evaluators,
        int threads,
        string config,
        double[] bestGenes,
        double bestFitness,
        int bestGeneration,
        long evaluations)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        RunDirectory = directory;
        Optimizer = optimizer ?? throw new ArgumentNullException(nameof(optimizer));
        this.decoder = decoder ?? throw new ArgumentNullException(nameof(decoder));
        this.evaluators = evaluators ?? throw new ArgumentNullException(nameof(evaluators));
        this.threads = threads;
        Config = config ?? throw new ArgumentNullException(nameof(config));
        BestGenes = bestGenes;
        BestFitness = bestFitness;
        BestGeneration = bestGeneration;
        Evaluations = evaluations;
    }

    /// <summary>The run directory.</summary>
    public string RunDirectory { get; }

    /// <summary>The optimizer being driven.</summary>
    public IOptimizer Optimizer { get; }

    /// <summary>The caller's configuration stored in the checkpoint.</summary>
    public string Config { get; }

    /// <summary>Genes of the best candidate so far (empty before the first generation).</summary>
    public double[] BestGenes { get; private set; }

    /// <summary>Fitness of <see cref="BestGenes"/>.</summary>
    public double BestFitness { get; private set; }

    /// <summary>Generation that found <see cref="BestGenes"/>.</summary>
    public int BestGeneration { get; private set; }

    /// <summary>Rule evaluations so far.</summary>
    public long Evaluations { get; private set; }

    private string LogPath => Path.Combine(RunDirectory, LogFile);

    private string CheckpointPath => Path.Combine(RunDirectory, CheckpointFile);

    /// <summary>
    /// Continues the run in <paramref name="directory"/> from <paramref name="checkpoint"/> (read with
    /// <see cref="EvolutionCheckpoint.LoadFrom"/>); the log is cut back to the checkpoint's generation.
    /// </summary>
    public EvolutionRun(string directory, EvolutionCheckpoint checkpoint, IOptimizer restoredOptimizer, IRuleDecoder<RuleGenome, TRule> decoder, Func<IRuleEvaluator<TRule>> evaluators, int threads = 0)
        : this(directory, restoredOptimizer, decoder, evaluators, threads,
            (checkpoint ?? throw new ArgumentNullException(nameof(checkpoint))).Config,
            checkpoint.BestGenes, checkpoint.BestFitness, checkpoint.BestGeneration, checkpoint.Evaluations)
    {
        if (restoredOptimizer.Generation != checkpoint.Generation)
        {
            throw new InvalidDataException($"The optimizer is at generation {restoredOptimizer.Generation}; the checkpoint at {checkpoint.Generation}");
        }

        var lines = File.Exists(LogPath) ? File.ReadAllLines(LogPath) : [];
        var kept = new StringBuilder(GenerationRecord.CsvHeader + "\n");
        foreach (string line in lines.Skip(1).Take(checkpoint.Generation))
        {
            kept.Append(line).Append('\n');
        }

        AtomicFile.WriteAllText(LogPath, kept.ToString());
    }

    /// <summary>
    /// Independent evaluations of <see cref="IOptimizer.Current"/> per generation, averaged into its validation fitness,
    /// at least 1. Default 4; 1 suffices for an evaluator whose fitness does not depend on the context (the foraging
    /// task's). Part of the run's definition: keep it when resuming.
    /// </summary>
    public int ValidationRepeats
    {
        get => validationRepeats;
        init => validationRepeats = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, $"ValidationRepeats must be at least 1, not {value}");
    }

    private readonly int validationRepeats = 4;

    /// <summary>
    /// The generation's population and the fixed validation contexts (generations −1 … −<see cref="ValidationRepeats"/>,
    /// the same in every generation, so values are comparable across generations) of <see cref="IOptimizer.Current"/>,
    /// scored together so the validation lifetimes fill the cores beside the population's (on a cluster: they are
    /// dispatched with it) instead of running one by one after it.
    /// </summary>
    private (double[] Fitness, double Validation) EvaluateGeneration(IReadOnlyList<double[]> candidates, CancellationToken cancellation)
    {
        var batches = new List<EvaluationBatch> { new(candidates, new EvaluationContext(Optimizer.Seed, Optimizer.Generation)) };
        for (int r = 0; r < ValidationRepeats; r++)
        {
            batches.Add(new EvaluationBatch([Optimizer.Current], new EvaluationContext(Optimizer.Seed, -1 - r)));
        }

        double[][] results = PopulationEvaluator.EvaluateBatches(batches, decoder, evaluators, threads, cancellation);
        double sum = 0;
        for (int r = 0; r < ValidationRepeats; r++)
        {
            sum += results[1 + r][0];
        }

        return (results[0], sum / ValidationRepeats);
    }

    /// <summary>Runs generations until the optimizer has completed <paramref name="generations"/> in total, or has finished.</summary>
    /// <param name="generations">Total generations of the run (not additional ones).</param>
    /// <param name="onGeneration">Called after each generation's checkpoint is written (progress, best-rule file).</param>
    /// <param name="cancellation">Stops between evaluations; the last checkpoint stays intact.</param>
    public void Run(int generations, Action<GenerationRecord>? onGeneration = null, CancellationToken cancellation = default) =>
        RunWhile(() => Optimizer.Generation < generations, onGeneration, cancellation);

    /// <summary>
    /// Runs generations until the run has spent <paramref name="evaluations"/> evaluations in total (validation included);
    /// the last generation may overshoot by up to one population. Stops early when the optimizer finishes.
    /// </summary>
    /// <param name="evaluations">Total evaluations of the run (not additional ones).</param>
    /// <param name="onGeneration">Called after each generation's checkpoint is written.</param>
    /// <param name="cancellation">Stops between evaluations; the last checkpoint stays intact.</param>
    public void RunEvaluations(long evaluations, Action<GenerationRecord>? onGeneration = null, CancellationToken cancellation = default) =>
        RunWhile(() => Evaluations < evaluations, onGeneration, cancellation);

    private void RunWhile(Func<bool> more, Action<GenerationRecord>? onGeneration, CancellationToken cancellation)
    {
        while (more() && !Optimizer.IsFinished)
        {
            cancellation.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            var candidates = Optimizer.Ask();
            var (fitness, validation) = EvaluateGeneration(candidates, cancellation);
            Evaluations += candidates.Count + ValidationRepeats;
            int generation = Optimizer.Generation + 1;
            if (validation > BestFitness)
            {
                BestFitness = validation;
                BestGenes = (double[])Optimizer.Current.Clone();
                BestGeneration = generation;
            }

            Optimizer.Tell(fitness);
            double mean = fitness.Average();
            double std = Math.Sqrt(fitness.Select(f => (f - mean) * (f - mean)).Average());
            var record = new GenerationRecord(generation, fitness.Max(), mean, std, Evaluations, clock.Elapsed.TotalSeconds) { Validation = validation };
            File.AppendAllText(LogPath, record.ToCsv() + "\n");
            new EvolutionCheckpoint
            {
                Generation = Optimizer.Generation,
                Evaluations = Evaluations,
                OptimizerState = Optimizer.SaveState(),
                BestGenes = BestGenes,
                BestFitness = BestFitness,
                BestGeneration = BestGeneration,
                Config = Config,
            }.Save(CheckpointPath);
            onGeneration?.Invoke(record);
        }
    }
}
