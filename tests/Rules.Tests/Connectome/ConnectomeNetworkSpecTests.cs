using Neuro.Rules.Evolution;
using Xunit;

namespace Neuro.Rules.Connectome;

public sealed class ConnectomeNetworkSpecTests
{
    [Fact]
    public void FromGraph_KeepsTheMotorRowsAndEveryNeuronSynapse()
    {
        var spec = ConnectomeNetworkSpec.FromGraph(ConnectomeGraphTests.Shared.Value, new ConnectomeNetworkSettings());
        Assert.Equal(300, spec.NeuronCount);
        Assert.Equal(68, spec.MuscleNames.Length); // rows 7..23 of dBWML, dBWMR, vBWML, vBWMR
        Assert.Equal(34, spec.MuscleSides.Count(s => s == MuscleSide.Left));
        // 3,638 neuron synapses, 683 of the 924 muscle synapses land on rows 7..23 (independent Python count), 1,080 gap junctions.
        Assert.Equal(3638 + 683, spec.ChemicalCount);
        Assert.Equal(3638 + 683 + 1080, spec.GeneCount);
        Assert.Equal(480, spec.ThresholdRaw); // 30 at 4 fraction bits
        Assert.Equal(["ADFL", "ASGL", "ASIL", "ASJL"], spec.FoodLeftInputs.Select(i => spec.Neurons[i]).Order());
        Assert.Equal(10, spec.TouchInputs.Length);
    }

    [Fact]
    public void Constructor_RejectsAMissingInputAndAnOffGridThreshold()
    {
        var e = Assert.Throws<ArgumentException>(() => ConnectomeNetworkSpec.FromGraph(ConnectomeGraphTests.Shared.Value, new ConnectomeNetworkSettings { FoodNeurons = ["ADFL", "XYZ"] }));
        Assert.StartsWith("The food input neuron 'XYZ' is not in the network", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => new ConnectomeNetworkSpec(["A"], [], [], [], new ConnectomeNetworkSettings { Threshold = 30.1, FractionBits = 2, TouchNeurons = [], FoodNeurons = [] }));
        Assert.StartsWith("Threshold must be a positive multiple of 2^-2, not 30.1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_RoundsToTheGridHalfToEvenAndSaturates()
    {
        var spec = ConnectomeNetworkConformanceTests.Tiny(); // 5 chemical genes, 1 gap gene, 0 fraction bits
        var weights = new ConnectomeDecoder(spec).Decode(RuleGenome.Of([2.5, 3.5, -2.5, 1e12, -1e12, 0.49]))!;
        Assert.Equal([2, 4, -2, int.MaxValue, -int.MaxValue, 0], weights.Raw.ToArray());
        Assert.Null(new ConnectomeDecoder(spec).Decode(RuleGenome.Of([1, 2, 3, double.NaN, 5, 6])));
    }

    [Fact]
    public void Decode_ASubsetGenomeKeepsTheOtherGenesAtTheirBase()
    {
        var spec = ConnectomeNetworkConformanceTests.Tiny();
        var decoder = new ConnectomeDecoder(spec, [1, 5], null);
        Assert.Equal([35.0, 3.0], decoder.StartGenome());
        var weights = decoder.Decode(RuleGenome.Of([9, -4]))!;
        Assert.Equal([20, 9, 5, -7, -40, -4], weights.Raw.ToArray());
        Assert.Throws<ArgumentException>(() => new ConnectomeDecoder(spec, [1, 1], null));
    }
}
