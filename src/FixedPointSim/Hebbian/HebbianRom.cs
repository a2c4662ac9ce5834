using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Neuro.Rules.Hebbian;

namespace Neuro.FixedPointSim.Hebbian;

/// <summary>
/// One layer's rule compiled into two ROMs (DESIGN.md §4–5): the <c>add</c> table with fields [pre, post] holding
/// <c>a(p, q)</c> at the levels' centres in <see cref="HebbianPrecision.RuleEntry"/> (the weight's LSB scale plus the
/// stochastic-rounding bits), and the <c>multiply</c> table with fields [post, trace] holding <c>−s(q, ā)</c> in
/// <see cref="HebbianPrecision.ScaleEntry"/>.
/// </summary>
/// <remarks>
/// The entries are <see cref="HebbianTable.CompileAdditive"/> and <see cref="HebbianTable.CompileScaling"/> of the
/// rule, each quantized once from its double (no double rounding) with the word type's rounding and overflow.
/// </remarks>
public sealed class HebbianRom
{
    private readonly long[] add;
    private readonly long[] scale;

    /// <summary>Compiles and quantizes <paramref name="rule"/> for activities of <paramref name="pre"/> and <paramref name="post"/> levels.</summary>
    /// <exception cref="ArgumentException">The rule is invalid.</exception>
    /// <exception cref="Patterns.PrecisionConfigException">The precision config is invalid.</exception>
    public HebbianRom(HebbianLayerRule rule, HebbianPrecision precision, ActivityLevels pre, ActivityLevels post)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(precision);
        precision.Validate();
        AddTable = HebbianTable.CompileAdditive(rule, pre, post);
        ScaleTable = HebbianTable.CompileScaling(rule, post, precision.Trace);
        AddType = precision.RuleEntry;
        ScaleType = precision.ScaleEntry;
        add = new long[AddTable.Entries.Length];
        scale = new long[ScaleTable.Entries.Length];
        FixedQuantizer.Quantize(AddTable.Entries.AsSpan(), add, AddType);
        FixedQuantizer.Quantize(ScaleTable.Entries.AsSpan(), scale, ScaleType);
    }

    /// <summary>The add table before quantization (the formula at the level centres).</summary>
    public HebbianTable AddTable { get; }

    /// <summary>The multiply table before quantization.</summary>
    public HebbianTable ScaleTable { get; }

    /// <summary>Type of the add words.</summary>
    public FixedType AddType { get; }

    /// <summary>Type of the multiply words.</summary>
    public FixedType ScaleType { get; }

    /// <summary>The add words, address <c>pre·2^postBits + post</c>. Result format: <see cref="AddType"/>.</summary>
    public ImmutableArray<long> Add => ImmutableCollectionsMarshal.AsImmutableArray(add);

    /// <summary>The multiply words, address <c>post·2^traceBits + trace</c>. Result format: <see cref="ScaleType"/>.</summary>
    public ImmutableArray<long> Scale => ImmutableCollectionsMarshal.AsImmutableArray(scale);

    /// <summary>The add words as a span, for the update loop.</summary>
    internal ReadOnlySpan<long> AddSpan => add;

    /// <summary>The multiply words as a span.</summary>
    internal ReadOnlySpan<long> ScaleSpan => scale;

    /// <summary>Words of both ROMs that are zero although their entry is not (the step is below the word's LSB).</summary>
    public int ZeroedWords => Zeroed(AddTable.Entries, add) + Zeroed(ScaleTable.Entries, scale);

    /// <summary>Words of both ROMs at the word type's limits (saturated or wrapped).</summary>
    public int SaturatedWords => Saturated(add, AddType) + Saturated(scale, ScaleType);

    private static int Zeroed(ImmutableArray<double> entries, long[] words)
    {
        int count = 0;
        for (int i = 0; i < words.Length; i++)
        {
            if (words[i] == 0 && entries[i] != 0)
            {
                count++;
            }
        }

        return count;
    }

    private static int Saturated(long[] words, FixedType type) => words.Count(w => w == type.Format.MinRaw || w == type.Format.MaxRaw);
}
