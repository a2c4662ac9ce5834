using System.Collections.Immutable;
using Neuro.FixedPointSim.Patterns;
using Neuro.Rules.Patterns;
using Xunit;

namespace Neuro.FixedPointSim;

public sealed class XorShift32Tests
{
    /// <summary>Weights sQ4.12, 4 stochastic bits: ROM words at 16 fractional bits (1/16 of a weight LSB).</summary>
    private static readonly PrecisionConfig Stochastic = PrecisionConfig.Default with
    {
        StochasticBits = 4,
        RuleEntry = FixedType.Parse("ap_fixed<8,-8,AP_RND_CONV,AP_SAT>"),
    };

    [Fact]
    public void Next_IsMarsaglias13_17_5()
    {
        // xorshift32 from state 1: the published first outputs of Marsaglia's (13, 17, 5) generator.
        uint state = XorShift32.Next(1);
        Assert.Equal(270369u, state);
        Assert.Equal(67634689u, XorShift32.Next(state));
    }

    [Fact]
    public void Seed_IsTheDocumentedDerivationAndNeverZero()
    {
        Assert.Equal((uint)Neuro.Rules.SeedSequence.Derive64(1, 0x5EED) | 1, XorShift32.Seed(1));
        Assert.Equal(0xABCD59B7u, XorShift32.Seed(1));
        Assert.All(Enumerable.Range(-50, 100), seed => Assert.Equal(1u, XorShift32.Seed(seed) & 1));
    }

    [Theory]
    [InlineData(5, 4, 0x0000_0000u, 0)]   // r = 0: floor(5/16)
    [InlineData(5, 4, 0xB000_0000u, 1)]   // r = 11: floor(16/16)
    [InlineData(5, 4, 0xAFFF_FFFFu, 0)]   // r = 10: floor(15/16)
    [InlineData(-5, 4, 0x4000_0000u, -1)] // r = 4: floor(-1/16)
    [InlineData(-5, 4, 0x5000_0000u, 0)]  // r = 5: floor(0/16)
    [InlineData(35, 4, 0xF000_0000u, 3)]  // r = 15: floor(50/16)
    [InlineData(long.MaxValue, 24, 0xFFFF_FFFFu, 549755813888)] // no overflow: floor((2^63 − 1 + 2^24 − 1) / 2^24) = 2^39
    public void Delta_IsFloorOfWordPlusTopBitsOverTwoToTheS(long word, int bits, uint state, long expected) =>
        Assert.Equal(expected, XorShift32.Delta(word, state, bits));

    [Theory]
    [InlineData(5)]
    [InlineData(-5)]
    [InlineData(1)]
    [InlineData(15)]
    public void Learn_MeanOfStochasticUpdatesIsTheWordOverTwoToTheS(int word)
    {
        // One hidden neuron that always fires and an output table whose only nonzero word is word·2^-16 (word/16 of a weight
        // LSB) on the label row: after N updates the label row's weight counts how many rounded away from zero. The count
        // is Binomial(N, |word|/16), so it must lie within 5 standard deviations of N·|word|/16 (a false failure about
        // once in 1.7 million seeds, deterministic here); round-to-nearest, a biased r or a missing draw moves it by far
        // more (0 or N at least 30 deviations away for these words).
        const int n = 4000;
        var (network, x) = OneNeuron(word, Stochastic);
        for (int t = 0; t < n; t++)
        {
            network.Learn(x, 0);
        }

        double p = Math.Abs(word) / 16.0;
        double bound = 5 * Math.Sqrt(n * p * (1 - p));
        long count = network.OutputWeightsRaw[0];
        Assert.InRange(Math.Sign(word) * count, (n * p) - bound, (n * p) + bound);
        Assert.Equal(0, network.OutputWeightsRaw[1]);
    }

    [Fact]
    public void Learn_WithoutStochasticBitsASubLsbWordLearnsNothing()
    {
        // The same step at 0 stochastic bits rounds into the weight's LSB scale: 5/16 of an LSB becomes 0.
        var (network, x) = OneNeuron(5, PrecisionConfig.Default);
        for (int t = 0; t < 100; t++)
        {
            network.Learn(x, 0);
        }

        Assert.Equal(0, network.OutputWeightsRaw[0]);
        Assert.Equal(0u, network.UpdateRandomState);
    }

    [Fact]
    public void Learn_DrawsOncePerNonzeroWordInTheWalkOrder()
    {
        // The contract replayed by hand: the generator starts at Seed(spec seed), each nonzero word draws once in the walk
        // order (here one output row of one neuron), zero words draw nothing; after a Reset it starts again.
        var (network, x) = OneNeuron(5, Stochastic);
        uint state = XorShift32.Seed(network.Spec.Seed);
        Assert.Equal(state, network.UpdateRandomState);
        long weight = 0;
        for (int t = 0; t < 20; t++)
        {
            network.Learn(x, 0);
            state = XorShift32.Next(state);
            weight += (5 + (state >> 28)) >> 4;
            Assert.Equal(state, network.UpdateRandomState);
            Assert.Equal(weight, network.OutputWeightsRaw[0]);
        }

        network.Reset();
        Assert.Equal(XorShift32.Seed(network.Spec.Seed), network.UpdateRandomState);
    }

    [Fact]
    public void NeuronSeed_IsTheDocumentedDerivationAndNeverZero()
    {
        Assert.Equal((uint)Neuro.Rules.SeedSequence.Derive64(1, 0x5EED, 0) | 1, XorShift32.NeuronSeed(1, 0));
        Assert.Equal((uint)Neuro.Rules.SeedSequence.Derive64(1, 0x5EED, 7) | 1, XorShift32.NeuronSeed(1, 7));
        Assert.Equal([0x389AE76Fu, 0xB070FEE5u, 0xA8069FF3u], XorShift32.NeuronSeeds(1, 3)); // computed independently (Python SplitMix of SeedSequence)
        var seeds = Enumerable.Range(0, 1000).Select(i => XorShift32.NeuronSeed(5, i)).Append(XorShift32.Seed(5)).ToArray();
        Assert.All(seeds, seed => Assert.Equal(1u, seed & 1));
        Assert.Equal(seeds.Length, seeds.Distinct().Count());
    }

    [Fact]
    public void Learn_PerNeuronStreamsDrawFromEachNeuronsOwnGenerator()
    {
        // The per-neuron contract replayed by hand: the only nonzero word is the output table's (fired, label row), so each
        // update draws once from the generator of every neuron that fired, and nothing else draws (the zero hidden words
        // advance no generator); after a Reset every generator starts again at its NeuronSeed.
        var spec = new PatternNetworkSpec(Inputs: 5, Classes: 3, Hidden: 8, Cap: 5, EdgeProbability: 0.6, Seed: 21);
        var rule = new PatternRule(
            rounds: 0,
            eta: 1.0 / 1024,
            hidden: [.. new double[4]],
            input: null,
            output: ImmutableArray.Create(0, 0, 5 / 64.0, 0),
            misclassifiedOnly: false);
        var precision = Stochastic with { StochasticStreams = StochasticStreams.PerNeuron };
        var network = new FixedPatternNetwork(spec, rule, precision);
        uint[] states = XorShift32.NeuronSeeds(spec.Seed, spec.Hidden);
        Assert.Equal(states, network.NeuronRandomStates.ToArray());
        Assert.Equal(0u, network.UpdateRandomState);
        var weights = new long[spec.Classes * spec.Hidden];
        var random = new Random(4);
        int draws = 0;
        for (int t = 0; t < 40; t++)
        {
            double[] x = [.. Enumerable.Range(0, spec.Inputs).Select(_ => (random.NextDouble() * 4) - 2)];
            int label = random.Next(spec.Classes);
            network.Learn(x, label);
            for (int i = 0; i < spec.Hidden; i++)
            {
                if (network.Patterns[i] == 1)
                {
                    states[i] = XorShift32.Next(states[i]);
                    weights[(label * spec.Hidden) + i] += (5 + (states[i] >> 28)) >> 4;
                    draws++;
                }
            }

            Assert.Equal(states, network.NeuronRandomStates.ToArray());
            Assert.Equal(weights, network.OutputWeightsRaw.ToArray());
        }

        Assert.True(draws > 40, "too few draws to test anything");
        Assert.Contains(weights, w => w != 0);
        network.Reset();
        Assert.Equal(XorShift32.NeuronSeeds(spec.Seed, spec.Hidden), network.NeuronRandomStates.ToArray());
    }

    [Fact]
    public void Learn_SingleStreamHasNoNeuronStates()
    {
        // A config without stochasticStreams keeps the one generator of DESIGN.md §5 (per-neuron states stay empty).
        var (network, x) = OneNeuron(5, Stochastic);
        network.Learn(x, 0);
        Assert.Equal(XorShift32.Next(XorShift32.Seed(network.Spec.Seed)), network.UpdateRandomState);
        Assert.True(network.NeuronRandomStates.IsEmpty);
    }

    [Fact]
    public void RuleRom_RefusesStochasticRoundingOfAMultiplyTable()
    {
        var rule = new PatternRule(0, 0.01, [.. new double[4]], null, [0, 0, 1, -1], PatternUpdateMode.Multiplicative);
        var e = Assert.Throws<PrecisionConfigException>(() => new RuleRom(rule, Stochastic));
        Assert.Equal("stochasticBits: stochastic rounding applies to add tables only; the rule's table 'hidden' has mode multiply", e.Message);
    }

    [Fact]
    public void RuleRom_KeepsTheStochasticBitsBelowTheWeightLsb()
    {
        // eta·entry = 5·2^-16: zero at the weight's 12 fractional bits, raw 5 at 12 + 4.
        var rule = new PatternRule(0, 1.0 / 1024, [.. new double[4]], null, [0, 0, 5.0 / 64, 0]);
        Assert.Equal([0L, 0, 5, 0], new RuleRom(rule, Stochastic).Output!.Value.ToArray());
        Assert.Equal([0L, 0, 0, 0], new RuleRom(rule, PrecisionConfig.Default).Output!.Value.ToArray());
        Assert.Equal(0, new RuleRom(rule, Stochastic).StatsOf(PatternLayouts.Output)!.Zeroed);
    }

    /// <summary>One input, one hidden neuron (cap 1, R = 0), two classes; the input drives the neuron positive, so it fires
    /// every sample; output entries: fired neuron on the label row <c>word·2^-16</c>, everything else 0; always update.</summary>
    private static (FixedPatternNetwork Network, double[] X) OneNeuron(int word, PrecisionConfig precision)
    {
        var spec = new PatternNetworkSpec(Inputs: 1, Classes: 2, Hidden: 1, Cap: 1, EdgeProbability: 1, Seed: 3);
        var masks = spec.BuildMasks();
        var rule = new PatternRule(
            rounds: 0,
            eta: 1.0 / 1024,
            hidden: [.. new double[4]],
            input: null,
            output: ImmutableArray.Create(0, 0, word / 64.0, 0),
            misclassifiedOnly: false);
        double sign = masks.FixedInputWeights[0] >= 0 ? 1 : -1;
        return (new FixedPatternNetwork(spec, masks, rule, precision), [sign]);
    }
}
