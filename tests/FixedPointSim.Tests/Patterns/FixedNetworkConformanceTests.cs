using System.Collections.Immutable;
using Neuro.Rules.Data;
using Neuro.Rules.Layouts;
using Neuro.Rules.Patterns;
using Xunit;
using Xunit.Sdk;

namespace Neuro.FixedPointSim.Patterns;

/// <summary>
/// The one conformance test body for fixed-point pattern networks (DESIGN.md §2, STYLE.md 6 and 7): random specs, rules,
/// precision configs and inputs drive a lifetime through the implementation under test and through the plain-loop
/// golden model <see cref="FixedPatternNetwork"/> side by side, and after every step every raw array and the
/// prediction must be equal. Subclassed once per implementation.
/// </summary>
public abstract class FixedNetworkConformanceTests
{
    private static readonly Rounding[] Roundings = Enum.GetValues<Rounding>();
    private static readonly Overflow[] Overflows = Enum.GetValues<Overflow>();

    /// <summary>Seeds of the narrow random cases (widths 8..24).</summary>
    internal static readonly int[] NarrowSeedValues = [.. Enumerable.Range(1, 48)];

    /// <summary>Seeds of the wide random cases: even ones with weights of 32..36 bits and sums within 64 bits, odd ones with
    /// weights of 25..44 bits and activations up to 56 (128-bit sums).</summary>
    internal static readonly int[] WideSeedValues = [.. Enumerable.Range(101, 16)];

    public static TheoryData<int> NarrowSeeds => new(NarrowSeedValues);

    public static TheoryData<int> WideSeeds => new(WideSeedValues);

    /// <summary>Makes the implementation under test.</summary>
    protected abstract IFixedPatternNetwork Create(PatternNetworkSpec spec, PatternNetworkMasks masks, PatternRule rule, PrecisionConfig precision);

    [Theory]
    [MemberData(nameof(NarrowSeeds))]
    public void Lifetime_NarrowFormats_MatchTheGoldenModel(int seed) => _ = RunLifetime(RandomCase(seed, wide: false), seed);

    [Theory]
    [MemberData(nameof(WideSeeds))]
    public void Lifetime_WideFormats_MatchTheGoldenModel(int seed) => _ = RunLifetime(RandomCase(seed, wide: true), seed);

    /// <summary>Seeds of the random-layout cases: tables with margin, phase and weight fields in any order, modes mixed.</summary>
    internal static readonly int[] LayoutSeedValues = [.. Enumerable.Range(201, 32)];

    public static TheoryData<int> LayoutSeeds => new(LayoutSeedValues);

    [Theory]
    [MemberData(nameof(LayoutSeeds))]
    public void Lifetime_RandomLayouts_MatchTheGoldenModel(int seed) => _ = RunLifetime(RandomLayoutCase(seed), seed);

    [Fact]
    public void RandomLayoutCases_ReadThePreLevelWithAndWithoutTheZeroLevel()
    {
        // The random-layout seeds are what exercise the output table's pre level in every engine (and on OpenCL, which
        // replays these cases); a generator that stopped drawing it would leave that path untested without a failure.
        var levels = LayoutSeedValues.Select(s => RandomLayoutCase(s).Rule.Layout.Find(PatternLayouts.Output)?.Field(Signal.Pre))
            .OfType<LayoutField>().ToList();

        Assert.True(levels.Count >= 6, $"{levels.Count} of {LayoutSeedValues.Length} cases read the pre level");
        Assert.Contains(levels, f => f.Thresholds[0] == 0);
        Assert.Contains(levels, f => f.Thresholds[0] > 0);
        Assert.Contains(levels, f => f.Bits == 2);
    }

    /// <summary>Seeds of the stochastic-rounding cases: <see cref="RandomStochasticCase"/>.</summary>
    internal static readonly int[] StochasticSeedValues = [.. Enumerable.Range(301, 32)];

    public static TheoryData<int> StochasticSeeds => new(StochasticSeedValues);

    /// <summary>Seeds of <see cref="RandomGroupCase"/>.</summary>
    internal static readonly int[] GroupWeightSeedValues = [.. Enumerable.Range(401, 24)];

    /// <summary>Per-group weight types.</summary>
    public static TheoryData<int> GroupWeightSeeds => new(GroupWeightSeedValues);

    [Theory]
    [MemberData(nameof(StochasticSeeds))]
    public void Lifetime_StochasticRounding_MatchesTheGoldenModel(int seed)
    {
        // A case that never draws would compare nothing stochastic; every seed's lifetime must advance the generator.
        Assert.True(RunLifetime(RandomStochasticCase(seed), seed) > 0, "the lifetime never drew");
    }

    [Theory]
    [MemberData(nameof(StochasticSeeds))]
    public void Lifetime_PerNeuronStreams_MatchesTheGoldenModel(int seed)
    {
        // The same cases with one generator per hidden neuron: every engine's update paths must pick the neuron's own state.
        Assert.True(RunLifetime(RandomPerNeuronCase(seed), seed) > 0, "the lifetime never drew");
    }

    [Theory]
    [MemberData(nameof(GroupWeightSeeds))]
    public void Lifetime_GroupWeightTypes_MatchesTheGoldenModel(int seed)
    {
        // Per-group weight types: every engine must narrow each group's products, update each table's weights and read
        // its weight field in that group's own scale, and compute the logits (and margins) at the output type's.
        var c = RandomGroupCase(seed);
        Assert.False(c.Precision.UniformWeights);
        _ = RunLifetime(c, seed);
    }

    /// <summary>Rules whose predictions read the output weights' moving average.</summary>
    public static TheoryData<int> OutputAverageSeeds => new(OutputAverageSeedValues);

    internal static readonly int[] OutputAverageSeedValues = [.. Enumerable.Range(501, 24)];

    [Theory]
    [MemberData(nameof(OutputAverageSeeds))]
    public void Lifetime_OutputAverage_MatchesTheGoldenModel(int seed)
    {
        // Every engine must step the average after every learned sample (updated or not), reset it with the weights, and
        // predict from it while learning from the weights. A case whose readout never left the weights (output updates that
        // round to nothing) would prove none of it, so such a case is followed by the next one, each checked in full.
        bool moved = false;
        for (int attempt = 0; attempt < 4 && !moved; attempt++)
        {
            _ = RunLifetime(RandomAverageCase(seed + (attempt * 100_000)), seed, afterStep: tested => moved |= !tested.ReadoutWeightsRaw.SequenceEqual(tested.OutputWeightsRaw));
        }

        Assert.True(moved, "the readout never differed from the weights");
    }

    [Fact]
    public void Lifetime_PerNeuronStreamsLargerNetwork_MatchesTheGoldenModel()
    {
        // As the single-stream larger case: rows of several vectors with a ragged tail, every table present.
        var random = new Random(11);
        var spec = new PatternNetworkSpec(Inputs: 70, Classes: 10, Hidden: 129, Cap: 60, EdgeProbability: 0.5, Seed: 19);
        var rule = Additive(RandomRule(random, rounds: 3, forceInput: true));
        var precision = PrecisionConfig.Default with
        {
            StochasticBits = 4,
            StochasticStreams = StochasticStreams.PerNeuron,
            RuleEntry = FixedType.Parse("ap_fixed<8,-8,AP_RND_CONV,AP_SAT>"),
        };
        Assert.True(RunLifetime(new Case(spec, spec.BuildMasks(), rule, precision, Samples: 60), 11) > 0, "the lifetime never drew");
    }

    [Fact]
    public void Lifetime_StochasticRoundingLargerNetwork_MatchesTheGoldenModel()
    {
        // The lane engine's rows of several vectors with a ragged tail, every table present, 4 stochastic bits.
        var random = new Random(11);
        var spec = new PatternNetworkSpec(Inputs: 70, Classes: 10, Hidden: 129, Cap: 60, EdgeProbability: 0.5, Seed: 19);
        var rule = Additive(RandomRule(random, rounds: 3, forceInput: true));
        var precision = PrecisionConfig.Default with { StochasticBits = 4, RuleEntry = FixedType.Parse("ap_fixed<8,-8,AP_RND_CONV,AP_SAT>") };
        Assert.True(RunLifetime(new Case(spec, spec.BuildMasks(), rule, precision, Samples: 60), 11) > 0, "the lifetime never drew");
    }

    [Fact]
    public void Lifetime_LargerNetwork_MatchesTheGoldenModel()
    {
        // Rows of several vectors with a ragged tail (129 = 16·8 + 1) and many inputs, at the default precision.
        var random = new Random(7);
        var spec = new PatternNetworkSpec(Inputs: 70, Classes: 10, Hidden: 129, Cap: 60, EdgeProbability: 0.5, Seed: 17);
        var rule = RandomRule(random, rounds: 3, forceInput: true);
        _ = RunLifetime(new Case(spec, spec.BuildMasks(), rule, PrecisionConfig.Default, Samples: 60), 7);
    }

    [Fact]
    public void Lifetime_FiveRounds_MatchesTheGoldenModel()
    {
        // P = 64 patterns: a 4096-word hidden ROM, more than fits two vectors of a column.
        var random = new Random(9);
        var spec = new PatternNetworkSpec(Inputs: 6, Classes: 3, Hidden: 30, Cap: 12, EdgeProbability: 0.5, Seed: 23);
        var rule = RandomRule(random, rounds: 5, forceInput: true);
        _ = RunLifetime(new Case(spec, spec.BuildMasks(), rule, PrecisionConfig.Default, Samples: 120), 9);
    }

    [Fact]
    public void Constructor_RejectsAnAccumulatorWiderThanInt128LikeTheGoldenModel()
    {
        var precision = new PrecisionConfig(
            FixedType.Parse("ap_fixed<16,4,AP_RND_CONV,AP_SAT>"),
            FixedType.Parse("ap_fixed<64,32,AP_RND_CONV,AP_SAT>"),
            FixedType.Parse("ap_fixed<64,32,AP_RND_CONV,AP_SAT>"),
            FixedType.Parse("ap_fixed<8,-24,AP_RND_CONV,AP_SAT>"));
        var spec = new PatternNetworkSpec(Inputs: 10, Classes: 4, Hidden: 20, Cap: 10);
        var rule = RandomRule(new Random(1), rounds: 3, forceInput: false);
        var expected = Assert.Throws<ArgumentException>(() => new FixedPatternNetwork(spec, rule, precision));
        var actual = Assert.Throws<ArgumentException>(() => Create(spec, spec.BuildMasks(), rule, precision));
        Assert.Equal(expected.Message, actual.Message);
    }

    [Fact]
    public void PredictRaw_RejectsRawsOutsideTheInputFormatLikeTheGoldenModel()
    {
        var spec = new PatternNetworkSpec(Inputs: 2, Classes: 2, Hidden: 3, Cap: 2, Seed: 4);
        var rule = RandomRule(new Random(2), rounds: 1, forceInput: false);
        var golden = new FixedPatternNetwork(spec, rule, PrecisionConfig.Default);
        var tested = Create(spec, spec.BuildMasks(), rule, PrecisionConfig.Default);
        var expected = Assert.Throws<ArgumentException>(() => golden.PredictRaw([0, 32768]));
        var actual = Assert.Throws<ArgumentException>(() => tested.PredictRaw([0, 32768]));
        Assert.Equal(expected.Message, actual.Message);
        Assert.Equal(
            Assert.Throws<ArgumentOutOfRangeException>(() => golden.Learn([0, 0], 2)).Message,
            Assert.Throws<ArgumentOutOfRangeException>(() => tested.Learn([0, 0], 2)).Message);
    }

    /// <summary>A random network, rule, precision and lifetime length (the inputs are drawn while it runs).</summary>
    /// <param name="Spec">Shape and seed.</param>
    /// <param name="Masks">The spec's masks.</param>
    /// <param name="Rule">The rule.</param>
    /// <param name="Precision">Signal types, valid for the spec.</param>
    /// <param name="Samples">Steps of the lifetime.</param>
    internal sealed record Case(PatternNetworkSpec Spec, PatternNetworkMasks Masks, PatternRule Rule, PrecisionConfig Precision, int Samples);

    /// <summary>
    /// Inputs 1..12, classes 2..5, hidden 2..40, cap 1..hidden, p in {0.2, 0.5, 1}, rounds 0..3; rules with and without
    /// input and output tables, additive or multiplicative, misclassified-only or always, either output-edge option;
    /// every rounding and overflow mode where <see cref="PrecisionConfig.Validate(PatternNetworkSpec)"/> allows it.
    /// </summary>
    internal static Case RandomCase(int seed, bool wide)
    {
        var random = new Random(seed);
        int inputs = random.Next(1, 13);
        int classes = random.Next(2, 6);
        int hidden = random.Next(2, 41);
        int cap = random.Next(1, hidden + 1);
        double p = new[] { 0.2, 0.5, 1.0 }[random.Next(3)];
        var spec = new PatternNetworkSpec(inputs, classes, hidden, cap, p, Seed: random.Next());
        var rule = RandomRule(random, random.Next(0, 4), forceInput: false);
        var precision = RandomPrecision(random, spec, wide ? (seed % 2 == 0 ? Width.Int64 : Width.Int128) : Width.Narrow);
        return new Case(spec, spec.BuildMasks(), rule, precision, random.Next(50, 201));
    }

    /// <summary>
    /// <see cref="RandomCase"/>'s network and precision (narrow formats) with a rule of a random layout
    /// (<see cref="RandomLayoutRule"/>); longer lifetimes so the phase field passes through its codes.
    /// </summary>
    internal static Case RandomLayoutCase(int seed)
    {
        var c = RandomCase(seed, wide: seed % 4 == 0);
        var random = new Random(seed + 5000);
        return c with { Rule = RandomLayoutRule(random, c.Rule.Rounds), Samples = random.Next(100, 301) };
    }

    /// <summary>
    /// A random case (narrow, wide or random-layout) made stochastic: every table additive, 1..8 stochastic bits (now and
    /// then up to 24), the rule-entry type given the weight's fractional bits plus those and as many more bits of width,
    /// eta chosen so the largest step is 1/16 to 40 weight LSBs.
    /// </summary>
    internal static Case RandomStochasticCase(int seed)
    {
        var c = seed % 4 == 0 ? RandomLayoutCase(seed) : RandomCase(seed, wide: seed % 4 == 1);
        var random = new Random(seed + 7000);
        int s = random.Next(10) == 0 ? random.Next(9, PrecisionConfig.MaxStochasticBits + 1) : random.Next(1, 9);
        var entry = c.Precision.RuleEntry.Format;
        var precision = c.Precision with
        {
            StochasticBits = s,
            RuleEntry = c.Precision.RuleEntry with { Format = new QFormat(true, Math.Min(entry.Width + s, 64), entry.FracBits + s) },
        };
        precision.Validate(c.Spec);

        // Steps sized in weight LSBs (the regime stochastic rounding is for): the largest entry is m LSBs, m from a
        // sixteenth (at least 2 words) to saturating, so the words below the LSB are mostly nonzero and every lifetime draws.
        double largest = c.Rule.Tables.SelectMany(t => t).Max(Math.Abs);
        double m = Math.Max(new[] { 1.0 / 16, 0.25, 1, 4, 40 }[random.Next(5)], Math.ScaleB(2, -s));
        var rule = Additive(c.Rule);
        rule = new PatternRule(rule.Rounds, Math.ScaleB(m, -c.Precision.Weight.Format.FracBits) / largest, rule.Layout, rule.Tables, rule.MisclassifiedOnly, rule.OutputEdges);
        return c with { Rule = rule, Precision = precision };
    }

    /// <summary><see cref="RandomStochasticCase"/> with one generator per hidden neuron (<see cref="StochasticStreams.PerNeuron"/>).</summary>
    internal static Case RandomPerNeuronCase(int seed)
    {
        var c = RandomStochasticCase(seed);
        return c with { Precision = c.Precision with { StochasticStreams = StochasticStreams.PerNeuron } };
    }

    /// <summary>
    /// A random case (plain, stochastic or random-layout) whose synapse groups get weight types of their own: each of the
    /// three, at random, keeps the weight type or takes one with −3..+4 fractional bits and 0..4 more bits of width (so the
    /// rule entry still fits) and its own rounding and overflow; at least one group differs. Cases the spec cannot take
    /// (an activation overflow that needs the worst case to fit) fall back to fewer groups.
    /// </summary>
    internal static Case RandomGroupCase(int seed)
    {
        var c = (seed % 3) switch
        {
            0 => RandomStochasticCase(seed),
            1 => RandomLayoutCase(seed),
            _ => RandomCase(seed, wide: seed % 4 == 2),
        };
        var random = new Random(seed + 9000);
        var w = c.Precision.Weight;
        for (int attempt = 0; attempt < 20; attempt++)
        {
            FixedType? Group() => random.Next(3) == 0
                ? null
                : Type(random, true, Math.Min(w.Format.Width + random.Next(0, 5), 62), w.Format.FracBits + random.Next(-3, 5));
            var precision = c.Precision with { InputWeight = Group(), RecurrentWeight = Group(), OutputWeight = Group() };
            if (!precision.UniformWeights && precision.Problem is null && Fits(precision, c.Spec) && precision.AccumulatorBits(c.Spec) <= 128)
            {
                return c with { Precision = precision };
            }
        }

        // The fallback: the output type alone, one fractional bit more, same modes (the activation bound never reads it).
        return c with { Precision = c.Precision with { OutputWeight = w with { Format = new QFormat(true, w.Format.Width + 1, w.Format.FracBits + 1) } } };
    }

    /// <summary>
    /// A random case (plain, stochastic, random-layout or per-group) whose rule has an output table and keeps the output
    /// weights' moving average with a shift of 1..6 (short enough that the readout moves within the lifetime).
    /// </summary>
    internal static Case RandomAverageCase(int seed)
    {
        for (int attempt = 0; ; attempt++)
        {
            int s = seed + (attempt * 10_000);
            var c = (s % 4) switch
            {
                0 => RandomStochasticCase(s),
                1 => RandomLayoutCase(s),
                2 => RandomGroupCase(s),
                _ => RandomCase(s, wide: s % 8 == 3),
            };
            if (c.Rule.Output is not null && c.Precision.WeightOf(PatternLayouts.Output).Format.Width <= 55)
            {
                return c with { Rule = c.Rule.WithOutputAverage(new Random(s + 11_000).Next(1, 7)) };
            }
        }
    }

    /// <summary>The rule with every table in add mode (stochastic rounding applies to add tables only).</summary>
    internal static PatternRule Additive(PatternRule rule) => new(
        rule.Rounds,
        rule.Eta,
        new RuleLayout([.. rule.Layout.Tables.Select(t => new TableLayout(t.Name, t.Synapses, TableMode.Add, t.Fields))]),
        rule.Tables,
        rule.MisclassifiedOnly,
        rule.OutputEdges);

    /// <summary>
    /// A rule whose tables each read a random subset of their group's signals in a random order: histories, role (1 or 2
    /// bits), weight (1..3 bits, range 2^-2..2^2), margin (1..2 bits, absolute thresholds scaled 2^-8..2^2 or relative ones
    /// 2^-6..2^1), phase (1..3 bits);
    /// each table add or multiply on its own; every table at least one field and at most 12 address bits.
    /// </summary>
    internal static PatternRule RandomLayoutRule(Random random, int rounds)
    {
        var normal = new StandardNormal(random);
        double scale = new[] { 0.5, 1, 4, 30 }[random.Next(4)];
        LayoutField Extra(Signal signal)
        {
            int bits = random.Next(1, 3);
            return signal switch
            {
                Signal.Weight => new(signal, random.Next(1, 4), range: Math.ScaleB(1, random.Next(-2, 3))),
                Signal.Margin when random.Next(2) == 0 => new(signal, bits, LayoutField.DefaultRelativeMarginThresholds(bits, Math.ScaleB(1, random.Next(-6, 2))), relative: true),
                Signal.Margin => new(signal, bits, LayoutField.DefaultMarginThresholds(bits, Math.ScaleB(1, random.Next(-8, 3)))),
                Signal.Phase => new(signal, random.Next(1, 4)),
                Signal.Role => new(signal, bits),
                Signal.Pre when random.Next(3) == 0 => new(signal, bits, [0.0, .. LayoutField.DefaultPreThresholds(bits, Math.ScaleB(1, random.Next(-4, 0)))[1..]]),
                Signal.Pre => new(signal, bits, LayoutField.DefaultPreThresholds(bits, Math.ScaleB(1, random.Next(-4, 0)))),
                _ => new(signal, rounds + 1),
            };
        }

        ImmutableArray<LayoutField> Fields(Signal[] required, Signal[] optional)
        {
            var fields = new List<LayoutField>();
            foreach (var signal in required.Concat(optional.Where(_ => random.Next(2) == 0)))
            {
                var field = Extra(signal);
                if (fields.Sum(f => f.Bits) + field.Bits <= 12)
                {
                    fields.Add(field);
                }
            }

            if (fields.Count == 0)
            {
                fields.Add(new(Signal.Phase, 1));
            }

            random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(fields));
            return [.. fields];
        }

        Signal[] sample = [Signal.Weight, Signal.Margin, Signal.Phase];
        var tables = new List<TableLayout>();
        TableMode Mode() => random.Next(10) < 7 ? TableMode.Add : TableMode.Multiply;
        if (random.Next(8) != 0)
        {
            tables.Add(new("hidden", PatternLayouts.Recurrent, Mode(), Fields([Signal.PreHistory], [Signal.PostHistory, .. sample])));
        }

        if (random.Next(2) == 0)
        {
            tables.Add(new("input", PatternLayouts.Input, Mode(), Fields([], [Signal.PostHistory, .. sample])));
        }

        if (tables.Count == 0 || random.Next(10) < 7)
        {
            tables.Add(new("output", PatternLayouts.Output, Mode(), Fields([], [Signal.PreHistory, Signal.Pre, Signal.Role, .. sample])));
        }

        var layout = new RuleLayout([.. tables]);
        var entries = layout.Tables.Select(t => ImmutableArray.CreateRange(Enumerable.Range(0, t.Entries).Select(_ => scale * normal.Next()))).ToImmutableArray();
        return new PatternRule(
            rounds,
            new[] { 0.01, 0.1, 0.5 }[random.Next(3)],
            layout,
            entries,
            misclassifiedOnly: random.Next(2) == 0,
            random.Next(2) == 0 ? OutputEdges.LabelAndPrediction : OutputEdges.AllEdges);
    }

    /// <summary>Tables of N(0,1) entries times a scale that ranges from ROM words that vanish to words that saturate.</summary>
    internal static PatternRule RandomRule(Random random, int rounds, bool forceInput)
    {
        var normal = new StandardNormal(random);
        double scale = new[] { 0.5, 1, 4, 30 }[random.Next(4)];
        int patterns = 1 << (rounds + 1);
        ImmutableArray<double> Table(int count) => [.. Enumerable.Range(0, count).Select(_ => scale * normal.Next())];
        var hiddenTable = Table(patterns * patterns);
        ImmutableArray<double>? input = forceInput || random.Next(2) == 0 ? Table(patterns) : null;
        ImmutableArray<double>? output = random.Next(10) < 7 ? Table(2 * patterns) : null;
        return new PatternRule(
            rounds,
            new[] { 0.01, 0.1, 0.5 }[random.Next(3)],
            hiddenTable,
            input,
            output,
            random.Next(10) < 7 ? PatternUpdateMode.Additive : PatternUpdateMode.Multiplicative,
            misclassifiedOnly: random.Next(2) == 0,
            random.Next(2) == 0 ? OutputEdges.LabelAndPrediction : OutputEdges.AllEdges);
    }

    private static PrecisionConfig RandomPrecision(Random random, PatternNetworkSpec spec, Width widths)
    {
        bool wide = widths != Width.Narrow;
        bool moderate = widths == Width.Int64;
        // Weight: mostly 1..8 integer bits; now and then none or fewer than none (an LSB of 2 or more). Rule words as wide
        // as the weight (or nearly) push weights into their overflow mode within a few updates.
        int ww = moderate ? random.Next(32, 37) : wide ? random.Next(25, 45) : random.Next(8, 25);
        int wInt = random.Next(20) == 0 ? ww + random.Next(0, 3) : random.Next(1, 9);
        var weight = Type(random, true, ww, ww - wInt);
        int we = random.Next(2) == 0 ? Math.Max(2, ww - random.Next(0, 3)) : random.Next(2, ww + 1);
        var entry = Type(random, true, we, weight.Format.FracBits);

        bool inputSigned = random.Next(4) != 0;
        int xw = moderate ? random.Next(8, 23) : wide ? random.Next(8, 41) : random.Next(8, 25);
        var input = Type(random, inputSigned, xw, xw - random.Next(inputSigned ? 1 : 0, 7));

        // Activation: −2..20 integer bits, from formats that saturate or wrap most sums to ones that hold them all.
        int aw = moderate ? random.Next(12, 23) : wide ? random.Next(12, 57) : random.Next(8, 25);
        int af = aw - random.Next(-2, 21);
        var activation = Type(random, true, aw, af) with { Overflow = random.Next(10) < 7 ? Overflow.Sat : Overflow.Wrap };
        if (random.Next(10) == 0)
        {
            // SatZero or SatSym is allowed only where the worst-case sum provably fits; keep it when Validate agrees.
            var other = activation with { Overflow = random.Next(2) == 0 ? Overflow.SatZero : Overflow.SatSym };
            if (new PrecisionConfig(input, weight, other, entry) is var candidate && candidate.Problem is null && Fits(candidate, spec))
            {
                activation = other;
            }
        }

        var precision = new PrecisionConfig(input, weight, activation, entry);
        precision.Validate(spec);
        return precision;
    }

    private static bool Fits(PrecisionConfig precision, PatternNetworkSpec spec)
    {
        try
        {
            precision.Validate(spec);
            return true;
        }
        catch (PrecisionConfigException)
        {
            return false;
        }
    }

    /// <summary>Which widths <see cref="RandomPrecision"/> draws.</summary>
    private enum Width
    {
        Narrow,
        Int64,
        Int128,
    }

    private static FixedType Type(Random random, bool signed, int width, int fracBits) =>
        new(new QFormat(signed, width, fracBits), Roundings[random.Next(Roundings.Length)], Overflows[random.Next(Overflows.Length)]);

    /// <summary>
    /// Streams random samples through both networks: mostly <c>Learn</c> on doubles (a fifth of them zero, a tenth far
    /// outside the input range), also <c>Predict</c>, <c>LearnRaw</c>, <c>PredictRaw</c> and one <c>Reset</c>; compares
    /// the prediction and every raw array after each step.
    /// </summary>
    /// <returns>The number of steps after which the stochastic-rounding generator had moved.</returns>
    private int RunLifetime(Case c, int seed, Action<IFixedPatternNetwork>? afterStep = null)
    {
        int drawingSteps = 0;
        var golden = new FixedPatternNetwork(c.Spec, c.Masks, c.Rule, c.Precision);
        var tested = Create(c.Spec, c.Masks, c.Rule, c.Precision);
        var random = new Random(seed + 1_000_000);
        var format = c.Precision.Input.Format;
        double max = Math.ScaleB(1.0, format.IntBits - (format.Signed ? 1 : 0));
        int resetAt = random.Next(c.Samples);
        var x = new double[c.Spec.Inputs];
        var raw = new long[c.Spec.Inputs];
        AssertSameState(golden, tested, $"seed {seed}, after construction");
        ulong previousState = RandomFingerprint(golden);
        for (int t = 0; t < c.Samples; t++)
        {
            if (t == resetAt)
            {
                golden.Reset();
                tested.Reset();
                previousState = RandomFingerprint(golden);
            }

            int label = random.Next(c.Spec.Classes);
            int kind = random.Next(10);
            int expected, actual;
            if (kind < 8)
            {
                for (int j = 0; j < x.Length; j++)
                {
                    int draw = random.Next(10);
                    x[j] = draw < 2 ? 0
                        : draw == 2 ? (random.Next(2) == 0 ? -1.5 : 1.5) * max
                        : (format.Signed ? (random.NextDouble() * 2) - 1 : (random.NextDouble() * 1.1) - 0.05) * max;
                }

                (expected, actual) = kind < 7
                    ? (golden.Learn(x, label), tested.Learn(x, label))
                    : (golden.Predict(x), tested.Predict(x));
            }
            else
            {
                for (int j = 0; j < raw.Length; j++)
                {
                    raw[j] = random.Next(4) == 0 ? (random.Next(2) == 0 ? format.MinRaw : format.MaxRaw)
                        : (long)(format.MinRaw + (random.NextDouble() * ((double)format.MaxRaw - format.MinRaw)));
                }

                (expected, actual) = kind == 8
                    ? (golden.LearnRaw(raw, label), tested.LearnRaw(raw, label))
                    : (golden.PredictRaw(raw), tested.PredictRaw(raw));
            }

            string context = $"seed {seed}, step {t}";
            Same(new[] { expected }, new[] { actual }, $"{context}, prediction");
            ulong before = RandomFingerprint(golden);
            AssertSameState(golden, tested, context);
            afterStep?.Invoke(tested);
            drawingSteps += before != previousState ? 1 : 0;
            previousState = before;
        }

        return drawingSteps;
    }

    private static void AssertSameState(FixedPatternNetwork golden, IFixedPatternNetwork tested, string context)
    {
        Same(golden.InputRaw.ToArray(), tested.InputRaw.ToArray(), $"{context}, InputRaw");
        Same(golden.ProjectionRaw.ToArray(), tested.ProjectionRaw.ToArray(), $"{context}, ProjectionRaw");
        Same(golden.HiddenRaw.ToArray(), tested.HiddenRaw.ToArray(), $"{context}, HiddenRaw");
        Same(golden.Patterns.ToArray(), tested.Patterns.ToArray(), $"{context}, Patterns");
        Same(golden.LogitsRaw.ToArray(), tested.LogitsRaw.ToArray(), $"{context}, LogitsRaw");
        Same(golden.RecurrentWeightsRaw.ToArray(), tested.RecurrentWeightsRaw.ToArray(), $"{context}, RecurrentWeightsRaw");
        Same(golden.InputWeightsRaw.ToArray(), tested.InputWeightsRaw.ToArray(), $"{context}, InputWeightsRaw");
        Same(golden.OutputWeightsRaw.ToArray(), tested.OutputWeightsRaw.ToArray(), $"{context}, OutputWeightsRaw");
        Same(golden.ReadoutWeightsRaw.ToArray(), tested.ReadoutWeightsRaw.ToArray(), $"{context}, ReadoutWeightsRaw");
        Assert.Equal(golden.LogitFracBits, tested.LogitFracBits);
        Same([golden.UpdateRandomState], [tested.UpdateRandomState], $"{context}, UpdateRandomState");
        Same(golden.NeuronRandomStates.ToArray(), tested.NeuronRandomStates.ToArray(), $"{context}, NeuronRandomStates");
    }

    /// <summary>Every generator state at once (the single one and the per-neuron ones), to see whether a step drew.</summary>
    private static ulong RandomFingerprint(FixedPatternNetwork network)
    {
        ulong hash = network.UpdateRandomState;
        foreach (uint state in network.NeuronRandomStates)
        {
            hash = (hash * 0x100000001B3UL) ^ state;
        }

        return hash;
    }

    /// <summary><c>Assert.Equal</c> on raw arrays, with the seed, step and array named when it fails.</summary>
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
