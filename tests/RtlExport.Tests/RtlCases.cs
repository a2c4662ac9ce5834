using System.Collections.Immutable;
using Neuro.FixedPointSim;
using Neuro.FixedPointSim.Patterns;
using Neuro.Rules.Data;
using Neuro.Rules.Layouts;
using Neuro.Rules.Patterns;

namespace Neuro.RtlExport;

/// <summary>The rules, precisions and networks the RtlExport tests export: a few fixed cases and seeded random ones.</summary>
internal static class RtlCases
{
    private static readonly Lazy<(Dataset Train, Dataset Test)> Synthetic = new(() => SyntheticClassification.GenerateJoosten(1));

    /// <summary>The embedded synthetic task's training set (4 classes, 10 features).</summary>
    public static Dataset Data => Synthetic.Value.Train;

    /// <summary>The fixed snapshot cases, by name.</summary>
    public static readonly string[] SnapshotCases = ["r1-all-tables-sat", "r0-hidden-only-satsym", "r1-all-edges-satzero", "r2-input-wrap", "demo-w8-e6"];

    /// <summary>Cases whose snapshots pin only the Verilog and the manifest (whose SHA-256s pin every other file).</summary>
    public static readonly string[] RtlOnlyCases = ["r1-all-edges-satzero", "r2-input-wrap", "demo-w8-e6"];

    /// <summary>One export case.</summary>
    internal sealed record Case(string Name, PatternRule Rule, PrecisionConfig Precision, PatternNetworkSpec Spec, HardwareExportSettings Settings)
    {
        public HardwareDesign Design() => new(Settings.Name, Rule, Precision, Spec, Spec.BuildMasks(), Settings.Lanes);

        public ExportResult ExportTo(string dir) => HardwareExporter.Export(Rule, Precision, Spec, Data, Settings, dir);
    }

    public static Case Fixed(string name) => name switch
    {
        "r1-all-tables-sat" => new(name,
            new PatternRule(1, 0.01, Table(16, 11), Table(4, 12), Table(8, 13)),
            PrecisionConfig.Default,
            new PatternNetworkSpec(10, 4, Hidden: 6, Cap: 3, EdgeProbability: 0.5, Seed: 3),
            new HardwareExportSettings { Samples = 6 }),
        "r0-hidden-only-satsym" => new(name,
            new PatternRule(0, 0.01, Table(4, 21), null, null, misclassifiedOnly: false),
            PrecisionConfig.Default with
            {
                Weight = FixedType.Parse("ap_fixed<6,2,AP_RND_CONV,AP_SAT_SYM>"),
                RuleEntry = FixedType.Parse("ap_fixed<4,0,AP_RND_CONV,AP_SAT>"),
            },
            new PatternNetworkSpec(10, 4, Hidden: 4, Cap: 2, EdgeProbability: 0.6, Seed: 5),
            new HardwareExportSettings { Name = "tiny", Samples = 4 }),
        "r1-all-edges-satzero" => new(name,
            new PatternRule(1, 0.01, Table(16, 31), null, Table(8, 32), outputEdges: OutputEdges.AllEdges),
            PrecisionConfig.Default with
            {
                Weight = FixedType.Parse("ap_fixed<5,1,AP_RND_CONV,AP_SAT_ZERO>"),
                RuleEntry = FixedType.Parse("ap_fixed<3,-1,AP_RND_CONV,AP_SAT>"),
            },
            new PatternNetworkSpec(10, 4, Hidden: 5, Cap: 2, EdgeProbability: 0.5, Seed: 7),
            new HardwareExportSettings { Name = "satzero", Samples = 8 }),
        "r2-input-wrap" => new(name,
            new PatternRule(2, 0.01, Table(64, 41), Table(8, 42), null),
            PrecisionConfig.Default with
            {
                Weight = FixedType.Parse("ap_fixed<6,2,AP_TRN,AP_WRAP>"),
                RuleEntry = FixedType.Parse("ap_fixed<6,2,AP_RND_CONV,AP_SAT>"),
            },
            new PatternNetworkSpec(10, 4, Hidden: 5, Cap: 3, EdgeProbability: 0.5, Seed: 9),
            new HardwareExportSettings { Name = "wrap", Samples = 8 }),
        "demo-w8-e6" => new(name,
            PatternRuleFile.Read(Path.Combine(RepoPaths.Root, "rules", "synthetic-es.json")).Rule,
            PrecisionConfig.Load(Path.Combine(RepoPaths.Root, "configs", "precision-w8-e6.json")),
            new PatternNetworkSpec(10, 4, Hidden: 20, Cap: 10, EdgeProbability: 0.5, Seed: 1),
            new HardwareExportSettings()),
        "demo-w30-e12" => Fixed("demo-w8-e6") with { Name = name, Precision = PrecisionConfig.Load(Path.Combine(RepoPaths.Root, "configs", "precision-w30-e12.json")) },
        // Coarse activations (two fractional bits) make ties at the cap's threshold common; large rule entries
        // (eta 0.5) saturate the 5-bit weights within a few samples. The mutation tests rely on both.
        "ties-sat" => new(name,
            new PatternRule(1, 0.5, Table(16, 51), Table(4, 52), Table(8, 53), misclassifiedOnly: false),
            PrecisionConfig.Default with
            {
                Input = FixedType.Parse("ap_fixed<6,3,AP_RND_CONV,AP_SAT>"),
                Weight = FixedType.Parse("ap_fixed<5,2,AP_RND_CONV,AP_SAT>"),
                Activation = FixedType.Parse("ap_fixed<8,6,AP_TRN,AP_SAT>"),
                RuleEntry = FixedType.Parse("ap_fixed<4,1,AP_RND_CONV,AP_SAT>"),
            },
            new PatternNetworkSpec(10, 4, Hidden: 12, Cap: 5, EdgeProbability: 0.5, Seed: 11),
            new HardwareExportSettings { Name = "mut", Samples = 16, TestSamples = 4, Lanes = 3 }),
        // Stochastic rounding (one lane): entries of at most 0.01 with eta 0.01 are below one weight LSB (2^-6), so
        // plain rounding would mostly drop them; every third table entry is 0, so zero words (no draw) occur.
        "sr-sat" => new(name,
            new PatternRule(1, 0.01, Sparse(16, 61), Sparse(4, 62), Sparse(8, 63), misclassifiedOnly: false),
            PrecisionConfig.Default with
            {
                Weight = FixedType.Parse("ap_fixed<8,2,AP_RND_CONV,AP_SAT>"),
                RuleEntry = FixedType.Parse("ap_fixed<8,-2,AP_RND_CONV,AP_SAT>"),
                StochasticBits = 4,
            },
            new PatternNetworkSpec(10, 4, Hidden: 6, Cap: 3, EdgeProbability: 0.6, Seed: 13),
            new HardwareExportSettings { Name = "sr", Samples = 12, TestSamples = 4 }),
        // Wrap, 3 stochastic bits and the widest entry allowed (weight width + s), input table only.
        "sr-wrap" => new(name,
            new PatternRule(2, 0.01, Sparse(64, 71), Sparse(8, 72), null, misclassifiedOnly: false),
            PrecisionConfig.Default with
            {
                Weight = FixedType.Parse("ap_fixed<6,1,AP_TRN,AP_WRAP>"),
                RuleEntry = FixedType.Parse("ap_fixed<9,1,AP_RND_CONV,AP_SAT>"),
                StochasticBits = 3,
            },
            new PatternNetworkSpec(10, 4, Hidden: 5, Cap: 3, EdgeProbability: 0.5, Seed: 17),
            new HardwareExportSettings { Name = "srw", Samples = 10 }),
        // A layout with every new signal (issue 15), for the mutation tests: the phase between the recurrent histories, an
        // absolute margin and a weight code before the input table's history, a relative margin first and a 2-bit role
        // and 1-bit weight code after the history in the output table; every sample updates every output row.
        "layout-mut" => new(name,
            new PatternRule(1, 0.5, new RuleLayout(
            [
                new TableLayout("hidden", PatternLayouts.Recurrent, TableMode.Add, [new(Signal.PreHistory, 2), new(Signal.Phase, 2), new(Signal.PostHistory, 2)]),
                new TableLayout("input", PatternLayouts.Input, TableMode.Add, [new(Signal.Margin, 1), new(Signal.Weight, 2), new(Signal.PostHistory, 2)]),
                new TableLayout("output", PatternLayouts.Output, TableMode.Add, [new(Signal.Margin, 2, relative: true), new(Signal.PreHistory, 2), new(Signal.Role, 2), new(Signal.Weight, 1)]),
            ]), [Table(64, 81), Table(32, 82), Table(128, 83)], misclassifiedOnly: false, outputEdges: OutputEdges.AllEdges),
            Fixed("ties-sat").Precision,
            new PatternNetworkSpec(10, 4, Hidden: 8, Cap: 4, EdgeProbability: 0.5, Seed: 19),
            new HardwareExportSettings { Name = "lmut", Samples = 24, TestSamples = 4, Lanes = 2 }),
        // Per-neuron stochastic rounding (any number of lanes): 8 hidden neurons for lanes 1, 2, 4 and 8, every table,
        // all output rows updated (each neuron's generator advances once per class), updates on every sample.
        "sr-neurons" => new(name,
            new PatternRule(1, 0.01, Sparse(16, 81), Sparse(4, 82), Sparse(8, 83), misclassifiedOnly: false, outputEdges: OutputEdges.AllEdges),
            PrecisionConfig.Default with
            {
                Weight = FixedType.Parse("ap_fixed<8,2,AP_RND_CONV,AP_SAT>"),
                RuleEntry = FixedType.Parse("ap_fixed<8,-2,AP_RND_CONV,AP_SAT>"),
                StochasticBits = 4,
                StochasticStreams = StochasticStreams.PerNeuron,
            },
            new PatternNetworkSpec(10, 4, Hidden: 8, Cap: 4, EdgeProbability: 0.6, Seed: 19),
            new HardwareExportSettings { Name = "srn", Samples = 12, TestSamples = 4, Lanes = 2 }),
        _ => throw new ArgumentException($"No case {name}", nameof(name)),
    };

    /// <summary>A random additive rule, precision and network drawn from <paramref name="seed"/>: rounds 0..3, weights of
    /// 2..16 bits with any overflow mode, entries up to the weight's width, optional input and output tables.</summary>
    public static Case Random(int seed)
    {
        var random = new Random(seed);
        int rounds = random.Next(0, 4);
        int p = 1 << (rounds + 1);
        int w = random.Next(2, 17);
        int e = random.Next(1, w + 1);
        int frac = random.Next(-1, w + 3);
        var overflow = (Overflow)random.Next(0, 4);
        var weight = new FixedType(new QFormat(true, w, frac), (Rounding)random.Next(0, 7), overflow);
        var entry = new FixedType(new QFormat(true, e, frac), (Rounding)random.Next(0, 7), (Overflow)random.Next(0, 4));
        double eta = 0.01;
        // Entries up to 1.25 times the ROM word's range, so some saturate in the ROM; in weight LSBs after eta.
        double scale = Math.ScaleB(1.0, e - 1 - frac) * 1.25 / eta;
        ImmutableArray<double> Draw(int n) => [.. Enumerable.Range(0, n).Select(_ => (2 * random.NextDouble() - 1) * scale)];
        var rule = new PatternRule(
            rounds, eta, Draw(p * p),
            random.Next(2) == 0 ? Draw(p) : null,
            random.Next(3) > 0 ? Draw(2 * p) : null,
            misclassifiedOnly: random.Next(3) > 0,
            outputEdges: random.Next(2) == 0 ? OutputEdges.LabelAndPrediction : OutputEdges.AllEdges);
        int hidden = random.Next(3, 17);
        var spec = new PatternNetworkSpec(10, 4, Hidden: hidden, Cap: random.Next(1, hidden + 1), EdgeProbability: 0.3 + 0.4 * random.NextDouble(), Seed: seed);
        var precision = PrecisionConfig.Default with { Weight = weight, RuleEntry = entry };
        // The learner's formats and lanes, drawn after the engine's so the engine's cases stay as they were.
        int xw = random.Next(2, 13);
        var input = new FixedType(new QFormat(random.Next(2) == 0, xw, random.Next(0, xw + 1)), Rounding.RndConv, Overflow.Sat);
        int aw = random.Next(4, 33);
        var activation = new FixedType(new QFormat(true, aw, random.Next(-2, aw + 4)), (Rounding)random.Next(0, 7), random.Next(2) == 0 ? Overflow.Sat : Overflow.Wrap);
        int[] divisors = [.. Enumerable.Range(1, hidden).Where(l => hidden % l == 0)];
        int lanes = divisors[random.Next(divisors.Length)];
        precision = precision with { Input = input, Activation = activation };
        return new Case($"random-{seed}", rule, precision, spec, new HardwareExportSettings { Name = $"r{seed}", Samples = 12, VectorSeed = seed, Lanes = lanes });
    }

    /// <summary><see cref="Random"/> with stochastic rounding: 1..6 stochastic bits (drawn from a generator seeded
    /// <paramref name="seed"/>), the rule entry <c>s</c> bits wider and finer (the same range), one lane.</summary>
    public static Case RandomStochastic(int seed)
    {
        var c = Random(seed);
        int s = new Random(seed + 1000).Next(1, 7);
        var entry = c.Precision.RuleEntry.Format;
        var precision = c.Precision with
        {
            StochasticBits = s,
            RuleEntry = c.Precision.RuleEntry with { Format = new QFormat(true, entry.Width + s, entry.FracBits + s) },
        };
        return c with { Name = $"random-sr-{seed}", Precision = precision, Settings = c.Settings with { Lanes = 1 } };
    }

    /// <summary>
    /// <see cref="Random"/> with a random additive layout drawn from <paramref name="seed"/> (issue 15): every table keeps
    /// its synapse group, and its fields are a random subset of what the group's synapses see (histories, role of 1 or 2
    /// bits, weight of 1..3 bits over a random power-of-two range, margin of 1..2 bits with absolute or relative
    /// thresholds, phase of 1..3 bits, on output synapses a pre level of 1..2 bits), in random order, at most 10 address bits; entries drawn as <see cref="Random"/> draws them.
    /// </summary>
    public static Case RandomLayout(int seed)
    {
        var c = Random(seed);
        var random = new Random(seed + 5000);
        int rounds = c.Rule.Rounds;
        var entry = c.Precision.RuleEntry.Format;
        double scale = Math.ScaleB(1.0, entry.Width - 1 - entry.FracBits) * 1.25 / c.Rule.Eta;
        LayoutField Extra(Signal signal) => signal switch
        {
            Signal.Weight => new LayoutField(Signal.Weight, random.Next(1, 4), range: Math.ScaleB(1.0, random.Next(-2, 3))),
            Signal.Margin => MarginField(random),
            Signal.Phase => new LayoutField(Signal.Phase, random.Next(1, 4)),
            Signal.Role => new LayoutField(Signal.Role, random.Next(1, 3)),
            _ => new LayoutField(signal, rounds + 1),
        };
        ImmutableArray<LayoutField> Fields(Signal[] seen)
        {
            while (true)
            {
                var chosen = seen.Where(_ => random.Next(3) > 0).Select(Extra).ToList();
                random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(chosen));
                if (chosen.Count > 0 && chosen.Sum(f => f.Bits) <= 10)
                {
                    return [.. chosen];
                }
            }
        }

        var tables = ImmutableArray.CreateBuilder<TableLayout>();
        tables.Add(new TableLayout(PatternLayouts.HiddenTable, PatternLayouts.Recurrent, TableMode.Add, Fields([Signal.PreHistory, Signal.PostHistory, Signal.Weight, Signal.Margin, Signal.Phase])));
        if (c.Rule.Input is not null)
        {
            tables.Add(new TableLayout(PatternLayouts.Input, PatternLayouts.Input, TableMode.Add, Fields([Signal.PostHistory, Signal.Weight, Signal.Margin, Signal.Phase])));
        }

        if (c.Rule.Output is not null)
        {
            tables.Add(new TableLayout(PatternLayouts.Output, PatternLayouts.Output, TableMode.Add, WithPreLevel(Fields([Signal.PreHistory, Signal.Role, Signal.Weight, Signal.Margin, Signal.Phase]), new Random(seed + 6000))));
        }

        var layout = new RuleLayout(tables.ToImmutable());
        var entries = layout.Tables.Select(t => Enumerable.Range(0, t.Entries).Select(_ => (2 * random.NextDouble() - 1) * scale).ToImmutableArray()).ToImmutableArray();
        var rule = new PatternRule(rounds, c.Rule.Eta, layout, entries, c.Rule.MisclassifiedOnly, c.Rule.OutputEdges);
        return c with { Name = $"layout-{seed}", Rule = rule, Settings = c.Settings with { Name = $"l{seed}", Samples = 24, TestSamples = 4 } };
    }

    /// <summary>
    /// For half of the seeds (drawn from their own generator, so the other fields stay as they were drawn before pre levels
    /// existed), <paramref name="fields"/> with a pre level field of 1..2 bits at a random place: levels halving down from
    /// 1/2, 1/4 or 1/8, now and then with the level 0 first.
    /// </summary>
    private static ImmutableArray<LayoutField> WithPreLevel(ImmutableArray<LayoutField> fields, Random random)
    {
        if (random.Next(2) == 0)
        {
            return fields;
        }

        int bits = random.Next(1, 3);
        var levels = LayoutField.DefaultPreThresholds(bits, Math.ScaleB(1.0, -random.Next(1, 4)));
        return fields.Insert(random.Next(fields.Length + 1), new LayoutField(Signal.Pre, bits, random.Next(3) == 0 ? [0.0, .. levels[1..]] : levels));
    }

    /// <summary>
    /// A margin field of 1..2 bits: absolute thresholds drawn in [−4s, s] for a random power of two s, or relative ones
    /// drawn from 0 and ±2^e (mostly below 0, since a misclassified sample's margin is at most 0).
    /// </summary>
    private static LayoutField MarginField(Random random)
    {
        int bits = random.Next(1, 3), count = (1 << bits) - 1;
        if (random.Next(2) == 0)
        {
            double[] candidates = [-1, -0.5, -0.25, -0.125, -0.0625, 0, 0.0625, 0.25];
            random.Shuffle(candidates);
            return new LayoutField(Signal.Margin, bits, [.. candidates.Take(count).Order()], relative: true);
        }

        double scale = Math.ScaleB(1.0, random.Next(-4, 2));
        return new LayoutField(Signal.Margin, bits, [.. Enumerable.Range(0, count).Select(_ => scale * (5 * random.NextDouble() - 4)).Order()]);
    }

    /// <summary><see cref="RandomStochastic"/> with per-neuron streams and <see cref="Random"/>'s lanes (any divisor of the hidden size).</summary>
    public static Case RandomPerNeuron(int seed)
    {
        var c = RandomStochastic(seed);
        return c with
        {
            Name = $"random-srn-{seed}",
            Precision = c.Precision with { StochasticStreams = StochasticStreams.PerNeuron },
            Settings = c.Settings with { Lanes = Random(seed).Settings.Lanes },
        };
    }

    /// <summary>
    /// <see cref="RandomLayout"/> (or, for odd seeds, <see cref="RandomStochastic"/>) with per-group weight types as the RTL
    /// takes them: each of the input, recurrent and output groups, at random, keeps the weight type or takes the same width
    /// and modes with −3..+3 fractional bits; at least one group differs (the output group when the draws give none).
    /// </summary>
    public static Case RandomGroup(int seed)
    {
        var c = seed % 2 == 0 ? RandomLayout(seed) : RandomStochastic(seed);
        var random = new Random(seed + 9000);
        var w = c.Precision.Weight;
        for (int attempt = 0; attempt < 20; attempt++)
        {
            FixedType? Group() => random.Next(3) == 0 ? null : w with { Format = new QFormat(true, w.Format.Width, w.Format.FracBits + random.Next(-3, 4)) };
            var precision = c.Precision with { InputWeight = Group(), RecurrentWeight = Group(), OutputWeight = Group() };
            if (!precision.UniformWeights && precision.Problem is null && Accepts(precision, c.Spec))
            {
                return c with { Name = $"random-group-{seed}", Precision = precision };
            }
        }

        return c with { Name = $"random-group-{seed}", Precision = c.Precision with { OutputWeight = w with { Format = new QFormat(true, w.Format.Width, w.Format.FracBits + 1) } } };
    }

    private static bool Accepts(PrecisionConfig precision, PatternNetworkSpec spec)
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

    /// <summary><see cref="Table"/> with entries 1, 4, 7, … set to 0 (entry 0, the address of silent neurons, stays).</summary>
    private static ImmutableArray<double> Sparse(int n, int seed) => [.. Table(n, seed).Select((x, i) => i % 3 == 1 ? 0 : x)];

    /// <summary>A deterministic table of <paramref name="n"/> entries in [-1, 1] (spread so that ROM words differ).</summary>
    private static ImmutableArray<double> Table(int n, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, n).Select(_ => Math.Round(2 * random.NextDouble() - 1, 4))];
    }
}
