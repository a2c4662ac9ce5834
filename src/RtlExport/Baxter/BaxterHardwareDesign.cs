using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Neuro.Rules.Baxter;
using Neuro.Rules.Layouts;

namespace Neuro.RtlExport.Baxter;

/// <summary>
/// Everything the Baxter emitters need, derived once from a learner: names, sizes, the bit of every node and learnable
/// weight, each computing node's synapse terms, the reset values and the rule ROM. One ±1 value is one bit: 1 is +1.
/// </summary>
internal sealed class BaxterHardwareDesign
{
    public BaxterHardwareDesign(string name, BaxterRuleDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        Name = VerilogNames.Validate(name);
        Document = document;
        if (Network.Learnable.IsEmpty)
        {
            throw new RtlExportException("The learner has no learnable synapse, so it cannot learn on chip; export a learner with at least one");
        }

        RuleHash = "sha256:" + HardwareDesign.Sha256(Encoding.UTF8.GetBytes(BaxterRuleFile.Serialize(document with { Provenance = null })));
        var rule = document.Learner.Rule;
        var layout = BaxterRule.Layout;
        Rom = new RomImage(layout.Name, 1, layout.AddressBits, [.. Enumerable.Range(0, layout.Entries).Select(a => rule.Entry(a) > 0 ? 1L : 0L)], [.. layout.BitMeanings().Select(b => b.Meaning)]);
    }

    public string Name { get; }

    public BaxterRuleDocument Document { get; }

    public BaxterNetwork Network => Document.Learner.Network;

    public BooleanTask Task => Document.Task;

    /// <summary><c>sha256:</c> + hex SHA-256 of the canonical rule file without provenance.</summary>
    public string RuleHash { get; }

    /// <summary>The rule <c>f</c> as a 4 × 1-bit ROM, addressed as <see cref="BaxterRule.Layout"/> declares (<c>{pre, post}</c>).</summary>
    public RomImage Rom { get; }

    /// <summary>The ROM's address as a Verilog concatenation of the layout's fields (each a one-bit port named after its signal), most significant first.</summary>
    public static string RomAddress => "{" + string.Join(", ", BaxterRule.Layout.Fields.Select(f => LayoutField.Name(f.Signal))) + "}";

    public int Nodes => Network.Nodes;

    public int Inputs => Network.Inputs;

    public int Learnable => Network.Learnable.Length;

    public string LutModule => Name + "_rule_lut";

    public string Learner => Name + "_learner";

    public string Testbench => Learner + "_tb";

    public string RomPath(string extension = "mem") => $"rom/{Name}_f.{extension}";

    /// <summary>Activities at reset and after <c>clear</c> as a binary literal: the bias +1, every other node −1.</summary>
    public string InitialActivities => Literal([true, .. Enumerable.Repeat(false, Nodes - 1)]);

    /// <summary>The learnable weights at reset as a binary literal, synapse <c>k</c> in bit <c>k</c>.</summary>
    public string ResetWeights => Literal([.. Network.Learnable.Select(s => s.Weight > 0)]);

    /// <summary>Bits of a node's agreement count: enough for its fan-in.</summary>
    public static int CountWidth(int fanIn) => VerilogTypes.IndexWidth(fanIn + 1);

    /// <summary>
    /// The one-bit terms of node <paramref name="post"/>'s sum, one per nonzero synapse: 1 when <c>w·ã = +1</c>. A fixed +1
    /// weight agrees with the presented bit, a fixed −1 with its complement, a learnable one when the bits are equal.
    /// </summary>
    public ImmutableArray<string> Terms(int post)
    {
        var terms = ImmutableArray.CreateBuilder<string>();
        var learnable = Network.Learnable;
        foreach (var s in Network.Synapses.Where(s => s.Post == post && s.Weight != 0))
        {
            string pre = Presented(s.Pre);
            terms.Add(s.Learnable
                ? $"~(w_reg[{Int(learnable.IndexOf(s))}] ^ {pre})"
                : s.Weight > 0 ? pre : $"~{pre}");
        }

        return terms.ToImmutable();
    }

    public static string Presented(int node) => $"presented[{Int(node)}]";

    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A sized binary literal of <paramref name="bits"/>, element 0 the least significant: <c>4'b0001</c>.</summary>
    public static string Literal(IReadOnlyList<bool> bits) =>
        $"{Int(bits.Count)}'b{string.Concat(bits.Reverse().Select(b => b ? '1' : '0'))}";

    /// <summary>Appends <paramref name="values"/> (±1) to <paramref name="word"/> as bits, element 0 the least significant.</summary>
    public static BitWord Append(BitWord word, IReadOnlyList<int> values)
    {
        for (int i = values.Count - 1; i >= 0; i--)
        {
            word.Add(values[i] > 0 ? 1 : 0, 1);
        }

        return word;
    }
}
