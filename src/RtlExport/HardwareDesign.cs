using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Neuro.FixedPointSim;
using Neuro.FixedPointSim.Patterns;
using Neuro.Rules.Layouts;
using Neuro.Rules.Patterns;

namespace Neuro.RtlExport;

/// <summary>
/// Everything the emitters need, derived once from a rule, a precision config and a network: sizes, widths, the edge
/// lists of the masks, the ROM images and the names of modules and files. Validates the limits of the hardware.
/// </summary>
internal sealed class HardwareDesign
{
    /// <summary>Largest total of rule-ROM bits over all tables (1 Mibit; the largest iCE40 holds 120 kbit of block RAM).</summary>
    public const long MaxRomBits = 1L << 20;

    /// <summary>Largest number of hidden neurons (the history registers form one <c>Hidden</c>-way multiplexer per read).</summary>
    public const int MaxHidden = 1024;

    /// <summary>Largest number of words in one weight memory.</summary>
    public const int MaxWeightWords = 1 << 20;

    public HardwareDesign(string name, PatternRule rule, PrecisionConfig precision, PatternNetworkSpec spec, PatternNetworkMasks masks)
    {
        Name = VerilogNames.Validate(name);
        if (rule.Layout.Tables.Any(t => t.Mode != TableMode.Add))
        {
            throw new RtlExportException(
                "The rule is multiplicative (w ← w·(1 + eta·entry)); the RTL implements additive rules only (w ← overflow(w + rom[addr]), no multiplier). Export an additive rule");
        }

        if (!PatternLayouts.IsClassic(rule.Layout, rule.Rounds))
        {
            throw new RtlExportException(
                $"The rule's layout ({string.Join("; ", rule.Layout.Tables.Select(t => $"{t.Name}: {t.FieldList}"))}) is not the classic one; the RTL exports the classic pattern layout so far (hidden: preHistory, postHistory; input: postHistory; output: preHistory, role:1)");
        }

        precision.Validate(spec);
        Rule = rule;
        Precision = precision;
        Spec = spec;
        Masks = masks;
        RuleHash = "sha256:" + Sha256(Encoding.UTF8.GetBytes(PatternRuleFile.Canonical(rule)));
        if (spec.Hidden < 2 || spec.Hidden > MaxHidden)
        {
            throw new RtlExportException(string.Create(CultureInfo.InvariantCulture, $"The engine supports 2..{MaxHidden} hidden neurons, not {spec.Hidden}"));
        }

        var hiddenPre = new List<int>();
        var hiddenPost = new List<int>();
        for (int post = 0; post < spec.Hidden; post++)
        {
            for (int pre = 0; pre < spec.Hidden; pre++)
            {
                if (masks.Recurrent[post * spec.Hidden + pre])
                {
                    hiddenPre.Add(pre);
                    hiddenPost.Add(post);
                }
            }
        }

        var inputPost = new List<int>();
        var inputColumn = new List<int>();
        for (int post = 0; post < spec.Hidden; post++)
        {
            for (int j = 0; j < spec.Inputs; j++)
            {
                if (masks.Input[post * spec.Inputs + j])
                {
                    inputPost.Add(post);
                    inputColumn.Add(j);
                }
            }
        }

        HiddenEdgePre = [.. hiddenPre];
        HiddenEdgePost = [.. hiddenPost];
        InputEdgePost = [.. inputPost];
        InputEdgeColumn = [.. inputColumn];
        if (HiddenEdges == 0)
        {
            throw new RtlExportException("The recurrent mask has no edge; the hidden weight memory would be empty (raise --p or change --seed)");
        }

        if (HasInput && InputEdges == 0)
        {
            throw new RtlExportException("The input mask has no edge but the rule has an input table; the input weight memory would be empty (raise --p or change --seed)");
        }

        if (Math.Max(HiddenEdges, Math.Max(InputEdges, OutputWords)) > MaxWeightWords)
        {
            throw new RtlExportException(string.Create(CultureInfo.InvariantCulture, $"A weight memory would hold more than {MaxWeightWords} words"));
        }

        Roms = BuildRoms();
        long bits = Roms.Sum(r => r.Bits);
        if (bits > MaxRomBits)
        {
            throw new RtlExportException(string.Create(CultureInfo.InvariantCulture,
                $"The rule ROMs need {bits} bits ({string.Join(" + ", Roms.Select(r => $"{r.Name} {r.Depth}×{r.WordWidth}"))}), more than the limit of {MaxRomBits}; use fewer rounds or a narrower rule-entry format"));
        }
    }

    public string Name { get; }

    public PatternRule Rule { get; }

    public PrecisionConfig Precision { get; }

    public PatternNetworkSpec Spec { get; }

    public PatternNetworkMasks Masks { get; }

    /// <summary><c>sha256:</c> + hex SHA-256 of the rule's canonical JSON (<see cref="PatternRuleFile.Canonical"/>).</summary>
    public string RuleHash { get; }

    public ImmutableArray<RomImage> Roms { get; }

    public int[] HiddenEdgePre { get; }

    public int[] HiddenEdgePost { get; }

    public int[] InputEdgePost { get; }

    public int[] InputEdgeColumn { get; }

    public int HiddenEdges => HiddenEdgePre.Length;

    public int InputEdges => HasInput ? InputEdgePost.Length : 0;

    public int OutputWords => HasOutput ? Spec.Classes * Spec.Hidden : 0;

    public bool HasInput => Rule.Input is not null;

    public bool HasOutput => Rule.Output is not null;

    public bool AllEdges => Rule.OutputEdges == OutputEdges.AllEdges;

    public int PatternWidth => HiddenTable.Field(Signal.PreHistory)!.Bits;

    /// <summary>Distinct firing histories (values of a history field of the hidden table's layout).</summary>
    public int Histories => HiddenTable.Field(Signal.PreHistory)!.Values;

    /// <summary>The hidden (recurrent) table's layout.</summary>
    public TableLayout HiddenTable => Rule.Layout.Find(PatternLayouts.Recurrent)!;

    public int WeightWidth => Precision.Weight.Format.Width;

    public int EntryWidth => Precision.RuleEntry.Format.Width;

    public Overflow Overflow => Precision.Weight.Overflow;

    /// <summary>Bits of a hidden-neuron index.</summary>
    public int IndexWidth => VerilogTypes.IndexWidth(Spec.Hidden);

    /// <summary>Bits of a class index.</summary>
    public int ClassWidth => VerilogTypes.IndexWidth(Spec.Classes);

    /// <summary>Bits of a weight-memory address, wide enough for every layer's memory.</summary>
    public int AddressWidth => VerilogTypes.IndexWidth(Math.Max(HiddenEdges, Math.Max(InputEdges, Math.Max(OutputWords, 2))));

    public string RomModule => Name + "_rom";

    public string PlasticityUnit => Name + "_plasticity_unit";

    public string Engine => Name + "_engine";

    public string PlasticityUnitTestbench => PlasticityUnit + "_tb";

    public string EngineTestbench => Engine + "_tb";

    /// <summary>The <c>$readmemh</c> image of a rule table, relative to the export folder.</summary>
    public string RomPath(string table, string extension = "mem") => $"rom/{Name}_{table}.{extension}";

    /// <summary>The edge list of a mask (<c>hidden</c> or <c>input</c>), relative to the export folder.</summary>
    public string EdgesPath(string layer) => $"rom/{Name}_{layer}_edges.mem";

    /// <summary>A golden-vector file, relative to the export folder.</summary>
    public static string VectorPath(string module, string what) => $"vectors/{module}_{what}.mem";

    public static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>A Verilog string literal of a path (the paths here are built from validated names only).</summary>
    public static string Quote(string path) => $"\"{path}\"";

    private ImmutableArray<RomImage> BuildRoms()
    {
        var rom = new RuleRom(Rule, Precision);
        int pw = PatternWidth;
        var images = ImmutableArray.CreateBuilder<RomImage>();
        images.Add(new RomImage("hidden", EntryWidth, 2 * pw, rom.Hidden!.Value,
            [.. PatternBits("pre neuron"), .. PatternBits("post neuron")]));
        if (rom.Input is { } input)
        {
            images.Add(new RomImage("input", EntryWidth, pw, input, [.. PatternBits("post neuron")]));
        }

        if (rom.Output is { } output)
        {
            string kind = AllEdges ? "row kind: 0 = the label's row, 1 = every other row" : "row kind: 0 = the label's row, 1 = the (wrong) prediction's row";
            images.Add(new RomImage("output", EntryWidth, pw + 1, output, [.. PatternBits("hidden neuron"), kind]));
        }

        return images.ToImmutable();
    }

    private IEnumerable<string> PatternBits(string who)
    {
        for (int round = 0; round <= Rule.Rounds; round++)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{who} fired in round {round}");
        }
    }
}
