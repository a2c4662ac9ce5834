using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Neuro.FixedPointSim;

/// <summary>
/// The overflow mode of a signed format of at most 31 bits, applied to exact integers in <see cref="int"/> lanes that need
/// no rounding (the sum of a weight and a ROM word, both in weight LSBs): the vector form of what
/// <see cref="QuantizationCore.FromRaw(Int128, int, QFormat, Rounding, Overflow)"/> does to such a value.
/// </summary>
/// <remarks>
/// <para>For a value <c>x</c> with <c>|x| ≤ 2^W</c> (so <c>W ≤ 31</c> keeps it inside an <see cref="int"/>), IEEE 1666's
/// overflow modes, as <see cref="QuantizationCore"/> implements them, reduce to:</para>
/// <list type="bullet">
/// <item><c>Sat</c>: clamp to <c>[MinRaw, MaxRaw]</c>;</item>
/// <item><c>SatSym</c>: clamp to <c>[−MaxRaw, MaxRaw]</c> (the most negative code counts as an overflow);</item>
/// <item><c>SatZero</c>: 0 outside <c>[MinRaw, MaxRaw]</c>;</item>
/// <item><c>Wrap</c>: the low <c>W</c> bits, sign-extended.</item>
/// </list>
/// <para><c>Int32LaneOverflowTests</c> checks every mode and width against the scalar core, which stays the one
/// definition.</para>
/// </remarks>
internal readonly struct Int32LaneOverflow
{
    private readonly int low;
    private readonly int high;
    private readonly int wrapShift;
    private readonly Overflow overflow;

    /// <summary>Precomputes the bounds of <paramref name="format"/> under <paramref name="overflow"/>.</summary>
    /// <exception cref="ArgumentException">The format is unsigned or wider than 31 bits.</exception>
    public Int32LaneOverflow(QFormat format, Overflow overflow)
    {
        if (!format.Signed || format.Width > 31)
        {
            throw new ArgumentException($"Int32 lanes need a signed format of at most 31 bits, not {format}", nameof(format));
        }

        if (!Enum.IsDefined(overflow))
        {
            throw new ArgumentOutOfRangeException(nameof(overflow), overflow, $"Unknown overflow mode {overflow}");
        }

        this.overflow = overflow;
        high = (int)format.MaxRaw;
        low = overflow == Overflow.SatSym ? -high : (int)format.MinRaw;
        wrapShift = 32 - format.Width;
    }

    /// <summary>The value the overflow mode makes of <paramref name="exact"/> (<c>|exact| ≤ 2^W</c>). Result: the format's raw.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Apply(int exact) => overflow switch
    {
        Overflow.Sat or Overflow.SatSym => Math.Clamp(exact, low, high),
        Overflow.SatZero => exact < low || exact > high ? 0 : exact,
        Overflow.Wrap => (exact << wrapShift) >> wrapShift,
        _ => throw new InvalidOperationException($"Unknown overflow mode {overflow}"),
    };

    /// <summary>As <see cref="Apply(int)"/>, lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<int> Apply(Vector256<int> exact) => overflow switch
    {
        Overflow.Sat or Overflow.SatSym => Vector256.Min(Vector256.Max(exact, Vector256.Create(low)), Vector256.Create(high)),
        Overflow.SatZero => exact & ~(Vector256.LessThan(exact, Vector256.Create(low)) | Vector256.GreaterThan(exact, Vector256.Create(high))),
        Overflow.Wrap => Vector256.ShiftRightArithmetic(Vector256.ShiftLeft(exact, wrapShift), wrapShift),
        _ => throw new InvalidOperationException($"Unknown overflow mode {overflow}"),
    };
}
