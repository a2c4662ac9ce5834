using System.Collections.Immutable;
using Neuro.Rules.Data;
using Neuro.Rules.Patterns;
using Xunit;

namespace Neuro.FixedPointSim.Patterns;

public sealed class RuleRomTests
{
    [Theory]
    [InlineData("ap_fixed<8,-4,AP_RND_CONV,AP_SAT>", 7)]
    [InlineData("ap_fixed<12,0,AP_TRN,AP_WRAP>", 8)]
    [InlineData("ap_fixed<16,4,AP_RND_INF,AP_SAT_SYM>", 9)]
    public void Words_EqualFixedFromDoubleOfEtaTimesEntry(string ruleEntry, int seed)
    {
        var normal = new StandardNormal(new Random(seed));
        ImmutableArray<double> Table(int count) => [.. Enumerable.Range(0, count).Select(_ => 3 * normal.Next())];
        var rule = new PatternRule(3, 0.01, Table(256), Table(16), Table(32));
        var entry = FixedType.Parse(ruleEntry);
        var weight = new FixedType(new QFormat(true, 16, entry.Format.FracBits), Rounding.RndConv, Overflow.Sat);
        var precision = PrecisionConfig.Default with { Weight = weight, RuleEntry = entry };
        var rom = new RuleRom(rule, precision);

        Assert.Equal(entry, rom.Entry);
        Assert.Equal(rule.Layout, rom.Layout);
        AssertWords(rule.Eta, rule.Hidden!.Value, rom.Hidden!.Value, entry);
        AssertWords(rule.Eta, rule.Input!.Value, rom.Input!.Value, entry);
        AssertWords(rule.Eta, rule.Output!.Value, rom.Output!.Value, entry);
    }

    private static void AssertWords(double eta, ImmutableArray<double> table, ImmutableArray<long> words, FixedType entry)
    {
        Assert.Equal(table.Length, words.Length);
        for (int i = 0; i < table.Length; i++)
        {
            Assert.Equal((long)Fixed.FromDouble(eta * table[i], entry).Raw, words[i]);
        }
    }

    /// <summary>
    /// The default ROM word ap_fixed&lt;8,-4&gt;: LSB 2^-12 = 0.000244140625, range [−128, 127] LSBs = [−0.03125, 0.031005859375].
    /// With eta 0.01: hidden (0, 0.01, 5, −5) → values (0, 0.0001 = 0.41 LSB → 0: zeroed, 0.05 = 204.8 LSB and −0.05: saturated);
    /// input (3.1, 0.0122) → (126.98 LSB → 127, in range; 0.4997 LSB → 0: zeroed);
    /// output (3.12, −3.13, −3.125, 0) → (127.8 LSB → 128: saturated; −128.2 → −128, in range after rounding; −128 exactly; 0).
    /// </summary>
    [Fact]
    public void Stats_CountSaturatedAndZeroedEntries()
    {
        var rule = new PatternRule(0, 0.01, [0, 0.01, 5, -5], [3.1, 0.0122], [3.12, -3.13, -3.125, 0]);
        var rom = new RuleRom(rule, PrecisionConfig.Default);

        Assert.Equal([0, 0, 127, -128], rom.Hidden!.Value.ToArray());
        Assert.Equal(new RuleRomStats(4, 2, 1), rom.StatsOf("recurrent"));
        Assert.Equal([127, 0], rom.Input!.Value.ToArray());
        Assert.Equal(new RuleRomStats(2, 0, 1), rom.StatsOf("input"));
        Assert.Equal([127, -128, -128, 0], rom.Output!.Value.ToArray());
        Assert.Equal(new RuleRomStats(4, 1, 0), rom.StatsOf("output"));
    }

    [Fact]
    public void Stats_OverflowToZeroCountsAsSaturatedNotZeroed()
    {
        var rule = new PatternRule(0, 0.01, [0, 0.01, 5, -5], null, null);
        var precision = PrecisionConfig.Default with { RuleEntry = FixedType.Parse("ap_fixed<8,-4,AP_RND_CONV,AP_SAT_ZERO>") };
        var rom = new RuleRom(rule, precision);
        Assert.Equal([0, 0, 0, 0], rom.Hidden!.Value.ToArray());
        Assert.Equal(new RuleRomStats(4, 2, 1), rom.StatsOf("recurrent"));
    }

    [Fact]
    public void Tables_AbsentFromTheRuleAreNull()
    {
        var rom = new RuleRom(new PatternRule(0, 0.01, [1, 2, 3, 4], null, null), PrecisionConfig.Default);
        Assert.Null(rom.Input);
        Assert.Null(rom.Output);
        Assert.Null(rom.StatsOf("input"));
        Assert.Null(rom.StatsOf("output"));
    }
}
