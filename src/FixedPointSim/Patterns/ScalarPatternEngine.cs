using Neuro.Rules.Patterns;

namespace Neuro.FixedPointSim.Patterns;

/// <summary>
/// The engine for formats too wide for <see cref="LanePatternEngine"/>: raw <see cref="long"/> values in the reference's
/// layout, the masks compressed to per-row edge lists (CSR), and exact sums in <see cref="long"/> when
/// <see cref="PrecisionConfig.AccumulatorBits"/> proves every sum fits 64 bits, in <see cref="Int128"/> otherwise.
/// </summary>
internal sealed class ScalarPatternEngine : PatternEngine
{
    private readonly long[] inputWeights;
    private readonly long[] recurrentWeights;
    private readonly long[] outputWeights;
    private readonly int[] inputRowStart;
    private readonly int[] inputColumns;
    private readonly int[] recurrentRowStart;
    private readonly int[] recurrentColumns;
    private readonly long[] input;
    private readonly long[] projection;
    private readonly long[] operand;
    private readonly long[] hidden;
    private readonly int[] preTerms;
    private readonly long[] scratch;
    private readonly long[] selection;
    private readonly Int128[] logits;
    private readonly int[] patterns;
    private readonly bool longSums;
    private readonly bool longOperand;
    private readonly RawNarrowing projectionNarrowing;
    private readonly RawNarrowing recurrentNarrowing;
    private readonly RawNarrowing operandNarrowing;

    /// <summary>Builds the edge lists and resets.</summary>
    public ScalarPatternEngine(PatternNetworkSpec spec, PatternNetworkMasks masks, PatternRule rule, PrecisionConfig precision, RuleRom rom, int accumulatorBits)
        : base(spec, masks, rule, precision, rom)
    {
        int n = spec.Inputs, v = spec.Hidden, m = spec.Classes;
        (inputRowStart, inputColumns) = Compress(masks.Input, v, n);
        (recurrentRowStart, recurrentColumns) = Compress(masks.Recurrent, v, v);
        inputWeights = new long[v * n];
        recurrentWeights = new long[v * v];
        outputWeights = new long[m * v];
        input = new long[n];
        projection = new long[v];
        operand = new long[v];
        hidden = new long[v];
        preTerms = new int[v];
        scratch = new long[v];
        selection = new long[v];
        logits = new Int128[m];
        patterns = new int[v];
        longSums = accumulatorBits <= 64;
        longOperand = precision.Activation.Format.Width <= 62;
        var activation = precision.Activation;
        projectionNarrowing = new RawNarrowing(InputWeightFracBits + precision.Input.Format.FracBits, activation.Format, activation.Rounding, activation.Overflow);
        recurrentNarrowing = new RawNarrowing(RecurrentWeightFracBits + activation.Format.FracBits, activation.Format, activation.Rounding, activation.Overflow);
        operandNarrowing = new RawNarrowing(activation.Format.FracBits, activation.Format, activation.Rounding, activation.Overflow);
        Reset();
    }

    /// <inheritdoc/>
    public override FastFixedEngine Kind => longSums ? FastFixedEngine.Int64 : FastFixedEngine.Int128;

    /// <inheritdoc/>
    public override ReadOnlySpan<long> InputWeightsRaw => inputWeights;

    /// <inheritdoc/>
    public override ReadOnlySpan<long> RecurrentWeightsRaw => recurrentWeights;

    /// <inheritdoc/>
    public override ReadOnlySpan<long> OutputWeightsRaw => outputWeights;

    /// <inheritdoc/>
    public override ReadOnlySpan<long> ProjectionRaw => projection;

    /// <inheritdoc/>
    public override ReadOnlySpan<long> HiddenRaw => hidden;

    /// <inheritdoc/>
    public override ReadOnlySpan<int> Patterns => patterns;

    /// <inheritdoc/>
    public override ReadOnlySpan<Int128> LogitsRaw => logits;

    /// <inheritdoc/>
    public override void Reset()
    {
        StartInputWeights.CopyTo(inputWeights, 0);
        StartRecurrentWeights.CopyTo(recurrentWeights, 0);
        StartOutputWeights.CopyTo(outputWeights, 0);
    }

    /// <inheritdoc/>
    public override int Forward(ReadOnlySpan<long> x)
    {
        int n = Spec.Inputs, v = Spec.Hidden;
        var activation = Precision.Activation;
        x.CopyTo(input);

        for (int i = 0; i < v; i++)
        {
            projection[i] = Narrow(inputWeights.AsSpan(i * n, n), inputColumns.AsSpan(inputRowStart[i]..inputRowStart[i + 1]), input, projectionNarrowing);
            hidden[i] = Math.Max(0, projection[i]);
        }

        CapK.Apply<long>(hidden, Spec.Cap, selection);
        for (int i = 0; i < v; i++)
        {
            patterns[i] = hidden[i] > 0 ? 1 : 0;
        }

        for (int round = 1; round <= Rule.Rounds; round++)
        {
            for (int j = 0; j < v; j++)
            {
                operand[j] = longOperand
                    ? operandNarrowing.Apply(hidden[j] + projection[j])
                    : (long)QuantizationCore.FromRaw((Int128)hidden[j] + projection[j], activation.Format.FracBits, activation.Format, activation.Rounding, activation.Overflow);
            }

            for (int post = 0; post < v; post++)
            {
                var row = recurrentWeights.AsSpan(post * v, v);
                var columns = recurrentColumns.AsSpan(recurrentRowStart[post]..recurrentRowStart[post + 1]);
                scratch[post] = Math.Max(0, Narrow(row, columns, operand, recurrentNarrowing));
            }

            scratch.CopyTo(hidden, 0);
            CapK.Apply<long>(hidden, Spec.Cap, selection);
            for (int i = 0; i < v; i++)
            {
                patterns[i] = PatternRule.NextHistory(patterns[i], hidden[i] > 0);
            }
        }

        int best = 0;
        for (int c = 0; c < Spec.Classes; c++)
        {
            var row = outputWeights.AsSpan(c * v, v);
            Int128 sum;
            if (longSums)
            {
                long s = 0;
                for (int i = 0; i < v; i++)
                {
                    s += row[i] * hidden[i];
                }

                sum = s;
            }
            else
            {
                sum = Int128.Zero;
                for (int i = 0; i < v; i++)
                {
                    sum += (Int128)row[i] * hidden[i];
                }
            }

            logits[c] = sum;
            if (sum > logits[best])
            {
                best = c;
            }
        }

        return best;
    }

    /// <inheritdoc/>
    public override void Update(int label, int prediction, long samplesSeen)
    {
        int v = Spec.Hidden, n = Spec.Inputs, bits = StochasticBits;
        var margin = Margin(label);
        if (Plan.Recurrent is { } rec)
        {
            var rom = Rom.Span(rec.Index);
            var update = Updates[rec.Index];
            int sample = SampleTerm(rec, margin, samplesSeen);
            for (int post = 0; post < v; post++)
            {
                int postTerm = rec.PostTerm(patterns[post]) | sample;
                var row = recurrentWeights.AsSpan(post * v, v);
                foreach (int pre in recurrentColumns.AsSpan(recurrentRowStart[post]..recurrentRowStart[post + 1]))
                {
                    long word = rom[rec.PreTerm(patterns[pre]) | postTerm | rec.WeightTerm(row[pre], RecurrentWeightFracBits)];
                    row[pre] = bits > 0 ? update.ApplyStochastic(row[pre], word, bits, ref RandomStateRef(post)) : update.Apply(row[pre], word);
                }
            }
        }

        if (Plan.Input is { } inp)
        {
            var rom = Rom.Span(inp.Index);
            var update = Updates[inp.Index];
            int sample = SampleTerm(inp, margin, samplesSeen);
            for (int post = 0; post < v; post++)
            {
                int postTerm = inp.PostTerm(patterns[post]) | sample;
                var row = inputWeights.AsSpan(post * n, n);
                foreach (int j in inputColumns.AsSpan(inputRowStart[post]..inputRowStart[post + 1]))
                {
                    long word = rom[postTerm | inp.WeightTerm(row[j], InputWeightFracBits)];
                    row[j] = bits > 0 ? update.ApplyStochastic(row[j], word, bits, ref RandomStateRef(post)) : update.Apply(row[j], word);
                }
            }
        }

        if (Plan.Output is { } outp)
        {
            var rom = Rom.Span(outp.Index);
            var update = Updates[outp.Index];
            int sample = SampleTerm(outp, margin, samplesSeen);
            outp.PreTerms(patterns, hidden, preTerms);
            for (int c = 0; c < Spec.Classes; c++)
            {
                int role = Plan.OutputRole(c, label, prediction);
                if (role < 0)
                {
                    continue;
                }

                int rowTerm = outp.RoleTerm(role) | sample;
                var row = outputWeights.AsSpan(c * v, v);
                for (int i = 0; i < v; i++)
                {
                    long word = rom[preTerms[i] | rowTerm | outp.WeightTerm(row[i], OutputWeightFracBits)];
                    row[i] = bits > 0 ? update.ApplyStochastic(row[i], word, bits, ref RandomStateRef(i)) : update.Apply(row[i], word);
                }
            }
        }
    }

    /// <summary>The column indices of the true entries of each row of a row-major mask, and where each row's list starts.</summary>
    private static (int[] RowStart, int[] Columns) Compress(bool[] mask, int rows, int columns)
    {
        var rowStart = new int[rows + 1];
        var list = new List<int>();
        for (int r = 0; r < rows; r++)
        {
            rowStart[r] = list.Count;
            for (int c = 0; c < columns; c++)
            {
                if (mask[(r * columns) + c])
                {
                    list.Add(c);
                }
            }
        }

        rowStart[rows] = list.Count;
        return (rowStart, [.. list]);
    }

    /// <summary><c>Σ row[j]·operand[j]</c> over the listed columns, exact, narrowed into the activation type.</summary>
    private long Narrow(ReadOnlySpan<long> row, ReadOnlySpan<int> columns, ReadOnlySpan<long> operands, RawNarrowing narrowing)
    {
        if (longSums)
        {
            long sum = 0;
            foreach (int j in columns)
            {
                sum += row[j] * operands[j];
            }

            return narrowing.Apply(sum);
        }

        var activation = Precision.Activation;
        int productFrac = narrowing.SourceFracBits;

        Int128 wide = Int128.Zero;
        foreach (int j in columns)
        {
            wide += (Int128)row[j] * operands[j];
        }

        return (long)QuantizationCore.FromRaw(wide, productFrac, activation.Format, activation.Rounding, activation.Overflow);
    }
}
