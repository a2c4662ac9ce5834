using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Neuro.Rules.Connectome;
using Neuro.Rules.Evolution;
using Neuro.Rules.Foraging;

namespace Neuro.Bench;

/// <summary>
/// Worm lifetimes of the foraging task (250 ticks on the square layout, the Cook 2019 connectome of
/// <c>../shared/data/connectome</c>: 300 neurons, 5,401 weights) on one core: the fast network (CSR rows, pre-summed motor
/// weights, incremental deliveries) against the straightforward per-neuron loop over a dense matrix (baseline). One
/// operation is one lifetime, so <c>Lifetimes/s</c> is worm lifetimes per second per core.
/// </summary>
/// <remarks>
/// <see cref="Weights"/>: <c>biological</c> runs the untrained connectome; <c>perturbed</c> adds uniform noise in ±4 to
/// every weight (seed 1), as an evolution strategy's candidates do. <see cref="Evaluation"/> is a whole fitness evaluation
/// as evolution runs it (load the weights, one lifetime on each default layout: square and triangle), counted as two
/// lifetimes.
/// </remarks>
[PerSecondColumn("Lifetimes/s", "Worm lifetimes (250 ticks) per second on one core: 1e9 / mean time per lifetime in ns")]
public class ConnectomeBenchmarks
{
    private ForagingTask task = null!;
    private ForagingWorld world = null!;
    private ImmutableArray<ArenaPoint> square;
    private FastConnectomeNetwork fast = null!;
    private ReferenceConnectomeNetwork reference = null!;
    private ForagingEvaluator evaluator = null!;
    private ConnectomeWeights weights = null!;

    /// <summary>Which weights the lifetimes run.</summary>
    [Params("biological", "perturbed")]
    public string Weights { get; set; } = "biological";

    [GlobalSetup]
    public void Setup()
    {
        string data = Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "data", "connectome"));
        task = ForagingTask.Load(data);
        world = new ForagingWorld(task.Settings);
        square = task.Layouts[0];
        double[] genes = task.Spec.BiologicalGenes();
        if (Weights == "perturbed")
        {
            var rng = new Random(1);
            for (int k = 0; k < genes.Length; k++)
            {
                genes[k] += 4 * ((2 * rng.NextDouble()) - 1);
            }
        }

        weights = new ConnectomeDecoder(task.Spec).Decode(RuleGenome.Of(genes))!;
        fast = new FastConnectomeNetwork(task.Spec);
        fast.Load(weights);
        reference = new ReferenceConnectomeNetwork(task.Spec);
        reference.Load(weights);
        evaluator = task.CreateEvaluator();
        if (world.Run(fast, square) != world.Run(reference, square))
        {
            throw new InvalidOperationException("The fast and the reference network disagree");
        }
    }

    [Benchmark]
    public double Fast() => world.Run(fast, square);

    [Benchmark(Baseline = true)]
    public double Reference() => world.Run(reference, square);

    [Benchmark(OperationsPerInvoke = 2)]
    public double Evaluation() => evaluator.Run(weights);

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Neuro.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
