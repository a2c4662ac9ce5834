using System.Collections.Immutable;
using Neuro.Rules.Layouts;

namespace Neuro.Rules.Baxter;

/// <summary>
/// Baxter's learning rule <c>f</c>: one of the 16 Boolean functions of two ±1 inputs, applied as a <c>write</c> table
/// with fields [pre(1), post(1)]: a learnable weight is overwritten <c>w ← f(pre, post)</c> (DESIGN.md §4).
/// </summary>
/// <remarks>
/// <para>The table's layout is <see cref="Layout"/> (a <see cref="TableLayout"/>: fields [pre(1), post(1)], mode
/// <c>write</c>, synapse group <c>learnable</c>), which owns the address: a ±1 activity becomes one field value
/// (+1 → 1, −1 → 0) and the layout concatenates them, pre the most significant. Entry <c>a</c> is +1 when bit <c>a</c>
/// of <see cref="Index"/> is set, else −1. So <see cref="Index"/> 0..15 numbers the 16 functions by their truth
/// tables; Hebb, <c>f = pre·post</c>, is 9 (entries +1, −1, −1, +1 from address 0).</para>
/// <para>A written weight is always ±1, so a learnable weight never becomes 0.</para>
/// </remarks>
public readonly record struct BaxterRule
{
    /// <summary>How many rules there are: the Boolean functions of two variables.</summary>
    public const int Count = 16;

    /// <summary>Entries of the table: one per (pre, post) pair.</summary>
    public const int Entries = 4;

    /// <summary>The rule with truth table <paramref name="index"/> (bit <c>a</c> = entry at address <c>a</c> is +1).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not 0..15.</exception>
    public BaxterRule(int index)
    {
        if (index is < 0 or >= Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"A Baxter rule is one of the 16 Boolean functions 0..15, not {index}");
        }

        Index = index;
    }

    /// <summary>The truth table as a number 0..15.</summary>
    public int Index { get; }

    /// <summary>Hebb's rule, <c>f(pre, post) = pre·post</c> (index 9).</summary>
    public static BaxterRule Hebb => new(9);

    /// <summary>The name of the synapse group the table updates: the learnable synapses.</summary>
    public const string SynapseGroup = "learnable";

    /// <summary>The table's layout: <c>f</c>, group <c>learnable</c>, mode <c>write</c>, fields [pre(1), post(1)].</summary>
    public static TableLayout Layout { get; } = new("f", SynapseGroup, TableMode.Write, [new LayoutField(Signal.Pre, 1), new LayoutField(Signal.Post, 1)]);

    /// <summary>The table address of a (pre, post) pair of ±1 activities, from <see cref="Layout"/> (field value 1 for +1).</summary>
    public static int Address(int pre, int post) => Layout.Term(Signal.Pre, Bit(pre)) | Layout.Term(Signal.Post, Bit(post));

    /// <summary>The ±1 activity an address bit stands for: 1 → +1, 0 → −1.</summary>
    public static int Activity(int bit) => bit != 0 ? 1 : -1;

    /// <summary>The entry at <paramref name="address"/> (0..3): +1 or −1.</summary>
    public int Entry(int address) => ((Index >> address) & 1) != 0 ? 1 : -1;

    /// <summary>The new weight <c>f(pre, post)</c> of a learnable synapse whose pre- and post-synaptic nodes have these activities.</summary>
    public int Apply(int pre, int post) => Entry(Address(pre, post));

    /// <summary>The four entries, address 0 first.</summary>
    public ImmutableArray<int> Table => [Entry(0), Entry(1), Entry(2), Entry(3)];

    /// <summary>The rule whose table is <paramref name="entries"/> (four values, each −1 or +1, address 0 first).</summary>
    /// <exception cref="ArgumentException">Not four entries, or an entry is not ±1.</exception>
    public static BaxterRule FromTable(IReadOnlyList<int> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count != Entries)
        {
            throw new ArgumentException($"A Baxter rule table has {Entries} entries, not {entries.Count}", nameof(entries));
        }

        int index = 0;
        for (int a = 0; a < Entries; a++)
        {
            index |= entries[a] switch
            {
                1 => 1 << a,
                -1 => 0,
                _ => throw new ArgumentException($"Entry [{a}] must be -1 or +1, not {entries[a]}", nameof(entries)),
            };
        }

        return new BaxterRule(index);
    }

    /// <summary>A readable name: <c>hebb</c>, <c>anti-hebb</c>, <c>pre</c>, <c>pre and post</c>, … (every one of the 16).</summary>
    public string Name => Names[Index];

    /// <inheritdoc/>
    public override string ToString() => $"f{Index} ({Name})";

    private static int Bit(int activity) => activity > 0 ? 1 : 0;

    private static readonly string[] Names =
    [
        "-1",
        "not pre and not post",
        "post and not pre",
        "not pre",
        "pre and not post",
        "not post",
        "anti-hebb",
        "not (pre and post)",
        "pre and post",
        "hebb",
        "post",
        "pre implies post",
        "pre",
        "post implies pre",
        "pre or post",
        "+1",
    ];
}
