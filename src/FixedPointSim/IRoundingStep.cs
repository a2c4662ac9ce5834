using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Neuro.FixedPointSim;

/// <summary>
/// One SystemC quantization mode applied to a scaled double <c>s = value · 2^FracBits</c>: the integer it rounds to.
/// Implemented by empty structs so <see cref="FixedQuantizer"/>'s loops are compiled once per mode and the call inlines.
/// </summary>
/// <remarks>
/// Callers pass only finite <c>s</c>. The result is an integer-valued double and is exact: when <c>|s| ≥ 2^52</c> the
/// double is already an integer and every mode returns it unchanged; otherwise <c>|s| &lt; 2^52</c> and <c>t ± 1</c> is exact.
/// The four round-to-nearest modes with a special tie rule split <c>s = t + d</c> with <c>t = Truncate(s)</c>; that
/// subtraction is exact (for <c>|s| &lt; 1</c>, <c>t = 0</c>; otherwise Sterbenz' lemma, <c>|s|/2 ≤ |t| ≤ |s|</c>).
/// Splitting with <c>Floor</c> instead is not exact for <c>s</c> in <c>(−1, 0)</c>: <c>s = −0.5 + 2^-54</c> gives
/// <c>s − (−1) = 0.5</c> after rounding, a false tie. <c>Floor(s + 0.5)</c> is wrong too (for <c>0.49999999999999994</c>
/// and for <c>|s| ≥ 2^52</c>).
/// The scalar form of those four runs the same formula in one <see cref="Vector128{T}"/> lane: comparison masks instead of
/// branches, which random data would mispredict, and no int-to-double conversion.
/// </remarks>
internal interface IRoundingStep
{
    /// <summary>The integer <paramref name="scaled"/> quantizes to, as a double.</summary>
    static abstract double Round(double scaled);

    /// <summary>The same, lane by lane.</summary>
    static abstract Vector128<double> Round(Vector128<double> scaled);

    /// <summary>The same, lane by lane.</summary>
    static abstract Vector256<double> Round(Vector256<double> scaled);
}

/// <summary><see cref="Rounding.Rnd"/>: nearest, a tie toward +∞: <c>t + (d ≥ ½) − (d &lt; −½)</c>.</summary>
internal readonly struct RndStep : IRoundingStep
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Round(double scaled) => Round(Vector128.CreateScalar(scaled)).ToScalar();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Round(Vector128<double> scaled)
    {
        var t = Vector128.Truncate(scaled);
        var d = scaled - t;
        var one = Vector128<double>.One;
        var half = Vector128.Create(0.5);
        return t + (Vector128.GreaterThanOrEqual(d, half) & one) - (Vector128.LessThan(d, -half) & one);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Round(Vector256<double> scaled)
    {
        var t = Vector256.Truncate(scaled);
        var d = scaled - t;
        var one = Vector256<double>.One;
        var half = Vector256.Create(0.5);
        return t + (Vector256.GreaterThanOrEqual(d, half) & one) - (Vector256.LessThan(d, -half) & one);
    }
}

/// <summary><see cref="Rounding.RndZero"/>: nearest, a tie toward zero: <c>t + (d &gt; ½) − (d &lt; −½)</c>.</summary>
internal readonly struct RndZeroStep : IRoundingStep
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Round(double scaled) => Round(Vector128.CreateScalar(scaled)).ToScalar();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Round(Vector128<double> scaled)
    {
        var t = Vector128.Truncate(scaled);
        var d = scaled - t;
        var one = Vector128<double>.One;
        var half = Vector128.Create(0.5);
        return t + (Vector128.GreaterThan(d, half) & one) - (Vector128.LessThan(d, -half) & one);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Round(Vector256<double> scaled)
    {
        var t = Vector256.Truncate(scaled);
        var d = scaled - t;
        var one = Vector256<double>.One;
        var half = Vector256.Create(0.5);
        return t + (Vector256.GreaterThan(d, half) & one) - (Vector256.LessThan(d, -half) & one);
    }
}

/// <summary><see cref="Rounding.RndMinInf"/>: nearest, a tie toward −∞: <c>t + (d &gt; ½) − (d ≤ −½)</c>.</summary>
internal readonly struct RndMinInfStep : IRoundingStep
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Round(double scaled) => Round(Vector128.CreateScalar(scaled)).ToScalar();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Round(Vector128<double> scaled)
    {
        var t = Vector128.Truncate(scaled);
        var d = scaled - t;
        var one = Vector128<double>.One;
        var half = Vector128.Create(0.5);
        return t + (Vector128.GreaterThan(d, half) & one) - (Vector128.LessThanOrEqual(d, -half) & one);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Round(Vector256<double> scaled)
    {
        var t = Vector256.Truncate(scaled);
        var d = scaled - t;
        var one = Vector256<double>.One;
        var half = Vector256.Create(0.5);
        return t + (Vector256.GreaterThan(d, half) & one) - (Vector256.LessThanOrEqual(d, -half) & one);
    }
}

/// <summary><see cref="Rounding.RndInf"/>: nearest, a tie away from zero: <c>t + (d ≥ ½) − (d ≤ −½)</c>.</summary>
internal readonly struct RndInfStep : IRoundingStep
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Round(double scaled) => Round(Vector128.CreateScalar(scaled)).ToScalar();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Round(Vector128<double> scaled)
    {
        var t = Vector128.Truncate(scaled);
        var d = scaled - t;
        var one = Vector128<double>.One;
        var half = Vector128.Create(0.5);
        return t + (Vector128.GreaterThanOrEqual(d, half) & one) - (Vector128.LessThanOrEqual(d, -half) & one);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Round(Vector256<double> scaled)
    {
        var t = Vector256.Truncate(scaled);
        var d = scaled - t;
        var one = Vector256<double>.One;
        var half = Vector256.Create(0.5);
        return t + (Vector256.GreaterThanOrEqual(d, half) & one) - (Vector256.LessThanOrEqual(d, -half) & one);
    }
}

/// <summary><see cref="Rounding.RndConv"/>: nearest, a tie to even: IEEE round-half-even, <c>Math.Round(s)</c>.</summary>
internal readonly struct RndConvStep : IRoundingStep
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Round(double scaled) => Math.Round(scaled);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Round(Vector256<double> scaled) => Vector256.Round(scaled);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Round(Vector128<double> scaled) => Vector128.Round(scaled);
}

/// <summary><see cref="Rounding.Trn"/>: toward −∞, <c>Math.Floor(s)</c>.</summary>
internal readonly struct TrnStep : IRoundingStep
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Round(double scaled) => Math.Floor(scaled);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Round(Vector256<double> scaled) => Vector256.Floor(scaled);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Round(Vector128<double> scaled) => Vector128.Floor(scaled);
}

/// <summary><see cref="Rounding.TrnZero"/>: toward zero, <c>Math.Truncate(s)</c>.</summary>
internal readonly struct TrnZeroStep : IRoundingStep
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Round(double scaled) => Math.Truncate(scaled);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Round(Vector256<double> scaled) => Vector256.Truncate(scaled);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Round(Vector128<double> scaled) => Vector128.Truncate(scaled);
}
