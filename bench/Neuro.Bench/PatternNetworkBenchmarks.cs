using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Neuro.FixedPointSim.Patterns;
using Neuro.Rules.Data;
using Neuro.Rules.Patterns;

namespace Neuro.Bench;

/// <summary>
/// Lifetimes of the pattern-rule network (R = 3, misclassified-only, default <see cref="PrecisionConfig"/>) on the fast
/// fixed-point network, the plain-loop fixed-point golden model (baseline) and the float reference. One operation is one
/// sample step (<c>Learn</c>), so <c>Samples/s</c> counts sample steps per second, summed over all lifetimes.
/// </summary>
/// <remarks>
/// <para><b>Mnist</b>: 784 inputs, 10 classes, 1000 hidden, cap 500, p = 0.5; one lifetime, reset at the start of each
/// invocation, learning from <see cref="MnistSamples"/> images: the first training images of <c>../shared/data/mnist</c>
/// (relative to the repository root) when the files exist, otherwise seeded uniform [0, 1) vectors. The setup prints
/// which.</para>
/// <para><b>Population</b>: the synthetic task (10 inputs, 4 classes, 20 hidden, cap 10, p = 0.5);
/// <see cref="Lifetimes"/> lifetimes (16 rules × 2 datasets × 2 network seeds) of <see cref="LifetimeSamples"/> samples
/// each, run by <see cref="FixedLifetimeBatch"/> on all cores, a new network per lifetime (masks drawn once per seed,
/// as an evaluator that reuses its network seeds would).</para>
/// </remarks>
[PerSecondColumn("Samples/s", "Sample steps (Learn calls) per second, summed over all lifetimes: 1e9 / mean time per sample in ns")]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class PatternNetworkBenchmarks
{
    public const int MnistSamples = 100;
    public const int Lifetimes = 64;
    public const int LifetimeSamples = 100;
    private const int Total = Lifetimes * LifetimeSamples;

    /// <summary>Seeds of the population's datasets and of its networks' masks.</summary>
    internal static readonly int[] PopulationSeeds = [1, 2];

    private Dataset mnist = null!;
    private IPatternNetwork network = null!;
    private FixedLifetime[] lifetimes = [];
    private Dictionary<int, PatternNetworkMasks> masks = [];

    [GlobalSetup(Target = nameof(MnistFastFixed))]
    public void SetupMnistFastFixed() => SetupMnist((spec, m, rule) => new FastFixedPatternNetwork(spec, m, rule, PrecisionConfig.Default));

    [GlobalSetup(Target = nameof(MnistPlainFixed))]
    public void SetupMnistPlainFixed() => SetupMnist((spec, m, rule) => new FixedPatternNetwork(spec, m, rule, PrecisionConfig.Default));

    [GlobalSetup(Target = nameof(MnistFloat))]
    public void SetupMnistFloat() => SetupMnist((spec, m, rule) => new ReferencePatternNetwork(spec, m, rule));

    [GlobalSetup(Targets = [nameof(PopulationFastFixed), nameof(PopulationPlainFixed), nameof(PopulationFloat)])]
    public void SetupPopulation()
    {
        var datasets = PopulationSeeds.Select(seed => SyntheticClassification.GenerateJoosten(seed).Train.Subset(0, LifetimeSamples)).ToArray();
        var specs = PopulationSeeds.Select(seed => new PatternNetworkSpec(10, 4, Hidden: 20, Cap: 10, EdgeProbability: 0.5, Seed: seed)).ToArray();
        masks = specs.ToDictionary(spec => spec.Seed, spec => spec.BuildMasks());
        lifetimes =
        [
            .. from r in Enumerable.Range(0, 16)
               let rule = RandomRule(100 + r)
               from data in datasets
               from spec in specs
               select new FixedLifetime(spec, rule, data),
        ];
    }

    [Benchmark(OperationsPerInvoke = MnistSamples)]
    [BenchmarkCategory("Mnist")]
    public int MnistFastFixed() => Stream();

    [Benchmark(Baseline = true, OperationsPerInvoke = MnistSamples)]
    [BenchmarkCategory("Mnist")]
    public int MnistPlainFixed() => Stream();

    [Benchmark(OperationsPerInvoke = MnistSamples)]
    [BenchmarkCategory("Mnist")]
    public int MnistFloat() => Stream();

    [Benchmark(OperationsPerInvoke = Total)]
    [BenchmarkCategory("Population")]
    public FixedLifetimeResult[] PopulationFastFixed() =>
        FixedLifetimeBatch.Run(lifetimes, l => new FastFixedPatternNetwork(l.Spec, masks[l.Spec.Seed], l.Rule, PrecisionConfig.Default));

    [Benchmark(Baseline = true, OperationsPerInvoke = Total)]
    [BenchmarkCategory("Population")]
    public FixedLifetimeResult[] PopulationPlainFixed() =>
        FixedLifetimeBatch.Run(lifetimes, l => new FixedPatternNetwork(l.Spec, masks[l.Spec.Seed], l.Rule, PrecisionConfig.Default));

    [Benchmark(OperationsPerInvoke = Total)]
    [BenchmarkCategory("Population")]
    public FixedLifetimeResult[] PopulationFloat() =>
        FixedLifetimeBatch.Run(lifetimes, l => new ReferencePatternNetwork(l.Spec, masks[l.Spec.Seed], l.Rule));

    private void SetupMnist(Func<PatternNetworkSpec, PatternNetworkMasks, PatternRule, IPatternNetwork> create)
    {
        (mnist, string source) = LoadMnist();
        Console.WriteLine($"// Mnist inputs: {source}");
        var spec = new PatternNetworkSpec(784, 10, Hidden: 1000, Cap: 500, EdgeProbability: 0.5, Seed: 1);
        network = create(spec, spec.BuildMasks(), RandomRule(2025));
    }

    /// <summary>The first <see cref="MnistSamples"/> MNIST training images, or seeded uniform vectors when the files are absent.</summary>
    internal static (Dataset Data, string Source) LoadMnist()
    {
        string directory = Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "data", "mnist"));
        string images = Path.Combine(directory, "train-images-idx3-ubyte.gz");
        string labels = Path.Combine(directory, "train-labels-idx1-ubyte.gz");
        if (File.Exists(images) && File.Exists(labels))
        {
            return (IdxReader.ReadDataset(images, labels, MnistSamples), $"the first {MnistSamples} training images of {directory}");
        }

        var random = new Random(784);
        var values = new double[MnistSamples * 784];
        var classes = new int[MnistSamples];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = random.NextDouble();
        }

        for (int i = 0; i < classes.Length; i++)
        {
            classes[i] = random.Next(10);
        }

        return (new Dataset(784, 10, values, classes), $"synthetic: {MnistSamples} seeded uniform [0, 1) vectors ({images} not found)");
    }

    /// <summary>The nearest ancestor of the benchmark's directory holding <c>Neuro.sln</c> (BenchmarkDotNet runs from a build folder inside it).</summary>
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

    /// <summary>Hidden, input and output tables of seeded N(0,1) entries (304 genes), eta 0.01, additive, misclassified-only.</summary>
    internal static PatternRule RandomRule(int seed)
    {
        var normal = new StandardNormal(new Random(seed));
        ImmutableArray<double> Table(int count) => [.. Enumerable.Range(0, count).Select(_ => normal.Next())];
        return new PatternRule(3, 0.01, Table(256), Table(16), Table(32));
    }

    private int Stream()
    {
        network.Reset();
        int correct = 0;
        for (int i = 0; i < mnist.Count; i++)
        {
            correct += network.Learn(mnist.Row(i), mnist.Label(i)) == mnist.Label(i) ? 1 : 0;
        }

        return correct;
    }
}
