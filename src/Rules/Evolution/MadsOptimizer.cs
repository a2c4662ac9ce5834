using Neuro.Rules.Data;

namespace Neuro.Rules.Evolution;

/// <summary>
/// Mesh adaptive direct search with OrthoMADS 2n poll directions (Abramson, Audet, Dennis &amp; Le Digabel 2009), bound
/// constraints, an optional granularity and an evaluation budget, as an ask/tell optimizer that maximizes fitness.
/// </summary>
/// <remarks>
/// <para><b>Mesh.</b> Each variable <c>i</c> has an initial frame size <c>Δ0_i</c> (<see cref="MadsSettings.InitialFrameSize"/>).
/// At mesh index <c>ℓ</c> (0 at the start) its frame (poll) size is <c>Δ_i = Δ0_i·2^-ℓ</c> and its mesh size
/// <c>δ_i = Δ0_i·min(1, 4^-ℓ)</c>, as in OrthoMADS; with a granularity <c>g</c> both are floored at <c>g</c>, and since
/// <c>Δ0_i = g·2^k</c> every size is an exact power of two times <c>g</c>. A success sets <c>ℓ ← ℓ−1</c> (coarser,
/// bounded below by −30), a failed poll <c>ℓ ← ℓ+1</c> (finer).</para>
/// <para><b>Poll.</b> Poll number <c>t</c> draws <c>v ~ N(0, I)</c> from <c>SeedSequence.Random(Seed, t)</c>, normalizes it
/// and forms the Householder matrix <c>H = I − 2vvᵀ</c>, which is orthogonal; the 2n directions <c>[H, −H]</c> are a
/// maximal positive basis (OrthoMADS with random instead of Halton directions, as NOMAD 4 does). Direction <c>d</c> becomes
/// the trial point <c>p_i = x_i + δ_i·round((Δ_i/δ_i)·d_i/‖d‖∞)</c> (round half away from zero), on the mesh and on the
/// frame's boundary, then snapped into the bounds. Points equal to the incumbent or to an earlier point of the same block
/// are skipped. The poll visits the directions in a random order drawn from the same generator after <c>v</c>: on a coarse
/// mesh in many dimensions the directions round to single-coordinate steps (as OrthoMADS's do at <c>ℓ = 0</c>), and a fixed
/// order would always try the first variables first. After a success the next poll is ordered by the cosine between
/// each direction and the successful step, best aligned first, ties in the random order
/// (<see cref="MadsSettings.OrderByLastSuccess"/>); a speculative point <c>x + s</c> goes first
/// (<see cref="MadsSettings.SpeculativeSearch"/>).</para>
/// <para><b>Ask/tell and opportunism.</b> <see cref="Ask"/> returns the next block of the poll (<see cref="MadsSettings.BlockSize"/>
/// points, in poll order), so a caller evaluates the block in parallel; the first batch also carries the start point,
/// last. <see cref="Tell"/> walks the block in poll order and accepts the <i>first</i> point that beats the incumbent
/// (strictly), ignoring the rest of the block. That is exactly what a sequential opportunistic poll would accept, so the
/// sequence of incumbents does not depend on the block size or on how many threads evaluate a block; only the number
/// of evaluations spent after an improvement does. With <see cref="MadsSettings.Opportunistic"/> off, the whole poll is
/// evaluated and its best point (the first of equals) is taken.</para>
/// <para><b>Stopping.</b> After a failed poll with every <c>Δ_i ≤ max(MinFrameSize, g)</c> the search has converged; a
/// spent budget also stops it. <see cref="IOptimizer.IsFinished"/> then turns true and <see cref="Ask"/> returns nothing.
/// There is no cache: a point visited in an earlier poll may be evaluated again.</para>
/// <para>The state is the incumbent, its fitness, <c>ℓ</c>, the poll number, the last step, the position in the poll and
/// the pending speculative point; <c>v</c> and the order are recomputed from them, so a checkpoint resumes exactly.</para>
/// </remarks>
public sealed class MadsOptimizer : IOptimizer
{
    /// <summary>The name of this optimizer in commands, provenance and state files.</summary>
    public const string AlgorithmName = "mads";

    /// <summary>The coarsest mesh index: frames grow at most <c>2^30</c>-fold over <c>Δ0</c>.</summary>
    private const int MinMeshIndex = -30;

    /// <summary>The finest mesh index, a guard against underflow of <c>4^-ℓ</c> when <see cref="MadsSettings.MinFrameSize"/> is tiny.</summary>
    private const int MaxMeshIndex = 500;

    private readonly double[] _lower;
    private readonly double[] _upper;
    private readonly double[] _initial;
    private readonly double[] _frame0;
    private readonly int _blockSize;
    private readonly double[] _frame;
    private readonly double[] _mesh;
    private double[] _x;
    private double? _fx;
    private int _meshIndex;
    private long _pollNumber;
    private double[]? _lastStep;
    private int _cursor;
    private double[]? _speculative;
    private double[]? _pollBest;
    private double _pollBestFitness;
    private long _evaluations;
    private MadsStopReason _stop;
    private double[] _v = [];
    private int[] _order = [];
    private Block? _asked;

    /// <summary>
    /// Starts a search at <paramref name="initial"/> (zeros when null) within <paramref name="lower"/> and
    /// <paramref name="upper"/> (unbounded when null; entries may be infinite).
    /// </summary>
    /// <exception cref="ArgumentException">A setting is out of range; a vector has the wrong length or a NaN; a bound pair is
    /// reversed; the start point is outside the bounds; or, with a granularity, the start point or a finite bound is not a
    /// multiple of it.</exception>
    public MadsOptimizer(int dimension, long seed, MadsSettings settings, IReadOnlyList<double>? initial = null, IReadOnlyList<double>? lower = null, IReadOnlyList<double>? upper = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        OptimizerChecks.Dimension(dimension);
        Validate(settings);
        Dimension = dimension;
        Seed = seed;
        Settings = settings;
        _blockSize = settings.BlockSize ?? 2 * dimension;
        _initial = OptimizerChecks.InitialMean(initial, dimension);
        _lower = Bounds(lower, dimension, double.NegativeInfinity, "Lower bound");
        _upper = Bounds(upper, dimension, double.PositiveInfinity, "Upper bound");
        double g = settings.Granularity;
        for (int i = 0; i < dimension; i++)
        {
            OptimizerChecks.Setting(_lower[i] <= _upper[i], $"Bounds [{i}] are reversed: lower {OptimizerChecks.Format(_lower[i])} > upper {OptimizerChecks.Format(_upper[i])}");
            OptimizerChecks.Setting(_initial[i] >= _lower[i] && _initial[i] <= _upper[i],
                $"Initial point entry [{i}] = {OptimizerChecks.Format(_initial[i])} is outside its bounds [{OptimizerChecks.Format(_lower[i])}, {OptimizerChecks.Format(_upper[i])}]");
            if (g > 0)
            {
                OptimizerChecks.Setting(IsMultiple(_initial[i], g), $"Initial point entry [{i}] = {OptimizerChecks.Format(_initial[i])} is not a multiple of the granularity {OptimizerChecks.Format(g)}");
                OptimizerChecks.Setting(!double.IsFinite(_lower[i]) || IsMultiple(_lower[i], g), $"Lower bound [{i}] = {OptimizerChecks.Format(_lower[i])} is not a multiple of the granularity {OptimizerChecks.Format(g)}");
                OptimizerChecks.Setting(!double.IsFinite(_upper[i]) || IsMultiple(_upper[i], g), $"Upper bound [{i}] = {OptimizerChecks.Format(_upper[i])} is not a multiple of the granularity {OptimizerChecks.Format(g)}");
            }
        }

        _frame0 = new double[dimension];
        for (int i = 0; i < dimension; i++)
        {
            double size = settings.InitialFrameSize
                ?? (double.IsFinite(_lower[i]) && double.IsFinite(_upper[i]) && _upper[i] > _lower[i] ? (_upper[i] - _lower[i]) / 10 : 1);
            if (g > 0)
            {
                double snapped = g;
                while (snapped < size)
                {
                    snapped *= 2;
                }

                size = snapped;
            }

            _frame0[i] = size;
        }

        _frame = new double[dimension];
        _mesh = new double[dimension];
        _x = (double[])_initial.Clone();
        UpdateSizes();
        StartPoll();
        Settle();
    }

    /// <inheritdoc/>
    public string Name => AlgorithmName;

    /// <inheritdoc/>
    public int Dimension { get; }

    /// <inheritdoc/>
    public long Seed { get; }

    /// <inheritdoc/>
    public int Generation { get; private set; }

    /// <summary>The settings of this search.</summary>
    public MadsSettings Settings { get; }

    /// <summary>The incumbent (a copy): the best point told so far, the start point before the first <see cref="Tell"/>.</summary>
    public double[] Current => (double[])_x.Clone();

    /// <summary>The incumbent's fitness; null until the start point has been told.</summary>
    public double? BestFitness => _fx;

    /// <summary>The mesh index <c>ℓ</c>: frame sizes are <c>Δ0·2^-ℓ</c>.</summary>
    public int MeshIndex => _meshIndex;

    /// <summary>Evaluations told so far.</summary>
    public long Evaluations => _evaluations;

    /// <summary>Why the search stopped, or <see cref="MadsStopReason.None"/>.</summary>
    public MadsStopReason StopReason => _stop;

    /// <inheritdoc/>
    public bool IsFinished => _stop != MadsStopReason.None;

    /// <summary>The frame (poll) size of variable <paramref name="index"/> at the current mesh index.</summary>
    public double FrameSize(int index) => _frame[index];

    /// <summary>The mesh size of variable <paramref name="index"/> at the current mesh index.</summary>
    public double MeshSize(int index) => _mesh[index];

    /// <summary>
    /// The next block of trial points, in poll order (the first batch ends with the start point); empty once
    /// <see cref="IsFinished"/>. Calling it again before <see cref="Tell"/> returns the same points.
    /// </summary>
    public IReadOnlyList<double[]> Ask()
    {
        if (IsFinished)
        {
            return [];
        }

        _asked ??= BuildBlock();
        return OptimizerChecks.Copies([.. _asked.Entries.Select(e => e.Point)]);
    }

    /// <summary>Takes the fitnesses of the block from <see cref="Ask"/>: accepts its first improvement in poll order, or moves on.</summary>
    /// <exception cref="ArgumentException">Not one fitness per point, or a fitness is NaN.</exception>
    /// <exception cref="InvalidOperationException">The search has finished.</exception>
    public void Tell(IReadOnlyList<double> fitnesses)
    {
        if (IsFinished)
        {
            throw new InvalidOperationException($"The search has stopped ({_stop}); there is nothing to tell");
        }

        var block = _asked ?? BuildBlock();
        double[] f = OptimizerChecks.Fitnesses(fitnesses, block.Entries.Count);
        _evaluations += f.Length;
        for (int k = 0; k < f.Length; k++)
        {
            if (block.Entries[k].Kind == EntryKind.Start)
            {
                _fx = f[k];
            }
        }

        _asked = null;
        Generation++;
        double incumbent = _fx!.Value;
        for (int k = 0; k < f.Length; k++)
        {
            var entry = block.Entries[k];
            switch (entry.Kind)
            {
                case EntryKind.Speculative when f[k] > incumbent:
                case EntryKind.Poll when Settings.Opportunistic && f[k] > incumbent:
                    Success(entry.Point, f[k]);
                    Settle();
                    return;
                case EntryKind.Poll when !Settings.Opportunistic && f[k] > _pollBestFitness:
                    _pollBest = entry.Point;
                    _pollBestFitness = f[k];
                    break;
            }
        }

        _speculative = null;
        _cursor = block.CursorAfter;
        if (_cursor == 2 * Dimension)
        {
            if (_pollBest is { } best && _pollBestFitness > incumbent)
            {
                Success(best, _pollBestFitness);
            }
            else
            {
                PollFailed();
            }
        }

        Settle();
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
        Initial = _initial,
        Lower = _lower,
        Upper = _upper,
        X = _x,
        Fx = _fx,
        MeshIndex = _meshIndex,
        PollNumber = _pollNumber,
        LastStep = _lastStep,
        Cursor = _cursor,
        Speculative = _speculative,
        PollBest = _pollBest,
        PollBestFitness = _pollBest is null ? null : _pollBestFitness,
        Evaluations = _evaluations,
        Stop = _stop,
    });

    /// <summary>Rebuilds an optimizer from <see cref="SaveState"/> output.</summary>
    internal static MadsOptimizer FromState(string json)
    {
        var s = OptimizerJson.Read<State>(json, AlgorithmName);
        int n = s.Dimension;
        var optimizer = new MadsOptimizer(
            n, s.Seed, OptimizerJson.Required(s.Settings, "settings"), OptimizerJson.Array(s.Initial, n, "initial"),
            OptimizerJson.Array(s.Lower, n, "lower"), OptimizerJson.Array(s.Upper, n, "upper"));
        OptimizerChecks.Setting(s.Cursor >= 0 && s.Cursor <= 2 * n, $"Optimizer state field 'cursor' must be 0..{2 * n}, not {s.Cursor}");
        OptimizerChecks.Setting(s.MeshIndex >= MinMeshIndex, $"Optimizer state field 'meshIndex' must be at least {MinMeshIndex}, not {s.MeshIndex}");
        OptimizerChecks.Setting(s.Evaluations >= 0 && s.PollNumber >= 0, "Optimizer state fields 'evaluations' and 'pollNumber' must be non-negative");
        OptimizerChecks.Setting((s.PollBest is null) == (s.PollBestFitness is null), "Optimizer state fields 'pollBest' and 'pollBestFitness' must both be present or both be null");
        optimizer.Generation = s.Generation;
        optimizer._x = OptimizerJson.Array(s.X, n, "x");
        optimizer._fx = s.Fx;
        optimizer._meshIndex = s.MeshIndex;
        optimizer._pollNumber = s.PollNumber;
        optimizer._lastStep = s.LastStep is null ? null : OptimizerJson.Array(s.LastStep, n, "lastStep");
        optimizer._speculative = s.Speculative is null ? null : OptimizerJson.Array(s.Speculative, n, "speculative");
        optimizer._pollBest = s.PollBest is null ? null : OptimizerJson.Array(s.PollBest, n, "pollBest");
        optimizer._pollBestFitness = s.PollBestFitness ?? double.NegativeInfinity;
        optimizer._evaluations = s.Evaluations;
        optimizer._stop = s.Stop;
        optimizer._asked = null;
        optimizer.UpdateSizes();
        optimizer.ComputePoll();
        optimizer._cursor = s.Cursor;
        return optimizer;
    }

    /// <summary>Column <paramref name="j"/> of the Householder matrix <c>H = I − 2vvᵀ</c> for a unit vector <paramref name="v"/>.</summary>
    internal static double[] HouseholderColumn(ReadOnlySpan<double> v, int j)
    {
        var h = new double[v.Length];
        for (int i = 0; i < v.Length; i++)
        {
            h[i] = (i == j ? 1.0 : 0.0) - (2 * v[j] * v[i]);
        }

        return h;
    }

    /// <summary>The unit vector <c>v</c> of the current poll (a copy), for tests.</summary>
    internal double[] PollVector => (double[])_v.Clone();

    private static void Validate(MadsSettings s)
    {
        OptimizerChecks.Setting(s.InitialFrameSize is null || (s.InitialFrameSize > 0 && double.IsFinite(s.InitialFrameSize.Value)),
            $"InitialFrameSize must be positive and finite, not {OptimizerChecks.Format(s.InitialFrameSize ?? 0)}");
        OptimizerChecks.Setting(s.Granularity == 0 || (s.Granularity > 0 && double.IsFinite(s.Granularity) && s.Granularity == Math.ScaleB(1.0, Math.ILogB(s.Granularity))),
            $"Granularity must be 0 or a power of two, not {OptimizerChecks.Format(s.Granularity)}");
        OptimizerChecks.Setting(s.MinFrameSize > 0 && double.IsFinite(s.MinFrameSize), $"MinFrameSize must be positive and finite, not {OptimizerChecks.Format(s.MinFrameSize)}");
        OptimizerChecks.Setting(s.BlockSize is null or >= 1, $"BlockSize must be at least 1, not {s.BlockSize}");
        OptimizerChecks.Setting(s.MaxEvaluations is null or >= 1, $"MaxEvaluations must be at least 1, not {s.MaxEvaluations}");
    }

    private static double[] Bounds(IReadOnlyList<double>? values, int dimension, double missing, string what)
    {
        var result = new double[dimension];
        if (values is null)
        {
            Array.Fill(result, missing);
            return result;
        }

        OptimizerChecks.Setting(values.Count == dimension, $"{what} must have {dimension} entries, not {values.Count}");
        for (int i = 0; i < dimension; i++)
        {
            OptimizerChecks.Setting(!double.IsNaN(values[i]), $"{what} entry [{i}] is NaN");
            result[i] = values[i];
        }

        return result;
    }

    /// <summary>True when <paramref name="value"/> is an integer multiple of the power of two <paramref name="granularity"/>.</summary>
    private static bool IsMultiple(double value, double granularity)
    {
        double q = Math.ScaleB(value, -Math.ILogB(granularity));
        return q == Math.Floor(q);
    }

    private double MinFrame => Math.Max(Settings.MinFrameSize, Settings.Granularity);

    private void UpdateSizes()
    {
        double g = Settings.Granularity;
        for (int i = 0; i < Dimension; i++)
        {
            double frame = Math.ScaleB(_frame0[i], -_meshIndex);
            double mesh = _meshIndex >= 0 ? Math.ScaleB(_frame0[i], -2 * _meshIndex) : _frame0[i];
            _frame[i] = g > 0 ? Math.Max(g, frame) : frame;
            _mesh[i] = g > 0 ? Math.Max(g, mesh) : mesh;
        }
    }

    /// <summary>Draws <c>v</c> for the current poll number and orders the 2n directions.</summary>
    private void ComputePoll()
    {
        int n = Dimension;
        var rng = SeedSequence.Random(Seed, _pollNumber);
        var normal = new StandardNormal(rng);
        var v = new double[n];
        double norm = 0;
        while (norm == 0)
        {
            norm = 0;
            for (int i = 0; i < n; i++)
            {
                v[i] = normal.Next();
                norm += v[i] * v[i];
            }
        }

        norm = Math.Sqrt(norm);
        for (int i = 0; i < n; i++)
        {
            v[i] /= norm;
        }

        _v = v;
        var order = new int[2 * n];
        for (int k = 0; k < order.Length; k++)
        {
            order[k] = k;
        }

        for (int k = order.Length - 1; k > 0; k--)
        {
            int r = rng.Next(k + 1);
            (order[k], order[r]) = (order[r], order[k]);
        }

        if (Settings.OrderByLastSuccess && _lastStep is { } s)
        {
            double vs = 0, ss = 0;
            for (int i = 0; i < n; i++)
            {
                vs += v[i] * s[i];
                ss += s[i] * s[i];
            }

            var cosine = new double[2 * n];
            var rank = new int[2 * n];
            for (int k = 0; k < 2 * n; k++)
            {
                int j = k % n;
                double sign = k < n ? 1 : -1;
                cosine[k] = ss > 0 ? sign * (s[j] - (2 * v[j] * vs)) / Math.Sqrt(ss) : 0;
                rank[order[k]] = k;
            }

            Array.Sort(order, (a, b) =>
            {
                int byCosine = cosine[b].CompareTo(cosine[a]);
                return byCosine != 0 ? byCosine : rank[a].CompareTo(rank[b]);
            });
        }

        _order = order;
    }

    private void StartPoll()
    {
        ComputePoll();
        _cursor = 0;
        _pollBest = null;
        _pollBestFitness = double.NegativeInfinity;
    }

    /// <summary>The trial point of direction <paramref name="k"/> (column <c>k mod n</c> of <c>H</c>, negated for <c>k ≥ n</c>).</summary>
    private double[] PollPoint(int k)
    {
        int n = Dimension;
        int j = k % n;
        double sign = k < n ? 1 : -1;
        double maxAbs = 0;
        for (int i = 0; i < n; i++)
        {
            maxAbs = Math.Max(maxAbs, Math.Abs((i == j ? 1.0 : 0.0) - (2 * _v[j] * _v[i])));
        }

        var p = new double[n];
        for (int i = 0; i < n; i++)
        {
            double d = sign * ((i == j ? 1.0 : 0.0) - (2 * _v[j] * _v[i]));
            double steps = Math.Round(_frame[i] / _mesh[i] * d / maxAbs, MidpointRounding.AwayFromZero);
            p[i] = Math.Clamp(_x[i] + (_mesh[i] * steps), _lower[i], _upper[i]);
        }

        return p;
    }

    private Block BuildBlock()
    {
        var entries = new List<Entry>();
        bool needStart = _fx is null;
        long left = Settings.MaxEvaluations is { } max ? max - _evaluations : long.MaxValue;
        long capacity = Math.Min(_blockSize, left - (needStart ? 1 : 0));
        if (_speculative is { } q && capacity > 0)
        {
            entries.Add(new Entry(EntryKind.Speculative, q));
            capacity--;
        }

        int cursor = _cursor;
        while (capacity > 0 && cursor < 2 * Dimension)
        {
            double[] p = PollPoint(_order[cursor++]);
            if (p.AsSpan().SequenceEqual(_x) || entries.Any(e => e.Point.AsSpan().SequenceEqual(p)))
            {
                continue;
            }

            entries.Add(new Entry(EntryKind.Poll, p));
            capacity--;
        }

        if (needStart)
        {
            entries.Add(new Entry(EntryKind.Start, (double[])_x.Clone()));
        }

        return new Block(entries, cursor);
    }

    private void Success(double[] point, double fitness)
    {
        var step = new double[Dimension];
        for (int i = 0; i < Dimension; i++)
        {
            step[i] = point[i] - _x[i];
        }

        _x = (double[])point.Clone();
        _fx = fitness;
        _lastStep = step;
        _meshIndex = Math.Max(MinMeshIndex, _meshIndex - 1);
        UpdateSizes();
        _speculative = Settings.SpeculativeSearch ? SpeculativePoint(step) : null;
        _pollNumber++;
        StartPoll();
    }

    /// <summary><c>x + s</c> rounded to the current mesh and snapped into the bounds; null when it is the incumbent.</summary>
    private double[]? SpeculativePoint(double[] step)
    {
        var q = new double[Dimension];
        for (int i = 0; i < Dimension; i++)
        {
            double steps = Math.Round(step[i] / _mesh[i], MidpointRounding.AwayFromZero);
            q[i] = Math.Clamp(_x[i] + (_mesh[i] * steps), _lower[i], _upper[i]);
        }

        return q.AsSpan().SequenceEqual(_x) ? null : q;
    }

    private void PollFailed()
    {
        double minFrame = MinFrame;
        bool converged = true;
        for (int i = 0; i < Dimension && converged; i++)
        {
            converged = _frame[i] <= minFrame;
        }

        if (converged || _meshIndex >= MaxMeshIndex)
        {
            _stop = MadsStopReason.Converged;
            return;
        }

        _meshIndex++;
        UpdateSizes();
        _pollNumber++;
        StartPoll();
    }

    /// <summary>Stops on a spent budget, and treats a poll with no askable point left as failed, until a block has points.</summary>
    private void Settle()
    {
        while (!IsFinished)
        {
            if (Settings.MaxEvaluations is { } max && _evaluations >= max)
            {
                _stop = MadsStopReason.Budget;
                return;
            }

            var block = BuildBlock();
            if (block.Entries.Count > 0)
            {
                _asked = block;
                return;
            }

            _speculative = null;
            PollFailed();
        }
    }

    private enum EntryKind
    {
        Start,
        Speculative,
        Poll,
    }

    private sealed record Entry(EntryKind Kind, double[] Point);

    private sealed record Block(List<Entry> Entries, int CursorAfter);

    private sealed class State : OptimizerState
    {
        public MadsSettings? Settings { get; set; }

        public double[]? Initial { get; set; }

        public double[]? Lower { get; set; }

        public double[]? Upper { get; set; }

        public double[]? X { get; set; }

        public double? Fx { get; set; }

        public int MeshIndex { get; set; }

        public long PollNumber { get; set; }

        public double[]? LastStep { get; set; }

        public int Cursor { get; set; }

        public double[]? Speculative { get; set; }

        public double[]? PollBest { get; set; }

        public double? PollBestFitness { get; set; }

        public long Evaluations { get; set; }

        public MadsStopReason Stop { get; set; }
    }
}
