using Xunit;

namespace Neuro.Rules.Baxter;

public sealed class BaxterRuleTests
{
    /// <summary>The 16 Boolean functions of (pre, post), written independently of the table layout.</summary>
    private static readonly Func<bool, bool, bool>[] Functions =
    [
        (p, q) => false,
        (p, q) => !p && !q,
        (p, q) => !p && q,
        (p, q) => !p,
        (p, q) => p && !q,
        (p, q) => !q,
        (p, q) => p != q,
        (p, q) => !(p && q),
        (p, q) => p && q,
        (p, q) => p == q,
        (p, q) => q,
        (p, q) => !p || q,
        (p, q) => p,
        (p, q) => p || !q,
        (p, q) => p || q,
        (p, q) => true,
    ];

    public static TheoryData<int> Indices => [.. Enumerable.Range(0, 16)];

    [Theory]
    [MemberData(nameof(Indices))]
    public void Apply_EachOfThe16IsItsBooleanFunction(int index)
    {
        var rule = new BaxterRule(index);
        foreach (int pre in new[] { -1, 1 })
        {
            foreach (int post in new[] { -1, 1 })
            {
                int expected = Functions[index](pre > 0, post > 0) ? 1 : -1;
                Assert.Equal(expected, rule.Apply(pre, post));
            }
        }

        Assert.Equal(rule, BaxterRule.FromTable(rule.Table));
    }

    [Fact]
    public void Hebb_IsThePreTimesPostProduct()
    {
        foreach (int pre in new[] { -1, 1 })
        {
            foreach (int post in new[] { -1, 1 })
            {
                Assert.Equal(pre * post, BaxterRule.Hebb.Apply(pre, post));
                Assert.Equal(-pre * post, new BaxterRule(6).Apply(pre, post));
            }
        }

        Assert.Equal("hebb", BaxterRule.Hebb.Name);
        Assert.Equal([1, -1, -1, 1], BaxterRule.Hebb.Table.ToArray());
    }

    [Fact]
    public void Address_PutsPreInTheHighBit()
    {
        Assert.Equal(0, BaxterRule.Address(-1, -1));
        Assert.Equal(1, BaxterRule.Address(-1, 1));
        Assert.Equal(2, BaxterRule.Address(1, -1));
        Assert.Equal(3, BaxterRule.Address(1, 1));
        Assert.Equal("pre", new BaxterRule(12).Name); // entries at addresses 2 and 3: +1 exactly when pre is +1
    }

    [Fact]
    public void Constructor_RejectsAnIndexOutside0To15()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new BaxterRule(16));
        Assert.StartsWith("A Baxter rule is one of the 16 Boolean functions 0..15, not 16", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new BaxterRule(-1));
    }

    [Fact]
    public void FromTable_RejectsAnEntryThatIsNotPlusOrMinusOne()
    {
        var e = Assert.Throws<ArgumentException>(() => BaxterRule.FromTable([1, 0, -1, 1]));
        Assert.StartsWith("Entry [1] must be -1 or +1, not 0", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => BaxterRule.FromTable([1, -1, 1]));
    }
}
