using System.Collections.Immutable;
using Xunit;

namespace Neuro.Rules.Layouts;

public sealed class TableLayoutTests
{
    private static TableLayout Output() =>
        new("output", "output", TableMode.Add, [new(Signal.PreHistory, 4), new(Signal.Role, 1), new(Signal.Margin, 2)]);

    [Fact]
    public void Address_ConcatenatesTheFieldsMostSignificantFirst()
    {
        var table = Output();

        Assert.Equal(7, table.AddressBits);
        Assert.Equal(128, table.Entries);
        Assert.Equal((0b1011 << 3) | (1 << 2) | 0b10, table.Address([0b1011, 1, 0b10]));
        Assert.Equal([0b1011, 1, 0b10], table.Decode((0b1011 << 3) | (1 << 2) | 0b10));
        Assert.Equal(0b1011 << 3, table.Term(Signal.PreHistory, 0b1011));
        Assert.Equal(1 << 2, table.Term(Signal.Role, 1));
        Assert.Equal(0, table.Term(Signal.Phase, 3));
        Assert.Equal(table.Address([5, 0, 3]), table.Term(Signal.PreHistory, 5) | table.Term(Signal.Role, 0) | table.Term(Signal.Margin, 3));
    }

    [Fact]
    public void Decode_InvertsAddressEverywhere()
    {
        var table = Output();
        for (int a = 0; a < table.Entries; a++)
        {
            Assert.Equal(a, table.Address(table.Decode(a)));
        }
    }

    [Fact]
    public void BitMeanings_DescribeEveryBitMostSignificantFirst()
    {
        var bits = Output().BitMeanings();

        Assert.Equal([6, 5, 4, 3, 2, 1, 0], bits.Select(b => b.Bit));
        Assert.Equal("preHistory[3]: the pre neuron fired in round 0 (round 0 is the most significant bit)", bits[0].Meaning);
        Assert.Equal("preHistory[0]: the pre neuron fired in round 3 (round 0 is the most significant bit)", bits[3].Meaning);
        Assert.Equal("role: 0 the label's row, 1 another updated row", bits[4].Meaning);
        Assert.StartsWith("margin[1]: bit 1 of the margin bucket (thresholds -1, 0, 1", bits[5].Meaning, StringComparison.Ordinal);
    }

    [Fact]
    public void Broadcast_CopiesEntriesOverTheNewFields()
    {
        var classic = new TableLayout("output", "output", TableMode.Add, [new(Signal.PreHistory, 4), new(Signal.Role, 1)]);
        var entries = Enumerable.Range(0, 32).Select(i => (double)i).ToArray();
        var wider = Output();

        var broadcast = wider.Broadcast(classic, entries);

        for (int a = 0; a < wider.Entries; a++)
        {
            var v = wider.Decode(a);
            Assert.Equal(entries[classic.Address([v[0], v[1]])], broadcast[a]);
        }

        var reordered = new TableLayout("o", "output", TableMode.Add, [new(Signal.Role, 1), new(Signal.PreHistory, 4)]);
        Assert.Equal(entries[classic.Address([9, 1])], reordered.Broadcast(classic, entries)[reordered.Address([1, 9])]);
        var e = Assert.Throws<ArgumentException>(() => classic.Broadcast(wider, new double[128]));
        Assert.StartsWith("Table 'output' (preHistory:4, role:1) has no field margin:2 like table 'output'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1x", "recurrent", "Table name '1x' must be a letter followed by letters, digits or underscores (at most 32)")]
    [InlineData("a b", "recurrent", "Table name 'a b' must be")]
    [InlineData("t", "re-current", "Table 't': synapse group 're-current' must be")]
    public void Constructor_RejectsUnsafeNames(string name, string group, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => new TableLayout(name, group, TableMode.Add, [new(Signal.Phase, 1)]));

        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_RejectsDuplicateSignalsAndTooManyBits()
    {
        var twice = Assert.Throws<ArgumentException>(() => new TableLayout("t", "g", TableMode.Add, [new(Signal.Phase, 1), new(Signal.Phase, 2)]));
        Assert.StartsWith("Table 't' names the signal 'phase' twice", twice.Message, StringComparison.Ordinal);
        var wide = Assert.Throws<ArgumentException>(() => new TableLayout("t", "g", TableMode.Add, [new(Signal.PreHistory, 8), new(Signal.PostHistory, 8), new(Signal.Phase, 1)]));
        Assert.StartsWith("Table 't' has 17 address bits (preHistory:8, postHistory:8, phase:1); the most is 16 (65,536 entries)", wide.Message, StringComparison.Ordinal);
        var none = Assert.Throws<ArgumentException>(() => new TableLayout("t", "g", TableMode.Add, ImmutableArray<LayoutField>.Empty));
        Assert.StartsWith("Table 't' needs at least one field", none.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RuleLayout_OwnsTheOffsetsAndRejectsDuplicates()
    {
        var hidden = new TableLayout("hidden", "recurrent", TableMode.Add, [new(Signal.PreHistory, 4), new(Signal.PostHistory, 4)]);
        var layout = new RuleLayout([hidden, Output()]);

        Assert.Equal(0, layout.Offset(0));
        Assert.Equal(256, layout.Offset(1));
        Assert.Equal(384, layout.TotalEntries);
        Assert.Equal(1, layout.IndexOf("output"));
        Assert.Null(layout.Find("input"));
        Assert.StartsWith("Two tables are named 'hidden'", Assert.Throws<ArgumentException>(() => new RuleLayout([hidden, hidden])).Message, StringComparison.Ordinal);
        var sameGroup = hidden with { };
        var other = new TableLayout("other", "recurrent", TableMode.Add, [new(Signal.Phase, 1)]);
        Assert.StartsWith("Tables 'hidden' and 'other' both update the 'recurrent' synapses", Assert.Throws<ArgumentException>(() => new RuleLayout([sameGroup, other])).Message, StringComparison.Ordinal);
    }
}
