using Neuro.Rules.Data;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace Neuro.Rules.Evolution;

/// <summary>
/// The covariance matrix adaptation evolution strategy, <c>(μ/μ_w, λ)</c>-CMA-ES, as summarized in Hansen,
/// "The CMA Evolution Strategy: A Tutorial" (arXiv:1604.00772, 2016), Appendix A and Table 1.
/// </summary>
/// <remarks>
/// <para>Sampling: <c>z_k ~ N(0, I)</c> from <c>SeedSequence.Random(Seed, Generation, k)</c>, <c>y_k = B·D·z_k</c>,
/// <c>x_k = m + σ·y_k</c>, where <c>C = B·D²·Bᵀ</c> is the last eigendecomposition of the covariance matrix.</para>
/// <para>Parameters: <c>w'_i = ln((λ+1)/2) - ln i</c>; positive weights normalized to sum 1 with
/// <c>μ_eff = (Σw'⁺)²/Σ(w'⁺)²</c>; <c>c_σ = (μ_eff+2)/(n+μ_eff+5)</c>;
/// <c>d_σ = 1 + 2·max(0, √((μ_eff-1)/(n+1)) - 1) + c_σ</c>; <c>c_c = (4+μ_eff/n)/(n+4+2μ_eff/n)</c>;
/// <c>c_1 = 2/((n+1.3)² + μ_eff)</c>; <c>c_μ = min(1-c_1, 2(μ_eff-2+1/μ_eff)/((n+2)² + μ_eff))</c>; negative weights
/// (when <see cref="CmaEsSettings.ActiveCovariance"/>) scaled by <c>min(1 + c_1/c_μ, 1 + 2μ⁻_eff/(μ_eff+2),
/// (1-c_1-c_μ)/(n·c_μ))</c> over <c>Σ|w'⁻|</c>.</para>
/// <para>Update with <c>⟨y⟩ = Σ_{i≤μ} w_i y_{i:λ}</c>: <c>m ← m + σ⟨y⟩</c>;
/// <c>p_σ ← (1-c_σ)p_σ + √(c_σ(2-c_σ)μ_eff)·C^(-1/2)⟨y⟩</c>;
/// <c>h_σ = [‖p_σ‖/√(1-(1-c_σ)^(2(g+1))) &lt; (1.4 + 2/(n+1))·E‖N(0,I)‖]</c>;
/// <c>p_c ← (1-c_c)p_c + h_σ√(c_c(2-c_c)μ_eff)⟨y⟩</c>;
/// <c>C ← (1 + c_1δ(h_σ) - c_1 - c_μΣw_j)C + c_1 p_c p_cᵀ + c_μ Σ_i w°_i y_{i:λ}y_{i:λ}ᵀ</c> with
/// <c>δ(h_σ) = (1-h_σ)c_c(2-c_c)</c> and <c>w°_i = w_i</c> for <c>w_i ≥ 0</c>, else <c>w_i·n/‖C^(-1/2)y_{i:λ}‖²</c>;
/// <c>σ ← σ·exp((c_σ/d_σ)(‖p_σ‖/E‖N(0,I)‖ - 1))</c>. Since <c>y = B·D·z</c>, <c>C^(-1/2)y = B·z</c> exactly for the
/// decomposition that sampled it, so no inverse is ever formed.</para>
/// <para>The eigendecomposition (MathNet.Numerics, symmetric) runs every <see cref="CmaEsSettings.EigenInterval"/>
/// generations; eigenvalues below <c>10⁻¹⁴</c> of the largest are raised to that floor in <c>D</c> (not in <c>C</c>),
/// so sampling stays well defined if rounding makes <c>C</c> slightly indefinite. <c>C</c> is kept exactly symmetric
/// by updating the upper triangle and mirroring it. The checkpoint holds <c>C</c>, <c>B</c> and <c>D</c> because the
/// lazy decomposition may be older than <c>C</c>.</para>
/// </remarks>
public sealed class CmaEsOptimizer : IOptimizer
{
    /// <summary>The name of this optimizer in commands, provenance and state files.</summary>
    public const string AlgorithmName = "cmaes";

    private const double EigenFloor = 1e-14;

    private readonly int _lambda;
    private readonly int _mu;
    private readonly double[] _weights;
    private readonly double _muEff;
    private readonly double _cSigma;
    private readonly double _dSigma;
    private readonly double _cc;
    private readonly double _c1;
    private readonly double _cMu;
    private readonly double _chiN;
    private readonly int _eigenInterval;
    private readonly double[] _mean;
    private readonly double[] _pathSigma;
    private readonly double[] _pathC;
    private readonly double[] _covariance; // n×n row-major, exactly symmetric
    private readonly double[] _basis;      // B: n×n row-major, column k = k-th eigenvector
    private readonly double[] _scales;     // D: square roots of the eigenvalues
    private int _lastEigenGeneration;
    private double[][]? _z;
    private double[][]? _y;
    private double[][]? _candidates;

    /// <summary>Starts a run at <paramref name="initialMean"/> (zeros when null) with <c>C = I</c> and <c>σ = InitialSigma</c>.</summary>
    /// <exception cref="ArgumentException">A setting is out of range, or the mean has the wrong length or a non-finite entry.</exception>
    public CmaEsOptimizer(int dimension, long seed, CmaEsSettings settings, IReadOnlyList<double>? initialMean = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        OptimizerChecks.Dimension(dimension);
        int lambda = settings.PopulationFor(dimension);
        OptimizerChecks.Setting(lambda >= 2, $"Population must be at least 2, not {lambda}");
        OptimizerChecks.Setting(settings.InitialSigma > 0 && double.IsFinite(settings.InitialSigma), $"InitialSigma must be positive and finite, not {OptimizerChecks.Format(settings.InitialSigma)}");
        OptimizerChecks.Setting(settings.EigenInterval is null or >= 1, $"EigenInterval must be at least 1, not {settings.EigenInterval}");
        Dimension = dimension;
        Seed = seed;
        Settings = settings;
        int n = dimension;
        _lambda = lambda;
        _mu = lambda / 2;

        // Table 1: raw weights, μ_eff of the positive part, then the learning rates, then the negative weights.
        var raw = new double[lambda];
        double sumPos = 0, sumPosSq = 0, sumNeg = 0, sumNegSq = 0;
        for (int i = 0; i < lambda; i++)
        {
            raw[i] = Math.Log((lambda + 1) / 2.0) - Math.Log(i + 1);
            if (raw[i] > 0)
            {
                sumPos += raw[i];
                sumPosSq += raw[i] * raw[i];
            }
            else
            {
                sumNeg -= raw[i];
                sumNegSq += raw[i] * raw[i];
            }
        }

        _muEff = sumPos * sumPos / sumPosSq;
        double muEffNeg = sumNegSq > 0 ? sumNeg * sumNeg / sumNegSq : 0;
        _cSigma = (_muEff + 2) / (n + _muEff + 5);
        _dSigma = 1 + 2 * Math.Max(0, Math.Sqrt((_muEff - 1) / (n + 1)) - 1) + _cSigma;
        _cc = (4 + _muEff / n) / (n + 4 + 2 * _muEff / n);
        const double alphaCov = 2;
        _c1 = alphaCov / ((n + 1.3) * (n + 1.3) + _muEff);
        _cMu = Math.Min(1 - _c1, alphaCov * (_muEff - 2 + 1 / _muEff) / ((n + 2.0) * (n + 2.0) + alphaCov * _muEff / 2));
        double negativeScale = 0;
        if (settings.ActiveCovariance && sumNeg > 0 && _cMu > 0)
        {
            double alphaMu = 1 + _c1 / _cMu;
            double alphaMuEff = 1 + 2 * muEffNeg / (_muEff + 2);
            double alphaPosDef = (1 - _c1 - _cMu) / (n * _cMu);
            negativeScale = Math.Min(alphaMu, Math.Min(alphaMuEff, alphaPosDef)) / sumNeg;
        }

        _weights = new double[lambda];
        for (int i = 0; i < lambda; i++)
        {
            _weights[i] = raw[i] >= 0 ? raw[i] / sumPos : raw[i] * negativeScale;
        }

        _chiN = MuLambdaEsOptimizer.ExpectedNormOfStandardNormal(n);
        _eigenInterval = settings.EigenInterval ?? (int)Math.Floor(1 / (10 * n * (_c1 + _cMu))) + 1;
        _mean = OptimizerChecks.InitialMean(initialMean, dimension);
        _pathSigma = new double[n];
        _pathC = new double[n];
        _covariance = new double[n * n];
        _basis = new double[n * n];
        _scales = new double[n];
        for (int i = 0; i < n; i++)
        {
            _covariance[i * n + i] = 1;
            _basis[i * n + i] = 1;
            _scales[i] = 1;
        }

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
    public CmaEsSettings Settings { get; }

    /// <summary>Offspring per generation, λ.</summary>
    public int Population => _lambda;

    /// <summary>The current step size σ.</summary>
    public double Sigma { get; private set; }

    /// <summary>The mean <c>m</c> (a copy).</summary>
    public double[] Current => (double[])_mean.Clone();

    /// <summary>Generations between eigendecompositions, resolved from <see cref="CmaEsSettings.EigenInterval"/>.</summary>
    public int EigenInterval => _eigenInterval;

    /// <summary>The ratio of the largest to the smallest eigenvalue of <c>C</c> at the last decomposition.</summary>
    public double ConditionNumber
    {
        get
        {
            double max = _scales.Max(), min = _scales.Min();
            return max * max / (min * min);
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<double[]> Ask() => OptimizerChecks.Copies(Candidates());

    /// <summary>Moves the mean, updates both evolution paths, the covariance matrix and the step size.</summary>
    /// <exception cref="ArgumentException">Not one fitness per candidate, or a fitness is NaN.</exception>
    public void Tell(IReadOnlyList<double> fitnesses)
    {
        double[] f = OptimizerChecks.Fitnesses(fitnesses, _lambda);
        Candidates();
        double[][] z = _z!, y = _y!;
        int[] order = Ranking.BestFirst(f);
        int n = Dimension;

        var zMean = new double[n];
        var yMean = new double[n];
        for (int i = 0; i < _mu; i++)
        {
            double w = _weights[i];
            double[] zi = z[order[i]], yi = y[order[i]];
            for (int j = 0; j < n; j++)
            {
                zMean[j] += w * zi[j];
                yMean[j] += w * yi[j];
            }
        }

        // C^(-1/2)⟨y⟩ = B·⟨z⟩.
        var whitened = new double[n];
        for (int r = 0; r < n; r++)
        {
            double s = 0;
            int row = r * n;
            for (int k = 0; k < n; k++)
            {
                s += _basis[row + k] * zMean[k];
            }

            whitened[r] = s;
        }

        double sigmaPathScale = Math.Sqrt(_cSigma * (2 - _cSigma) * _muEff);
        double norm2 = 0;
        for (int j = 0; j < n; j++)
        {
            _mean[j] += Sigma * yMean[j];
            _pathSigma[j] = (1 - _cSigma) * _pathSigma[j] + sigmaPathScale * whitened[j];
            norm2 += _pathSigma[j] * _pathSigma[j];
        }

        double pathNorm = Math.Sqrt(norm2);
        bool hSigma = pathNorm / Math.Sqrt(1 - Math.Pow(1 - _cSigma, 2.0 * (Generation + 1))) < (1.4 + 2.0 / (n + 1)) * _chiN;
        double cPathScale = hSigma ? Math.Sqrt(_cc * (2 - _cc) * _muEff) : 0;
        for (int j = 0; j < n; j++)
        {
            _pathC[j] = (1 - _cc) * _pathC[j] + cPathScale * yMean[j];
        }

        UpdateCovariance(z, y, order, hSigma);
        Sigma *= Math.Exp(_cSigma / _dSigma * (pathNorm / _chiN - 1));
        Generation++;
        _z = null;
        _y = null;
        _candidates = null;
        if (Generation - _lastEigenGeneration >= _eigenInterval)
        {
            Decompose();
            _lastEigenGeneration = Generation;
        }
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
        PathC = _pathC,
        Covariance = _covariance,
        Basis = _basis,
        Scales = _scales,
        LastEigenGeneration = _lastEigenGeneration,
    });

    /// <summary>Rebuilds an optimizer from <see cref="SaveState"/> output.</summary>
    internal static CmaEsOptimizer FromState(string json)
    {
        var s = OptimizerJson.Read<State>(json, AlgorithmName);
        int n = s.Dimension;
        OptimizerJson.Sigma(s.Sigma);
        if (s.LastEigenGeneration < 0 || s.LastEigenGeneration > s.Generation)
        {
            throw new ArgumentException($"Optimizer state field 'lastEigenGeneration' must be 0..generation ({s.Generation}), not {s.LastEigenGeneration}", nameof(json));
        }

        var optimizer = new CmaEsOptimizer(n, s.Seed, OptimizerJson.Required(s.Settings, "settings"), OptimizerJson.Array(s.Mean, n, "mean"))
        {
            Generation = s.Generation,
            Sigma = s.Sigma,
            _lastEigenGeneration = s.LastEigenGeneration,
        };
        OptimizerJson.Array(s.PathSigma, n, "pathSigma").CopyTo(optimizer._pathSigma, 0);
        OptimizerJson.Array(s.PathC, n, "pathC").CopyTo(optimizer._pathC, 0);
        OptimizerJson.Array(s.Covariance, n * n, "covariance").CopyTo(optimizer._covariance, 0);
        OptimizerJson.Array(s.Basis, n * n, "basis").CopyTo(optimizer._basis, 0);
        OptimizerJson.Array(s.Scales, n, "scales").CopyTo(optimizer._scales, 0);
        return optimizer;
    }

    private void UpdateCovariance(double[][] z, double[][] y, int[] order, bool hSigma)
    {
        int n = Dimension;
        double delta = hSigma ? 0 : _cc * (2 - _cc);
        double sumWeights = 0;
        foreach (double w in _weights)
        {
            sumWeights += w;
        }

        double decay = 1 + _c1 * delta - _c1 - _cMu * sumWeights;
        for (int r = 0; r < n; r++)
        {
            int row = r * n;
            double pr = _c1 * _pathC[r];
            for (int c = r; c < n; c++)
            {
                _covariance[row + c] = decay * _covariance[row + c] + pr * _pathC[c];
            }
        }

        for (int i = 0; i < _lambda; i++)
        {
            double w = _weights[i];
            if (w == 0)
            {
                continue;
            }

            double[] zi = z[order[i]], yi = y[order[i]];
            if (w < 0)
            {
                // ‖C^(-1/2) y‖² = ‖B z‖² = ‖z‖² (B is orthogonal).
                double zz = 0;
                for (int j = 0; j < n; j++)
                {
                    zz += zi[j] * zi[j];
                }

                w *= n / zz;
            }

            double coefficient = _cMu * w;
            for (int r = 0; r < n; r++)
            {
                int row = r * n;
                double a = coefficient * yi[r];
                for (int c = r; c < n; c++)
                {
                    _covariance[row + c] += a * yi[c];
                }
            }
        }

        for (int r = 0; r < n; r++)
        {
            for (int c = r + 1; c < n; c++)
            {
                _covariance[c * n + r] = _covariance[r * n + c];
            }
        }
    }

    private void Decompose()
    {
        int n = Dimension;
        var matrix = Matrix<double>.Build.Dense(n, n, (r, c) => _covariance[r * n + c]);
        var evd = matrix.Evd(Symmetricity.Symmetric);
        var values = evd.EigenValues;
        var vectors = evd.EigenVectors;
        double max = 0;
        for (int k = 0; k < n; k++)
        {
            max = Math.Max(max, values[k].Real);
        }

        if (!(max > 0) || !double.IsFinite(max))
        {
            throw new InvalidOperationException($"Covariance matrix degenerated at generation {Generation}: largest eigenvalue {OptimizerChecks.Format(max)}");
        }

        double floor = max * EigenFloor;
        for (int k = 0; k < n; k++)
        {
            _scales[k] = Math.Sqrt(Math.Max(values[k].Real, floor));
            for (int r = 0; r < n; r++)
            {
                _basis[r * n + k] = vectors[r, k];
            }
        }
    }

    private double[][] Candidates()
    {
        if (_candidates is not null)
        {
            return _candidates;
        }

        int n = Dimension;
        var z = new double[_lambda][];
        var y = new double[_lambda][];
        var candidates = new double[_lambda][];
        var scaled = new double[n];
        for (int k = 0; k < _lambda; k++)
        {
            var rng = SeedSequence.Random(Seed, Generation, k);
            var normal = new StandardNormal(rng);
            var zk = new double[n];
            for (int j = 0; j < n; j++)
            {
                zk[j] = normal.Next();
                scaled[j] = _scales[j] * zk[j];
            }

            var yk = new double[n];
            var xk = new double[n];
            for (int r = 0; r < n; r++)
            {
                double s = 0;
                int row = r * n;
                for (int c = 0; c < n; c++)
                {
                    s += _basis[row + c] * scaled[c];
                }

                yk[r] = s;
                xk[r] = _mean[r] + Sigma * s;
            }

            z[k] = zk;
            y[k] = yk;
            candidates[k] = xk;
        }

        _z = z;
        _y = y;
        _candidates = candidates;
        return candidates;
    }

    private sealed class State : OptimizerState
    {
        public CmaEsSettings? Settings { get; set; }

        public double[]? Mean { get; set; }

        public double Sigma { get; set; }

        public double[]? PathSigma { get; set; }

        public double[]? PathC { get; set; }

        public double[]? Covariance { get; set; }

        public double[]? Basis { get; set; }

        public double[]? Scales { get; set; }

        public int LastEigenGeneration { get; set; }
    }
}
