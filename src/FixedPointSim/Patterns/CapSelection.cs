using System.Diagnostics;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Neuro.FixedPointSim.Patterns;

/// <summary>
/// <c>cap_k</c> by vector ranks for the fast networks' small layers; the general selection is
/// <see cref="Neuro.Rules.Patterns.CapK"/>, shared by every implementation.
/// </summary>
/// <remarks>
/// The values are ReLU outputs (never negative). When at most k of them are positive, the reference's threshold is 0 or
/// the smallest positive value and nothing changes, so that case costs one pass. Otherwise the k-th largest value
/// <c>t &gt; 0</c> is found by quickselect over the positive values only, and the reference's rule applies: keep every
/// value above <c>t</c> and, in index order, as many equal to <c>t</c> as the cap still allows.
/// </remarks>
internal static class CapSelection
{
    /// <summary>Widest padded layer <see cref="ApplyRanked"/> takes; its work grows with the square of the width.</summary>
    public const int MaxRankedLanes = 64;

    /// <summary>
    /// <c>cap_k</c> by ranks, for small layers: value <c>x_i &gt; 0</c> survives when fewer than k values outrank it, a
    /// value outranking <c>x_i</c> when it is larger, or equal at a lower index. That is the threshold rule of
    /// <see cref="Neuro.Rules.Patterns.CapK.Apply{T}"/> (everything above the k-th largest <c>t</c>, then the first values equal to <c>t</c>) without
    /// its data-dependent branches: each rank is a few vector compares and a population count.
    /// </summary>
    /// <param name="values">The layer (all ≥ 0), padded with zeros to a multiple of 8 lanes and at most <see cref="MaxRankedLanes"/>.</param>
    /// <param name="k">The cap.</param>
    public static void ApplyRanked(Span<int> values, int k)
    {
        Debug.Assert(values.Length % 8 == 0 && values.Length <= MaxRankedLanes, "padded to whole vectors");
        ref int start = ref MemoryMarshal.GetReference(values);
        int blocks = values.Length / 8;
        var positive = 0u;
        for (int b = 0; b < blocks; b++)
        {
            positive += (uint)BitOperations.PopCount(Vector256.GreaterThan(Vector256.LoadUnsafe(ref start, (nuint)(b * 8)), Vector256<int>.Zero).ExtractMostSignificantBits());
        }

        if (positive <= k)
        {
            return;
        }

        // Zeroing waits until every rank is known: ranks compare against the values before the cap. No branch depends on
        // the data (half the values are often 0, at random): a zero is ranked too, and stays 0 whether kept or not.
        Span<int> keep = stackalloc int[MaxRankedLanes];
        var lane = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
        for (int i = 0; i < values.Length; i++)
        {
            var broadcast = Vector256.Create(values[i]);
            var index = Vector256.Create(i);
            int outranked = 0;
            for (int b = 0; b < blocks; b++)
            {
                var block = Vector256.LoadUnsafe(ref start, (nuint)(b * 8));
                var before = Vector256.LessThan(lane + Vector256.Create(b * 8), index);
                var above = Vector256.GreaterThan(block, broadcast) | (Vector256.Equals(block, broadcast) & before);
                outranked += BitOperations.PopCount(above.ExtractMostSignificantBits());
            }

            keep[i] = (outranked - k) >> 31; // all ones when outranked < k
        }

        ref int mask = ref MemoryMarshal.GetReference(keep);
        for (int b = 0; b < blocks; b++)
        {
            (Vector256.LoadUnsafe(ref start, (nuint)(b * 8)) & Vector256.LoadUnsafe(ref mask, (nuint)(b * 8))).StoreUnsafe(ref start, (nuint)(b * 8));
        }
    }
}
