using Neuro.Rules.Evolution;
using Neuro.Rules.Patterns;
using Xunit;

namespace Neuro.Distributed;

public sealed class PatternRuleCodecTests
{
    [Theory]
    [InlineData(true, true, PatternUpdateMode.Additive, true)]
    [InlineData(false, true, PatternUpdateMode.Multiplicative, false)]
    [InlineData(true, false, PatternUpdateMode.Additive, false)]
    public void Decode_OfEncode_IsTheSameRuleBitForBit(bool input, bool output, PatternUpdateMode mode, bool misclassifiedOnly)
    {
        var settings = new PatternRuleSettings(Rounds: 3, Eta: 0.0123456789, mode, misclassifiedOnly, OutputEdges.AllEdges, input, output);
        var random = new Random(4);
        // Values whose shortest decimal text is long, and extremes, so any rounding in the text would show.
        double[] genes = [.. Enumerable.Range(0, settings.GeneCount).Select(i => i switch
        {
            0 => double.Epsilon,
            1 => -double.MaxValue,
            2 => 0.1 + 0.2,
            _ => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-12, 6)),
        })];
        var rule = new PatternRuleDecoder(settings).Decode(RuleGenome.Of(genes))!;
        var codec = new PatternRuleCodec();

        var back = codec.Decode(codec.Encode(rule));

        Assert.Equal(rule, back);
        Assert.Equal(rule.Genes().Select(BitConverter.DoubleToInt64Bits), back.Genes().Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(settings, PatternRuleSettings.Of(back));
    }
}
