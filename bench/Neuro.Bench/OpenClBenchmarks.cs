using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Neuro.FixedPointSim.Patterns;
using Neuro.OpenClKernels.Host;
using Neuro.OpenClKernels.Patterns;
using Neuro.Rules.Data;
using Neuro.Rules.Patterns;

namespace Neuro.Bench;

/// <summary>
/// The OpenCL backend (<see cref="OpenClLifetimeBatch"/> on device <c>NEURO_BENCH_DEVICE</c>, default 0) next to the C#
/// CPU backend (<see cref="FixedLifetimeBatch"/> with <see cref="FastFixedPatternNetwork"/> on all cores) on the same
/// lifetimes at the default precision. One operation is one sample step of one lifetime, so <c>Samples/s</c> counts
/// sample-lifetimes per second.
/// </summary>
/// <remarks>
/// <para><b>Population</b>: <see cref="PatternNetworkBenchmarks"/>' synthetic population, 64 lifetimes (16 rules × 2
/// datasets × 2 network seeds) of 100 samples, in one launch.</para>
/// <para><b>Mnist</b>: 784 inputs, 10 classes, 1000 hidden, cap 500, p = 0.5, R = 3; <see cref="MnistLifetimes"/>
/// lifetimes (different rules) of the first 100 training images each, in one launch.</para>
/// <para><b>PopulationWide</b> (1,024 lifetimes: 256 rules) and <b>MnistWide</b> (<see cref="MnistWideLifetimes"/>
/// lifetimes) are the same work at a width that fills a large GPU (one work-group per lifetime).
/// <c>NEURO_BENCH_LOCAL_SIZE</c> sets the work-items per lifetime (default: the batch's own choice).</para>
/// <para>The kernel is built in the global setup (the first launch also builds PoCL's work-group function), so the
/// measurement is upload, run and read-back.</para>
/// </remarks>
[PerSecondColumn("Samples/s", "Sample steps per second summed over all lifetimes (sample-lifetimes/s): 1e9 / mean time per sample in ns")]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class OpenClBenchmarks : IDisposable
{
    public const int MnistLifetimes = 4;

    /// <summary>MNIST lifetimes of the wide category: enough work-groups to fill a large GPU.</summary>
    public const int MnistWideLifetimes = 128;

    /// <summary>Rules of the wide population (each on 2 datasets × 2 network seeds): 1,024 lifetimes.</summary>
    public const int PopulationWideRules = 256;

    private const int MnistTotal = MnistLifetimes * PatternNetworkBenchmarks.MnistSamples;
    private const int MnistWideTotal = MnistWideLifetimes * PatternNetworkBenchmarks.MnistSamples;
    private const int PopulationTotal = PatternNetworkBenchmarks.Lifetimes * PatternNetworkBenchmarks.LifetimeSamples;
    private const int PopulationWideTotal = PopulationWideRules * 4 * PatternNetworkBenchmarks.LifetimeSamples; // rules × 2 datasets × 2 seeds

    private FixedLifetime[] lifetimes = [];
    private OpenClLifetimeBatch? batch;

    [GlobalSetup(Targets = [nameof(PopulationOpenCl), nameof(PopulationCpu)])]
    public void SetupPopulation() => SetupPopulation(PatternNetworkBenchmarks.Lifetimes / 4);

    [GlobalSetup(Targets = [nameof(PopulationWideOpenCl), nameof(PopulationWideCpu)])]
    public void SetupPopulationWide() => SetupPopulation(PopulationWideRules);

    [GlobalSetup(Targets = [nameof(MnistOpenCl), nameof(MnistCpu)])]
    public void SetupMnist() => SetupMnist(MnistLifetimes);

    [GlobalSetup(Targets = [nameof(MnistWideOpenCl), nameof(MnistWideCpu)])]
    public void SetupMnistWide() => SetupMnist(MnistWideLifetimes);

    private void SetupPopulation(int rules)
    {
        var datasets = PatternNetworkBenchmarks.PopulationSeeds
            .Select(seed => SyntheticClassification.GenerateJoosten(seed).Train.Subset(0, PatternNetworkBenchmarks.LifetimeSamples)).ToArray();
        var specs = PatternNetworkBenchmarks.PopulationSeeds
            .Select(seed => new PatternNetworkSpec(10, 4, Hidden: 20, Cap: 10, EdgeProbability: 0.5, Seed: seed)).ToArray();
        lifetimes =
        [
            .. from r in Enumerable.Range(0, rules)
               let rule = PatternNetworkBenchmarks.RandomRule(100 + r)
               from data in datasets
               from spec in specs
               select new FixedLifetime(spec, rule, data),
        ];
        OpenDevice();
    }

    private void SetupMnist(int count)
    {
        var (mnist, source) = PatternNetworkBenchmarks.LoadMnist();
        Console.WriteLine($"// Mnist inputs: {source}");
        var spec = new PatternNetworkSpec(784, 10, Hidden: 1000, Cap: 500, EdgeProbability: 0.5, Seed: 1);
        lifetimes = [.. Enumerable.Range(0, count).Select(i => new FixedLifetime(spec, PatternNetworkBenchmarks.RandomRule(2025 + i), mnist))];
        OpenDevice();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (batch is { LastLaunches: > 0 } b)
        {
            Console.WriteLine($"// last OpenCL run: {b.LastTimings}");
        }

        Dispose();
    }

    public void Dispose()
    {
        batch?.Dispose();
        batch = null;
        GC.SuppressFinalize(this);
    }

    [Benchmark(OperationsPerInvoke = PopulationTotal)]
    [BenchmarkCategory("Population")]
    public OpenClLifetimeResult[] PopulationOpenCl() => batch!.Run(lifetimes, PrecisionConfig.Default);

    [Benchmark(Baseline = true, OperationsPerInvoke = PopulationTotal)]
    [BenchmarkCategory("Population")]
    public FixedLifetimeResult[] PopulationCpu() => FixedLifetimeBatch.Run(lifetimes, PrecisionConfig.Default);

    [Benchmark(OperationsPerInvoke = MnistTotal)]
    [BenchmarkCategory("Mnist")]
    public OpenClLifetimeResult[] MnistOpenCl() => batch!.Run(lifetimes, PrecisionConfig.Default);

    [Benchmark(Baseline = true, OperationsPerInvoke = MnistTotal)]
    [BenchmarkCategory("Mnist")]
    public FixedLifetimeResult[] MnistCpu() => FixedLifetimeBatch.Run(lifetimes, PrecisionConfig.Default);

    [Benchmark(OperationsPerInvoke = PopulationWideTotal)]
    [BenchmarkCategory("PopulationWide")]
    public OpenClLifetimeResult[] PopulationWideOpenCl() => batch!.Run(lifetimes, PrecisionConfig.Default);

    [Benchmark(Baseline = true, OperationsPerInvoke = PopulationWideTotal)]
    [BenchmarkCategory("PopulationWide")]
    public FixedLifetimeResult[] PopulationWideCpu() => FixedLifetimeBatch.Run(lifetimes, PrecisionConfig.Default);

    [Benchmark(OperationsPerInvoke = MnistWideTotal)]
    [BenchmarkCategory("MnistWide")]
    public OpenClLifetimeResult[] MnistWideOpenCl() => batch!.Run(lifetimes, PrecisionConfig.Default);

    [Benchmark(Baseline = true, OperationsPerInvoke = MnistWideTotal)]
    [BenchmarkCategory("MnistWide")]
    public FixedLifetimeResult[] MnistWideCpu() => FixedLifetimeBatch.Run(lifetimes, PrecisionConfig.Default);

    private void OpenDevice()
    {
        int index = int.TryParse(Environment.GetEnvironmentVariable("NEURO_BENCH_DEVICE"), out int n) ? n : 0;
        var device = OpenClPlatforms.Device(index);
        Console.WriteLine($"// OpenCL device {index}: {device.Name} ({device.Type}, {device.ComputeUnits} compute units, {device.Version})");
        int? localSize = int.TryParse(Environment.GetEnvironmentVariable("NEURO_BENCH_LOCAL_SIZE"), out int l) ? l : null;
        batch = new OpenClLifetimeBatch(device, new OpenClBatchSettings { LocalSize = localSize });
        Console.WriteLine($"// work-items per lifetime: {localSize?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "the device default"}");
        _ = batch.Run(lifetimes.Take(1).ToArray(), PrecisionConfig.Default); // build the program before measuring
    }
}
