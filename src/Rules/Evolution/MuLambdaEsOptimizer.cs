using Neuro.Rules.Data;
namespace Neuro.Rules.Evolution;

/// <summary>
/// A <c>(μ/μ_w, λ)</c>-ES with isotropic mutations, weighted recombination and cumulative step-size adaptation (CSA):
/// CMA-ES without the covariance matrix.
/// </summary>
/// <remarks>
/// <para>Candidate <c>k</c> is <c>x_k = m + σ z_k</c>, with <c>z_k</c> <see cref="Dimension"/> standard normal draws from
/// <c>SeedSequence.Random(Seed, Generation, k)</c>.</para>
/// <para>Weights <c>w_i ∝ ln(μ + 1/2) - ln i</c> (i = 1..μ, summing to 1), <c>μ_eff = 1/Σ w_i²</c>. With the μ best
/// <c>z_{i:λ}</c> and <c>⟨z⟩ = Σ w_i z_{i:λ}</c>: <c>m ← m + σ⟨z⟩</c>,
/// <c>p_σ ← (1-c_σ) p_σ + √(c_σ(2-c_σ)μ_eff) ⟨z⟩</c>, <c>σ ← σ·exp((c_σ/d_σ)(‖p_σ‖/E‖N(0,I)‖ - 1))</c>, with
/// <c>c_σ = (μ_eff+2)/(n+μ_eff+5)</c> and <c>d_σ = 1 + 2·max(0, √((μ_eff-1)/(n+1)) - 1) + c_σ</c> as in CMA-ES.</para>
/// <para>The path length grows when successive steps point the same way (σ too small) and shrinks when they cancel
/// (σ too large), which is why no success-rate bookkeeping is needed.</para>
/// </remarks>
public sealed class MuLambdaEsOptimizer : IOptimizer
{
    /// <summary>The name of this optimizer in commands, provenance and state files.</summary>
    public const string AlgorithmName = "oes";

    private readonly int _lambda;
    private readonly int _mu;
    private readonly double[] _weights;
    private readonly double _muEff;
    private readonly double _cSigma;
    private readonly double _dSigma;
    private readonly double _chiN;
    private readonly double[] _mean;
    private readonly double[] _pathSigma;
    private double[][]? _z;
    private double[][]? _candidates;

    /// <summary>Starts a run at <paramref name="initialMean"/> (zeros when null) with step size <c>InitialSigma</c>.</summary>
    /// <exception cref="ArgumentException">A setting is out of range, or the mean has the wrong length or a non-finite entry.</exception>
    public MuLambdaEsOptimizer(int dimension, long seed, MuLambdaEsSettings settings, IReadOnlyList<double>? initialMean = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        OptimizerChecks.Dimension(dimension);
        int lambda = settings.PopulationFor(dimension);
        OptimizerChecks.Setting(lambda >= 2, $"Population must be at least 2, not {lambda}");
        int mu = settings.ParentsFor(dimension);
        OptimizerChecks.Setting(mu >= 1 && mu <= lambda, $"Parents must be 1..Population ({lambda}), not {mu}");
        OptimizerChecks.Setting(settings.InitialSigma > 0 && double.IsFinite(settings.InitialSigma), $"InitialSigma must be positive and finite, not {OptimizerChecks.Format(settings.InitialSigma)}");
        Dimension = dimension;
        Seed = seed;
        Settings = settings;
        _lambda = lambda;
        _mu = mu;
        _weights = new double[mu];
        double sum = 0;
        for (int i = 0; i < mu; i++)
        {
            _weights[i] = Math.Log(mu + 0.5) - Math.Log(i + 1);
            sum += _weights[i];
        }

        double sumSquares = 0;
        for (int i = 0; i < mu; i++)
        {
            _weights[i] /= sum;
            sumSquares += _weights[i] * _weights[i];
        }

        _muEff = 1 / sumSquares;
        int n = dimension;
        _cSigma = (_muEff + 2) / (n + _muEff + 5);
        _dSigma = 1 + 2 * Math.Max(0, Math.Sqrt((_muEff - 1) / (n + 1)) - 1) + _cSigma;
        _chiN = ExpectedNormOfStandardNormal(n);
        _mean = OptimizerChecks.InitialMean(initialMean, dimension);
        _pathSigma = new double[dimension];
        Sigma = settings.InitialSigma;
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
    public MuLambdaEsSettings Settings { get; }

    /// <summary>Offspring per generation, λ.</summary>
    public int Population => _lambda;

    /// <summary>The current step size σ.</summary>
    public double Sigma { get; private set; }

    /// <summary>The mean <c>m</c> (a copy).</summary>
    public double[] Current => (double[])_mean.Clone();

    /// <inheritdoc/>
    public IReadOnlyList<double[]> Ask() => OptimizerChecks.Copies(Candidates());

    /// <summary>Recombines the μ best into the new mean and adapts σ by the cumulative path length.</summary>
    /// <exception cref="ArgumentException">Not one fitness per candidate, or a fitness is NaN.</exception>
    public void Tell(IReadOnlyList<double> fitnesses)
    {
        double[] f = OptimizerChecks.Fitnesses(fitnesses, _lambda);
        Candidates();
        double[][] z = _z!;
        int[] order = Ranking.BestFirst(f);
        int n = Dimension;
        var step = new double[n];
        for (int i = 0; i < _mu; i++)
        {
            double w = _weights[i];
            double[] zi = z[order[i]];
            for (int j = 0; j < n; j++)
            {
                step[j] += w * zi[j];
            }
        }

        double pathScale = Math.Sqrt(_cSigma * (2 - _cSigma) * _muEff);
        double norm2 = 0;
        for (int j = 0; j < n; j++)
        {
            _mean[j] += Sigma * step[j];
            _pathSigma[j] = (1 - _cSigma) * _pathSigma[j] + pathScale * step[j];
            norm2 += _pathSigma[j] * _pathSigma[j];
        }

        Sigma *= Math.Exp(_cSigma / _dSigma * (Math.Sqrt(norm2) / _chiN - 1));
        Generation++;
        _z = null;
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
        Sigma = Sigma,
        PathSigma = _pathSigma,
    });

    /// <summary>Rebuilds an optimizer from <see cref="SaveState"/> output.</summary>
    internal static MuLambdaEsOptimizer FromState(string json)
    {
        var s = OptimizerJson.Read<State>(json, AlgorithmName);
        int n = s.Dimension;
        OptimizerJson.Sigma(s.Sigma);
        var optimizer = new MuLambdaEsOptimizer(n, s.Seed, OptimizerJson.Required(s.Settings, "settings"), OptimizerJson.Array(s.Mean, n, "mean"))
        {
            Generation = s.Generation,
            Sigma = s.Sigma,
        };
        OptimizerJson.Array(s.PathSigma, n, "pathSigma").CopyTo(optimizer._pathSigma, 0);
        return optimizer;
    }

    /// <summary><c>E‖N(0,I)‖ ≈ √n (1 - 1/(4n) + 1/(21n²))</c>.</summary>
    internal static double ExpectedNormOfStandardNormal(int n) => Math.Sqrt(n) * (1 - 1.0 / (4 * n) + 1.0 / (21.0 * n * n));

    private double[][] Candidates()
    {
        if (_candidates is not null)
        {
            return _candidates;
        }

        int n = Dimension;
        var z = new double[_lambda][];
        var candidates = new double[_lambda][];
        for (int k = 0; k < _lambda; k++)
        {
            var rng = SeedSequence.Random(Seed, Generation, k);
            var normal = new StandardNormal(rng);
            var zk = new double[n];
            var xk = new double[n];
            for (int j = 0; j < n; j++)
            {
                zk[j] = normal.Next();
                xk[j] = _mean[j] + Sigma * zk[j];
            }

            z[k] = zk;
            candidates[k] = xk;
        }

        _z = z;
        _candidates = candidates;
        return candidates;
    }

    private sealed class State : OptimizerState
    {
        public MuLambdaEsSettings? Settings { get; set; }

        public double[]? Mean { get; set; }

        public double Sigma { get; set; }

        public double[]? PathSigma { get; set; }
    }
}
