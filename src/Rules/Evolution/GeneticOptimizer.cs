using Neuro.Rules.Data;
namespace Neuro.Rules.Evolution;

/// <summary>
/// A generational genetic algorithm: tournament or truncation selection, uniform or arithmetic crossover, per-gene
/// Gaussian mutation (real genes) or allele replacement (discrete genes, <see cref="GeneticSettings.Alleles"/>), and
/// elitism.
/// </summary>
/// <remarks>
/// <para>Generation 0 is <c>Population</c> individuals <c>mean + InitScale·N(0, I)</c> (discrete genes: each gene
/// <c>Next(Alleles[j])</c>), individual <c>i</c> drawn from <c>SeedSequence.Random(Seed, -1, i)</c>.</para>
/// <para>After generation <c>g</c> is told, the population is ranked best first (ties: lower index first). The
/// <c>Elitism</c> best are copied unchanged to the front of the next generation. Every other child <c>i</c> draws from
/// <c>SeedSequence.Random(Seed, g, i)</c>, in this order: a selection for parent A (a tournament: <c>TournamentSize</c>
/// ranks drawn uniformly with replacement, best rank wins; or truncation: one rank drawn uniformly below
/// <c>TruncationSizeFor()</c>), one for parent B, one uniform for the crossover decision, then per gene one uniform
/// <c>u</c> (only when crossing over: uniform crossover takes <c>b</c> when <c>u &lt; 1/2</c>, arithmetic crossover
/// <c>a + u·(b − a)</c>), then per gene one uniform for the mutation decision and, when it mutates, one Gaussian
/// scaled by <c>MutationScale·MutationDecay^g</c> (discrete genes: one <c>Next(Alleles[j] − 1)</c> picking a
/// different value).</para>
/// <para>Elites are evaluated again in the next generation; that costs <c>Elitism</c> evaluations a generation but keeps
/// the algorithm honest under noisy fitness. <see cref="Current"/> is the best individual ever told, kept in the state.</para>
/// </remarks>
public sealed class GeneticOptimizer : IOptimizer
{
    /// <summary>The name of this optimizer in commands, provenance and state files.</summary>
    public const string AlgorithmName = "ga";

    private readonly double _mutationRate;
    private readonly double[] _initialMean;
    private double[][] _population;
    private double[]? _best;

    /// <summary>Starts a run with a population drawn around <paramref name="initialMean"/> (zeros when null).</summary>
    /// <exception cref="ArgumentException">A setting is out of range, or the mean has the wrong length or a non-finite entry.</exception>
    public GeneticOptimizer(int dimension, long seed, GeneticSettings settings, IReadOnlyList<double>? initialMean = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        OptimizerChecks.Dimension(dimension);
        Validate(settings, dimension);
        Dimension = dimension;
        Seed = seed;
        Settings = settings;
        _mutationRate = settings.MutationRateFor(dimension);
        _initialMean = OptimizerChecks.InitialMean(initialMean, dimension);
        CheckAlleles(settings, _initialMean, "Initial mean entry");
        _population = new double[settings.Population][];
        for (int i = 0; i < settings.Population; i++)
        {
            var rng = SeedSequence.Random(seed, -1, i);
            var normal = new StandardNormal(rng);
            var x = new double[dimension];
            for (int j = 0; j < dimension; j++)
            {
                x[j] = settings.Alleles is { } alleles ? rng.Next(alleles[j]) : _initialMean[j] + settings.InitScale * normal.Next();
            }

            _population[i] = x;
        }
    }

    /// <inheritdoc/>
    public string Name => AlgorithmName;

    /// <inheritdoc/>
    public int Dimension { get; }

    /// <inheritdoc/>
    public long Seed { get; }

    /// <inheritdoc/>
    public int Generation { get; private set; }

    /// <summary>The settings of this run.</summary>
    public GeneticSettings Settings { get; }

    /// <summary>The fitness of <see cref="Current"/>; null until the first <see cref="Tell"/>.</summary>
    public double? BestFitness { get; private set; }

    /// <summary>
    /// The best individual told so far (the first of equals wins), a copy; before the first <see cref="Tell"/>, the
    /// initial mean the population was drawn around.
    /// </summary>
    public double[] Current => (double[])(_best ?? _initialMean).Clone();

    /// <inheritdoc/>
    public IReadOnlyList<double[]> Ask() => OptimizerChecks.Copies(_population);

    /// <summary>Records the best individual and breeds the next generation.</summary>
    /// <exception cref="ArgumentException">Not one fitness per candidate, or a fitness is NaN.</exception>
    public void Tell(IReadOnlyList<double> fitnesses)
    {
        double[] f = OptimizerChecks.Fitnesses(fitnesses, Settings.Population);
        int[] order = Ranking.BestFirst(f);
        int bestIndex = order[0];
        if (BestFitness is null || f[bestIndex] > BestFitness.Value)
        {
            BestFitness = f[bestIndex];
            _best = (double[])_population[bestIndex].Clone();
        }

        int size = Settings.Population;
        int n = Dimension;
        int[]? alleles = Settings.Alleles;
        double scale = Settings.MutationScale * Math.Pow(Settings.MutationDecay, Generation);
        var next = new double[size][];
        for (int e = 0; e < Settings.Elitism; e++)
        {
            next[e] = (double[])_population[order[e]].Clone();
        }

        for (int i = Settings.Elitism; i < size; i++)
        {
            var rng = SeedSequence.Random(Seed, Generation, i);
            var normal = new StandardNormal(rng);
            double[] a = _population[order[SelectRank(rng)]];
            double[] b = _population[order[SelectRank(rng)]];
            bool cross = rng.NextDouble() < Settings.CrossoverRate;
            var child = new double[n];
            for (int j = 0; j < n; j++)
            {
                child[j] = !cross ? a[j] : Cross(a[j], b[j], rng.NextDouble());
            }

            for (int j = 0; j < n; j++)
            {
                if (rng.NextDouble() < _mutationRate)
                {
                    child[j] = alleles is null ? child[j] + scale * normal.Next() : OtherAllele(rng, child[j], alleles[j]);
                }
            }

            next[i] = child;
        }

        _population = next;
        Generation++;
    }

    /// <inheritdoc/>
    public string SaveState()
    {
        int n = Dimension;
        var population = new double[Settings.Population * n];
        for (int i = 0; i < Settings.Population; i++)
        {
            _population[i].CopyTo(population, i * n);
        }

        return OptimizerJson.Write(new State
        {
            Name = AlgorithmName,
            Version = OptimizerJson.Version,
            Dimension = Dimension,
            Seed = Seed,
            Generation = Generation,
            Settings = Settings,
            InitialMean = _initialMean,
            Population = population,
            Best = _best,
            BestFitness = BestFitness,
        });
    }

    /// <summary>Rebuilds an optimizer from <see cref="SaveState"/> output.</summary>
    internal static GeneticOptimizer FromState(string json)
    {
        var s = OptimizerJson.Read<State>(json, AlgorithmName);
        int n = s.Dimension;
        var settings = OptimizerJson.Required(s.Settings, "settings");
        var optimizer = new GeneticOptimizer(n, s.Seed, settings, OptimizerJson.Array(s.InitialMean, n, "initialMean"))
        {
            Generation = s.Generation,
        };
        double[] flat = OptimizerJson.Array(s.Population, settings.Population * n, "population");
        for (int i = 0; i < settings.Population; i++)
        {
            optimizer._population[i] = flat.AsSpan(i * n, n).ToArray();
            CheckAlleles(settings, optimizer._population[i], $"Optimizer state field 'population' individual {i} gene");
        }

        if ((s.Best is null) != (s.BestFitness is null))
        {
            throw new ArgumentException("Optimizer state fields 'best' and 'bestFitness' must both be present or both be null", nameof(json));
        }

        if (s.Best is not null)
        {
            optimizer._best = OptimizerJson.Array(s.Best, n, "best");
            optimizer.BestFitness = s.BestFitness;
        }

        return optimizer;
    }

    private static void Validate(GeneticSettings s, int dimension)
    {
        OptimizerChecks.Setting(s.Population >= 2, $"Population must be at least 2, not {s.Population}");
        OptimizerChecks.Setting(s.TournamentSize >= 1, $"TournamentSize must be at least 1, not {s.TournamentSize}");
        OptimizerChecks.Setting(s.CrossoverRate >= 0 && s.CrossoverRate <= 1, $"CrossoverRate must be in [0, 1], not {OptimizerChecks.Format(s.CrossoverRate)}");
        double rate = s.MutationRateFor(dimension);
        OptimizerChecks.Setting(rate >= 0 && rate <= 1, $"MutationRate must be in [0, 1], not {OptimizerChecks.Format(rate)}");
        OptimizerChecks.Setting(s.MutationScale >= 0 && double.IsFinite(s.MutationScale), $"MutationScale must be non-negative and finite, not {OptimizerChecks.Format(s.MutationScale)}");
        OptimizerChecks.Setting(s.Elitism >= 0 && s.Elitism < s.Population, $"Elitism must be 0..Population-1 ({s.Population - 1}), not {s.Elitism}");
        OptimizerChecks.Setting(s.InitScale >= 0 && double.IsFinite(s.InitScale), $"InitScale must be non-negative and finite, not {OptimizerChecks.Format(s.InitScale)}");
        OptimizerChecks.Setting(s.TruncationSizeFor() >= 1 && s.TruncationSizeFor() <= s.Population, $"TruncationSize must be 1..Population ({s.Population}), not {s.TruncationSizeFor()}");
        OptimizerChecks.Setting(s.MutationDecay > 0 && s.MutationDecay <= 1, $"MutationDecay must be in (0, 1], not {OptimizerChecks.Format(s.MutationDecay)}");
        OptimizerChecks.Setting(Enum.IsDefined(s.Selection), $"Selection must be Tournament or Truncation, not {s.Selection}");
        OptimizerChecks.Setting(Enum.IsDefined(s.Crossover), $"Crossover must be Uniform or Arithmetic, not {s.Crossover}");
        if (s.Alleles is { } alleles)
        {
            OptimizerChecks.Setting(alleles.Length == dimension, $"Alleles must have one entry per gene ({dimension}), not {alleles.Length}");
            for (int j = 0; j < alleles.Length; j++)
            {
                OptimizerChecks.Setting(alleles[j] >= 1, $"Alleles[{j}] must be at least 1, not {alleles[j]}");
            }

            OptimizerChecks.Setting(s.Crossover == GeneticCrossover.Uniform, "Discrete genes (Alleles) need Uniform crossover, not Arithmetic");
        }
    }

    /// <summary>Throws unless every gene of <paramref name="genes"/> is one of its alleles (when the genes are discrete).</summary>
    private static void CheckAlleles(GeneticSettings s, double[] genes, string what)
    {
        if (s.Alleles is not { } alleles)
        {
            return;
        }

        for (int j = 0; j < genes.Length; j++)
        {
            double v = genes[j];
            OptimizerChecks.Setting(v == Math.Floor(v) && v >= 0 && v < alleles[j], $"{what} [{j}] must be an allele 0..{alleles[j] - 1}, not {OptimizerChecks.Format(v)}");
        }
    }

    private double Cross(double a, double b, double u) =>
        Settings.Crossover == GeneticCrossover.Uniform ? (u < 0.5 ? b : a) : a + u * (b - a);

    /// <summary>A value of <c>0..alleles−1</c> other than <paramref name="current"/>, uniformly (unchanged when there is no other).</summary>
    private static double OtherAllele(Random rng, double current, int alleles)
    {
        if (alleles < 2)
        {
            return current;
        }

        int drawn = rng.Next(alleles - 1);
        return drawn >= (int)current ? drawn + 1 : drawn;
    }

    private int SelectRank(Random rng) =>
        Settings.Selection == GeneticSelection.Truncation ? rng.Next(Settings.TruncationSizeFor()) : Tournament(rng);

    private int Tournament(Random rng)
    {
        int winner = int.MaxValue;
        for (int t = 0; t < Settings.TournamentSize; t++)
        {
            winner = Math.Min(winner, rng.Next(Settings.Population));
        }

        return winner;
    }

    private sealed class State : OptimizerState
    {
        public GeneticSettings? Settings { get; set; }

        public double[]? InitialMean { get; set; }

        public double[]? Population { get; set; }

        public double[]? Best { get; set; }

        public double? BestFitness { get; set; }
    }
}
