using Neuro.Rules.Data;
using Neuro.Rules.Patterns;

namespace Neuro.FixedPointSim.Patterns;

/// <summary>
/// Test accuracy of the fixed-point network over a grid of rule-entry width × weight width, against the float reference
/// after the same lifetime (docs/quantization-analysis.md), and the smallest formats within an accuracy-loss budget.
/// </summary>
/// <remarks>
/// Every cell is one deterministic lifetime (the spec's masks, the training set streamed <c>Passes</c> times, then the
/// test set with frozen weights), independent of the others, so the cells run in parallel and the result does not
/// depend on <see cref="PrecisionSweepSettings.Threads"/>.
/// </remarks>
public static class PrecisionSweep
{
    /// <summary>
    /// The config of one cell: the weight is signed, <paramref name="weightBits"/> wide, with the base weight's integer
    /// bits (so <c>fractional bits = weightBits − base integer bits</c>) and modes; the rule entry is
    /// <paramref name="entryBits"/> wide with the weight's fractional bits (plus the base's stochastic bits, which it keeps) and the base entry's modes; input and
    /// activation are the base's.
    /// </summary>
    /// <exception cref="PrecisionConfigException">The widths give no valid config, e.g. the entry is wider than the weight
    /// (<c>ruleEntry: must be at most the weight's 6 bits wide, not 8</c>).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A width is outside 1..64.</exception>
    public static PrecisionConfig Derive(PrecisionConfig baseConfig, int entryBits, int weightBits)
    {
        ArgumentNullException.ThrowIfNull(baseConfig);
        baseConfig.Validate();
        baseConfig.RequireUniformWeights("The precision sweep");
        ArgumentOutOfRangeException.ThrowIfLessThan(entryBits, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(entryBits, QFormat.MaxWidth);
        ArgumentOutOfRangeException.ThrowIfLessThan(weightBits, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(weightBits, QFormat.MaxWidth);
        int frac = weightBits - baseConfig.Weight.Format.IntBits;
        var weight = baseConfig.Weight with { Format = new QFormat(true, weightBits, frac) };
        var entry = baseConfig.RuleEntry with { Format = new QFormat(true, entryBits, frac + baseConfig.StochasticBits) };
        var derived = baseConfig with { Weight = weight, RuleEntry = entry };
        derived.Validate();
        return derived;
    }

    /// <summary>
    /// Runs the float reference once and the fixed-point network once per cell, entry width outer and weight width
    /// inner. A cell whose widths give no valid config, or whose config does not suit the spec, is kept as invalid with
    /// the reason. <paramref name="onCell"/>, when given, is called once per finished cell (from worker threads, one call
    /// at a time, in completion order).
    /// </summary>
    /// <param name="spec">The network.</param>
    /// <param name="rule">The rule.</param>
    /// <param name="train">Learned from online, <see cref="PrecisionSweepSettings.Passes"/> times.</param>
    /// <param name="test">Scored with frozen weights.</param>
    /// <param name="settings">The grid and budget.</param>
    /// <param name="onCell">Called once per finished cell.</param>
    /// <param name="runLifetime">Runs a cell's lifetime (train, then <c>Holdout</c> = test) at a config on another backend
    /// (OpenCL); null runs it on <see cref="FixedPatternNetwork"/>. Every cell's config is checked on the C# model first.</param>
    /// <param name="cancellation">Stops between cells.</param>
    /// <exception cref="ArgumentException">The spec is invalid, the data do not match it, or a setting is out of range.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    public static SweepResult Run(
        PatternNetworkSpec spec,
        PatternRule rule,
        Dataset train,
        Dataset test,
        PrecisionSweepSettings settings,
        Action<SweepCell>? onCell = null,
        Func<FixedLifetime, PrecisionConfig, FixedLifetimeResult>? runLifetime = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(settings);
        Check(settings);
        var masks = spec.BuildMasks();

        var floatNet = new ReferencePatternNetwork(spec, masks, rule);
        PatternLifetime.Train(floatNet, train, settings.Passes);
        double floatAccuracy = PatternLifetime.Accuracy(floatNet, test);

        var pairs = settings.EntryBits.Widths.SelectMany(e => settings.WeightBits.Widths.Select(w => (Entry: e, Weight: w))).ToArray();
        var cells = new SweepCell[pairs.Length];
        var gate = new object();
        var options = new ParallelOptions
        {
            CancellationToken = cancellation,
            MaxDegreeOfParallelism = settings.Threads == 0 ? Environment.ProcessorCount : settings.Threads,
        };
        Parallel.For(0, pairs.Length, options, i =>
        {
            var cell = RunCell(spec, masks, rule, train, test, settings, pairs[i].Entry, pairs[i].Weight, floatAccuracy, runLifetime);
            cells[i] = cell;
            if (onCell is not null)
            {
                lock (gate)
                {
                    onCell(cell);
                }
            }
        });

        return new SweepResult(settings, floatAccuracy, cells, SmallestWithinBudget(cells, settings.BudgetPoints));
    }

    /// <summary>
    /// The smallest valid cell whose loss is at most <paramref name="budgetPoints"/> percentage points: fewest
    /// <see cref="SweepCell.TotalBits"/>, ties to fewer weight bits; null when no cell is within the budget.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The budget is negative or not a number.</exception>
    public static SweepCell? SmallestWithinBudget(IEnumerable<SweepCell> cells, double budgetPoints)
    {
        ArgumentNullException.ThrowIfNull(cells);
        CheckBudget(budgetPoints);
        return cells
            .Where(c => c.Valid && c.LossPoints <= budgetPoints)
            .OrderBy(c => c.TotalBits)
            .ThenBy(c => c.WeightBits)
            .FirstOrDefault();
    }

    private static SweepCell RunCell(
        PatternNetworkSpec spec,
        PatternNetworkMasks masks,
        PatternRule rule,
        Dataset train,
        Dataset test,
        PrecisionSweepSettings settings,
        int entryBits,
        int weightBits,
        double floatAccuracy,
        Func<FixedLifetime, PrecisionConfig, FixedLifetimeResult>? runLifetime)
    {
        PrecisionConfig config;
        FixedPatternNetwork network;
        try
        {
            config = Derive(settings.Base, entryBits, weightBits);
            network = new FixedPatternNetwork(spec, masks, rule, config);
        }
        catch (PrecisionConfigException e)
        {
            return new SweepCell(entryBits, weightBits, null, null, null, e.Message);
        }
        catch (ArgumentException e)
        {
            // The network's own check: an exact sum that would need more than 128 bits.
            return new SweepCell(entryBits, weightBits, null, null, null, e.Message);
        }

        double accuracy;
        if (runLifetime is null)
        {
            PatternLifetime.Train(network, train, settings.Passes);
            accuracy = PatternLifetime.Accuracy(network, test);
        }
        else
        {
            accuracy = runLifetime(new FixedLifetime(spec, rule, train, settings.Passes, test), config).HoldoutAccuracy!.Value;
        }

        return new SweepCell(entryBits, weightBits, config, accuracy, QuantizationAnalysis.LossPoints(floatAccuracy, accuracy), null);
    }

    private static void Check(PrecisionSweepSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings.Base);
        settings.Base.Validate();
        if (settings.Passes < 1)
        {
            throw new ArgumentException($"Passes must be at least 1, not {settings.Passes}", nameof(settings));
        }

        if (settings.Threads < 0)
        {
            throw new ArgumentException($"Threads must be at least 0 (0: one per core), not {settings.Threads}", nameof(settings));
        }

        foreach (var (name, range) in new[] { ("EntryBits", settings.EntryBits), ("WeightBits", settings.WeightBits) })
        {
            if (BitRange.Problem(range.Min, range.Max) is { } problem)
            {
                throw new ArgumentException($"{name}: {problem}", nameof(settings));
            }
        }

        CheckBudget(settings.BudgetPoints);
    }

    private static void CheckBudget(double budgetPoints)
    {
        if (!(budgetPoints >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(budgetPoints), budgetPoints, $"The budget must be at least 0 percentage points, not {budgetPoints}");
        }
    }
}
