using Neuro.Rules.Data;
namespace Neuro.Rules.Evolution;

/// <summary>
/// OpenAI-style evolution strategy (Salimans et al. 2017, "Evolution Strategies as a Scalable Alternative to
/// Reinforcement Learning"): antithetic Gaussian perturbations of a mean <c>θ</c>, centred-rank fitness shaping, and a
/// gradient estimate <c>g = 1/(λσ) Σ_i s_i ε_i</c> followed by an Adam or momentum-SGD step.
/// </summary>
/// <remarks>
/// Candidate <c>2k</c> is <c>θ + σε_k</c> and candidate <c>2k+1</c> is <c>θ - σε_k</c>, where <c>ε_k</c> is
/// <see cref="Dimension"/> standard normal draws from <c>SeedSequence.Random(Seed, Generation, k)</c>. Shaped
/// fitnesses <c>s_i</c> are centred ranks in [-0.5, 0.5] (ties share their average rank), which makes the step
/// invariant to monotone transformations of the fitness and robust to outliers. The state is <c>θ</c>, the step
/// rule's moments and the generation, so a checkpoint is small and resumes exactly.
/// </remarks>
public sealed class OpenAiEsOptimizer : IOptimizer
{
    /// <summary>The name of this optimizer in commands, provenance and state files.</summary>
    public const string AlgorithmName = "es";

    private readonly double[] _mean;
    private readonly double[] _firstMoment;
    private readonly double[] _secondMoment;
    private double[][]? _noise; // ε_k of the current generation, derived from the seed; not part of the state
    private double[][]? _candidates;

    /// <summary>Starts a run at <paramref name="initialMean"/> (zeros when null).</summary>
    /// <exception cref="ArgumentException">A setting is out of range, or the mean has the wrong length or a non-finite entry.</exception>
    public OpenAiEsOptimizer(int dimension, long seed, OpenAiEsSettings settings, IReadOnlyList<double>? initialMean = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        OptimizerChecks.Dimension(dimension);
        Validate(settings);
        Dimension = dimension;
        Seed = seed;
        Settings = settings;
        _mean = OptimizerChecks.InitialMean(initialMean, dimension);
        _firstMoment = new double[dimension];
        _secondMoment = new double[dimension];
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
    public OpenAiEsSettings Settings { get; }

    /// <summary>The mean <c>θ</c> (a copy).</summary>
    public double[] Current => (double[])_mean.Clone();

    /// <inheritdoc/>
    public IReadOnlyList<double[]> Ask() => OptimizerChecks.Copies(Candidates());

    /// <summary>
    /// Shapes the fitnesses to centred ranks, estimates <c>g = 1/(λσ) Σ_i s_i ε_i</c> (with <c>ε_{2k+1} = -ε_k</c>),
    /// subtracts the weight decay <c>λ_2·θ</c> and steps <c>θ</c> uphill.
    /// </summary>
    /// <exception cref="ArgumentException">Not one fitness per candidate, or a fitness is NaN.</exception>
    public void Tell(IReadOnlyList<double> fitnesses)
    {
        double[] f = OptimizerChecks.Fitnesses(fitnesses, Settings.Population);
        Candidates();
        double[][] noise = _noise!;
        double[] shaped = Ranking.CenteredRanks(f);
        int n = Dimension;
        var gradient = new double[n];
        for (int k = 0; k < noise.Length; k++)
        {
            double weight = shaped[2 * k] - shaped[2 * k + 1];
            if (weight == 0)
            {
                continue;
            }

            double[] eps = noise[k];
            for (int j = 0; j < n; j++)
            {
                gradient[j] += weight * eps[j];
            }
        }

        double scale = 1.0 / (Settings.Population * Settings.Sigma);
        for (int j = 0; j < n; j++)
        {
            gradient[j] = gradient[j] * scale - Settings.WeightDecay * _mean[j];
        }

        if (Settings.Step == OpenAiEsStep.Adam)
        {
            int t = Generation + 1;
            double b1 = Settings.Beta1, b2 = Settings.Beta2;
            double a = Settings.LearningRate * Math.Sqrt(1 - Math.Pow(b2, t)) / (1 - Math.Pow(b1, t));
            for (int j = 0; j < n; j++)
            {
                _firstMoment[j] = b1 * _firstMoment[j] + (1 - b1) * gradient[j];
                _secondMoment[j] = b2 * _secondMoment[j] + (1 - b2) * gradient[j] * gradient[j];
                _mean[j] += a * _firstMoment[j] / (Math.Sqrt(_secondMoment[j]) + Settings.Epsilon);
            }
        }
        else
        {
            double mu = Settings.Momentum;
            for (int j = 0; j < n; j++)
            {
                _firstMoment[j] = mu * _firstMoment[j] + (1 - mu) * gradient[j];
                _mean[j] += Settings.LearningRate * _firstMoment[j];
            }
        }

        Generation++;
        _noise = null;
        _candidates = null;
    }

    /// <inheritdoc/>
    public string SaveState() => OptimizerJson.Write(new State
    {
        Name = AlgorithmName,
        Version = OptimizerJson.Version,
        Dimension = Dimension,
        Seed = Seed,
        Generation = Generation,
        Settings = Settings,
        Mean = _mean,
        FirstMoment = _firstMoment,
        SecondMoment = _secondMoment,
    });

    /// <summary>Rebuilds an optimizer from <see cref="SaveState"/> output.</summary>
    internal static OpenAiEsOptimizer FromState(string json)
    {
        var s = OptimizerJson.Read<State>(json, AlgorithmName);
        int n = s.Dimension;
        var optimizer = new OpenAiEsOptimizer(n, s.Seed, OptimizerJson.Required(s.Settings, "settings"), OptimizerJson.Array(s.Mean, n, "mean"))
        {
            Generation = s.Generation,
        };
        OptimizerJson.Array(s.FirstMoment, n, "firstMoment").CopyTo(optimizer._firstMoment, 0);
        OptimizerJson.Array(s.SecondMoment, n, "secondMoment").CopyTo(optimizer._secondMoment, 0);
        return optimizer;
    }

    private static void Validate(OpenAiEsSettings s)
    {
        OptimizerChecks.Setting(s.Population >= 2 && s.Population % 2 == 0, $"Population must be even and at least 2, not {s.Population}");
        OptimizerChecks.Setting(s.Sigma > 0 && double.IsFinite(s.Sigma), $"Sigma must be positive and finite, not {OptimizerChecks.Format(s.Sigma)}");
        OptimizerChecks.Setting(s.LearningRate > 0 && double.IsFinite(s.LearningRate), $"LearningRate must be positive and finite, not {OptimizerChecks.Format(s.LearningRate)}");
        OptimizerChecks.Setting(s.Beta1 >= 0 && s.Beta1 < 1, $"Beta1 must be in [0, 1), not {OptimizerChecks.Format(s.Beta1)}");
        OptimizerChecks.Setting(s.Beta2 >= 0 && s.Beta2 < 1, $"Beta2 must be in [0, 1), not {OptimizerChecks.Format(s.Beta2)}");
        OptimizerChecks.Setting(s.Epsilon > 0 && double.IsFinite(s.Epsilon), $"Epsilon must be positive and finite, not {OptimizerChecks.Format(s.Epsilon)}");
        OptimizerChecks.Setting(s.Momentum >= 0 && s.Momentum < 1, $"Momentum must be in [0, 1), not {OptimizerChecks.Format(s.Momentum)}");
        OptimizerChecks.Setting(s.WeightDecay >= 0 && double.IsFinite(s.WeightDecay), $"WeightDecay must be non-negative and finite, not {OptimizerChecks.Format(s.WeightDecay)}");
    }

    private double[][] Candidates()
    {
        if (_candidates is not null)
        {
            return _candidates;
        }

        int pairs = Settings.Population / 2;
        int n = Dimension;
        double sigma = Settings.Sigma;
        var noise = new double[pairs][];
        var candidates = new double[Settings.Population][];
        for (int k = 0; k < pairs; k++)
        {
            var rng = SeedSequence.Random(Seed, Generation, k);
            var normal = new StandardNormal(rng);
            var eps = new double[n];
            var plus = new double[n];
            var minus = new double[n];
            for (int j = 0; j < n; j++)
            {
                eps[j] = normal.Next();
                plus[j] = _mean[j] + sigma * eps[j];
                minus[j] = _mean[j] - sigma * eps[j];
            }

            noise[k] = eps;
            candidates[2 * k] = plus;
            candidates[2 * k + 1] = minus;
        }

        _noise = noise;
        _candidates = candidates;
        return candidates;
    }

    private sealed class State : OptimizerState
    {
        public OpenAiEsSettings? Settings { get; set; }

        public double[]? Mean { get; set; }

        public double[]? FirstMoment { get; set; }

        public double[]? SecondMoment { get; set; }
    }
}
