using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Neuro.Rules.Patterns;

namespace Neuro.FixedPointSim.Patterns;

/// <summary>
/// The engine for formats whose raws fit <see cref="int"/> lanes: weights of at most 31 bits, activations of at most 32,
/// inputs that fit an <see cref="int"/>, and every exact sum within 64 bits (<see cref="PrecisionConfig.AccumulatorBits"/>
/// ≤ 64). Products are exact 64-bit (<c>vpmuldq</c>: signed 32 × 32 → 64), summed in <see cref="long"/> lanes.
/// </summary>
/// <remarks>
/// <para>Layout: every matrix is dense, rows padded to <c>S</c> (Hidden rounded up to 8) lanes, entries off the mask held
/// at 0, so the sums run branch-free over whole rows. The input weights are stored transposed (one row of S per input),
/// so the projection adds <c>x_j · Win[:, j]</c> for the nonzero inputs only, and the input update adds one vector of
/// per-neuron ROM words to each row. The recurrent weights are stored with row = post (rows padded to a multiple of 4
/// with zero rows): the forward pass takes four rows' dot products with the operand <c>z</c> at a time, and the hidden
/// update adds to row <c>post</c> the vector <c>rom[pattern[pre]·P + pattern[post]]</c> over pre, one delta row per post
/// pattern (all P of them by permutes when P ≤ 16, else each on first use). The masks are bits (8 lanes a byte),
/// expanded in registers, so an update changes only edges.</para>
/// <para>Sums are exact in any order, so they equal the reference's; each is narrowed once per neuron by
/// <see cref="RawNarrowing"/> (four neurons a vector). Additive updates apply the weight's overflow mode with
/// <see cref="Int32LaneOverflow"/>; multiplicative ones go edge by edge through <see cref="WeightUpdate"/>. The data
/// decide no branches where they would be unpredictable (signs, ReLU, cap ranks), which matters more than instruction
/// counts for small layers.</para>
/// </remarks>
internal sealed class LanePatternEngine : PatternEngine
{
    private const int Lanes = 8;

    private readonly int stride;
    private readonly bool vectorize;
    private readonly int[] inputWeights;
    private readonly int[] recurrentWeights;
    private readonly int[] outputWeights;
    private readonly int[] startInput;
    private readonly int[] startRecurrent;
    private readonly int[] startOutput;
    private readonly byte[] inputMask;
    private readonly byte[] recurrentMask;
    private readonly int[] input;
    private readonly long[] accumulators;
    private readonly int[] projection;
    private readonly int[] hidden;
    private readonly int[] operand;
    private readonly int[] scratch;
    private readonly int[] selection;
    private readonly int[] patterns;
    private readonly int[] outputPreTerms;
    private readonly Int128[] logits;
    private readonly int[] hiddenDeltas;
    private readonly long[] deltaBuilt;
    private readonly int[] inputDelta;
    private readonly int[][] roleDeltas;
    private readonly long[] inputWeightsView;
    private readonly long[] recurrentWeightsView;
    private readonly long[] outputWeightsView;
    private readonly long[] projectionView;
    private readonly long[] hiddenView;
    private readonly RawNarrowing projectionNarrowing;
    private readonly RawNarrowing recurrentNarrowing;
    private readonly RawNarrowing operandNarrowing;
    private readonly int operandLimit;
    private readonly int[] hiddenRomColumns;
    private readonly Int32LaneOverflow[] weightOverflows;
    private int columnsSample = -1;
    private long updateCount;

    /// <summary>Lays out the matrices and resets; <c>vectorize</c> uses AVX2 where the CPU has it (false: the portable scalar loops, for tests).</summary>
    public LanePatternEngine(PatternNetworkSpec spec, PatternNetworkMasks masks, PatternRule rule, PrecisionConfig precision, RuleRom rom, bool vectorize)
        : base(spec, masks, rule, precision, rom)
    {
        int n = spec.Inputs, v = spec.Hidden, m = spec.Classes;
        stride = (v + Lanes - 1) / Lanes * Lanes;
        this.vectorize = vectorize && Avx2.IsSupported;
        inputWeights = new int[n * stride];
        // Rows padded to a multiple of 4 (zero rows, sums of 0) so the forward pass takes four rows at a time.
        recurrentWeights = new int[RowGroup(v) * stride];
        outputWeights = new int[m * stride];
        startInput = new int[n * stride];
        startRecurrent = new int[RowGroup(v) * stride];
        startOutput = new int[m * stride];
        inputMask = new byte[n * stride / Lanes];
        recurrentMask = new byte[v * stride / Lanes];
        for (int i = 0; i < v; i++)
        {
            for (int j = 0; j < n; j++)
            {
                if (masks.Input[(i * n) + j])
                {
                    startInput[(j * stride) + i] = (int)StartInputWeights[(i * n) + j];
                    inputMask[((j * stride) + i) / Lanes] |= (byte)(1 << (i % Lanes));
                }
            }

            for (int pre = 0; pre < v; pre++)
            {
                if (masks.Recurrent[(i * v) + pre])
                {
                    startRecurrent[(i * stride) + pre] = (int)StartRecurrentWeights[(i * v) + pre];
                    recurrentMask[((i * stride) + pre) / Lanes] |= (byte)(1 << (pre % Lanes));
                }
            }

            for (int c = 0; c < m; c++)
            {
                startOutput[(c * stride) + i] = (int)StartOutputWeights[(c * v) + i];
            }
        }

        input = new int[n];
        accumulators = new long[stride];
        projection = new int[stride];
        hidden = new int[stride];
        operand = new int[stride];
        scratch = new int[stride];
        selection = new int[v];
        patterns = new int[stride];
        outputPreTerms = new int[stride];
        logits = new Int128[m];
        int postValues = Plan.Recurrent?.PostValues ?? 1;
        hiddenDeltas = new int[postValues * stride];
        deltaBuilt = new long[postValues];
        inputDelta = new int[stride];
        roleDeltas = [new int[stride], new int[stride], new int[stride]];
        inputWeightsView = new long[v * n];
        recurrentWeightsView = new long[v * v];
        outputWeightsView = new long[m * v];
        projectionView = new long[v];
        hiddenView = new long[v];
        var activation = precision.Activation;
        projectionNarrowing = new RawNarrowing(InputWeightFracBits + precision.Input.Format.FracBits, activation.Format, activation.Rounding, activation.Overflow);
        recurrentNarrowing = new RawNarrowing(RecurrentWeightFracBits + activation.Format.FracBits, activation.Format, activation.Rounding, activation.Overflow);
        operandNarrowing = new RawNarrowing(activation.Format.FracBits, activation.Format, activation.Rounding, activation.Overflow);
        // h + u of two activations fits an int below 32 bits; inside ±MaxRaw no overflow mode changes it.
        operandLimit = activation.Format.Width <= 31 ? (int)activation.Format.MaxRaw : -1;
        hiddenRomColumns = Plan.Recurrent is { PreValues: <= 2 * Lanes } r ? new int[r.PostValues * 2 * Lanes] : [];
        weightOverflows = [.. rule.Layout.Tables.Select(t => precision.WeightOf(t.Synapses)).Select(w => new Int32LaneOverflow(w.Format, w.Overflow))];
        Reset();
    }

    /// <inheritdoc/>
    public override FastFixedEngine Kind => FastFixedEngine.Int32Lanes;

    /// <inheritdoc/>
    public override ReadOnlySpan<long> InputWeightsRaw
    {
        get
        {
            int n = Spec.Inputs, v = Spec.Hidden;
            for (int i = 0; i < v; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    int full = (i * n) + j;
                    inputWeightsView[full] = Masks.Input[full] ? inputWeights[(j * stride) + i] : StartInputWeights[full];
                }
            }

            return inputWeightsView;
        }
    }

    /// <inheritdoc/>
    public override ReadOnlySpan<long> RecurrentWeightsRaw
    {
        get
        {
            int v = Spec.Hidden;
            for (int post = 0; post < v; post++)
            {
                for (int pre = 0; pre < v; pre++)
                {
                    int full = (post * v) + pre;
                    recurrentWeightsView[full] = Masks.Recurrent[full] ? recurrentWeights[(post * stride) + pre] : StartRecurrentWeights[full];
                }
            }

            return recurrentWeightsView;
        }
    }

    /// <inheritdoc/>
    public override ReadOnlySpan<long> OutputWeightsRaw
    {
        get
        {
            int v = Spec.Hidden;
            for (int c = 0; c < Spec.Classes; c++)
            {
                for (int i = 0; i < v; i++)
                {
                    outputWeightsView[(c * v) + i] = outputWeights[(c * stride) + i];
                }
            }

            return outputWeightsView;
        }
    }

    /// <inheritdoc/>
    public override ReadOnlySpan<long> ProjectionRaw => Widen(projection, projectionView);

    /// <inheritdoc/>
    public override ReadOnlySpan<long> HiddenRaw => Widen(hidden, hiddenView);

    /// <inheritdoc/>
    public override ReadOnlySpan<int> Patterns => patterns.AsSpan(0, Spec.Hidden);

    /// <inheritdoc/>
    public override ReadOnlySpan<Int128> LogitsRaw => logits;

    /// <inheritdoc/>
    public override void Reset()
    {
        startInput.CopyTo(inputWeights, 0);
        startRecurrent.CopyTo(recurrentWeights, 0);
        startOutput.CopyTo(outputWeights, 0);
    }

    /// <inheritdoc/>
    public override int Forward(ReadOnlySpan<long> x)
    {
        int n = Spec.Inputs, v = Spec.Hidden;

        // u = Win x: add x_j · column j for the nonzero inputs.
        Array.Clear(accumulators);
        for (int j = 0; j < n; j++)
        {
            input[j] = (int)x[j];
            if (input[j] != 0)
            {
                MultiplyAdd(inputWeights.AsSpan(j * stride, stride), input[j], accumulators);
            }
        }

        NarrowProjection();

        Cap();
        for (int i = 0; i < v; i++)
        {
            patterns[i] = hidden[i] > 0 ? 1 : 0;
        }

        for (int round = 1; round <= Rule.Rounds; round++)
        {
            Operand();
            Recurrent();

            scratch.AsSpan(0, v).CopyTo(hidden);
            Cap();
            for (int i = 0; i < v; i++)
            {
                patterns[i] = PatternRule.NextHistory(patterns[i], hidden[i] > 0);
            }
        }

        int best = 0;
        for (int c = 0; c < Spec.Classes; c++)
        {
            logits[c] = Dot(outputWeights.AsSpan(c * stride, stride), hidden);
            if (logits[c] > logits[best])
            {
                best = c;
            }
        }

        return best;
    }

    /// <inheritdoc/>
    public override void Update(int label, int prediction, long samplesSeen)
    {
        var margin = Margin(label);
        if (Plan.Recurrent is { } rec)
        {
            UpdateRecurrent(rec, SampleTerm(rec, margin, samplesSeen));
        }

        if (Plan.Input is { } inp)
        {
            UpdateInput(inp, SampleTerm(inp, margin, samplesSeen));
        }

        if (Plan.Output is { } outp)
        {
            UpdateOutput(outp, label, prediction, SampleTerm(outp, margin, samplesSeen));
        }
    }

    /// <summary>
    /// Row post gains <c>rom[pre term | post term | sample]</c> over pre: one delta row per post value q, built for every q up
    /// front (no data-dependent branch) when they come from permutes, on first use otherwise. A table that reads the weight
    /// goes edge by edge instead.
    /// </summary>
    private void UpdateRecurrent(PatternTablePlan rec, int sample)
    {
        int v = Spec.Hidden;
        if (StochasticBits > 0 && ZeroTables[rec.Index])
        {
            return; // zero words change no weight and draw nothing: skip the walk (a rule without recurrent learning)
        }

        if (rec.UsesWeight || StochasticBits > 0)
        {
            var rom = Rom.Span(rec.Index);
            var update = Updates[rec.Index];
            int stochastic = StochasticBits;
            for (int post = 0; post < v; post++)
            {
                ref uint state = ref RandomStateRef(post);
                int postTerm = rec.PostTerm(patterns[post]) | sample;
                var row = recurrentWeights.AsSpan(post * stride, stride);
                var mask = recurrentMask.AsSpan(post * stride / Lanes, stride / Lanes);
                for (int b = 0; b < mask.Length; b++)
                {
                    for (int bits = mask[b]; bits != 0; bits &= bits - 1)
                    {
                        int pre = (b * Lanes) + System.Numerics.BitOperations.TrailingZeroCount(bits);
                        long word = rom[rec.PreTerm(patterns[pre]) | postTerm | rec.WeightTerm(row[pre], RecurrentWeightFracBits)];
                        row[pre] = (int)(stochastic > 0 ? update.ApplyStochastic(row[pre], word, stochastic, ref state) : update.Apply(row[pre], word));
                    }
                }
            }

            return;
        }

        bool permute = vectorize && hiddenRomColumns.Length > 0;
        if (permute && columnsSample != sample)
        {
            BuildColumns(rec, sample);
        }

        int postValues = rec.PostValues;
        bool allRows = permute && postValues <= 2 * Lanes;
        long stamp = ++updateCount;
        if (allRows)
        {
            for (int q = 0; q < postValues; q++)
            {
                BuildDelta(rec, q, sample, hiddenDeltas.AsSpan(q * stride, stride));
            }
        }

        for (int post = 0; post < v; post++)
        {
            int q = rec.PostKey(patterns[post]);
            var delta = hiddenDeltas.AsSpan(q * stride, stride);
            if (!allRows && deltaBuilt[q] != stamp)
            {
                BuildDelta(rec, q, sample, delta);
                deltaBuilt[q] = stamp;
            }

            AddMasked(recurrentWeights.AsSpan(post * stride, stride), delta, recurrentMask.AsSpan(post * stride / Lanes, stride / Lanes), rec.Index);
        }
    }

    /// <summary>Input row j gains each neuron's word; a table that reads the weight goes edge by edge.</summary>
    private void UpdateInput(PatternTablePlan inp, int sample)
    {
        int n = Spec.Inputs, v = Spec.Hidden;
        var rom = Rom.Span(inp.Index);
        if (StochasticBits > 0)
        {
            if (!ZeroTables[inp.Index])
            {
                UpdateInputStochastic(inp, sample, rom);
            }

            return;
        }

        if (inp.UsesWeight)
        {
            var update = Updates[inp.Index];
            for (int j = 0; j < n; j++)
            {
                var row = inputWeights.AsSpan(j * stride, stride);
                var mask = inputMask.AsSpan(j * stride / Lanes, stride / Lanes);
                for (int b = 0; b < mask.Length; b++)
                {
                    for (int bits = mask[b]; bits != 0; bits &= bits - 1)
                    {
                        int i = (b * Lanes) + System.Numerics.BitOperations.TrailingZeroCount(bits);
                        row[i] = (int)update.Apply(row[i], rom[inp.PostTerm(patterns[i]) | sample | inp.WeightTerm(row[i], InputWeightFracBits)]);
                    }
                }
            }

            return;
        }

        for (int i = 0; i < v; i++)
        {
            inputDelta[i] = (int)rom[inp.PostTerm(patterns[i]) | sample];
        }

        for (int j = 0; j < n; j++)
        {
            AddMasked(inputWeights.AsSpan(j * stride, stride), inputDelta, inputMask.AsSpan(j * stride / Lanes, stride / Lanes), inp.Index);
        }
    }

    /// <summary>
    /// The input update with stochastic rounding: edge by edge in the golden walk order (neuron, then input), which in
    /// this transposed layout is a column walk, so the generator advances exactly as in <see cref="FixedPatternNetwork"/>.
    /// </summary>
    private void UpdateInputStochastic(PatternTablePlan inp, int sample, ReadOnlySpan<long> rom)
    {
        int n = Spec.Inputs, v = Spec.Hidden, bits = StochasticBits;
        var update = Updates[inp.Index];
        for (int i = 0; i < v; i++)
        {
            ref uint state = ref RandomStateRef(i);
            int postTerm = inp.PostTerm(patterns[i]) | sample;
            int maskByte = i / Lanes, maskBit = 1 << (i % Lanes);
            for (int j = 0; j < n; j++)
            {
                if ((inputMask[(j * stride / Lanes) + maskByte] & maskBit) != 0)
                {
                    ref int w = ref inputWeights[(j * stride) + i];
                    w = (int)update.ApplyStochastic(w, rom[postTerm | inp.WeightTerm(w, InputWeightFracBits)], bits, ref state);
                }
            }
        }
    }

    /// <summary>Each updated output row gains the words of its role; a table that reads the weight goes weight by weight.</summary>
    private void UpdateOutput(PatternTablePlan outp, int label, int prediction, int sample)
    {
        int v = Spec.Hidden;
        var rom = Rom.Span(outp.Index);
        var update = Updates[outp.Index];
        Span<bool> built = stackalloc bool[roleDeltas.Length];
        var preTerms = outputPreTerms.AsSpan(0, v);
        outp.PreTerms<int>(patterns, hidden, preTerms);
        for (int c = 0; c < Spec.Classes; c++)
        {
            int role = Plan.OutputRole(c, label, prediction);
            if (role < 0)
            {
                continue;
            }

            int rowTerm = outp.RoleTerm(role) | sample;
            var row = outputWeights.AsSpan(c * stride, stride);
            if (outp.UsesWeight || StochasticBits > 0)
            {
                int bits = StochasticBits;
                for (int i = 0; i < v; i++)
                {
                    ref uint state = ref RandomStateRef(i);
                    long word = rom[preTerms[i] | rowTerm | outp.WeightTerm(row[i], OutputWeightFracBits)];
                    row[i] = (int)(bits > 0 ? update.ApplyStochastic(row[i], word, bits, ref state) : update.Apply(row[i], word));
                }

                continue;
            }

            var delta = roleDeltas[role];
            if (!built[role])
            {
                for (int i = 0; i < v; i++)
                {
                    delta[i] = (int)rom[preTerms[i] | rowTerm];
                }

                built[role] = true;
            }

            AddAll(row, delta, outp.Index);
        }
    }

    /// <summary>The recurrent ROM by post value q for this update's sample term: 16 words per q, <c>[q·16 + v] = rom[pre term(v) | post term(q) | sample]</c>.</summary>
    private void BuildColumns(PatternTablePlan rec, int sample)
    {
        var rom = Rom.Span(rec.Index);
        int preValues = rec.PreValues;
        for (int q = 0; q < rec.PostValues; q++)
        {
            int key = rec.PostTerm(q) | sample;
            for (int value = 0; value < 2 * Lanes; value++)
            {
                hiddenRomColumns[(q * 2 * Lanes) + value] = value < preValues ? (int)rom[rec.PreTerm(value) | key] : preValues == 1 ? (int)rom[key] : 0;
            }
        }

        columnsSample = sample;
    }

    private static ReadOnlySpan<long> Widen(int[] values, long[] view)
    {
        for (int i = 0; i < view.Length; i++)
        {
            view[i] = values[i];
        }

        return view;
    }

    /// <summary>Rows rounded up to a multiple of 4.</summary>
    private static int RowGroup(int rows) => (rows + 3) / 4 * 4;

    /// <summary><c>u = narrow(accumulators)</c>, <c>h = max(0, u)</c>; four neurons a vector where vectorized (padding lanes hold 0).</summary>
    private void NarrowProjection()
    {
        int v = Spec.Hidden;
        if (vectorize)
        {
            ref long acc = ref MemoryMarshal.GetArrayDataReference(accumulators);
            ref int u = ref MemoryMarshal.GetArrayDataReference(projection);
            ref int h = ref MemoryMarshal.GetArrayDataReference(hidden);
            for (nuint i = 0; i < (nuint)v; i += 4)
            {
                var narrowed = ToInt32(projectionNarrowing.Apply(Vector256.LoadUnsafe(ref acc, i)));
                narrowed.StoreUnsafe(ref u, i);
                Vector128.Max(narrowed, Vector128<int>.Zero).StoreUnsafe(ref h, i);
            }

            return;
        }

        for (int i = 0; i < v; i++)
        {
            int narrowed = (int)projectionNarrowing.Apply(accumulators[i]);
            projection[i] = narrowed;
            hidden[i] = Math.Max(0, narrowed);
        }
    }

    /// <summary><c>scratch = max(0, narrow(Wg z))</c>: four rows at a time where vectorized, sharing the operand's loads and one horizontal sum.</summary>
    private void Recurrent()
    {
        int v = Spec.Hidden;
        if (vectorize)
        {
            ref int z = ref MemoryMarshal.GetArrayDataReference(operand);
            ref int s = ref MemoryMarshal.GetArrayDataReference(scratch);
            for (int post = 0; post < v; post += 4)
            {
                var narrowed = ToInt32(recurrentNarrowing.Apply(Dot4(post, ref z)));
                Vector128.Max(narrowed, Vector128<int>.Zero).StoreUnsafe(ref s, (nuint)post);
            }

            return;
        }

        for (int post = 0; post < v; post++)
        {
            scratch[post] = Math.Max(0, (int)recurrentNarrowing.Apply(Dot(recurrentWeights.AsSpan(post * stride, stride), operand)));
        }
    }

    /// <summary>The exact sums of recurrent rows <c>first..first+3</c> with <paramref name="z"/>, as <c>[s0, s1, s2, s3]</c>.</summary>
    private Vector256<long> Dot4(int first, ref int z)
    {
        ref int w0 = ref recurrentWeights[first * stride];
        ref int w1 = ref Unsafe.Add(ref w0, stride);
        ref int w2 = ref Unsafe.Add(ref w1, stride);
        ref int w3 = ref Unsafe.Add(ref w2, stride);
        Vector256<long> a0 = default, a1 = default, a2 = default, a3 = default;
        for (nuint i = 0; i < (nuint)stride; i += Lanes)
        {
            var even = Vector256.LoadUnsafe(ref z, i);
            var odd = Avx2.ShiftRightLogical(even.AsInt64(), 32).AsInt32();
            a0 += MultiplyPairs(Vector256.LoadUnsafe(ref w0, i), even, odd);
            a1 += MultiplyPairs(Vector256.LoadUnsafe(ref w1, i), even, odd);
            a2 += MultiplyPairs(Vector256.LoadUnsafe(ref w2, i), even, odd);
            a3 += MultiplyPairs(Vector256.LoadUnsafe(ref w3, i), even, odd);
        }

        // [a0_0+a0_1, a1_0+a1_1, a0_2+a0_3, a1_2+a1_3] and the same for rows 2, 3; then the 128-bit halves add up.
        var t01 = Avx2.UnpackLow(a0, a1) + Avx2.UnpackHigh(a0, a1);
        var t23 = Avx2.UnpackLow(a2, a3) + Avx2.UnpackHigh(a2, a3);
        return Avx2.Permute2x128(t01, t23, 0x20) + Avx2.Permute2x128(t01, t23, 0x31);
    }

    /// <summary>The exact products of 8 int lanes, summed in pairs into 4 long lanes: <c>w[2j]·z[2j] + w[2j+1]·z[2j+1]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<long> MultiplyPairs(Vector256<int> w, Vector256<int> even, Vector256<int> odd) =>
        Avx2.Multiply(w, even) + Avx2.Multiply(Avx2.ShiftRightLogical(w.AsInt64(), 32).AsInt32(), odd);

    /// <summary>Four long lanes that fit <see cref="int"/> (narrowed activations), as four int lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> ToInt32(Vector256<long> values) =>
        Avx2.PermuteVar8x32(values.AsInt32(), Vector256.Create(0, 2, 4, 6, 0, 2, 4, 6)).GetLower();

    /// <summary><c>accumulators += x · column</c>, exact 64-bit products; the lengths are a multiple of 8.</summary>
    private void MultiplyAdd(ReadOnlySpan<int> column, int x, Span<long> accumulators)
    {
        if (vectorize)
        {
            ref int w = ref MemoryMarshal.GetReference(column);
            ref long acc = ref MemoryMarshal.GetReference(accumulators);
            var broadcast = Vector256.Create((long)x).AsInt32();
            for (nuint i = 0; i < (nuint)column.Length; i += 4)
            {
                var wide = Avx2.ConvertToVector256Int64(Vector128.LoadUnsafe(ref w, i));
                (Vector256.LoadUnsafe(ref acc, i) + Avx2.Multiply(wide.AsInt32(), broadcast)).StoreUnsafe(ref acc, i);
            }

            return;
        }

        for (int i = 0; i < column.Length; i++)
        {
            accumulators[i] += (long)column[i] * x;
        }
    }

    /// <summary><c>Σ a[i]·b[i]</c>, exact (the caller proved it fits 64 bits); the lengths are a multiple of 8.</summary>
    private long Dot(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        if (vectorize)
        {
            ref int ra = ref MemoryMarshal.GetReference(a);
            ref int rb = ref MemoryMarshal.GetReference(b);
            var even = Vector256<long>.Zero;
            var odd = Vector256<long>.Zero;
            for (nuint i = 0; i < (nuint)a.Length; i += Lanes)
            {
                var va = Vector256.LoadUnsafe(ref ra, i);
                var vb = Vector256.LoadUnsafe(ref rb, i);
                even += Avx2.Multiply(va, vb);
                odd += Avx2.Multiply(Avx2.ShiftRightLogical(va.AsInt64(), 32).AsInt32(), Avx2.ShiftRightLogical(vb.AsInt64(), 32).AsInt32());
            }

            return Vector256.Sum(even + odd);
        }

        long sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += (long)a[i] * b[i];
        }

        return sum;
    }

    /// <summary>Updates the weights whose mask bit is set by the matching delta; the others (zeros) stay.</summary>
    private void AddMasked(Span<int> weights, ReadOnlySpan<int> delta, ReadOnlySpan<byte> mask, int table)
    {
        if (Updates[table] is { Multiplicative: true } update)
        {
            for (int b = 0; b < mask.Length; b++)
            {
                for (int bits = mask[b]; bits != 0; bits &= bits - 1)
                {
                    int i = (b * Lanes) + System.Numerics.BitOperations.TrailingZeroCount(bits);
                    weights[i] = (int)update.Apply(weights[i], delta[i]);
                }
            }

            return;
        }

        if (vectorize)
        {
            ref int w = ref MemoryMarshal.GetReference(weights);
            ref int d = ref MemoryMarshal.GetReference(delta);
            var bitValues = Vector256.Create(1, 2, 4, 8, 16, 32, 64, 128);
            for (int b = 0; b < mask.Length; b++)
            {
                nuint i = (nuint)(b * Lanes);
                var select = Vector256.Equals(Vector256.Create((int)mask[b]) & bitValues, bitValues);
                var sum = Vector256.LoadUnsafe(ref w, i) + (Vector256.LoadUnsafe(ref d, i) & select);
                weightOverflows[table].Apply(sum).StoreUnsafe(ref w, i);
            }

            return;
        }

        for (int b = 0; b < mask.Length; b++)
        {
            for (int bits = mask[b]; bits != 0; bits &= bits - 1)
            {
                int i = (b * Lanes) + System.Numerics.BitOperations.TrailingZeroCount(bits);
                weights[i] = weightOverflows[table].Apply(weights[i] + delta[i]);
            }
        }
    }

    /// <summary>Updates every weight of a row by the matching delta (the padding lanes, 0 + 0, stay 0).</summary>
    private void AddAll(Span<int> weights, ReadOnlySpan<int> delta, int table)
    {
        if (Updates[table] is { Multiplicative: true } update)
        {
            for (int i = 0; i < Spec.Hidden; i++)
            {
                weights[i] = (int)update.Apply(weights[i], delta[i]);
            }

            return;
        }

        if (vectorize)
        {
            ref int w = ref MemoryMarshal.GetReference(weights);
            ref int d = ref MemoryMarshal.GetReference(delta);
            for (nuint i = 0; i < (nuint)weights.Length; i += Lanes)
            {
                weightOverflows[table].Apply(Vector256.LoadUnsafe(ref w, i) + Vector256.LoadUnsafe(ref d, i)).StoreUnsafe(ref w, i);
            }

            return;
        }

        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = weightOverflows[table].Apply(weights[i] + delta[i]);
        }
    }

    /// <summary>
    /// <c>delta[pre] = rom[pre term(pattern[pre]) | post term(q) | sample]</c> for every neuron. With at most 16 pre values,
    /// the ROM column of q sits in two vectors (<see cref="BuildColumns"/>) and each lane picks its word by permuting them
    /// (padding lanes, pattern 0, are masked out later).
    /// </summary>
    private void BuildDelta(PatternTablePlan rec, int q, int sample, Span<int> delta)
    {
        if (vectorize && hiddenRomColumns.Length > 0)
        {
            ref int column = ref MemoryMarshal.GetArrayDataReference(hiddenRomColumns);
            var low = Vector256.LoadUnsafe(ref column, (nuint)(q * 2 * Lanes));
            var high = Vector256.LoadUnsafe(ref column, (nuint)((q * 2 * Lanes) + Lanes));
            var eight = Vector256.Create(Lanes);
            ref int pat = ref MemoryMarshal.GetArrayDataReference(patterns);
            ref int d = ref MemoryMarshal.GetReference(delta);
            for (nuint i = 0; i < (nuint)delta.Length; i += Lanes)
            {
                var index = Vector256.LoadUnsafe(ref pat, i);
                var fromHigh = Vector256.Equals(index & eight, eight);
                Vector256.ConditionalSelect(fromHigh, Avx2.PermuteVar8x32(high, index), Avx2.PermuteVar8x32(low, index)).StoreUnsafe(ref d, i);
            }

            return;
        }

        var rom = Rom.Span(rec.Index);
        int key = rec.PostTerm(q) | sample;
        for (int pre = 0; pre < Spec.Hidden; pre++)
        {
            delta[pre] = (int)rom[rec.PreTerm(patterns[pre]) | key];
        }
    }

    /// <summary><c>z = h + u</c>, narrowed into the activation type: vectors stay as they are while every lane is inside <c>±MaxRaw</c>.</summary>
    private void Operand()
    {
        int v = Spec.Hidden;
        int start = 0;
        if (vectorize && operandLimit >= 0)
        {
            ref int h = ref MemoryMarshal.GetArrayDataReference(hidden);
            ref int u = ref MemoryMarshal.GetArrayDataReference(projection);
            ref int z = ref MemoryMarshal.GetArrayDataReference(operand);
            var limit = Vector256.Create(operandLimit);
            for (; start + Lanes <= v; start += Lanes)
            {
                var sum = Vector256.LoadUnsafe(ref h, (nuint)start) + Vector256.LoadUnsafe(ref u, (nuint)start);
                if (!Vector256.LessThanOrEqualAll(Vector256.Abs(sum), limit))
                {
                    break;
                }

                sum.StoreUnsafe(ref z, (nuint)start);
            }
        }

        for (int j = start; j < v; j++)
        {
            operand[j] = (int)operandNarrowing.Apply((long)hidden[j] + projection[j]);
        }
    }

    /// <summary><c>cap_k</c> on the hidden state: ranks in vectors for small layers, selection otherwise.</summary>
    private void Cap()
    {
        if (vectorize && stride <= CapSelection.MaxRankedLanes)
        {
            CapSelection.ApplyRanked(hidden, Spec.Cap);
        }
        else
        {
            CapK.Apply<int>(hidden.AsSpan(0, Spec.Hidden), Spec.Cap, selection);
        }
    }
}
