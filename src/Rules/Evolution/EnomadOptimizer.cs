namespace Neuro.Rules.Evolution;

/// <summary>
/// ENOMAD (Churchland &amp; Garcia-Ojalvo 2025): a genetic algorithm whose individuals are each refined by a MADS local
/// search on a few of their weights, starting from a given genome (the biological connectome) rather than a random one.
/// Two variants (<see cref="EnomadVariant"/>): EA, <c>enomad</c>, refines a random subset of weights of every individual;
/// rEA, <c>renomad</c>, mutates a few weights and refines just the changed ones under a penalty on how many changed.
/// </summary>
/// <remarks>
/// <para><b>Generation.</b> Each individual <c>i</c> of outer generation <c>t</c> gets a <see cref="MadsOptimizer"/> over its
/// refined weights <c>S_i</c> (EA: <c>min(SubsetSize, n)</c> indices drawn without replacement from
/// <c>SeedSequence.Random(Seed, 1, t, i)</c>; rEA: the indices where it differs from the start genome, when there are
/// 1..<c>MaxRefined</c> of them and no earlier individual of the generation has the same set; otherwise the individual is
/// evaluated once as it is). Each MADS has seed <c>SeedSequence.Derive64(Seed, 2, t, i)</c>, box <c>x_S ± Box</c>, the
/// granularity, block size and a budget of <c>RefineEvaluations</c>. All refinements advance in lockstep:
/// <see cref="Ask"/> concatenates the next block of every unfinished refinement (individual order), so a generation's
/// points are evaluated in parallel and the result does not depend on the thread count.</para>
/// <para><b>Objective.</b> A genome <c>z</c> with fitness <c>f</c> scores <c>f − PenaltyWeight·k^PenaltyExponent</c>, where
/// <c>k</c> counts the weights with <c>z_j ≠ x0_j</c> (the penalty is off for EA). Each MADS maximizes this objective.</para>
/// <para><b>Breeding.</b> When every refinement has finished, individuals are ranked by their refined objective (ties:
/// lower index first); the best <c>⌈P/2⌉</c> survive unchanged (so the best is never lost) and each remaining child,
/// drawing from <c>SeedSequence.Random(Seed, 3, t, c)</c>, picks two parents by rank-weighted roulette (weight
/// <c>m − rank</c> among the <c>m</c> survivors), takes each weight from either with probability ½, then (rEA) sets
/// <c>Mutations</c> distinct weights to <c>U(−MutationRange, MutationRange)</c> rounded to the granularity. The paper code
/// chose parents in proportion to (positive) fitness and biased the crossover mask; rank weights work for any sign.</para>
/// <para><b>Start.</b> EA: every individual is the start genome. rEA: every individual but the last is the start genome
/// with <c>Mutations</c> weights mutated (from <c>SeedSequence.Random(Seed, 4, i)</c>); the last is the start genome itself.</para>
/// <para><see cref="Current"/> is the genome with the best objective ever told (the first of equals). The state stores
/// genomes as differences from the start genome and each refinement's MADS state, so a checkpoint resumes exactly.</para>
/// </remarks>
public sealed class EnomadOptimizer : IOptimizer
{
    /// <summary>The name of the EA variant in commands, provenance and state files.</summary>
    public const string EaName = "enomad";

    /// <summary>The name of the rEA variant in commands, provenance and state files.</summary>
    public const string ReaName = "renomad";

    private readonly double[] _start;
    private double[][] _population;
    private Refinement[] _refinements;
    private int _outerGeneration;
    private double[] _best;
    private double? _bestObjective;
    private double? _bestFitness;
    private List<(int Individual, int Count)>? _segments;
    private List<double[]>? _asked;

    /// <summary>Starts a run from <paramref name="start"/> (zeros when null).</summary>
    /// <exception cref="ArgumentException">A setting is out of range, the start genome has the wrong length or a non-finite
    /// entry, or (with a granularity) the start genome or the box is not a multiple of it.</exception>
    public EnomadOptimizer(int dimension, long seed, EnomadSettings settings, IReadOnlyList<double>? start = null)
        : this(dimension, seed, settings, start, initialize: true)
    {
    }

    private EnomadOptimizer(int dimension, long seed, EnomadSettings settings, IReadOnlyList<double>? start, bool initialize)
    {
        ArgumentNullException.ThrowIfNull(settings);
        OptimizerChecks.Dimension(dimension);
        Validate(settings);
        Dimension = dimension;
        Seed = seed;
        Settings = settings;
        _start = OptimizerChecks.InitialMean(start, dimension);
        if (settings.Granularity > 0)
        {
            for (int j = 0; j < dimension; j++)
            {
                OptimizerChecks.Setting(IsMultiple(_start[j], settings.Granularity),
                    $"Start genome entry [{j}] = {OptimizerChecks.Format(_start[j])} is not a multiple of the granularity {OptimizerChecks.Format(settings.Granularity)}");
            }
        }

        _best = (double[])_start.Clone();
        _population = new double[settings.Population][];
        _refinements = [];
        if (!initialize)
        {
            return;
        }

        for (int i = 0; i < settings.Population; i++)
        {
            var genome = (double[])_start.Clone();
            if (settings.Variant == EnomadVariant.ChangedWeights && i < settings.Population - 1)
            {
                Mutate(genome, SeedSequence.Random(seed, 4, i));
            }

            _population[i] = genome;
        }

        StartRefinements();
    }

    /// <inheritdoc/>
    public string Name => Settings.Variant == EnomadVariant.RandomSubset ? EaName : ReaName;

    /// <inheritdoc/>
    public int Dimension { get; }

    /// <inheritdoc/>
    public long Seed { get; }

    /// <summary>Ask/tell rounds so far (one block of every unfinished refinement each).</summary>
    public int Generation { get; private set; }

    /// <summary>Completed outer generations (refine, then breed).</summary>
    public int OuterGeneration => _outerGeneration;

    /// <summary>The settings of this run.</summary>
    public EnomadSettings Settings { get; }

    /// <summary>The genome with the best objective told so far (a copy); the start genome before the first <see cref="Tell"/>.</summary>
    public double[] Current => (double[])_best.Clone();

    /// <summary>The objective (fitness minus penalty) of <see cref="Current"/>; null until the first <see cref="Tell"/>.</summary>
    public double? BestObjective => _bestObjective;

    /// <summary>The fitness (without penalty) of <see cref="Current"/>; null until the first <see cref="Tell"/>.</summary>
    public double? BestFitness => _bestFitness;

    /// <summary>The start genome (a copy), against which changed weights are counted.</summary>
    public double[] Start => (double[])_start.Clone();

    /// <summary>The number of weights of <paramref name="genome"/> that differ from the start genome.</summary>
    public int ChangedWeights(ReadOnlySpan<double> genome)
    {
        int k = 0;
        for (int j = 0; j < _start.Length; j++)
        {
            k += genome[j] != _start[j] ? 1 : 0;
        }

        return k;
    }

    /// <summary>The objective of a genome with fitness <paramref name="fitness"/>: <c>f − PenaltyWeight·k^PenaltyExponent</c>.</summary>
    public double Objective(ReadOnlySpan<double> genome, double fitness) =>
        Settings.PenaltyWeight > 0 ? fitness - (Settings.PenaltyWeight * Math.Pow(ChangedWeights(genome), Settings.PenaltyExponent)) : fitness;

    /// <summary>The next block of every unfinished refinement, concatenated in individual order.</summary>
    public IReadOnlyList<double[]> Ask()
    {
        if (_asked is null)
        {
            var asked = new List<double[]>();
            var segments = new List<(int, int)>();
            for (int i = 0; i < _refinements.Length; i++)
            {
                var points = _refinements[i].Ask(_population[i]);
                if (points.Count > 0)
                {
                    segments.Add((i, points.Count));
                    asked.AddRange(points);
                }
            }

            _asked = asked;
            _segments = segments;
        }

        return OptimizerChecks.Copies([.. _asked]);
    }

    /// <summary>Hands each refinement its fitnesses; when all have finished, breeds the next generation.</summary>
    /// <exception cref="ArgumentException">Not one fitness per candidate, or a fitness is NaN.</exception>
    public void Tell(IReadOnlyList<double> fitnesses)
    {
        if (_asked is null)
        {
            Ask();
        }

        double[] f = OptimizerChecks.Fitnesses(fitnesses, _asked!.Count);
        int offset = 0;
        foreach (var (individual, count) in _segments!)
        {
            var objectives = new double[count];
            for (int k = 0; k < count; k++)
            {
                double[] genome = _asked[offset + k];
                objectives[k] = Objective(genome, f[offset + k]);
                if (_bestObjective is null || objectives[k] > _bestObjective.Value)
                {
                    _bestObjective = objectives[k];
                    _bestFitness = f[offset + k];
                    _best = (double[])genome.Clone();
                }
            }

            _refinements[individual].Tell(objectives);
            offset += count;
        }

        _asked = null;
        _segments = null;
        Generation++;
        if (_refinements.All(r => r.Finished))
        {
            Breed();
            _outerGeneration++;
            StartRefinements();
        }
    }

    /// <inheritdoc/>
    public string SaveState() => OptimizerJson.Write(new State
    {
        Name = Name,
        Version = OptimizerJson.Version,
        Dimension = Dimension,
        Seed = Seed,
        Generation = Generation,
        Settings = Settings,
        Start = _start,
        OuterGeneration = _outerGeneration,
        Population = [.. _population.Select(Diff)],
        Refinements = [.. _refinements.Select(r => r.Save())],
        Best = Diff(_best),
        BestObjective = _bestObjective,
        BestFitness = _bestFitness,
    });

    /// <summary>Rebuilds an optimizer from <see cref="SaveState"/> output.</summary>
    internal static EnomadOptimizer FromState(string json, string name)
    {
        var s = OptimizerJson.Read<State>(json, name);
        int n = s.Dimension;
        var settings = OptimizerJson.Required(s.Settings, "settings");
        var optimizer = new EnomadOptimizer(n, s.Seed, settings, OptimizerJson.Array(s.Start, n, "start"), initialize: false);
        OptimizerChecks.Setting(optimizer.Name == s.Name, $"Optimizer state names '{s.Name}' but its settings are the {optimizer.Name} variant");
        var population = OptimizerJson.Array(s.Population, settings.Population, "population");
        var refinements = OptimizerJson.Array(s.Refinements, settings.Population, "refinements");
        for (int i = 0; i < settings.Population; i++)
        {
            optimizer._population[i] = optimizer.Undiff(OptimizerJson.Required(population[i], $"population[{i}]"), $"population[{i}]");
        }

        optimizer._refinements = [.. refinements.Select((r, i) => Refinement.Load(OptimizerJson.Required(r, $"refinements[{i}]"), n, $"refinements[{i}]"))];
        optimizer._outerGeneration = s.OuterGeneration;
        optimizer.Generation = s.Generation;
        optimizer._best = optimizer.Undiff(OptimizerJson.Required(s.Best, "best"), "best");
        OptimizerChecks.Setting((s.BestObjective is null) == (s.BestFitness is null), "Optimizer state fields 'bestObjective' and 'bestFitness' must both be present or both be null");
        optimizer._bestObjective = s.BestObjective;
        optimizer._bestFitness = s.BestFitness;
        return optimizer;
    }

    private static void Validate(EnomadSettings s)
    {
        OptimizerChecks.Setting(s.Population >= 2, $"Population must be at least 2, not {s.Population}");
        OptimizerChecks.Setting(s.SubsetSize >= 1, $"SubsetSize must be at least 1, not {s.SubsetSize}");
        OptimizerChecks.Setting(s.MaxRefined >= 1, $"MaxRefined must be at least 1, not {s.MaxRefined}");
        OptimizerChecks.Setting(s.Box > 0 && double.IsFinite(s.Box), $"Box must be positive and finite, not {OptimizerChecks.Format(s.Box)}");
        OptimizerChecks.Setting(s.RefineEvaluations >= 1, $"RefineEvaluations must be at least 1, not {s.RefineEvaluations}");
        OptimizerChecks.Setting(s.BlockSize >= 1, $"BlockSize must be at least 1, not {s.BlockSize}");
        OptimizerChecks.Setting(s.Granularity == 0 || (s.Granularity > 0 && double.IsFinite(s.Granularity) && s.Granularity == Math.ScaleB(1.0, Math.ILogB(s.Granularity))),
            $"Granularity must be 0 or a power of two, not {OptimizerChecks.Format(s.Granularity)}");
        OptimizerChecks.Setting(s.Granularity == 0 || IsMultiple(s.Box, s.Granularity), $"Box {OptimizerChecks.Format(s.Box)} is not a multiple of the granularity {OptimizerChecks.Format(s.Granularity)}");
        OptimizerChecks.Setting(s.Mutations >= 0, $"Mutations must be non-negative, not {s.Mutations}");
        OptimizerChecks.Setting(s.MutationRange >= 0 && double.IsFinite(s.MutationRange), $"MutationRange must be non-negative and finite, not {OptimizerChecks.Format(s.MutationRange)}");
        OptimizerChecks.Setting(s.PenaltyWeight >= 0 && double.IsFinite(s.PenaltyWeight), $"PenaltyWeight must be non-negative and finite, not {OptimizerChecks.Format(s.PenaltyWeight)}");
        OptimizerChecks.Setting(s.PenaltyExponent > 0 && double.IsFinite(s.PenaltyExponent), $"PenaltyExponent must be positive and finite, not {OptimizerChecks.Format(s.PenaltyExponent)}");
    }

    private static bool IsMultiple(double value, double granularity)
    {
        double q = Math.ScaleB(value, -Math.ILogB(granularity));
        return q == Math.Floor(q);
    }

    private double Snap(double value)
    {
        double g = Settings.Granularity;
        return g > 0 ? g * Math.Round(value / g, MidpointRounding.ToEven) : value;
    }

    /// <summary>Sets <c>Mutations</c> distinct weights of <paramref name="genome"/> to snapped <c>U(−range, range)</c>.</summary>
    private void Mutate(double[] genome, Random rng)
    {
        foreach (int j in Sample(rng, Dimension, Math.Min(Settings.Mutations, Dimension)))
        {
            double u = (2 * rng.NextDouble()) - 1;
            genome[j] = Snap(u * Settings.MutationRange);
        }
    }

    /// <summary><paramref name="count"/> distinct indices of 0..n−1 (a partial Fisher–Yates shuffle), in draw order.</summary>
    private static int[] Sample(Random rng, int n, int count)
    {
        var pool = new int[n];
        for (int j = 0; j < n; j++)
        {
            pool[j] = j;
        }

        for (int k = 0; k < count; k++)
        {
            int r = k + rng.Next(n - k);
            (pool[k], pool[r]) = (pool[r], pool[k]);
        }

        return pool[..count];
    }

    private void StartRefinements()
    {
        var refinements = new Refinement[Settings.Population];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < Settings.Population; i++)
        {
            double[] genome = _population[i];
            int[]? subset;
            if (Settings.Variant == EnomadVariant.RandomSubset)
            {
                subset = Sample(SeedSequence.Random(Seed, 1, _outerGeneration, i), Dimension, Math.Min(Settings.SubsetSize, Dimension));
                Array.Sort(subset);
            }
            else
            {
                var changed = new List<int>();
                for (int j = 0; j < Dimension; j++)
                {
                    if (genome[j] != _start[j])
                    {
                        changed.Add(j);
                    }
                }

                subset = changed.Count >= 1 && changed.Count <= Settings.MaxRefined && seen.Add(string.Join(',', changed)) ? [.. changed] : null;
            }

            refinements[i] = subset is null ? Refinement.Single() : Refinement.Mads(subset, genome, Settings, unchecked((long)SeedSequence.Derive64(Seed, 2, _outerGeneration, i)));
        }

        _refinements = refinements;
    }

    private void Breed()
    {
        int size = Settings.Population;
        var refined = new double[size][];
        var objective = new double[size];
        for (int i = 0; i < size; i++)
        {
            (refined[i], objective[i]) = _refinements[i].Result(_population[i]);
        }

        int[] order = Ranking.BestFirst(objective);
        int survivors = (size + 1) / 2;
        var next = new double[size][];
        for (int r = 0; r < survivors; r++)
        {
            next[r] = refined[order[r]];
        }

        double totalWeight = survivors * (survivors + 1) / 2.0;
        for (int c = survivors; c < size; c++)
        {
            var rng = SeedSequence.Random(Seed, 3, _outerGeneration, c);
            double[] a = next[Roulette(rng, survivors, totalWeight)];
            double[] b = next[Roulette(rng, survivors, totalWeight)];
            var child = new double[Dimension];
            for (int j = 0; j < Dimension; j++)
            {
                child[j] = rng.NextDouble() < 0.5 ? a[j] : b[j];
            }

            if (Settings.Mutations > 0)
            {
                Mutate(child, rng);
            }

            next[c] = child;
        }

        _population = next;
    }

    /// <summary>A survivor rank drawn with weight <c>m − rank</c>.</summary>
    private static int Roulette(Random rng, int survivors, double totalWeight)
    {
        double u = rng.NextDouble() * totalWeight;
        for (int r = 0; r < survivors; r++)
        {
            u -= survivors - r;
            if (u < 0)
            {
                return r;
            }
        }

        return survivors - 1;
    }

    private SparseGenome Diff(double[] genome)
    {
        var index = new List<int>();
        var value = new List<double>();
        for (int j = 0; j < Dimension; j++)
        {
            if (BitConverter.DoubleToInt64Bits(genome[j]) != BitConverter.DoubleToInt64Bits(_start[j]))
            {
                index.Add(j);
                value.Add(genome[j]);
            }
        }

        return new SparseGenome { Index = [.. index], Value = [.. value] };
    }

    private double[] Undiff(SparseGenome diff, string field)
    {
        int[] index = OptimizerJson.Required(diff.Index, field + ".index");
        double[] value = OptimizerJson.Array(diff.Value, index.Length, field + ".value");
        var genome = (double[])_start.Clone();
        for (int k = 0; k < index.Length; k++)
        {
            OptimizerChecks.Setting(index[k] >= 0 && index[k] < Dimension, $"Optimizer state field '{field}.index' holds {index[k]}, outside 0..{Dimension - 1}");
            genome[index[k]] = value[k];
        }

        return genome;
    }

    /// <summary>One individual's refinement in the current generation: a MADS over some weights, or a single evaluation.</summary>
    private sealed class Refinement
    {
        private int[]? _subset;
        private MadsOptimizer? _mads;
        private double? _objective;

        public bool Finished => _mads?.IsFinished ?? _objective is not null;

        public static Refinement Single() => new();

        public static Refinement Mads(int[] subset, double[] genome, EnomadSettings settings, long seed)
        {
            var x = subset.Select(j => genome[j]).ToArray();
            var mads = new MadsOptimizer(
                subset.Length,
                seed,
                new MadsSettings { Granularity = settings.Granularity, BlockSize = settings.BlockSize, MaxEvaluations = settings.RefineEvaluations },
                x,
                [.. x.Select(v => v - settings.Box)],
                [.. x.Select(v => v + settings.Box)]);
            return new Refinement { _subset = subset, _mads = mads };
        }

        public static Refinement Load(RefinementState state, int dimension, string field)
        {
            if (state.Subset is null)
            {
                OptimizerChecks.Setting(state.Mads is null, $"Optimizer state field '{field}' has a MADS state but no subset");
                return new Refinement { _objective = state.Objective };
            }

            foreach (int j in state.Subset)
            {
                OptimizerChecks.Setting(j >= 0 && j < dimension, $"Optimizer state field '{field}.subset' holds {j}, outside 0..{dimension - 1}");
            }

            var mads = MadsOptimizer.FromState(OptimizerJson.Required(state.Mads, field + ".mads"));
            OptimizerChecks.Setting(mads.Dimension == state.Subset.Length, $"Optimizer state field '{field}.mads' has dimension {mads.Dimension}, not {state.Subset.Length}");
            return new Refinement { _subset = state.Subset, _mads = mads };
        }

        public RefinementState Save() => new() { Subset = _subset, Mads = _mads?.SaveState(), Objective = _objective };

        /// <summary>The full genomes this refinement wants evaluated next (empty when finished).</summary>
        public IReadOnlyList<double[]> Ask(double[] genome)
        {
            if (_mads is null)
            {
                return _objective is null ? [(double[])genome.Clone()] : [];
            }

            return [.. _mads.Ask().Select(x => Embed(genome, x))];
        }

        public void Tell(double[] objectives)
        {
            if (_mads is null)
            {
                _objective = objectives[0];
            }
            else
            {
                _mads.Tell(objectives);
            }
        }

        /// <summary>The refined genome and its objective.</summary>
        public (double[] Genome, double Objective) Result(double[] genome) =>
            _mads is null ? ((double[])genome.Clone(), _objective!.Value) : (Embed(genome, _mads.Current), _mads.BestFitness!.Value);

        private double[] Embed(double[] genome, double[] x)
        {
            var full = (double[])genome.Clone();
            for (int k = 0; k < _subset!.Length; k++)
            {
                full[_subset[k]] = x[k];
            }

            return full;
        }
    }

    private sealed class SparseGenome
    {
        public int[]? Index { get; set; }

        public double[]? Value { get; set; }
    }

    private sealed class RefinementState
    {
        public int[]? Subset { get; set; }

        public string? Mads { get; set; }

        public double? Objective { get; set; }
    }

    private sealed class State : OptimizerState
    {
        public EnomadSettings? Settings { get; set; }

        public double[]? Start { get; set; }

        public int OuterGeneration { get; set; }

        public SparseGenome?[]? Population { get; set; }

        public RefinementState?[]? Refinements { get; set; }

        public SparseGenome? Best { get; set; }

        public double? BestObjective { get; set; }

        public double? BestFitness { get; set; }
    }
}
