using System.Collections.Immutable;
using Neuro.Rules.Data;
using Neuro.Rules.Patterns;

namespace Neuro.FixedPointSim.Patterns;

/// <summary>
/// Measures what a precision config does to a pattern rule and its network (docs/quantization-analysis.md): the
/// rule tables' ROM error, and the fixed-point network (<see cref="FixedPatternNetwork"/>) against the float reference
/// (<see cref="ReferencePatternNetwork"/>) run side by side on the same spec, masks and sample stream.
/// </summary>
/// <remarks>
/// Quantization itself is never re-done here: ROM words come from <see cref="RuleRom"/> (with its saturation and
/// zero counts), fixed activations and weights are the network's raw integers, and every raw integer becomes a value
/// only through its format (<see cref="Fixed.FromRaw"/> and <see cref="Fixed.ToDouble()"/>; the exact logits, wider
/// than a <see cref="QFormat"/>, by the same conversion of <c>raw · 2^-(fw+fa)</c>).
/// </remarks>
public static class QuantizationAnalysis
{
    /// <summary>
    /// The ROM error of every table of <paramref name="rule"/> quantized into <paramref name="precision"/>'s rule-entry
    /// type, in the order hidden, input, output (absent tables left out).
    /// </summary>
    /// <exception cref="PrecisionConfigException">The precision config is inconsistent.</exception>
    public static IReadOnlyList<TableQuantizationError> AnalyzeRom(PatternRule rule, PrecisionConfig precision)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(precision);
        return AnalyzeRom(new RuleRom(rule, precision), rule);
    }

    /// <summary>
    /// Trains the float reference and the fixed-point network side by side on <paramref name="train"/>
    /// (<see cref="QuantizationAnalysisSettings.Passes"/> online passes, the same sample stream), comparing activations
    /// after every sample and weights at checkpoints, then scores both on <paramref name="test"/> with frozen weights.
    /// </summary>
    /// <exception cref="ArgumentException">The spec is invalid, the data do not match it, or a setting is out of range.</exception>
    /// <exception cref="PrecisionConfigException">The precision config is inconsistent or too narrow for the spec.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    public static QuantizationReport Run(
        PatternNetworkSpec spec,
        PatternRule rule,
        PrecisionConfig precision,
        Dataset train,
        Dataset test,
        QuantizationAnalysisSettings? settings = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(precision);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        settings ??= new QuantizationAnalysisSettings();
        if (settings.Passes < 1)
        {
            throw new ArgumentException($"Passes must be at least 1, not {settings.Passes}", nameof(settings));
        }

        if (settings.DriftCheckpoints < 1)
        {
            throw new ArgumentException($"DriftCheckpoints must be at least 1, not {settings.DriftCheckpoints}", nameof(settings));
        }

        var masks = spec.BuildMasks();
        var fixedNet = new FixedPatternNetwork(spec, masks, rule, precision);
        var floatNet = new ReferencePatternNetwork(spec, masks, rule);

        int lifetime = settings.Passes * train.Count;
        var checkpoints = CheckpointSamples(lifetime, settings.DriftCheckpoints);
        var drift = new List<DriftCheckpoint> { Drift(0, fixedNet, floatNet, masks) };
        int nextCheckpoint = 1;

        var layers = new[] { new ErrorAccumulator(), new ErrorAccumulator(), new ErrorAccumulator() };
        ErrorAccumulator[]? lockstep = null;
        int samePatterns = 0, samePredictions = 0, sample = 0;
        int? firstDivergence = null;
        for (int pass = 0; pass < settings.Passes; pass++)
        {
            for (int i = 0; i < train.Count; i++)
            {
                cancellation.ThrowIfCancellationRequested();
                var x = train.Row(i);
                int label = train.Label(i);
                int fixedPrediction = fixedNet.Learn(x, label);
                int floatPrediction = floatNet.Learn(x, label);
                bool patternsAgree = fixedNet.Patterns.SequenceEqual(floatNet.Patterns);
                bool predictionsAgree = fixedPrediction == floatPrediction;
                samePatterns += patternsAgree ? 1 : 0;
                samePredictions += predictionsAgree ? 1 : 0;
                if (firstDivergence is null && !(patternsAgree && predictionsAgree))
                {
                    firstDivergence = sample;
                    lockstep = [.. layers.Select(a => a.Snapshot())];
                }

                CompareActivations(fixedNet, floatNet, layers);
                sample++;
                while (nextCheckpoint < checkpoints.Length && checkpoints[nextCheckpoint] == sample)
                {
                    drift.Add(Drift(sample, fixedNet, floatNet, masks));
                    nextCheckpoint++;
                }
            }
        }

        lockstep ??= layers;
        double floatAccuracy = PatternLifetime.Accuracy(floatNet, test);
        double fixedAccuracy = PatternLifetime.Accuracy(fixedNet, test);
        string[] names = ["projection", "hidden", "logits"];
        var errors = names.Select((name, k) => new ActivationError(
            name, layers[k].Count, layers[k].MaxAbs, layers[k].Rms, lockstep[k].Count, lockstep[k].MaxAbs, lockstep[k].Rms)).ToArray();
        return new QuantizationReport(
            spec,
            precision,
            settings.Passes,
            train.Count,
            test.Count,
            AnalyzeRom(fixedNet.Rom, rule),
            errors[0],
            errors[1],
            errors[2],
            lifetime == 0 ? 1 : (double)samePatterns / lifetime,
            lifetime == 0 ? 1 : (double)samePredictions / lifetime,
            firstDivergence,
            drift,
            floatAccuracy,
            fixedAccuracy);
    }

    /// <summary>
    /// Accuracy lost in percentage points, <c>100·(float − fixed)</c>, rounded to 9 decimals so that a difference of a
    /// whole number of samples compares exactly against a budget (<c>100·(0.603 − 0.593)</c> is 1, not 1.0000000000000009).
    /// </summary>
    public static double LossPoints(double floatAccuracy, double fixedAccuracy) =>
        Math.Round(100 * (floatAccuracy - fixedAccuracy), 9, MidpointRounding.ToEven);

    /// <summary>The sample counts at which drift is recorded: 0, then <c>round(k·lifetime/checkpoints)</c>, distinct and increasing.</summary>
    internal static int[] CheckpointSamples(int lifetime, int checkpoints)
    {
        var points = new SortedSet<int> { 0 };
        for (int k = 1; k <= checkpoints; k++)
        {
            points.Add((int)Math.Round((double)k * lifetime / checkpoints, MidpointRounding.AwayFromZero));
        }

        return [.. points];
    }

    private static List<TableQuantizationError> AnalyzeRom(RuleRom rom, PatternRule rule)
    {
        var tables = new List<TableQuantizationError>(rule.Tables.Length);
        for (int t = 0; t < rule.Tables.Length; t++)
        {
            tables.Add(Table(rule.Layout.Tables[t].Name, rule.Eta, rule.Tables[t], rom.Table(t), rom.EntryOf(t), rom.Stats(t)));
        }

        return tables;
    }

    private static TableQuantizationError Table(
        string name, double eta, ImmutableArray<double> table, ImmutableArray<long> raw, FixedType entry, RuleRomStats stats)
    {
        var targets = ImmutableArray.CreateBuilder<double>(table.Length);
        int frac = entry.Format.FracBits;
        double maxLsb = 0, signal = 0, noise = 0;
        for (int i = 0; i < table.Length; i++)
        {
            double target = eta * table[i];
            targets.Add(target);

            // In LSBs: raw − target·2^f (both exact in double for words up to 53 bits; one rounding in the difference).
            double errorLsb = raw[i] - Math.ScaleB(target, frac);
            double error = Fixed.FromRaw(raw[i], entry.Format).ToDouble() - target;
            maxLsb = Math.Max(maxLsb, Math.Abs(errorLsb));
            signal += target * target;
            noise += error * error;
        }

        double lsb = Math.ScaleB(1.0, -frac);
        double sqnr = noise == 0 ? double.PositiveInfinity : 10 * Math.Log10(signal / noise);
        return new TableQuantizationError(
            name,
            entry,
            targets.MoveToImmutable(),
            raw,
            maxLsb,
            maxLsb * lsb,
            table.Length == 0 ? 0 : Math.Sqrt(noise / table.Length),
            sqnr,
            stats.Saturated,
            stats.Zeroed);
    }

    /// <summary>Adds each element's error of the last forward pass: projection, hidden state, logits.</summary>
    private static void CompareActivations(FixedPatternNetwork fixedNet, ReferencePatternNetwork floatNet, ErrorAccumulator[] layers)
    {
        var activation = fixedNet.Precision.Activation.Format;
        var projection = fixedNet.ProjectionRaw;
        var hidden = fixedNet.HiddenRaw;
        for (int i = 0; i < projection.Length; i++)
        {
            layers[0].Add(Fixed.FromRaw(projection[i], activation).ToDouble() - floatNet.Projection[i]);
            layers[1].Add(Fixed.FromRaw(hidden[i], activation).ToDouble() - floatNet.HiddenState[i]);
        }

        // The logits are exact sums at fw + fa fractional bits, possibly wider than any QFormat.
        var logits = fixedNet.LogitsRaw;
        int logitFrac = fixedNet.LogitFracBits;
        for (int c = 0; c < logits.Length; c++)
        {
            layers[2].Add(Fixed.ToDouble(logits[c], logitFrac) - floatNet.Logits[c]);
        }
    }

    private static DriftCheckpoint Drift(int samples, FixedPatternNetwork fixedNet, ReferencePatternNetwork floatNet, PatternNetworkMasks masks)
    {
        var rule = fixedNet.Rule;
        QFormat Format(string synapses) => fixedNet.Precision.WeightOf(synapses).Format;
        return new DriftCheckpoint(
            samples,
            Matrix("input", rule.Input is not null, fixedNet.InputWeightsRaw, floatNet.InputWeights, masks.Input, Format(PatternLayouts.Input)),
            Matrix("recurrent", true, fixedNet.RecurrentWeightsRaw, floatNet.RecurrentWeights, masks.Recurrent, Format(PatternLayouts.Recurrent)),
            Matrix("output", rule.Output is not null, fixedNet.OutputWeightsRaw, floatNet.OutputWeights, null, Format(PatternLayouts.Output)));
    }

    private static WeightDrift Matrix(string name, bool plastic, ReadOnlySpan<long> raw, ReadOnlySpan<double> reference, bool[]? mask, QFormat format)
    {
        var drift = new ErrorAccumulator();
        double floatSquares = 0;
        for (int i = 0; i < raw.Length; i++)
        {
            if (mask is null || mask[i])
            {
                drift.Add(Fixed.FromRaw(raw[i], format).ToDouble() - reference[i]);
                floatSquares += reference[i] * reference[i];
            }
        }

        return new WeightDrift(
            name,
            plastic,
            (int)drift.Count,
            drift.MaxAbs,
            drift.Rms,
            drift.Count == 0 ? 0 : Math.Sqrt(floatSquares / drift.Count));
    }
}
