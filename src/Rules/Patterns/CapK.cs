using System.Diagnostics;
using System.Numerics;

namespace Neuro.Rules.Patterns;

/// <summary>
/// <c>cap_k</c>, defined once for every implementation (float, fixed point): keeps the k largest values, ties to the
/// lower index, and zeroes the rest, in expected <c>O(v)</c>.
/// </summary>
/// <remarks>
/// The values are ReLU outputs (never negative). When at most k of them are positive nothing changes (the zeros a cap
/// would keep are zeros), so that case costs one pass. Otherwise the k-th largest value <c>t &gt; 0</c> is found by
/// quickselect over the positive values only; every value above <c>t</c> is kept and, in index order, as many equal to
/// <c>t</c> as the cap still allows.
/// </remarks>
public static class CapK
{
    /// <summary>Applies <c>cap_k</c> to <paramref name="values"/> (all ≥ 0); <paramref name="scratch"/> holds at least as many.</summary>
    public static void Apply<T>(Span<T> values, int k, Span<T> scratch)
        where T : struct, INumber<T>
    {
        int v = values.Length;
        if (k >= v)
        {
            return;
        }

        int positives = 0;
        for (int i = 0; i < v; i++)
        {
            Debug.Assert(values[i] >= T.Zero, "cap_k runs after ReLU");
            if (values[i] > T.Zero)
            {
                scratch[positives++] = values[i];
            }
        }

        if (positives <= k)
        {
            return;
        }

        T threshold = KthLargest(scratch[..positives], k);
        int above = 0;
        for (int i = 0; i < v; i++)
        {
            if (values[i] > threshold)
            {
                above++;
            }
        }

        int ties = k - above;
        for (int i = 0; i < v; i++)
        {
            if (values[i] > threshold)
            {
                continue;
            }

            if (values[i] == threshold && ties > 0)
            {
                ties--;
                continue;
            }

            values[i] = T.Zero;
        }
    }

    /// <summary>The k-th largest element (1-based) of <paramref name="a"/>, which it reorders (Hoare quickselect).</summary>
    private static T KthLargest<T>(Span<T> a, int k)
        where T : struct, INumber<T>
    {
        int lo = 0, hi = a.Length - 1, target = k - 1;
        while (lo < hi)
        {
            T pivot = a[(lo + hi) >>> 1];
            int i = lo, j = hi;
            while (i <= j)
            {
                while (a[i] > pivot)
                {
                    i++;
                }

                while (a[j] < pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (a[i], a[j]) = (a[j], a[i]);
                    i++;
                    j--;
                }
            }

            if (target <= j)
            {
                hi = j;
            }
            else if (target >= i)
            {
                lo = i;
            }
            else
            {
                return a[target];
            }
        }

        return a[target];
    }
}
