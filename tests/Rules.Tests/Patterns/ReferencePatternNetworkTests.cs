using System.Collections.Immutable;
using Xunit;

namespace Neuro.Rules.Patterns;

public sealed class ReferencePatternNetworkTests
{
    /// <summary>3 hidden neurons, 2 inputs, cap 2, one recurrent round; every edge present; fixed input weights by hand.</summary>
    private static (PatternNetworkSpec, PatternNetworkMasks) HandNetwork()
    {
        var spec = new PatternNetworkSpec(Inputs: 2, Classes: 2, Hidden: 3, Cap: 2, EdgeProbability: 1, Seed: 0);
        bool[] recurrent = [false, true, true, true, false, true, true, true, false];
        var masks = new PatternNetworkMasks(
            Input: [true, true, true, true, true, true],
            Recurrent: recurrent,
            FixedInputWeights: [1, 0, 0.5, 0.5, -1, 0],
            FixedOutputWeights: new double[6],
            InitialRecurrentWeights: new double[9]);
        return (spec, masks);
    }

    private static PatternRule HandRule() => new(
        rounds: 1,
        eta: 0.5,
        hidden: [.. Enumerable.Range(0, 16).Select(i => (double)i)],
        input: null,
        output: [.. Enumerable.Range(10, 8).Select(i => (double)i)]);

    [Fact]
    public void Learn_HandComputedTwoStepExample()
    {
        var (spec, masks) = HandNetwork();
        var net = new ReferencePatternNetwork(spec, masks, HandRule());
        double[] x = [1, 2];

        // u = Win x = (1, 1.5, -1); h0 = cap2(ReLU(u)) = (1, 1.5, 0) → fired (1,1,0).
        // Wg = 0, so round 1 gives zeros: nothing fires. Patterns (10b, 10b, 00b) = (2, 2, 0). Logits 0 → class 0.
        Assert.Equal(0, net.Learn(x, label: 1));

        // Hidden index pre·4 + post, entry = index, eta 0.5: (post,pre) (0,1): 2·4+2=10 → 5; (0,2): 0·4+2=2 → 1;
        // (1,0): 10 → 5; (1,2): 2 → 1; (2,0): 2·4+0=8 → 4; (2,1): 8 → 4.
        Assert.Equal([0, 5, 1, 5, 0, 1, 4, 4, 0], net.RecurrentWeights.ToArray());
        // Output entry = 10 + index. Label row 1 gets output[2·pattern]: pattern 2 → 14·0.5 = 7, pattern 0 → 10·0.5 = 5.
        // Prediction row 0 gets output[2·pattern + 1]: 15·0.5 = 7.5 and 11·0.5 = 5.5.
        Assert.Equal([7.5, 7.5, 5.5, 7, 7, 5], net.OutputWeights.ToArray());

        // Round 1 now: z = h0 + u = (2, 3, -1); Wg z = (15 − 1, 10 − 1, 8 + 12) = (14, 9, 20); cap2 → (14, 0, 20).
        // Patterns: (11b, 10b, 01b) = (3, 2, 1). Logits: row 0 = 7.5·14 + 5.5·20 = 215, row 1 = 7·14 + 5·20 = 198.
        Assert.Equal(0, net.Predict(x));
        Assert.Equal([3, 2, 1], net.Patterns.ToArray());
        Assert.Equal([14, 0, 20], net.HiddenState.ToArray());
        Assert.Equal([215, 198], net.Logits.ToArray());
    }

    [Fact]
    public void Learn_CorrectSampleLeavesWeightsWhenMisclassifiedOnly()
    {
        var (spec, masks) = HandNetwork();
        var net = new ReferencePatternNetwork(spec, masks, HandRule());
        Assert.Equal(0, net.Learn([1, 2], label: 0)); // logits tie at 0: class 0 wins and is right
        Assert.All(net.RecurrentWeights.ToArray(), w => Assert.Equal(0, w));
        Assert.All(net.OutputWeights.ToArray(), w => Assert.Equal(0, w));
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
        var net = new ReferencePatternNetwork(spec, masks, rule);
        net.Predict([1.0]);
        // Values (1, 2, 2, 2): three tie at 2; neurons 1 and 2 (the lower indices) are kept.
        Assert.Equal([0, 2, 2, 0], net.HiddenState.ToArray());
        Assert.Equal([0, 1, 1, 0], net.Patterns.ToArray());
    }

    [Fact]
    public void Reset_RestoresStartingWeights()
    {
        var (spec, masks) = HandNetwork();
        var net = new ReferencePatternNetwork(spec, masks, HandRule());
        net.Learn([1, 2], 1);
        net.Reset();
        Assert.All(net.RecurrentWeights.ToArray(), w => Assert.Equal(0, w));
        Assert.All(net.OutputWeights.ToArray(), w => Assert.Equal(0, w));
        Assert.Equal(masks.FixedInputWeights, net.InputWeights.ToArray());
    }

    [Fact]
    public void BuildMasks_IsDeterministicAndHasNoSelfEdges()
    {
        var spec = new PatternNetworkSpec(10, 4, Hidden: 20, Cap: 10, EdgeProbability: 0.5, Seed: 7);
        var a = spec.BuildMasks();
        var b = spec.BuildMasks();
        Assert.Equal(a.Input, b.Input);
        Assert.Equal(a.Recurrent, b.Recurrent);
        Assert.Equal(a.FixedInputWeights, b.FixedInputWeights);
        for (int i = 0; i < 20; i++)
        {
            Assert.False(a.Recurrent[i * 20 + i]);
        }

        double density = a.Recurrent.Count(e => e) / (20.0 * 19);
        Assert.InRange(density, 0.4, 0.6);
        Assert.NotEqual(a.Input, (spec with { Seed = 8 }).BuildMasks().Input);
    }

    [Theory]
    [InlineData(0, 10, 20, 10, "Inputs must be 1..65536, not 0")]
    [InlineData(10, 1, 20, 10, "Classes must be 2..65536, not 1")]
    [InlineData(10, 4, 20, 21, "Cap must be 1..Hidden (20), not 21")]
    [InlineData(10, 4, 16385, 10, "Hidden must be 1..16384, not 16385")]
    [InlineData(10, 70000, 20, 10, "Classes must be 2..65536, not 70000")]
    [InlineData(65536, 4, 16384, 10, "16384 hidden neurons with 65536 inputs and 4 classes need more than 268435456 weights in one matrix")]
    public void Spec_RejectsImpossibleShapes(int inputs, int classes, int hidden, int cap, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => new PatternNetworkSpec(inputs, classes, hidden, cap).BuildMasks());
        Assert.Equal(message, e.Message);
    }
}

public sealed class CapTests
{
    [Fact]
    public void Cap_AgreesWithSortingByValueThenIndex()
    {
        var random = new Random(99);
        for (int trial = 0; trial < 2000; trial++)
        {
            int v = random.Next(1, 40), k = random.Next(1, v + 1);
            // Few distinct values, many ties and zeros, as after ReLU.
            double[] values = [.. Enumerable.Range(0, v).Select(_ => (double)Math.Max(0, random.Next(-3, 5)))];
            var keep = Enumerable.Range(0, v).OrderByDescending(i => values[i]).ThenBy(i => i).Take(k).ToHashSet();
            double[] expected = [.. values.Select((x, i) => keep.Contains(i) ? x : 0)];
            double[] actual = (double[])values.Clone();
            ReferencePatternNetwork.Cap(actual, k, new double[v]);
            Assert.Equal(expected, actual);
        }
    }
}
