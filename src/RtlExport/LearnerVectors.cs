using Neuro.FixedPointSim;
using Neuro.FixedPointSim.Patterns;
using Neuro.Rules.Data;
using Neuro.Rules.Patterns;

namespace Neuro.RtlExport;

/// <summary>
/// The learner's images and golden vectors, written by the C# fixed-point model (<see cref="FixedPatternNetwork"/>):
/// the mask and fixed-weight ROMs in the lanes' layout, a lifetime of samples as input-stream beats with the expected
/// result and latency of each (a learning phase, then a frozen phase with <c>LEARN</c> off), the final plastic weights in
/// the register port's order, and the activation narrowing's unit vectors.
/// </summary>
internal sealed class LearnerVectors
{
    private LearnerVectors()
    {
    }

    /// <summary>Recurrent mask: word <c>r·HIDDEN + pre</c> holds bit <c>l</c> for neuron <c>r·LANES + l</c>.</summary>
    public List<string> RecurrentMask { get; } = [];

    /// <summary>Input mask (rules with an input table): word <c>r·INPUTS + j</c>.</summary>
    public List<string> InputMask { get; } = [];

    /// <summary>Fixed masked input weights (rules without an input table): word <c>r·INPUTS + j</c>, lane <c>l</c> in bits <c>l·W</c>.</summary>
    public List<string> InputWeights { get; } = [];

    /// <summary>Fixed output weights (rules without an output table): word <c>c·ROWS + r</c>.</summary>
    public List<string> OutputWeights { get; } = [];

    /// <summary>Per-neuron stochastic-rounding seeds (<see cref="HardwareDesign.PerNeuronStreams"/>): word <c>r</c> holds
    /// <see cref="XorShift32.NeuronSeed"/> of neuron <c>r·LANES + l</c> in bits <c>32·l</c>; empty otherwise.</summary>
    public List<string> Seeds { get; } = [];

    /// <summary>Input-stream beats: per sample the label, then the raw inputs.</summary>
    public List<string> Beats { get; } = [];

    /// <summary>Per sample the expected result beat <c>{updated, label, prediction}</c>.</summary>
    public List<string> Results { get; } = [];

    /// <summary>Per sample the expected clocks from its TLAST edge to the edge seeing the result valid.</summary>
    public List<string> Latencies { get; } = [];

    /// <summary>The final plastic weights per layer code, at index <c>local·LANES + lane</c>; with an output average, also
    /// its final readout (<see cref="HardwareDesign.ReadoutLayer"/>, from <see cref="FixedPatternNetwork.ReadoutWeightsRaw"/>).</summary>
    public Dictionary<int, List<string>> Weights { get; } = [];

    /// <summary>Narrowing unit vectors: <c>{instance (2 bits), input, expected}</c>.</summary>
    public List<string> Narrowing { get; } = [];

    /// <summary>Samples of the learning phase.</summary>
    public int Samples { get; private init; }

    /// <summary>Samples of the frozen phase.</summary>
    public int TestSamples { get; private init; }

    /// <summary>Samples of the learning phase that updated.</summary>
    public int UpdatingSamples { get; private set; }

    /// <summary>Synapse updates the model made (weights written back).</summary>
    public long ExpectedUpdates { get; private set; }

    /// <summary>The last sample's clocks from start to done (<c>LAST_CYCLES</c>).</summary>
    public long LastCycles { get; private set; }

    /// <summary>Clocks the lifetime's samples take in all (the testbench's timeout is sized from it).</summary>
    public long TotalLatency { get; private set; }

    /// <summary>Bits of a narrowing vector's input field.</summary>
    public int NarrowingInputWidth { get; private init; }

    public static LearnerVectors Build(HardwareDesign d, Dataset data, int samples, int testSamples, int seed)
    {
        var v = new LearnerVectors
        {
            Samples = samples,
            TestSamples = testSamples,
            NarrowingInputWidth = Math.Max(d.AccumulatorWidth, d.ActivationWidth + 1),
        };
        var network = new FixedPatternNetwork(d.Spec, d.Masks, d.Rule, d.Precision);
        v.BuildImages(d, network);
        v.BuildLifetime(d, network, data);
        v.BuildNarrowing(d, new Random(seed));
        return v;
    }

    /// <summary>Packs one value per lane into a word, lane 0 in the low bits.</summary>
    private static string Lanes(HardwareDesign d, int width, Func<int, long> value)
    {
        var word = new BitWord();
        for (int l = d.Lanes - 1; l >= 0; l--)
        {
            word.Add(value(l), width);
        }

        return word.Hex();
    }

    private void BuildImages(HardwareDesign d, FixedPatternNetwork network)
    {
        int v = d.Spec.Hidden, n = d.Spec.Inputs, lanes = d.Lanes, w = d.WeightWidth;
        for (int r = 0; r < d.Rows; r++)
        {
            for (int pre = 0; pre < v; pre++)
            {
                RecurrentMask.Add(Lanes(d, 1, l => d.Masks.Recurrent[(r * lanes + l) * v + pre] ? 1 : 0));
            }
        }

        var win = network.InputWeightsRaw.ToArray();
        for (int r = 0; r < d.Rows; r++)
        {
            for (int j = 0; j < n; j++)
            {
                if (d.HasInput)
                {
                    InputMask.Add(Lanes(d, 1, l => d.Masks.Input[(r * lanes + l) * n + j] ? 1 : 0));
                }
                else
                {
                    InputWeights.Add(Lanes(d, w, l => d.Masks.Input[(r * lanes + l) * n + j] ? win[(r * lanes + l) * n + j] : 0));
                }
            }
        }

        if (d.PerNeuronStreams)
        {
            for (int r = 0; r < d.Rows; r++)
            {
                Seeds.Add(Lanes(d, 32, l => XorShift32.NeuronSeed(d.Spec.Seed, (r * lanes) + l)));
            }
        }

        if (!d.HasOutput)
        {
            var wout = network.OutputWeightsRaw.ToArray();
            for (int c = 0; c < d.Spec.Classes; c++)
            {
                for (int r = 0; r < d.Rows; r++)
                {
                    OutputWeights.Add(Lanes(d, w, l => wout[c * v + r * lanes + l]));
                }
            }
        }
    }

    private void BuildLifetime(HardwareDesign d, FixedPatternNetwork network, Dataset data)
    {
        var timing = d.Timing;
        var raw = new long[d.Spec.Inputs];
        int cw = d.ClassWidth;
        for (int s = 0; s < Samples + TestSamples; s++)
        {
            int row = s % data.Count;
            int label = data.Label(row);
            FixedQuantizer.Quantize(data.Row(row), raw, d.Precision.Input);
            bool learning = s < Samples;
            int prediction = learning ? network.LearnRaw(raw, label) : network.PredictRaw(raw);
            bool updated = learning && (!d.Rule.MisclassifiedOnly || prediction != label);
            int outputRows = d.AllEdges ? d.Spec.Classes : prediction == label ? 1 : 2;
            Beats.Add(new BitWord().Add(label, d.BeatWidth).Hex());
            foreach (long x in raw)
            {
                Beats.Add(new BitWord().Add(0, d.BeatWidth - d.InputWidth).Add(x, d.InputWidth).Hex());
            }

            Results.Add(new BitWord().Add(0, d.ResultWidth - 2 * cw - 1).Add(updated ? 1 : 0, 1).Add(label, cw).Add(prediction, cw).Hex());
            long latency = timing.Latency(updated, outputRows, learning);
            Latencies.Add(VerilogTypes.Hex(latency, 32));
            TotalLatency += latency;
            LastCycles = latency - LearnerTiming.Overhead;
            if (updated)
            {
                UpdatingSamples++;
                ExpectedUpdates += d.HiddenEdges + d.InputEdges + (d.HasOutput ? (long)outputRows * d.Spec.Hidden : 0);
            }
        }

        BuildWeights(d, network);
    }

    private void BuildWeights(HardwareDesign d, FixedPatternNetwork network)
    {
        int v = d.Spec.Hidden, n = d.Spec.Inputs, lanes = d.Lanes;
        var recurrent = network.RecurrentWeightsRaw.ToArray();
        Weights[0] = Layer(d, d.Rows * v, (local, l) => recurrent[(local / v * lanes + l) * v + local % v]);
        if (d.HasInput)
        {
            var input = network.InputWeightsRaw.ToArray();
            Weights[1] = Layer(d, d.Rows * n, (local, l) => input[(local / n * lanes + l) * n + local % n]);
        }

        if (d.HasOutput)
        {
            var output = network.OutputWeightsRaw.ToArray();
            Weights[2] = Layer(d, d.Spec.Classes * d.Rows, (local, l) => output[local / d.Rows * v + local % d.Rows * lanes + l]);
        }

        if (d.AveragesOutput)
        {
            var readout = network.ReadoutWeightsRaw.ToArray();
            Weights[HardwareDesign.ReadoutLayer] = Layer(d, d.Spec.Classes * d.Rows, (local, l) => readout[local / d.Rows * v + local % d.Rows * lanes + l]);
        }
    }

    private static List<string> Layer(HardwareDesign d, int words, Func<int, int, long> weight)
    {
        var list = new List<string>(words * d.Lanes);
        for (int local = 0; local < words; local++)
        {
            for (int l = 0; l < d.Lanes; l++)
            {
                list.Add(VerilogTypes.Hex(weight(local, l), d.WeightWidth));
            }
        }

        return list;
    }

    /// <summary>
    /// Vectors for the three narrowings (projection, recurrent sum, recurrent operand): values around the result's limits,
    /// ties and near-ties of half an LSB at odd and even truncations, and random values; expected results from
    /// <see cref="Fixed.Requantize(FixedType)"/>, the model's own narrowing.
    /// </summary>
    private void BuildNarrowing(HardwareDesign d, Random random)
    {
        var p = d.Precision;
        int fa = p.Activation.Format.FracBits;
        (int Width, int Frac)[] instances =
        [
            (d.AccumulatorWidth, d.WeightFracOf(PatternLayouts.Input) + p.Input.Format.FracBits),
            (d.AccumulatorWidth, d.WeightFracOf(PatternLayouts.Recurrent) + fa),
            (d.ActivationWidth + 1, fa),
        ];
        for (int k = 0; k < instances.Length; k++)
        {
            var (width, frac) = instances[k];
            int shift = frac - fa;
            foreach (Int128 value in NarrowingInputs(width, shift, d.ActivationWidth, random))
            {
                var source = Fixed.FromRaw(value, new QFormat(true, Math.Min(width, QFormat.MaxWidth), frac));
                long expected = (long)source.Requantize(p.Activation).Raw;
                Narrowing.Add(new BitWord().Add(k, 2).Add((long)value, NarrowingInputWidth).Add(expected, d.ActivationWidth).Hex());
            }
        }
    }

    private static IEnumerable<Int128> NarrowingInputs(int width, int shift, int outWidth, Random random)
    {
        int bits = Math.Min(width, QFormat.MaxWidth);
        Int128 min = -(Int128.One << (bits - 1)), max = (Int128.One << (bits - 1)) - 1;
        var candidates = new List<Int128> { 0, 1, -1, min, max, min + 1, max - 1 };
        Int128 lsb = shift > 0 && shift < 120 ? Int128.One << shift : Int128.One;
        foreach (Int128 limit in new[] { (Int128.One << (outWidth - 1)) - 1, -(Int128.One << (outWidth - 1)) })
        {
            for (int delta = -2; delta <= 2; delta++)
            {
                Int128 units = limit + delta;
                Int128 value = shift >= 0 ? units * lsb : units >> Math.Min(-shift, 120);
                candidates.Add(value);
                if (shift > 0)
                {
                    candidates.Add(value + lsb / 2);
                    candidates.Add(value - lsb / 2);
                    candidates.Add(value + lsb / 2 + 1);
                }
            }
        }

        for (int units = -3; units <= 3; units++)
        {
            if (shift > 0)
            {
                candidates.Add(units * lsb + lsb / 2);
                candidates.Add(units * lsb + lsb / 2 - 1);
                candidates.Add(units * lsb + lsb / 2 + 1);
            }
        }

        for (int i = 0; i < 40; i++)
        {
            int magnitude = random.Next(1, bits);
            Int128 value = (Int128)random.NextInt64(long.MinValue, long.MaxValue) >> (64 - Math.Min(magnitude, 63));
            candidates.Add(value);
        }

        return candidates.Where(c => c >= min && c <= max).Distinct();
    }
}
