using Neuro.Rules.Evolution;
using Xunit;

namespace Neuro.Rules.Connectome;

/// <summary>
/// One test body for every <see cref="IConnectomeNetwork"/>: a hand-computed tick sequence, and tick-by-tick raw equality
/// with <see cref="ReferenceConnectomeNetwork"/> on the real connectome under random weights and inputs.
/// </summary>
public abstract class ConnectomeNetworkConformanceTests
{
    /// <summary>The implementation under test.</summary>
    protected abstract IConnectomeNetwork Create(ConnectomeNetworkSpec spec);

    /// <summary>
    /// Neurons A, B, C; muscles mL (left), mR (right); threshold 30, integer weights. Chemical A→B 20, B→A 35, A→mL 5,
    /// C→mR −7, C→A −40; gap junction B–C 3.
    /// </summary>
    internal static ConnectomeNetworkSpec Tiny() => new(
        ["A", "B", "C"],
        [("mL", MuscleSide.Left), ("mR", MuscleSide.Right)],
        [new ChemicalSynapse(0, 1, 20, 1), new ChemicalSynapse(1, 0, 35, 1), new ChemicalSynapse(0, 3, 5, 1), new ChemicalSynapse(2, 4, 7, -1), new ChemicalSynapse(2, 0, 40, -1)],
        [new GapJunction(1, 2, 3)],
        new ConnectomeNetworkSettings { FractionBits = 0, TouchNeurons = ["A"], FoodNeurons = ["C"] });

    [Fact]
    public void Tick_FollowsTheHandComputedSequence()
    {
        var spec = Tiny();
        var network = Create(spec);
        network.Load(ConnectomeWeights.Biological(spec));
        // (stimulated, potentials A B C after the tick, left, right), worked out by hand from the rule:
        // fire on |V| > 30 at the start of the tick, reset the firing neurons, then deliver stimulated and fired rows.
        (int[] In, long[] V, long L, long R)[] expected =
        [
            ([0], [0, 20, 0], 5, 0),      // A stimulated: B += 20, left += 5
            ([0], [0, 40, 0], 5, 0),
            ([], [35, 0, 3], 0, 0),       // B (40) fires: reset, A += 35, C += 3 through the gap junction
            ([], [0, 20, 3], 5, 0),       // A (35) fires
            ([2], [-40, 23, 3], 0, -7),   // C stimulated: A −= 40, B += 3 (gap), right −= 7
            ([1], [35, 43, 6], 5, 0),     // A (−40) fires: reset to 0, then B's 35 arrives; B stimulated and A fired deliver
            ([0], [35, 40, 9], 10, 0),    // A stimulated and firing delivers twice; B (43) fires too
            ([], [35, 20, 12], 5, 0),
        ];
        foreach (var (input, v, left, right) in expected)
        {
            var motor = network.Tick(input);
            Assert.Equal(v, network.Potentials.ToArray());
            Assert.Equal(new MotorOutput(left, right), motor);
        }
    }

    [Theory]
    [InlineData(1, 0.0)]
    [InlineData(2, 3.0)]
    [InlineData(3, 40.0)]
    public void Tick_MatchesTheReferenceOnTheConnectome(int seed, double noise)
    {
        var spec = ConnectomeNetworkSpec.FromGraph(ConnectomeGraphTests.Shared.Value, new ConnectomeNetworkSettings());
        var rng = new Random(seed);
        double[] genes = spec.BiologicalGenes();
        for (int k = 0; k < genes.Length; k++)
        {
            genes[k] += noise * ((2 * rng.NextDouble()) - 1);
        }

        var weights = new ConnectomeDecoder(spec).Decode(RuleGenome.Of(genes))!;
        var network = Create(spec);
        var reference = new ReferenceConnectomeNetwork(spec);
        network.Load(weights);
        reference.Load(weights);
        int[][] inputs = [[], [.. spec.TouchInputs], [.. spec.FoodInputs], [.. spec.FoodLeftInputs], [5, 5, 17]];
        for (int t = 0; t < 300; t++)
        {
            int[] input = inputs[rng.Next(inputs.Length)];
            Assert.Equal(reference.Tick(input), network.Tick(input));
            Assert.Equal(reference.Potentials.ToArray(), network.Potentials.ToArray());
            if (t == 150)
            {
                network.Reset();
                reference.Reset();
            }
        }
    }

    [Fact]
    public void Load_ResetsThePotentials()
    {
        var spec = Tiny();
        var network = Create(spec);
        network.Load(ConnectomeWeights.Biological(spec));
        network.Tick([0]);
        network.Tick([0]);
        network.Load(ConnectomeWeights.Biological(spec));
        Assert.Equal([0L, 0, 0], network.Potentials.ToArray());
        Assert.Equal(new MotorOutput(5, 0), network.Tick([0]));
    }

    [Fact]
    public void Load_RejectsWeightsOfAnotherSpec()
    {
        var network = Create(Tiny());
        var e = Assert.Throws<ArgumentException>(() => network.Load(ConnectomeWeights.Biological(Tiny())));
        Assert.StartsWith("The weights belong to another network spec", e.Message, StringComparison.Ordinal);
    }
}
