using Neuro.Rules.Evolution;
using Xunit;

namespace Neuro.Rules.Hebbian;

public sealed class HebbianRuleDecoderTests
{
    [Fact]
    public void Decode_ZeroGenomeIsTheBaseStepsWithNoCoefficients()
    {
        var rule = new HebbianRuleDecoder().Decode(RuleGenome.Of(new double[HebbianRuleDecoder.GeneCount]))!;
        Assert.Equal(new HebbianLayerRule(1e-5, 0, 0, 0, 0, 0, 0, 0, 10), rule.Hidden);
        Assert.Equal(new HebbianLayerRule(1e-4, 0, 0, 0, 0, 0, 0, 0, 10), rule.Output);
    }

    [Fact]
    public void Decode_MapsEveryGeneOfTheDocumentedLayout()
    {
        double[] genes = [1, 2, 3, 4, 5, 6, 7, 8, 0.3, -2, -1, -2, -3, -4, -5, -6, -7, -0.26];
        var rule = new HebbianRuleDecoder().Decode(RuleGenome.Of(genes))!;
        Assert.Equal(new HebbianLayerRule(1e-4, 2, 3, 4, 5, 6, 7, 8, 13), rule.Hidden);
        Assert.Equal(1e-6, rule.Output.Eta, 1e-20);
        Assert.Equal(new HebbianLayerRule(rule.Output.Eta, -1, -2, -3, -4, -5, -6, -7, 7), rule.Output);
    }

    [Fact]
    public void Genes_RoundTripsThroughDecode()
    {
        var decoder = new HebbianRuleDecoder();
        var rule = new HebbianRule(new HebbianLayerRule(3e-6, 1, 2, 3, 4, 5, 6, 7, 12), new HebbianLayerRule(2e-3, -1, 0.5, 0, 0.25, 1, 0, -0.5, 4));
        var back = decoder.Decode(RuleGenome.Of(decoder.Genes(rule)))!;
        Assert.Equal(rule.Hidden.Eta, back.Hidden.Eta, 1e-18);
        Assert.Equal(rule.Output.Eta, back.Output.Eta, 1e-15);
        Assert.Equal(rule with { Hidden = rule.Hidden with { Eta = back.Hidden.Eta }, Output = rule.Output with { Eta = back.Output.Eta } }, back);
    }

    [Fact]
    public void Decode_NonFiniteGeneIsNotViable()
    {
        var genes = new double[HebbianRuleDecoder.GeneCount];
        genes[12] = double.NaN;
        Assert.Null(new HebbianRuleDecoder().Decode(RuleGenome.Of(genes)));
        genes[12] = 0;
        genes[9] = 400; // 10^400 overflows
        Assert.Null(new HebbianRuleDecoder().Decode(RuleGenome.Of(genes)));
    }

    [Fact]
    public void Decode_RejectsAWrongLength()
    {
        var e = Assert.Throws<ArgumentException>(() => new HebbianRuleDecoder().Decode(RuleGenome.Of(new double[3])));
        Assert.StartsWith("Genome has 3 genes; a hebbian rule needs 18", e.Message, StringComparison.Ordinal);
    }
}
