using System.Globalization;
using Neuro.Rules.Layouts;
using Neuro.RtlExport.Verilog;
using static Neuro.RtlExport.Verilog.Expr;

namespace Neuro.RtlExport;

/// <summary>
/// The Verilog of the field codes that are more than a signal (DESIGN.md §4), each exactly as <see cref="LayoutField"/>
/// computes it in integers: the weight code (an arithmetic shift and a clamp), the margin code (how many thresholds the
/// exact margin is strictly above; relative thresholds as shifts of the largest logit magnitude) and the phase code
/// (<c>min(2^n − 1, floor(log2(1 + samples seen)))</c> from a saturating sample counter).
/// </summary>
internal static class FieldLogic
{
    /// <summary>Extra bits of the margin comparisons over the logits' width: a sign, the largest relative exponent, and one spare.</summary>
    public const int MarginGuardBits = LayoutField.MaxRelativeExponent + 2;

    /// <summary>Most bits of the learner's sample counter (the golden model counts in a <see cref="long"/>).</summary>
    public const int MaxCounterBits = 63;

    /// <summary>
    /// The <paramref name="field"/>'s code of the weight held in the plain vector <paramref name="weight"/> (two's complement,
    /// <paramref name="width"/> bits, <paramref name="fracBits"/> fractional): <c>clamp(floor(w·2^(n−1)/Range), −2^(n−1),
    /// 2^(n−1) − 1)</c> as <see cref="LayoutField.WeightCode(long, int)"/>, with the shift fixed at export, so only slices,
    /// an all-equal test of the bits above the code and a saturation multiplexer remain.
    /// </summary>
    public static string WeightCode(LayoutField field, string weight, int width, int fracBits)
    {
        int n = field.Bits;
        int shift = fracBits + Math.ILogB(field.Range) - (n - 1);
        string sign = Bit(weight, width - 1);
        string saturated = $"({sign} ? {VerilogTypes.Literal(1L << (n - 1), n)} : {VerilogTypes.Literal((1L << (n - 1)) - 1, n)})";
        if (shift >= 0)
        {
            if (shift >= width)
            {
                // Every weight is below 2^shift in magnitude: the floor is -1 or 0.
                return n == 1 ? sign : Replicate(Int(n), sign);
            }

            int significant = width - shift;
            string bucket = Slice(weight, width - 1, shift);
            if (significant <= n)
            {
                return significant == n ? bucket : Concat([Replicate(Int(n - significant), sign), bucket]);
            }

            return $"{AllEqual(Slice(weight, width - 1, shift + n - 1), significant - n + 1)} ? {Slice(weight, shift + n - 1, shift)} : {saturated}";
        }

        int left = -shift;
        int kept = n - left;
        string zeros = string.Create(CultureInfo.InvariantCulture, $"{left}'d0");
        if (kept >= width)
        {
            return Concat([.. kept > width ? [Replicate(Int(kept - width), sign)] : Array.Empty<string>(), weight, zeros]);
        }

        if (kept >= 1)
        {
            return $"{AllEqual(Slice(weight, width - 1, kept - 1), width - kept + 1)} ? {Concat([Slice(weight, kept - 1, 0), zeros])} : {saturated}";
        }

        return $"{weight} == {VerilogTypes.Decimal(0, width)} ? {VerilogTypes.Decimal(0, n)} : {saturated}";
    }

    /// <summary>
    /// One comparison per threshold of a margin field: whether the exact margin <paramref name="margin"/> (signed,
    /// <paramref name="compareWidth"/> bits) is strictly above it. Absolute thresholds are the raw integers
    /// <paramref name="rawThresholds"/> at the logits' fractional bits (a constant result when a threshold lies outside
    /// the margin's range); a relative threshold ±2^e compares against a bound wire that this adds to <paramref name="m"/>:
    /// <c>floor(2^e·L)</c> or <c>−ceil(2^e·L)</c> of the largest logit magnitude <paramref name="maxAbs"/>
    /// (<paramref name="maxAbsWidth"/> bits, non-negative), exactly as <see cref="LayoutField.MarginCode(Int128, Int128, ReadOnlySpan{Int128})"/>.
    /// </summary>
    public static List<string> MarginAbove(VerilogScope m, string prefix, LayoutField field, ReadOnlySpan<Int128> rawThresholds, string margin, int marginWidth, string maxAbs, int maxAbsWidth, int compareWidth)
    {
        var above = new List<string>();
        if (!field.Relative)
        {
            Int128 max = (Int128.One << (marginWidth - 1)) - 1, min = -(Int128.One << (marginWidth - 1));
            foreach (var t in rawThresholds)
            {
                above.Add(t >= max ? "1'b0" : t < min ? "1'b1"
                    : $"$signed({margin}) > $signed({marginWidth}'h{VerilogTypes.Hex(t, marginWidth)})");
            }

            return above;
        }

        for (int k = 0; k < field.Thresholds.Length; k++)
        {
            double t = field.Thresholds[k];
            if (t == 0)
            {
                above.Add($"$signed({margin}) > $signed({VerilogTypes.Decimal(0, compareWidth)})");
                continue;
            }

            int e = Math.ILogB(Math.Abs(t));
            string magnitude = e >= 0 ? ScaledUp(maxAbs, maxAbsWidth, e, compareWidth) : t > 0 ? Floor(maxAbs, maxAbsWidth, -e, compareWidth) : Ceiling(maxAbs, maxAbsWidth, -e, compareWidth);
            string bound = string.Create(CultureInfo.InvariantCulture, $"{prefix}_bound_{k}");
            string sense = t > 0 ? (e >= 0 ? $"floor(2^{e}*L) = L << {e}" : $"floor(2^{e}*L) = L >> {-e}") : (e >= 0 ? $"-ceil(2^{e}*L) = -(L << {e})" : $"-ceil(2^{e}*L)");
            m.Wire(bound, VerilogTypes.Range(compareWidth), $"Relative margin threshold {k} ({t.ToString("R", CultureInfo.InvariantCulture)}): {sense}",
                t > 0 ? magnitude : $"{VerilogTypes.Decimal(0, compareWidth)} - ({magnitude})");
            above.Add($"$signed({margin}) > $signed({bound})");
        }

        return above;
    }

    /// <summary>
    /// The phase code of a <paramref name="bits"/>-bit field from a saturating counter <paramref name="seen"/> of
    /// <paramref name="counterWidth"/> bits: one comparison <c>seen ≥ 2^k − 1</c> per k = 1 … min(2^bits − 1, width),
    /// summed (<see cref="LayoutField.PhaseCode"/>).
    /// </summary>
    public static string PhaseCode(string seen, int counterWidth, int bits)
    {
        int cap = (int)Math.Min((1L << bits) - 1, counterWidth);
        var terms = new List<string>();
        for (int k = 1; k <= cap; k++)
        {
            terms.Add($"{seen} >= {VerilogTypes.Literal((long)((1UL << k) - 1), counterWidth)}");
        }

        return Count(terms, bits);
    }

    /// <summary>
    /// The pre level of the non-negative activity <paramref name="activity"/> against the layer's largest activity
    /// <paramref name="largest"/> (both plain <paramref name="width"/>-bit vectors of the same scale): one comparison per
    /// level, <c>a != 0</c> for the level 0 and <c>a &gt; (A &gt;&gt; k)</c> for 2^-k (the shift is the floor), summed
    /// (<see cref="LayoutField.PreCode(long, long)"/>).
    /// </summary>
    public static string PreCode(LayoutField field, string activity, string largest, int width)
    {
        // A shift of the whole width (or more) leaves 0, so that level is a != 0 as well.
        var terms = field.PreShifts().Select(k => k < 0 || k >= width
            ? $"{activity} != {VerilogTypes.Decimal(0, width)}"
            : $"{activity} > ({largest} >> {k})").ToList();
        return Count(terms, field.Bits);
    }

    /// <summary>Bits of the learner's sample counter for a phase field of <paramref name="bits"/> bits: enough to reach its cap.</summary>
    public static int CounterBits(int bits) => (int)Math.Min((1L << bits) - 1, MaxCounterBits);

    /// <summary>How many of the one-bit <paramref name="terms"/> hold, as a <paramref name="bits"/>-bit sum.</summary>
    public static string Count(IReadOnlyList<string> terms, int bits) =>
        terms.Count == 0 ? VerilogTypes.Decimal(0, bits)
        : bits == 1 && terms.Count == 1 ? $"({terms[0]})"
        : string.Join(" + ", terms.Select(t => Concat([Replicate(Int(bits - 1), "1'b0"), $"({t})"])));

    private static string Bit(string vector, int bit) => string.Create(CultureInfo.InvariantCulture, $"{vector}[{bit}]");

    private static string Slice(string vector, int high, int low) =>
        high == low ? Bit(vector, high) : string.Create(CultureInfo.InvariantCulture, $"{vector}[{high}:{low}]");

    private static string AllEqual(string bits, int count) =>
        $"({bits} == {Replicate(Int(count), "1'b0")} || {bits} == {Replicate(Int(count), "1'b1")})";

    /// <summary><c>L · 2^e</c> zero-extended to <paramref name="width"/> bits.</summary>
    private static string ScaledUp(string value, int valueWidth, int e, int width) =>
        Concat([Replicate(Int(width - valueWidth - e), "1'b0"), value, .. e > 0 ? [string.Create(CultureInfo.InvariantCulture, $"{e}'d0")] : Array.Empty<string>()]);

    /// <summary><c>floor(L / 2^k)</c> zero-extended to <paramref name="width"/> bits.</summary>
    private static string Floor(string value, int valueWidth, int k, int width) =>
        k >= valueWidth ? VerilogTypes.Decimal(0, width) : Concat([Replicate(Int(width - (valueWidth - k)), "1'b0"), Slice(value, valueWidth - 1, k)]);

    /// <summary><c>ceil(L / 2^k)</c> zero-extended to <paramref name="width"/> bits: the floor plus one when a low bit is set.</summary>
    private static string Ceiling(string value, int valueWidth, int k, int width)
    {
        string low = k >= valueWidth ? value : Slice(value, k - 1, 0);
        string carry = Concat([Replicate(Int(width - 1), "1'b0"), $"|{low}"]);
        return k >= valueWidth ? carry : $"{Floor(value, valueWidth, k, width)} + {carry}";
    }
}
