using System.Numerics;

namespace Neuro.Rules.Hebbian;

/// <summary>
/// k-winners-take-all, defined once for the float and the fixed-point networks: the threshold is the (k+1)-th largest
/// drive <c>θ</c>, and a neuron's activity is <c>(z − θ)/(z_max − θ)</c> when its drive <c>z</c> exceeds <c>θ</c>, else 0.
/// </summary>
/// <remarks>
/// Activities lie in <c>[0, 1]</c>, the most driven neuron has 1 and at most k neurons are active. Only values are
/// compared, never indices, so equal drives need no tie rule: drives equal to <c>θ</c> are inactive. When every drive
/// equals <c>θ</c> no neuron is active.
/// </remarks>
public static class KWinners
{
    /// <summary>
    /// The (k+1)-th largest of <paramref name="values"/> (<c>1 ≤ k &lt; length</c>) by quickselect on
    /// <paramref name="scratch"/> (at least as long; overwritten), and the largest value.
    /// </summary>
    public static (T Threshold, T Max) Threshold<T>(ReadOnlySpan<T> values, int k, Span<T> scratch)
        where T : struct, INumber<T>
    {
        int n = values.Length;
        if (k < 1 || k >= n)
        {
            throw new ArgumentOutOfRangeException(nameof(k), $"k must be 1..{n - 1}, not {k}");
        }

        var s = scratch[..n];
        values.CopyTo(s);
        T max = s[0];
        for (int i = 1; i < n; i++)
        {
            if (s[i] > max)
            {
                max = s[i];
            }
        }

        // Quickselect for descending rank k (0-based): the (k+1)-th largest.
        int lo = 0, hi = n - 1;
        while (lo < hi)
        {
            T pivot = s[lo + (hi - lo) / 2];
            int i = lo, j = hi;
            while (i <= j)
            {
                while (s[i] > pivot)
                {
                    i++;
                }

                while (s[j] < pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (s[i], s[j]) = (s[j], s[i]);
                    i++;
                    j--;
                }
            }

            if (k <= j)
            {
                hi = j;
            }
            else if (k >= i)
            {
                lo = i;
            }
            else
            {
                break;
            }
        }

        return (s[k], max);
    }
}
