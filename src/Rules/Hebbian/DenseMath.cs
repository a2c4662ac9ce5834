using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Neuro.Rules.Hebbian;

/// <summary>
/// The few dense loops the float networks spend their time in, written once with <see cref="Vector{T}"/>.
/// </summary>
/// <remarks>
/// Results depend only on the inputs and the machine's vector width (the summation order of a dot product follows the
/// lanes), never on threads; a run repeats bit for bit on the same machine.
/// </remarks>
internal static class DenseMath
{
    /// <summary><c>Σ a[i]·b[i]</c> over equal-length spans.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int n = a.Length;
        int i = 0;
        double sum = 0;
        if (Vector.IsHardwareAccelerated && n >= 2 * Vector<double>.Count)
        {
            var va = MemoryMarshal.Cast<double, Vector<double>>(a);
            var vb = MemoryMarshal.Cast<double, Vector<double>>(b[..n]);
            var acc0 = Vector<double>.Zero;
            var acc1 = Vector<double>.Zero;
            int v = 0;
            for (; v + 1 < va.Length; v += 2)
            {
                acc0 = Vector.FusedMultiplyAdd(va[v], vb[v], acc0);
                acc1 = Vector.FusedMultiplyAdd(va[v + 1], vb[v + 1], acc1);
            }

            if (v < va.Length)
            {
                acc0 = Vector.FusedMultiplyAdd(va[v], vb[v], acc0);
            }

            sum = Vector.Sum(acc0 + acc1);
            i = va.Length * Vector<double>.Count;
        }

        for (; i < n; i++)
        {
            sum = Math.FusedMultiplyAdd(a[i], b[i], sum);
        }

        return sum;
    }

    /// <summary><c>w[i] ← w[i]·keep + alpha·x[i] + beta</c>: one row of a Hebbian update.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ScaleAdd(Span<double> w, double keep, double alpha, ReadOnlySpan<double> x, double beta)
    {
        int n = w.Length;
        int i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var vw = MemoryMarshal.Cast<double, Vector<double>>(w);
            var vx = MemoryMarshal.Cast<double, Vector<double>>(x[..n]);
            var k = new Vector<double>(keep);
            var a = new Vector<double>(alpha);
            var b = new Vector<double>(beta);
            for (int v = 0; v < vw.Length; v++)
            {
                vw[v] = Vector.FusedMultiplyAdd(vw[v], k, Vector.FusedMultiplyAdd(vx[v], a, b));
            }

            i = vw.Length * Vector<double>.Count;
        }

        for (; i < n; i++)
        {
            w[i] = Math.FusedMultiplyAdd(w[i], keep, Math.FusedMultiplyAdd(x[i], alpha, beta));
        }
    }

    /// <summary><c>w[i] ← w[i] + alpha·x[i]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddScaled(Span<double> w, double alpha, ReadOnlySpan<double> x)
    {
        int n = w.Length;
        int i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var vw = MemoryMarshal.Cast<double, Vector<double>>(w);
            var vx = MemoryMarshal.Cast<double, Vector<double>>(x[..n]);
            var a = new Vector<double>(alpha);
            for (int v = 0; v < vw.Length; v++)
            {
                vw[v] = Vector.FusedMultiplyAdd(vx[v], a, vw[v]);
            }

            i = vw.Length * Vector<double>.Count;
        }

        for (; i < n; i++)
        {
            w[i] = Math.FusedMultiplyAdd(x[i], alpha, w[i]);
        }
    }
}
