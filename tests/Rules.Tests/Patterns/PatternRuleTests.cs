using System.Collections.Immutable;
using Xunit;

namespace Neuro.Rules.Patterns;

public sealed class PatternRuleTests
{
    [Fact]
    public void PatternOf_PutsRoundZeroInTheMostSignificantBit()
    {
        Assert.Equal(0b1011, PatternRule.PatternOf([true, false, true, true]));
        Assert.Equal(0b0001, PatternRule.PatternOf([false, false, false, true]));
    }

    [Fact]
    public void ClassicLayout_HiddenAddressIsPreTimesPPlusPost()
    {
        var rule = new PatternRule(3, 0.01, ImmutableArray.Create(new double[256]), null, null);
        var hidden = rule.Layout.Tables[0];
        Assert.Equal(16, hidden.Field(Layouts.Signal.PreHistory)!.Values);
        Assert.Equal(11 * 16 + 5, hidden.Address([0b1011, 0b0101]));
        Assert.Equal(256, rule.GeneCount);
    }

    [Fact]
    public void Constructor_RejectsWrongSizesAndNonFiniteEntries()
    {
        var e = Assert.Throws<ArgumentException>(() => new PatternRule(3, 0.01, ImmutableArray.Create(new double[255]), null, null));
        Assert.StartsWith("Table 'hidden' must have 256 entries, not 255", e.Message, StringComparison.Ordinal);
        var table = new double[256];
        table[17] = double.NaN;
        e = Assert.Throws<ArgumentException>(() => new PatternRule(3, 0.01, ImmutableArray.Create(table), null, null));
        Assert.StartsWith("Table 'hidden' entry [17] is NaN", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => new PatternRule(3, 0.01, ImmutableArray.Create(new double[256]), ImmutableArray.Create(new double[8]), null));
        Assert.StartsWith("Table 'input' must have 16 entries, not 8", e.Message, StringComparison.Ordinal);
    }
}
