using Neuro.Rules.Evolution;
using Xunit;

namespace Neuro.Rules.Baxter;

public sealed class BaxterDecoderTests
{
    [Fact]
    public void Decode_ReadsOneGenePerPossibleSynapseAndTheRuleLast()
    {
        var decoder = new BaxterDecoder(4, 1);
        Assert.Equal((2 * 4) + 1, decoder.GeneCount);
        Assert.Equal([5, 5, 5, 5, 5, 5, 5, 5, 16], decoder.Alleles);
        // post 2 (out): pre 0 absent, pre 1 learnable +1, pre 2 fixed −1, pre 3 fixed +1; post 3 (h): pre 1 learnable −1.
        var learner = decoder.Decode(RuleGenome.Of([0, 4, 1, 2, 0, 3, 0, 0, 9]))!;
        Assert.Equal(
            [new BaxterSynapse(1, 2, 1, true), new BaxterSynapse(2, 2, -1, false), new BaxterSynapse(3, 2, 1, false), new BaxterSynapse(1, 3, -1, true)],
            learner.Network.Synapses.ToArray());
        Assert.Equal(BaxterRule.Hebb, learner.Rule);
    }

    [Fact]
    public void Encode_IsTheInverseOfDecode()
    {
        var decoder = new BaxterDecoder(5, 1);
        var rng = new Random(7);
        for (int trial = 0; trial < 50; trial++)
        {
            double[] genes = [.. decoder.Alleles.Select(a => (double)rng.Next(a))];
            Assert.Equal(genes, decoder.Encode(decoder.Decode(RuleGenome.Of(genes))!));
        }
    }

    [Fact]
    public void Decode_ClampsRealGenesToTheirAlleles()
    {
        var decoder = new BaxterDecoder(3, 1);
        var learner = decoder.Decode(RuleGenome.Of([-3.2, 3.7, 99, 15.9]))!;
        Assert.Equal([new BaxterSynapse(1, 2, -1, true), new BaxterSynapse(2, 2, 1, true)], learner.Network.Synapses.ToArray());
        Assert.Equal(15, learner.Rule.Index);
    }
}
