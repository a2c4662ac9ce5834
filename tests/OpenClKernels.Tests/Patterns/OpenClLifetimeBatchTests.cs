using System.Collections.Immutable;
using Neuro.FixedPointSim;
using Neuro.FixedPointSim.Patterns;
using Neuro.OpenClKernels.Host;
using Neuro.Rules.Data;
using Neuro.Rules.Patterns;
using Xunit;
using Xunit.Sdk;

namespace Neuro.OpenClKernels.Patterns;

/// <summary>
/// Bit-exact conformance of the OpenCL kernel with the golden model <see cref="FixedPatternNetwork"/>: random specs,
/// rules and precision configs (the shared conformance body's <see cref="FixedNetworkConformanceTests.RandomCase"/>,
/// which covers every rounding and overflow mode), several lifetimes per launch that differ in rule tables, masks, data
/// and passes; every prediction and every final raw weight compared with <c>Assert.Equal</c>.
/// </summary>
public sealed class OpenClLifetimeBatchTests
{
    /// <summary>Narrow cases run by default: every sixth of the conformance body's 48 seeds (each is one kernel build, a
    /// few seconds of LLVM on PoCL).</summary>
    public static TheoryData<int> NarrowSeeds => new(FixedNetworkConformanceTests.NarrowSeedValues.Where(s => s % 6 == 1));

    /// <summary>The remaining narrow seeds (Heavy).</summary>
    public static TheoryData<int> OtherNarrowSeeds => new(FixedNetworkConformanceTests.NarrowSeedValues.Where(s => s % 6 != 1));

    /// <summary>Wide cases: even seeds sum in 64 bits, odd ones need the kernel's 128-bit accumulator.</summary>
    public static TheoryData<int> WideSeeds => new(FixedNetworkConformanceTests.WideSeedValues.Take(4));

    /// <summary>The remaining wide seeds (Heavy).</summary>
    public static TheoryData<int> OtherWideSeeds => new(FixedNetworkConformanceTests.WideSeedValues.Skip(4));

    [OpenClTheory]
    [MemberData(nameof(NarrowSeeds))]
    public void Run_NarrowFormats_MatchTheGoldenModel(int seed) => AssertMatches(FixedNetworkConformanceTests.RandomCase(seed, wide: false), seed);

    [OpenClTheory]
    [MemberData(nameof(WideSeeds))]
    public void Run_WideFormats_MatchTheGoldenModel(int seed) => AssertMatches(FixedNetworkConformanceTests.RandomCase(seed, wide: true), seed);

    [OpenClTheory]
    [Trait("Category", "Heavy")]
    [MemberData(nameof(OtherNarrowSeeds))]
    public void Run_MoreNarrowFormats_MatchTheGoldenModel(int seed) => AssertMatches(FixedNetworkConformanceTests.RandomCase(seed, wide: false), seed);

    [OpenClTheory]
    [Trait("Category", "Heavy")]
    [MemberData(nameof(OtherWideSeeds))]
    public void Run_MoreWideFormats_MatchTheGoldenModel(int seed) => AssertMatches(FixedNetworkConformanceTests.RandomCase(seed, wide: true), seed);

    /// <summary>Random-layout cases (margin, phase and weight fields in any order, modes mixed): every fourth of the
    /// conformance body's layout seeds by default, the rest Heavy.</summary>
    public static TheoryData<int> LayoutSeeds => new(FixedNetworkConformanceTests.LayoutSeedValues.Where(s => s % 4 == 1));

    /// <summary>The remaining layout seeds (Heavy).</summary>
    public static TheoryData<int> OtherLayoutSeeds => new(FixedNetworkConformanceTests.LayoutSeedValues.Where(s => s % 4 != 1));

    [OpenClTheory]
    [MemberData(nameof(LayoutSeeds))]
    public void Run_RandomLayouts_MatchTheGoldenModel(int seed) => AssertMatches(FixedNetworkConformanceTests.RandomLayoutCase(seed), seed);

    [OpenClTheory]
    [Trait("Category", "Heavy")]
    [MemberData(nameof(OtherLayoutSeeds))]
    public void Run_MoreRandomLayouts_MatchTheGoldenModel(int seed) => AssertMatches(FixedNetworkConformanceTests.RandomLayoutCase(seed), seed);

    /// <summary>Rules with an output average (update.outputAverageShift): every third of the conformance body's seeds by default, the rest Heavy.</summary>
    public static TheoryData<int> AverageSeeds => new(FixedNetworkConformanceTests.OutputAverageSeedValues.Where(s => s % 3 == 0));

    /// <summary>The remaining output-average seeds (Heavy).</summary>
    public static TheoryData<int> OtherAverageSeeds => new(FixedNetworkConformanceTests.OutputAverageSeedValues.Where(s => s % 3 != 0));

    [OpenClTheory]
    [MemberData(nameof(AverageSeeds))]
    public void Run_OutputAverage_MatchesTheGoldenModel(int seed) => AssertMatches(FixedNetworkConformanceTests.RandomAverageCase(seed), seed, localSize: seed == 504 ? 2 : 1);

    [OpenClTheory]
    [Trait("Category", "Heavy")]
    [MemberData(nameof(OtherAverageSeeds))]
    public void Run_MoreOutputAverages_MatchTheGoldenModel(int seed) => AssertMatches(FixedNetworkConformanceTests.RandomAverageCase(seed), seed);

    [OpenClFact]
    public void Run_ReadsTablesThroughTheLayout()
    {
        // A rule stored with its fields reversed and its entries moved is the same rule: the kernel must give the golden
        // model's results for it; with the entries left in place it is another rule, and the kernel must follow that too.
        // A kernel that computed pre·P + post or 2·pattern + role itself would fail the first.
        var (spec, rule, data) = LayoutPermutations.Case(3);
        var permuted = LayoutPermutations.Permuted(rule, moveEntries: true);
        var reinterpreted = LayoutPermutations.Permuted(rule, moveEntries: false);
        FixedLifetime[] lifetimes = [new(spec, permuted, data, 1, data), new(spec, reinterpreted, data, 1, data)];
        var results = OpenClDeviceFixture.Batch(1).Run(lifetimes, PrecisionConfig.Default);

        AssertSame(Golden(new FixedLifetime(spec, rule, data, 1, data), PrecisionConfig.Default), results[0], "permuted layout, entries moved");
        AssertSame(Golden(lifetimes[1], PrecisionConfig.Default), results[1], "permuted layout, entries in place");
        Assert.NotEqual(results[0].RecurrentWeightsRaw, results[1].RecurrentWeightsRaw);
    }

    [OpenClFact]
    public void Run_WideCases_UseBothAccumulators()
    {
        // The wide seeds above must exercise the 64-bit and the 128-bit kernel paths, or they prove less than they claim.
        var kinds = FixedNetworkConformanceTests.WideSeedValues.Take(4)
            .Select(s => FixedNetworkConformanceTests.RandomCase(s, wide: true))
            .Select(c => PatternKernelDefines.For(c.Spec, c.Rule, c.Precision, 1).Accumulator64)
            .ToHashSet();
        Assert.Equal([false, true], kinds.Order());
    }

    [OpenClTheory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Run_EveryRoundingAndOverflowMode_MatchesTheGoldenModel(int mode)
    {
        // Over the four cases the weight's rounding (multiplicative updates) and the activation's (every narrowing) take
        // all seven modes between them, and the weight's overflow all four, with ROM words large enough to overflow
        // within a few updates.
        var roundings = Enum.GetValues<Rounding>();
        var overflows = Enum.GetValues<Overflow>();
        var random = new Random(300 + mode);
        var spec = new PatternNetworkSpec(Inputs: 5, Classes: 3, Hidden: 12, Cap: 5, EdgeProbability: 0.5, Seed: 40 + mode);
        var weight = new FixedType(new QFormat(true, 10, 6), roundings[mode], overflows[mode]);
        var precision = new PrecisionConfig(
            new FixedType(new QFormat(true, 12, 8), roundings[(mode + 2) % 7], overflows[(mode + 1) % 4]),
            weight,
            new FixedType(new QFormat(true, 14, 6), roundings[(mode + 4) % 7], mode % 2 == 0 ? Overflow.Sat : Overflow.Wrap),
            new FixedType(new QFormat(true, 10, 6), Rounding.RndConv, Overflow.Sat));
        var rule = FixedNetworkConformanceTests.RandomRule(random, rounds: 2, forceInput: true);
        rule = new PatternRule(rule.Rounds, 0.5, Scaled(rule.Hidden!.Value, 8), rule.Input is { } i ? Scaled(i, 8) : null, rule.Output is { } o ? Scaled(o, 8) : null,
            mode % 2 == 0 ? PatternUpdateMode.Multiplicative : PatternUpdateMode.Additive, misclassifiedOnly: mode % 3 != 0, rule.OutputEdges);
        AssertMatches(new FixedNetworkConformanceTests.Case(spec, spec.BuildMasks(), rule, precision, 100), 300 + mode);
    }

    /// <summary>Stochastic-rounding seeds (<see cref="FixedNetworkConformanceTests.RandomStochasticCase"/>) run every CI
    /// build: a wide case (301), two narrow ones (302, 307) and a random layout (304).</summary>
    private static readonly int[] CiStochasticSeeds = [301, 302, 304, 307];

    public static TheoryData<int> StochasticSeeds => new(CiStochasticSeeds);

    /// <summary>The other stochastic-rounding seeds (heavy).</summary>
    public static TheoryData<int> OtherStochasticSeeds => new(FixedNetworkConformanceTests.StochasticSeedValues.Except(CiStochasticSeeds));

    [OpenClTheory]
    [MemberData(nameof(StochasticSeeds))]
    public void Run_StochasticRounding_MatchesTheGoldenModel(int seed) => AssertMatches(FixedNetworkConformanceTests.RandomStochasticCase(seed), seed);

    [OpenClTheory]
    [Trait("Category", "Heavy")]
    [MemberData(nameof(OtherStochasticSeeds))]
    public void Run_MoreStochasticRounding_MatchesTheGoldenModel(int seed) => AssertMatches(FixedNetworkConformanceTests.RandomStochasticCase(seed), seed);

    [OpenClFact]
    [Trait("Category", "Heavy")]
    public void Run_StochasticRoundingSeveralWorkItems_MatchesTheGoldenModel()
    {
        // Work-item 0 walks the updates alone while the forward pass stays shared: three work-items, every table present.
        // Heavy: PoCL compiles the barriers of a new define set in about three minutes on the development machine. A walk
        // shared by the work-items (each with its own generator) fails it (tried).
        var random = new Random(12);
        var spec = new PatternNetworkSpec(Inputs: 9, Classes: 4, Hidden: 21, Cap: 8, EdgeProbability: 0.5, Seed: 29);
        var rule = FixedNetworkConformanceTests.Additive(FixedNetworkConformanceTests.RandomRule(random, rounds: 2, forceInput: true));
        rule = new PatternRule(rule.Rounds, Math.ScaleB(1, -12) / rule.Tables.SelectMany(t => t).Max(Math.Abs), rule.Layout, rule.Tables, rule.MisclassifiedOnly, rule.OutputEdges);
        var precision = PrecisionConfig.Default with { StochasticBits = 5, RuleEntry = FixedType.Parse("ap_fixed<10,-7,AP_RND_CONV,AP_SAT>") };
        AssertMatches(new FixedNetworkConformanceTests.Case(spec, spec.BuildMasks(), rule, precision, 80), 12, lifetimes: 4, localSize: 3);
    }

    /// <summary>Per-group weight-type seeds (<see cref="FixedNetworkConformanceTests.RandomGroupCase"/>) run every CI build:
    /// a plain narrow case (401), a stochastic one (402), a random layout (403) and a wide one (406).</summary>
    private static readonly int[] CiGroupWeightSeeds = [401, 402, 403, 406];

    public static TheoryData<int> GroupWeightSeeds => new(CiGroupWeightSeeds);

    /// <summary>The other per-group weight-type seeds (heavy).</summary>
    public static TheoryData<int> OtherGroupWeightSeeds => new(FixedNetworkConformanceTests.GroupWeightSeedValues.Except(CiGroupWeightSeeds));

    [OpenClTheory]
    [MemberData(nameof(GroupWeightSeeds))]
    public void Run_GroupWeightTypes_MatchesTheGoldenModel(int seed) => AssertMatches(FixedNetworkConformanceTests.RandomGroupCase(seed), seed);

    [OpenClTheory]
    [Trait("Category", "Heavy")]
    [MemberData(nameof(OtherGroupWeightSeeds))]
    public void Run_MoreGroupWeightTypes_MatchesTheGoldenModel(int seed) => AssertMatches(FixedNetworkConformanceTests.RandomGroupCase(seed), seed);

    /// <summary>Per-neuron-stream seeds (<see cref="FixedNetworkConformanceTests.RandomPerNeuronCase"/>) run every CI build:
    /// a narrow case (302) and a random layout (304).</summary>
    private static readonly int[] CiPerNeuronSeeds = [302, 304];

    public static TheoryData<int> PerNeuronSeeds => new(CiPerNeuronSeeds);

    /// <summary>The other per-neuron-stream seeds (heavy).</summary>
    public static TheoryData<int> OtherPerNeuronSeeds => new(FixedNetworkConformanceTests.StochasticSeedValues.Except(CiPerNeuronSeeds));

    [OpenClTheory]
    [MemberData(nameof(PerNeuronSeeds))]
    public void Run_PerNeuronStreams_MatchesTheGoldenModel(int seed) => AssertMatches(FixedNetworkConformanceTests.RandomPerNeuronCase(seed), seed);

    [OpenClTheory]
    [Trait("Category", "Heavy")]
    [MemberData(nameof(OtherPerNeuronSeeds))]
    public void Run_MorePerNeuronStreams_MatchesTheGoldenModel(int seed) => AssertMatches(FixedNetworkConformanceTests.RandomPerNeuronCase(seed), seed);

    [OpenClFact]
    [Trait("Category", "Heavy")]
    public void Run_PerNeuronStreamsSeveralWorkItems_MatchesTheGoldenModel()
    {
        // Per-neuron streams let the work-items update their own neurons in parallel (the output walk neuron-major): three
        // work-items over 21 neurons, every table present, all output rows updated. Heavy for PoCL's barrier compile.
        var random = new Random(12);
        var spec = new PatternNetworkSpec(Inputs: 9, Classes: 4, Hidden: 21, Cap: 8, EdgeProbability: 0.5, Seed: 29);
        var rule = FixedNetworkConformanceTests.Additive(FixedNetworkConformanceTests.RandomRule(random, rounds: 2, forceInput: true));
        rule = new PatternRule(rule.Rounds, Math.ScaleB(1, -12) / rule.Tables.SelectMany(t => t).Max(Math.Abs), rule.Layout, rule.Tables, rule.MisclassifiedOnly, OutputEdges.AllEdges);
        var precision = PrecisionConfig.Default with
        {
            StochasticBits = 5,
            StochasticStreams = StochasticStreams.PerNeuron,
            RuleEntry = FixedType.Parse("ap_fixed<10,-7,AP_RND_CONV,AP_SAT>"),
        };
        AssertMatches(new FixedNetworkConformanceTests.Case(spec, spec.BuildMasks(), rule, precision, 80), 12, lifetimes: 4, localSize: 3);
    }

    [OpenClFact]
    public void Run_LargerNetworkInOneLaunch_MatchesTheGoldenModel()
    {
        // Rows longer than the work-group (129 hidden, 70 inputs) at the default precision, eight lifetimes in one launch.
        var random = new Random(7);
        var spec = new PatternNetworkSpec(Inputs: 70, Classes: 10, Hidden: 129, Cap: 60, EdgeProbability: 0.5, Seed: 17);
        var rule = FixedNetworkConformanceTests.RandomRule(random, rounds: 3, forceInput: true);
        AssertMatches(new FixedNetworkConformanceTests.Case(spec, spec.BuildMasks(), rule, PrecisionConfig.Default, 40), 7, lifetimes: 8, localSize: 1);
    }

    [OpenClFact]
    public void Run_ForcedSplit_GivesTheSameResultsAsOneLaunch()
    {
        var c = FixedNetworkConformanceTests.RandomCase(5, wide: false);
        var lifetimes = Lifetimes(c, 5, 6);
        var whole = OpenClDeviceFixture.Batch(1).Run(lifetimes, c.Precision);
        Assert.Equal(1, OpenClDeviceFixture.Batch(1).LastLaunches);
        long budget = OpenClDeviceFixture.Batch(1).BytesAlone(lifetimes, c.Precision).Max(); // the largest lifetime fits, not all six
        var split = OpenClDeviceFixture.Batch(1, memoryBudget: budget).Run(lifetimes, c.Precision);
        Assert.InRange(OpenClDeviceFixture.Batch(1, memoryBudget: budget).LastLaunches, 2, lifetimes.Length);
        for (int i = 0; i < lifetimes.Length; i++)
        {
            Assert.Equal(whole[i].TrainPredictions, split[i].TrainPredictions);
            Assert.Equal(whole[i].HoldoutPredictions, split[i].HoldoutPredictions);
            Assert.Equal(whole[i].RecurrentWeightsRaw, split[i].RecurrentWeightsRaw);
            Assert.Equal(whole[i].InputWeightsRaw, split[i].InputWeightsRaw);
            Assert.Equal(whole[i].OutputWeightsRaw, split[i].OutputWeightsRaw);
        }
    }

    [OpenClFact]
    public void Run_LifetimeLargerThanTheBudget_ThrowsNamingIt()
    {
        var c = FixedNetworkConformanceTests.RandomCase(5, wide: false);
        var e = Assert.Throws<OpenClException>(() => OpenClDeviceFixture.Batch(1, memoryBudget: 1).Run(Lifetimes(c, 5, 2), c.Precision));
        Assert.StartsWith("Lifetime 0 alone needs ", e.Message, StringComparison.Ordinal);
        Assert.Contains("the budget is 1 bytes", e.Message, StringComparison.Ordinal);
    }

    [OpenClFact]
    public void Run_MixedDefineSets_KeepsResultsInLifetimeOrder()
    {
        // Two shapes interleaved: two programs, results written back at each lifetime's index.
        var a = FixedNetworkConformanceTests.RandomCase(9, wide: false);
        var b = a with { Precision = PrecisionConfig.Default, Spec = a.Spec with { Hidden = a.Spec.Hidden + 1, Cap = Math.Min(a.Spec.Cap, a.Spec.Hidden + 1) } };
        var la = Lifetimes(a, 9, 2);
        var lb = Lifetimes(b with { Masks = b.Spec.BuildMasks() }, 10, 2);
        var precision = PrecisionConfig.Default;
        FixedLifetime[] mixed = [la[0], lb[0], la[1], lb[1]];
        var results = OpenClDeviceFixture.Batch(1).Run(mixed, precision);
        Assert.Equal(2, OpenClDeviceFixture.Batch(1).LastLaunches);
        for (int i = 0; i < mixed.Length; i++)
        {
            AssertSame(Golden(mixed[i], precision), results[i], $"lifetime {i}");
        }
    }

    [OpenClFact]
    public void Run_Accuracies_AreThoseOfFixedLifetimeBatch()
    {
        var c = FixedNetworkConformanceTests.RandomCase(13, wide: false);
        var lifetimes = Lifetimes(c, 13, 4);
        var expected = FixedLifetimeBatch.Run(lifetimes, l => new FixedPatternNetwork(l.Spec, l.Rule, c.Precision), threads: 1);
        var actual = OpenClDeviceFixture.Batch(1).Run(lifetimes, c.Precision).Select(r => r.ToFixedLifetimeResult()).ToArray();
        Assert.Equal(expected, actual);
    }

    [OpenClFact]
    public void Run_InvalidLifetime_ThrowsLikeFixedLifetimeBatch()
    {
        var spec = new PatternNetworkSpec(Inputs: 3, Classes: 2, Hidden: 4, Cap: 2);
        var rule = FixedNetworkConformanceTests.RandomRule(new Random(1), rounds: 1, forceInput: false);
        var data = new Dataset(3, 2, new double[6], [0, 1]);
        FixedLifetime[] lifetimes = [new(spec, rule, data, Passes: 0)];
        var expected = Assert.Throws<ArgumentException>(() => FixedLifetimeBatch.Run(lifetimes, PrecisionConfig.Default));
        var actual = Assert.Throws<ArgumentException>(() => OpenClDeviceFixture.Batch(1).Run(lifetimes, PrecisionConfig.Default));
        Assert.Equal(expected.Message, actual.Message);
    }

    [OpenClFact]
    public void Run_PopulationSharingNetworkSeeds_MatchesTheGoldenModel()
    {
        // Six rules on two network seeds and two datasets: lifetimes share mask and start images (uploaded once each).
        var c = FixedNetworkConformanceTests.RandomCase(13, wide: false);
        var random = new Random(13);
        var specs = new[] { c.Spec, c.Spec with { Seed = c.Spec.Seed + 1 } };
        var data = new[] { RandomData(random, c.Spec, c.Precision.Input.Format, 40), RandomData(random, c.Spec, c.Precision.Input.Format, 30) };
        var lifetimes = Enumerable.Range(0, 6)
            .Select(k => new FixedLifetime(specs[k % 2], k == 0 ? c.Rule : Variant(c.Rule, random), data[k / 3], 1 + (k % 2), k == 5 ? data[0] : null))
            .ToArray();
        var batch = OpenClDeviceFixture.Batch(1);
        var results = batch.Run(lifetimes, c.Precision);
        Assert.Equal(1, batch.LastLaunches);
        for (int i = 0; i < lifetimes.Length; i++)
        {
            AssertSame(Golden(lifetimes[i], c.Precision), results[i], $"lifetime {i}");
        }
    }

    [OpenClFact]
    public void Run_RecordsWhereItsTimeWent()
    {
        var c = FixedNetworkConformanceTests.RandomCase(11, wide: false);
        var batch = OpenClDeviceFixture.Batch(1);
        var list = Lifetimes(c, 11, 3);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        _ = batch.Run(list, c.Precision);
        double wall = clock.Elapsed.TotalSeconds;
        var t = batch.LastTimings;
        Assert.True(t.PrepareSeconds > 0 && t.UploadSeconds > 0 && t.KernelSeconds > 0 && t.ReadBackSeconds > 0, t.ToString());
        Assert.InRange(t.TotalSeconds, 0, wall);
        Assert.Matches(@"^prepare \d+\.\d{3} s, upload \d+\.\d{3} s, kernel \d+\.\d{3} s, read-back \d+\.\d{3} s$", t.ToString());
    }

    [Theory]
    [InlineData(20, true, 1024, 32)]
    [InlineData(33, true, 1024, 64)]
    [InlineData(1000, true, 1024, 256)]
    [InlineData(1000, true, 128, 128)]
    [InlineData(5, true, 16, 16)]
    [InlineData(1000, false, 4096, 1)]
    public void DefaultLocalSize_IsWarpsCoveringTheHiddenLayerOnGpusAndOneElsewhere(int hidden, bool isGpu, int maxWorkGroup, int expected) =>
        Assert.Equal(expected, OpenClLifetimeBatch.DefaultLocalSize(hidden, isGpu, maxWorkGroup));

    [OpenClFact]
    public void LocalSizeFor_ASettingWins()
    {
        var spec = new PatternNetworkSpec(3, 2, Hidden: 1000, Cap: 10, EdgeProbability: 0.5, Seed: 1);
        Assert.Equal(3, OpenClDeviceFixture.Batch(3).LocalSizeFor(spec));
        using var defaults = new OpenClLifetimeBatch(OpenClDeviceFixture.Device);
        var device = OpenClDeviceFixture.Device;
        Assert.Equal(OpenClLifetimeBatch.DefaultLocalSize(1000, device.IsGpu, device.MaxWorkGroupSize), defaults.LocalSizeFor(spec));
    }

    /// <summary>Runs <paramref name="lifetimes"/> lifetimes derived from the case in one launch and compares each with the golden model.</summary>
    private static void AssertMatches(FixedNetworkConformanceTests.Case c, int seed, int lifetimes = 4, int? localSize = null)
    {
        var list = Lifetimes(c, seed, lifetimes);
        // One work-item per lifetime, except narrow seed 7 (2 work-items) and the heavy seeds 8 and 20 (3 and 4): their
        // strided loops and barriers are what a GPU runs. (PoCL builds a work-group function with barriers slowly, from
        // seconds to minutes per define set, so the multi-item cases stay few.)
        int local = localSize ?? seed switch { 7 => 2, 8 => 3, 20 => 4, _ => 1 };
        var batch = OpenClDeviceFixture.Batch(local);
        var results = batch.Run(list, c.Precision);
        Assert.Equal(1, batch.LastLaunches);
        for (int i = 0; i < list.Length; i++)
        {
            AssertSame(Golden(list[i], c.Precision), results[i], $"seed {seed}, lifetime {i}, local size {local}");
        }
    }

    /// <summary>
    /// Lifetimes of the case's shape and rule options: the case itself first, then others with new masks (network seed,
    /// edge probability), rescaled tables, their own random data (a fifth of the features zero, a tenth far outside the
    /// input range), one or two passes, and a holdout (new data, the training data itself, or none).
    /// </summary>
    internal static FixedLifetime[] Lifetimes(FixedNetworkConformanceTests.Case c, int seed, int count)
    {
        var random = new Random(seed + 2_000_000);
        var lifetimes = new FixedLifetime[count];
        for (int k = 0; k < count; k++)
        {
            var spec = k == 0 ? c.Spec : c.Spec with { Seed = random.Next(), EdgeProbability = new[] { 0.2, 0.5, 1.0 }[random.Next(3)] };
            var rule = k == 0 ? c.Rule : Variant(c.Rule, random);
            var train = RandomData(random, spec, c.Precision.Input.Format, k == 0 ? c.Samples : random.Next(10, 80));
            int holdoutKind = random.Next(3);
            var holdout = holdoutKind == 0 ? RandomData(random, spec, c.Precision.Input.Format, random.Next(1, 30)) : holdoutKind == 1 ? train : null;
            lifetimes[k] = new FixedLifetime(spec, rule, train, random.Next(1, 3), holdout);
        }

        return lifetimes;
    }

    internal static PatternRule Variant(PatternRule rule, Random random)
    {
        double factor = new[] { 0.25, 1, 3 }[random.Next(3)];
        ImmutableArray<double> Perturb(ImmutableArray<double> table) => [.. table.Select(x => (x * factor) + (random.NextDouble() - 0.5))];
        return rule.WithTables([.. rule.Tables.Select(Perturb)]);
    }

    private static ImmutableArray<double> Scaled(ImmutableArray<double> table, double factor) => [.. table.Select(x => x * factor)];

    private static Dataset RandomData(Random random, PatternNetworkSpec spec, QFormat format, int count)
    {
        double max = Math.ScaleB(1.0, format.IntBits - (format.Signed ? 1 : 0));
        var values = new double[count * spec.Inputs];
        for (int j = 0; j < values.Length; j++)
        {
            int draw = random.Next(10);
            values[j] = draw < 2 ? 0
                : draw == 2 ? (random.Next(2) == 0 ? -1.5 : 1.5) * max
                : (format.Signed ? (random.NextDouble() * 2) - 1 : (random.NextDouble() * 1.1) - 0.05) * max;
        }

        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = random.Next(spec.Classes);
        }

        return new Dataset(spec.Inputs, spec.Classes, values, labels);
    }

    /// <summary>The golden model's lifetime: every prediction and the final raw weights.</summary>
    internal static OpenClLifetimeResult Golden(FixedLifetime lifetime, PrecisionConfig precision)
    {
        var network = new FixedPatternNetwork(lifetime.Spec, lifetime.Rule, precision);
        var train = new List<int>();
        for (int pass = 0; pass < lifetime.Passes; pass++)
        {
            for (int i = 0; i < lifetime.Train.Count; i++)
            {
                train.Add(network.Learn(lifetime.Train.Row(i), lifetime.Train.Label(i)));
            }
        }

        var holdout = new List<int>();
        for (int i = 0; i < (lifetime.Holdout?.Count ?? 0); i++)
        {
            holdout.Add(network.Predict(lifetime.Holdout!.Row(i)));
        }

        return new OpenClLifetimeResult(0, null, [.. train], [.. holdout],
            network.InputWeightsRaw.ToArray(), network.RecurrentWeightsRaw.ToArray(), network.OutputWeightsRaw.ToArray());
    }

    private static void AssertSame(OpenClLifetimeResult expected, OpenClLifetimeResult actual, string context)
    {
        Same(expected.TrainPredictions, actual.TrainPredictions, $"{context}, train predictions");
        Same(expected.HoldoutPredictions, actual.HoldoutPredictions, $"{context}, holdout predictions");
        Same(expected.RecurrentWeightsRaw, actual.RecurrentWeightsRaw, $"{context}, RecurrentWeightsRaw");
        Same(expected.InputWeightsRaw, actual.InputWeightsRaw, $"{context}, InputWeightsRaw");
        Same(expected.OutputWeightsRaw, actual.OutputWeightsRaw, $"{context}, OutputWeightsRaw");
    }

    private static void Same<T>(T[] expected, T[] actual, string context)
    {
        try
        {
            Assert.Equal(expected, actual);
        }
        catch (XunitException e)
        {
            throw new XunitException($"{context}: {e.Message}");
        }
    }
}
