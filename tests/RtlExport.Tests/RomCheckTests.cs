using Neuro.FixedPointSim;
using Neuro.FixedPointSim.Patterns;
using Neuro.Rules.Patterns;
using Xunit;

namespace Neuro.RtlExport;

public sealed class RomCheckTests
{
    private static PatternRule Rule(double entry, int rounds = 1) =>
        new(rounds, 0.01, [.. Enumerable.Repeat(entry, 16)], null, [.. Enumerable.Repeat(-entry, 8)]);

    [Fact]
    public void Ensure_AllWordsBelowTheLsb_RefusedNamingTheFormatToWiden()
    {
        // eta·entry = 0.01 · 0.003 = 3e-5, below 2^-12 / 2: every ap_fixed<8,-4> word rounds to 0.
        var e = Assert.Throws<RtlExportException>(() => RomCheck.Ensure(Rule(0.003), PrecisionConfig.Default));
        Assert.Equal(
            "every rule-ROM word is zero at ruleEntry ap_fixed<8,-4,AP_RND_CONV,AP_SAT>: the largest |eta·entry| is 3E-05, below its LSB 2^-12, " +
            "so the rule cannot learn at this precision; widen the weight and ruleEntry types to at least 16 fractional bits " +
            "(e.g. weight ap_fixed<20,4,AP_RND_CONV,AP_SAT>, ruleEntry ap_fixed<12,-4,AP_RND_CONV,AP_SAT>)",
            e.Message);
    }

    [Fact]
    public void Problem_TheSuggestedFormats_MakeWordsNonZero()
    {
        var weight = FixedType.Parse("ap_fixed<20,4,AP_RND_CONV,AP_SAT>");
        var entry = FixedType.Parse("ap_fixed<12,-4,AP_RND_CONV,AP_SAT>");
        Assert.Null(RomCheck.Problem(Rule(0.003), PrecisionConfig.Default with { Weight = weight, RuleEntry = entry }));
    }

    [Fact]
    public void Problem_OneNonZeroWord_IsEnough()
    {
        var hidden = Enumerable.Repeat(0.0, 16).ToArray();
        hidden[5] = 1; // 0.01 at 2^-12: 41 LSBs
        var rule = new PatternRule(1, 0.01, [.. hidden], null, null);
        Assert.Null(RomCheck.Problem(rule, PrecisionConfig.Default));
    }

    [Fact]
    public void Problem_AllZeroTables_SaysThereIsNothingToExport()
    {
        Assert.Equal("every entry of the rule's tables is zero, so no weight ever changes; there is nothing to export", RomCheck.Problem(Rule(0), PrecisionConfig.Default));
    }

    [Fact]
    public void Problem_OverflowZeroedBySatZero_AsksForIntegerBits()
    {
        // eta·entry = 0.01 · 100 = 1, far beyond ap_fixed<4,-2>'s range; AP_SAT_ZERO turns every word into 0.
        var precision = PrecisionConfig.Default with
        {
            Weight = FixedType.Parse("ap_fixed<8,2,AP_RND_CONV,AP_SAT>"),
            RuleEntry = FixedType.Parse("ap_fixed<4,-2,AP_RND_CONV,AP_SAT_ZERO>"),
        };
        Assert.StartsWith("every rule-ROM word is zero: the largest |eta·entry| (1) overflows the ruleEntry", RomCheck.Problem(Rule(100), precision), StringComparison.Ordinal);
    }
}
