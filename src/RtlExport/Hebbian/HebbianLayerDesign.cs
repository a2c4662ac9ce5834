using System.Collections.Immutable;
using System.Globalization;
using Neuro.FixedPointSim;
using Neuro.FixedPointSim.Hebbian;
using Neuro.Rules.Hebbian;
using Neuro.Rules.Layouts;

namespace Neuro.RtlExport.Hebbian;

/// <summary>
/// One plastic layer of a Hebbian network as its RTL walks it (<see cref="FixedHebbianNetwork"/>): the weight matrix
/// (<see cref="Rows"/> post neurons × <see cref="Cols"/> pre neurons, row-major, the walk order), the two compiled ROMs as
/// images, and every width and constant of <c>w ← overflow(w + ((add[pre, post] + ((w·scale[post, trace]) &gt;&gt; shift) + r) &gt;&gt; s))</c>
/// and of the activity trace.
/// </summary>
internal sealed class HebbianLayerDesign
{
    public HebbianLayerDesign(
        string name, string module, HebbianRom rom, HebbianLayerRule rule, HebbianPrecision precision, FixedType weight,
        int rows, int cols, ActivityLevels pre, ActivityLevels post, string preMeaning, string postMeaning)
    {
        Name = name;
        Module = module;
        Rule = rule;
        Weight = weight;
        Rows = rows;
        Cols = cols;
        Pre = pre;
        Post = post;
        TraceLevels = precision.Trace;
        PreMeaning = preMeaning;
        PostMeaning = postMeaning;
        StochasticBits = precision.StochasticBits(weight);
        ScaleShift = precision.ScaleShift(weight);
        if (ScaleShift < 0)
        {
            throw new RtlExportException(string.Create(CultureInfo.InvariantCulture,
                $"The {name} layer's weight {weight} has fewer fractional bits than ruleEntry {precision.RuleEntry} minus scaleEntry {precision.ScaleEntry} allows (w·scale would need a left shift of {-ScaleShift}); the RTL shifts right only"));
        }

        AddLayout = new TableLayout(name + "_add", name, TableMode.Add, [new LayoutField(Signal.Pre, pre.Bits), new LayoutField(Signal.Post, post.Bits)]);
        AddRom = new RomImage(name + "_add", precision.RuleEntry.Format.Width, AddLayout.AddressBits, rom.Add,
            [.. AddLayout.BitMeanings().Select(b => $"{b.Meaning} ({(b.Signal == "pre" ? preMeaning : postMeaning)})")]);
        ScaleRom = new RomImage(name + "_scale", precision.ScaleEntry.Format.Width, post.Bits + TraceLevels.Bits, rom.Scale,
            [
                .. Enumerable.Range(0, post.Bits).Reverse().Select(b => Bit("post", b, post.Bits, postMeaning)),
                .. Enumerable.Range(0, TraceLevels.Bits).Reverse().Select(b => Bit("trace", b, TraceLevels.Bits, "the post neuron's activity-trace level")),
            ]);
        TraceTop = post.Top;
        TraceWidth = VerilogTypes.IndexWidth(((long)TraceTop << FixedHebbianNetwork.TraceFracBits) + 1);
        var thresholds = ImmutableArray.CreateBuilder<long>(TraceLevels.Top);
        long max = (long)TraceTop << FixedHebbianNetwork.TraceFracBits;
        for (int level = 1; level <= TraceLevels.Top; level++)
        {
            // The smallest trace raw the model puts at this level or above (its TraceLevel is monotone in t).
            long lo = 0, hi = max + 1;
            while (lo < hi)
            {
                long mid = (lo + hi) / 2;
                if (FixedHebbianNetwork.TraceLevel(mid, TraceTop, TraceLevels) >= level)
                {
                    hi = mid;
                }
                else
                {
                    lo = mid + 1;
                }
            }

            thresholds.Add(lo);
        }

        TraceThresholds = thresholds.MoveToImmutable();
    }

    /// <summary><c>hidden</c> (input → hidden) or <c>output</c> (hidden → output).</summary>
    public string Name { get; }

    /// <summary>The layer's Verilog module.</summary>
    public string Module { get; }

    public HebbianLayerRule Rule { get; }

    public FixedType Weight { get; }

    public int WeightWidth => Weight.Format.Width;

    /// <summary>Post neurons: rows of the weight matrix, one prologue each.</summary>
    public int Rows { get; }

    /// <summary>Pre neurons: synapses per row.</summary>
    public int Cols { get; }

    /// <summary>Weights of the layer, <c>Rows · Cols</c>.</summary>
    public int Weights => Rows * Cols;

    /// <summary>Bits of a weight address.</summary>
    public int AddressWidth => VerilogTypes.IndexWidth(Weights);

    public int RowWidth => VerilogTypes.IndexWidth(Rows);

    public int ColWidth => VerilogTypes.IndexWidth(Cols);

    /// <summary>The pre signal's quantization (input levels or hidden levels).</summary>
    public ActivityLevels Pre { get; }

    /// <summary>The post signal's quantization (hidden levels, or the 1-bit teacher).</summary>
    public ActivityLevels Post { get; }

    public ActivityLevels TraceLevels { get; }

    public string PreMeaning { get; }

    public string PostMeaning { get; }

    /// <summary>The add table [pre, post] as a layout (the address of <see cref="AddRom"/>).</summary>
    public TableLayout AddLayout { get; }

    /// <summary>The add ROM: <c>a(pre, post)</c> in the rule entry type.</summary>
    public RomImage AddRom { get; }

    /// <summary>The multiply ROM [post, trace]: <c>−s(post, trace)</c> in the scale entry type.</summary>
    public RomImage ScaleRom { get; }

    public int StochasticBits { get; }

    public int ScaleShift { get; }

    /// <summary>The post neuron's top activity level: a trace raw lies in <c>[0, TraceTop · 2^16]</c>.</summary>
    public int TraceTop { get; }

    /// <summary>Bits of an unsigned trace raw.</summary>
    public int TraceWidth { get; }

    /// <summary>The smallest trace raw of each trace level 1..top (<see cref="FixedHebbianNetwork.TraceLevel"/>).</summary>
    public ImmutableArray<long> TraceThresholds { get; }

    /// <summary>Clocks of one walk of the layer, counted from the clock edge that samples <c>start</c> to the edge after
    /// which <c>done</c> is high: a two-clock prologue per row, one clock per synapse, two more until the last write.</summary>
    public long Clocks => ((long)Rows * (Cols + 2)) + 2;

    private static string Bit(string field, int bit, int bits, string meaning) =>
        bits == 1 ? $"{field}: {meaning}" : string.Create(CultureInfo.InvariantCulture, $"{field}[{bit}]: bit {bit} of {meaning}");
}
