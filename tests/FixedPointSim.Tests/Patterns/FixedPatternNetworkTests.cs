using System.Collections.Immutable;
using Neuro.Rules.Data;
using Neuro.Rules.Patterns;
using Xunit;

namespace Neuro.FixedPointSim.Patterns;

public sealed class FixedPatternNetworkTests
{
    /// <summary>Input and weight sQ4.4 (LSB 1/16), activation sQ10.6 (LSB 1/64), rule entry sQ4.4: small, readable raws.</summary>
    private static readonly PrecisionConfig Small = new(
        FixedType.Parse("ap_fixed<8,4,AP_RND_CONV,AP_SAT>"),
        FixedType.Parse("ap_fixed<8,4,AP_RND_CONV,AP_SAT>"),
        FixedType.Parse("ap_fixed<16,10,AP_RND_CONV,AP_SAT>"),
        FixedType.Parse("ap_fixed<8,4,AP_RND_CONV,AP_SAT>"));

    /// <summary>Weights and inputs sQ8.24, activation sQ24.24, rule entry sQ8.24: products of 80 bits, exact in Int128.</summary>
    private static readonly PrecisionConfig Wide = new(
        FixedType.Parse("ap_fixed<32,8,AP_RND_CONV,AP_SAT>"),
        FixedType.Parse("ap_fixed<32,8,AP_RND_CONV,AP_SAT>"),
        FixedType.Parse("ap_fixed<48,24,AP_RND_CONV,AP_SAT>"),
        FixedType.Parse("ap_fixed<32,8,AP_RND_CONV,AP_SAT>"));

    /// <summary>3 hidden neurons, 2 inputs, cap 2, every edge present; fixed input weights chosen to need rounding.</summary>
    private static (PatternNetworkSpec, PatternNetworkMasks) HandNetwork()
    {
        var spec = new PatternNetworkSpec(Inputs: 2, Classes: 2, Hidden: 3, Cap: 2, EdgeProbability: 1, Seed: 0);
        var masks = new PatternNetworkMasks(
            Input: [true, true, true, true, true, true],
            Recurrent: [false, true, true, true, false, true, true, true, false],
            FixedInputWeights: [1, 0, 0.5, 0.5625, -1, 0.1],
            FixedOutputWeights: new double[6],
            InitialRecurrentWeights: new double[9]);
        return (spec, masks);
    }

    /// <summary>One recurrent round (P = 4); hidden entry i = i/3, output entries 10..17, eta 0.5.</summary>
    private static PatternRule HandRule() => new(
        rounds: 1,
        eta: 0.5,
        hidden: [.. Enumerable.Range(0, 16).Select(i => i / 3.0)],
        input: null,
        output: [.. Enumerable.Range(10, 8).Select(i => (double)i)]);

    [Fact]
    public void Learn_HandComputedExample_EveryRawInteger()
    {
        var (spec, masks) = HandNetwork();
        var net = new FixedPatternNetwork(spec, masks, HandRule(), Small);

        // Weights ·16, RndConv: 1 → 16, 0.5 → 8, 0.5625 → 9, −1 → −16, 0.1 → 1.6 → 2.
        Assert.Equal([16, 0, 8, 9, -16, 2], net.InputWeightsRaw.ToArray());
        // ROM: 0.5·(i/3)·16 = 8i/3 rounded; 0.5·(10..17)·16 = 80..136, the last two saturating at 127.
        Assert.Equal([0, 3, 5, 8, 11, 13, 16, 19, 21, 24, 27, 29, 32, 35, 37, 40], net.Rom.Hidden!.Value.ToArray());
        Assert.Equal([80, 88, 96, 104, 112, 120, 127, 127], net.Rom.Output!.Value.ToArray());

        // x = (1, 2.09375): ·16 = (16, 33.5) → (16, 34), the tie going to even.
        double[] x = [1, 2.09375];
        Assert.Equal(0, net.Learn(x, label: 1));
        Assert.Equal([16, 34], net.InputRaw.ToArray());

        // u at 8 fractional bits: (16·16, 8·16 + 9·34, −16·16 + 2·34) = (256, 434, −188); into sQ10.6 (÷4):
        // (64, 108.5 → 108 (tie to even), −47).
        Assert.Equal([64, 108, -47], net.ProjectionRaw.ToArray());

        // h0 = cap2(ReLU(u)) = (64, 108, 0): fired (1, 1, 0). Wg = 0, so round 1 sums to 0: nothing fires.
        // Patterns (10b, 10b, 00b) = (2, 2, 0); logits (0, 0) → class 0 (the lower index), wrong → update.
        Assert.Equal([2, 2, 0], net.Patterns.ToArray());
        Assert.Equal([0, 0, 0], net.HiddenRaw.ToArray());
        Assert.Equal([Int128.Zero, Int128.Zero], net.LogitsRaw.ToArray());

        // Hidden address pre·4 + post: (post, pre) (0,1), (1,0): 2·4 + 2 = 10 → 27; (0,2), (1,2): 0·4 + 2 = 2 → 5;
        // (2,0), (2,1): 2·4 + 0 = 8 → 21. All sums exact and in range (w = 0 + rom).
        Assert.Equal([0, 27, 5, 27, 0, 5, 21, 21, 0], net.RecurrentWeightsRaw.ToArray());
        // Label row 1 gets output[2·pattern]: pattern 2 → [4] = 112, pattern 0 → [0] = 80.
        // Prediction row 0 gets output[2·pattern + 1]: [5] = 120, [1] = 88.
        Assert.Equal([120, 120, 88, 112, 112, 80], net.OutputWeightsRaw.ToArray());

        // Second pass, same x. z = h0 + u = (128, 216, −47).
        // s at 10 fractional bits: (27·216 + 5·(−47), 27·128 + 5·(−47), 21·128 + 21·216) = (5597, 3221, 7224);
        // into sQ10.6 (÷16): 349.8125 → 350, 201.3125 → 201, 451.5 → 452 (tie to even); cap2 keeps 452 and 350.
        Assert.Equal(0, net.Predict(x));
        Assert.Equal([350, 0, 452], net.HiddenRaw.ToArray());
        Assert.Equal([3, 2, 1], net.Patterns.ToArray());
        // Logits exact at 10 fractional bits: row 0 = 120·350 + 88·452 = 81776; row 1 = 112·350 + 80·452 = 75360.
        Assert.Equal(10, net.LogitFracBits);
        Assert.Equal([(Int128)81776, (Int128)75360], net.LogitsRaw.ToArray());
    }

    [Fact]
    public void Learn_HandComputedExample_GroupWeightTypes()
    {
        // The example above with recurrent weights sQ2.6 (LSB 1/64) and output weights sQ6.2 (LSB 1/4); input weights keep
        // sQ4.4. Each table's ROM is in its own weights' scale, each product sum narrows from its own fractional bits.
        var (spec, masks) = HandNetwork();
        var precision = Small with
        {
            RecurrentWeight = FixedType.Parse("ap_fixed<8,2,AP_RND_CONV,AP_SAT>"),
            OutputWeight = FixedType.Parse("ap_fixed<8,6,AP_RND_CONV,AP_SAT>"),
        };
        var net = new FixedPatternNetwork(spec, masks, HandRule(), precision);
        Assert.Equal([16, 0, 8, 9, -16, 2], net.InputWeightsRaw.ToArray());
        // ROM: 0.5·(i/3)·64 = 32i/3 rounded, saturating at 127 from i = 12; 0.5·(10..17)·4 = 20..34.
        Assert.Equal([0, 11, 21, 32, 43, 53, 64, 75, 85, 96, 107, 117, 127, 127, 127, 127], net.Rom.Hidden!.Value.ToArray());
        Assert.Equal([20, 22, 24, 26, 28, 30, 32, 34], net.Rom.Output!.Value.ToArray());
        Assert.Equal("ap_fixed<8,2,AP_RND_CONV,AP_SAT>", net.Rom.EntryOf(0).ToString());

        double[] x = [1, 2.09375];
        Assert.Equal(0, net.Learn(x, label: 1));
        Assert.Equal([64, 108, -47], net.ProjectionRaw.ToArray());
        // Addresses as above: 10 → 107, 2 → 21, 8 → 85; label row 1: [4] = 28, [0] = 20; prediction row 0: [5] = 30, [1] = 22.
        Assert.Equal([0, 107, 21, 107, 0, 21, 85, 85, 0], net.RecurrentWeightsRaw.ToArray());
        Assert.Equal([30, 30, 22, 28, 28, 20], net.OutputWeightsRaw.ToArray());

        // z = (128, 216, −47); s at 6 + 6 = 12 fractional bits: (107·216 + 21·(−47), 107·128 + 21·(−47), 85·128 + 85·216)
        // = (22125, 12709, 29240); into sQ10.6 (÷64): 345.70 → 346, 198.58 → 199, 456.875 → 457; cap2 keeps 457 and 346.
        Assert.Equal(0, net.Predict(x));
        Assert.Equal([346, 0, 457], net.HiddenRaw.ToArray());
        // Logits at 2 + 6 = 8 fractional bits: row 0 = 30·346 + 22·457 = 20434; row 1 = 28·346 + 20·457 = 18828.
        Assert.Equal(8, net.LogitFracBits);
        Assert.Equal([(Int128)20434, (Int128)18828], net.LogitsRaw.ToArray());
    }

    [Fact]
    public void Learn_CorrectSampleLeavesWeightsWhenMisclassifiedOnly()
    {
        var (spec, masks) = HandNetwork();
        var net = new FixedPatternNetwork(spec, masks, HandRule(), Small);
        Assert.Equal(0, net.Learn([1, 2.09375], label: 0)); // logits tie at 0: class 0 wins and is right
        Assert.All(net.RecurrentWeightsRaw.ToArray(), w => Assert.Equal(0, w));
        Assert.All(net.OutputWeightsRaw.ToArray(), w => Assert.Equal(0, w));
    }

    /// <summary>Two hidden neurons with edges both ways, no cap, no rounds; every sample updates both edges by one ROM word.</summary>
    private static FixedPatternNetwork PushNetwork(double entry, string weightType, PatternUpdateMode mode, double initial = 0)
    {
        var spec = new PatternNetworkSpec(Inputs: 1, Classes: 2, Hidden: 2, Cap: 2, EdgeProbability: 1, Seed: 0);
        var masks = new PatternNetworkMasks(
            Input: [true, true],
            Recurrent: [false, true, true, false],
            FixedInputWeights: [1, 1],
            FixedOutputWeights: new double[4],
            InitialRecurrentWeights: [0, initial, -initial, 0]);
        var rule = new PatternRule(0, 1, [entry, entry, entry, entry], null, null, mode, misclassifiedOnly: false);
        var precision = Small with { Weight = FixedType.Parse(weightType) };
        return new FixedPatternNetwork(spec, masks, rule, precision);
    }

    private static long[] Trajectory(FixedPatternNetwork net, int steps, int index)
    {
        var values = new long[steps];
        for (int t = 0; t < steps; t++)
        {
            net.Learn([1.0], 0);
            values[t] = net.RecurrentWeightsRaw[index];
        }

        return values;
    }

    [Theory]
    [InlineData(2.5, new long[] { 40, 80, 120, 127, 127, 127 })]
    [InlineData(-2.5, new long[] { -40, -80, -120, -128, -128, -128 })]
    public void Learn_AdditiveUpdatesSaturateUnderSat(double entry, long[] expected)
    {
        // ROM word 2.5·16 = ±40; w + rom is exact, then the weight's AP_SAT pins it at MaxRaw 127 / MinRaw −128.
        var net = PushNetwork(entry, "ap_fixed<8,4,AP_RND_CONV,AP_SAT>", PatternUpdateMode.Additive);
        Assert.Equal(expected, Trajectory(net, 6, 1));
        Assert.Equal(expected[^1], net.RecurrentWeightsRaw[2]);
    }

    [Theory]
    [InlineData(2.5, new long[] { 40, 80, 120, -96, -56, -16 })]
    [InlineData(-2.5, new long[] { -40, -80, -120, 96, 56, 16 })]
    public void Learn_AdditiveUpdatesWrapUnderWrap(double entry, long[] expected)
    {
        // 120 + 40 = 160 keeps its low 8 bits: 160 − 256 = −96; −120 − 40 = −160 → 96.
        var net = PushNetwork(entry, "ap_fixed<8,4,AP_RND_CONV,AP_WRAP>", PatternUpdateMode.Additive);
        Assert.Equal(expected, Trajectory(net, 6, 1));
    }

    [Fact]
    public void Learn_MultiplicativeUpdateRoundsTheProductThenSaturates()
    {
        // ROM word 0.25·16 = 4; w ← sat(w + round(w·4/16)), RndConv. Start ±1.5 = ±24.
        // +: 24+6=30, 30+7.5→8 = 38, 38+9.5→10 = 48, +12 = 60, +15 = 75, +18.75→19 = 94, +23.5→24 = 118, +29.5→30 = 148 → 127, stays.
        var net = PushNetwork(0.25, "ap_fixed<8,4,AP_RND_CONV,AP_SAT>", PatternUpdateMode.Multiplicative, initial: 1.5);
        Assert.Equal([0, 24, -24, 0], net.RecurrentWeightsRaw.ToArray());
        var up = new List<long>();
        var down = new List<long>();
        for (int t = 0; t < 9; t++)
        {
            net.Learn([1.0], 0);
            up.Add(net.RecurrentWeightsRaw[1]);
            down.Add(net.RecurrentWeightsRaw[2]);
        }

        Assert.Equal([30, 38, 48, 60, 75, 94, 118, 127, 127], up);
        // −: ties go to even as well (−7.5 → −8, −9.5 → −10, −23.5 → −24, −29.5 → −30); −148 saturates at −128; −128 − 32 stays.
        Assert.Equal([-30, -38, -48, -60, -75, -94, -118, -128, -128], down);

        net.Reset();
        Assert.Equal([0, 24, -24, 0], net.RecurrentWeightsRaw.ToArray());
    }

    [Fact]
    public void Predict_CapTiesGoToTheLowerIndex()
    {
        var spec = new PatternNetworkSpec(Inputs: 1, Classes: 2, Hidden: 4, Cap: 2, EdgeProbability: 1, Seed: 0);
        var masks = new PatternNetworkMasks(
            Input: [true, true, true, true],
            Recurrent: new bool[16],
            FixedInputWeights: [1, 2, 2, 2],
            FixedOutputWeights: new double[8],
            InitialRecurrentWeights: new double[16]);
        var rule = new PatternRule(0, 0.01, [0, 0, 0, 0], null, null);
        var net = new FixedPatternNetwork(spec, masks, rule, Small);
        net.Predict([1.0]);
        // u = (1, 2, 2, 2) = raw (64, 128, 128, 128): three tie at 128; neurons 1 and 2 (the lower indices) are kept.
        Assert.Equal([0, 128, 128, 0], net.HiddenRaw.ToArray());
        Assert.Equal([0, 1, 1, 0], net.Patterns.ToArray());
    }

    [Fact]
    public void Reset_RestoresStartingWeights()
    {
        var (spec, masks) = HandNetwork();
        var net = new FixedPatternNetwork(spec, masks, HandRule(), Small);
        net.Learn([1, 2.09375], 1);
        net.Reset();
        Assert.All(net.RecurrentWeightsRaw.ToArray(), w => Assert.Equal(0, w));
        Assert.All(net.OutputWeightsRaw.ToArray(), w => Assert.Equal(0, w));
        Assert.Equal([16, 0, 8, 9, -16, 2], net.InputWeightsRaw.ToArray());
    }

    [Fact]
    public void PredictRaw_AgreesWithPredictOnQuantizedInputs()
    {
        var spec = new PatternNetworkSpec(Inputs: 10, Classes: 4, Seed: 21);
        var rule = RandomRule(31, withInput: false);
        var a = new FixedPatternNetwork(spec, rule, PrecisionConfig.Default);
        var b = new FixedPatternNetwork(spec, rule, PrecisionConfig.Default);
        var (train, _) = SyntheticClassification.GenerateJoosten(4);
        var raw = new long[10];
        for (int i = 0; i < 50; i++)
        {
            FixedQuantizer.Quantize(train.Row(i), raw, PrecisionConfig.Default.Input);
            Assert.Equal(a.Learn(train.Row(i), train.Label(i)), b.LearnRaw(raw, train.Label(i)));
            Assert.Equal(a.RecurrentWeightsRaw.ToArray(), b.RecurrentWeightsRaw.ToArray());
            Assert.Equal(a.LogitsRaw.ToArray(), b.LogitsRaw.ToArray());
        }
    }

    [Fact]
    public void PredictRaw_RejectsRawsOutsideTheInputFormat()
    {
        var (spec, masks) = HandNetwork();
        var net = new FixedPatternNetwork(spec, masks, HandRule(), Small);
        var e = Assert.Throws<ArgumentException>(() => net.PredictRaw([0, 128]));
        Assert.StartsWith("Raw input [1] = 128 is outside sQ4.4's range [-128, 127]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_RejectsAnAccumulatorWiderThanInt128()
    {
        var precision = new PrecisionConfig(
            FixedType.Parse("ap_fixed<16,4,AP_RND_CONV,AP_SAT>"),
            FixedType.Parse("ap_fixed<64,32,AP_RND_CONV,AP_SAT>"),
            FixedType.Parse("ap_fixed<64,32,AP_RND_CONV,AP_SAT>"),
            FixedType.Parse("ap_fixed<8,-24,AP_RND_CONV,AP_SAT>"));
        var spec = new PatternNetworkSpec(Inputs: 10, Classes: 4, Hidden: 20, Cap: 10);
        // Hidden sums: 20 products of 2^63·2^63 = 20·2^126 < 2^131: 131 bits and a sign bit.
        Assert.Equal(132, precision.AccumulatorBits(spec));
        var e = Assert.Throws<ArgumentException>(() => new FixedPatternNetwork(spec, RandomRule(1, false), precision));
        Assert.Equal("The exact accumulator needs 132 bits, more than the 128 of Int128; narrow the weight, input or activation format", e.Message);
    }

    /// <summary>
    /// At wide formats the fixed network follows the float reference over a 300-sample lifetime. The bound: while both
    /// networks make the same forward decisions (patterns, prediction, so the same updates at the same ROM addresses), a
    /// weight that started equal in both (0) differs only by the ROM's rounding, at most ½ LSB (RndConv) per update it
    /// received, plus the double reference's own rounding (under 1e-12 here: |w| &lt; 2, 300 additions of 2^-53 relative
    /// error). A forward pass can part the two only by a near-tie within quantization error: the k-th and (k+1)-th hidden
    /// values, or a value within an LSB of 0; with these seeds none occurs, so every pattern agrees, which the test states.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Learn_WideFormatsTrackTheFloatReference(bool withInputTable)
    {
        var (train, _) = SyntheticClassification.GenerateJoosten(11);
        var data = train.Subset(0, 300);
        var spec = new PatternNetworkSpec(data.Features, data.Classes, Hidden: 20, Cap: 10, EdgeProbability: 0.5, Seed: 3);
        var rule = RandomRule(5, withInputTable);
        var fixedNet = new FixedPatternNetwork(spec, rule, Wide);
        var floatNet = new ReferencePatternNetwork(spec, rule);
        int samePredictions = 0, samePatterns = 0, updates = 0;
        for (int i = 0; i < data.Count; i++)
        {
            int fixedPrediction = fixedNet.Learn(data.Row(i), data.Label(i));
            int floatPrediction = floatNet.Learn(data.Row(i), data.Label(i));
            samePredictions += fixedPrediction == floatPrediction ? 1 : 0;
            samePatterns += fixedNet.Patterns.SequenceEqual(floatNet.Patterns) ? 1 : 0;
            updates += floatPrediction != data.Label(i) ? 1 : 0;
        }

        Assert.True(samePredictions >= 297, $"identical predictions on {samePredictions} of 300 samples");
        Assert.Equal(300, samePatterns); // the precondition of the weight bound below

        double bound = (updates * Math.ScaleB(1.0, -25)) + 1e-12;
        AssertWithin(fixedNet.RecurrentWeightsRaw, floatNet.RecurrentWeights, bound);
        AssertWithin(fixedNet.OutputWeightsRaw, floatNet.OutputWeights, bound);
        if (withInputTable)
        {
            AssertWithin(fixedNet.InputWeightsRaw, floatNet.InputWeights, bound);
        }
    }

    private static void AssertWithin(ReadOnlySpan<long> raws, ReadOnlySpan<double> reference, double bound)
    {
        for (int i = 0; i < raws.Length; i++)
        {
            double difference = Math.Abs(Math.ScaleB(raws[i], -24) - reference[i]);
            Assert.True(difference <= bound, $"weight [{i}]: |{Math.ScaleB(raws[i], -24)} − {reference[i]}| = {difference} > {bound}");
        }
    }

    /// <summary>Three rounds (P = 16); hidden, optional input and output tables of N(0,1) entries; eta 0.01.</summary>
    private static PatternRule RandomRule(int seed, bool withInput)
    {
        var normal = new StandardNormal(new Random(seed));
        ImmutableArray<double> Table(int count) => [.. Enumerable.Range(0, count).Select(_ => normal.Next())];
        var hidden = Table(256);
        var input = withInput ? Table(16) : (ImmutableArray<double>?)null;
        return new PatternRule(3, 0.01, hidden, input, Table(32));
    }
}
