using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Neuro.FixedPointSim;

/// <summary>
/// One SystemC overflow mode applied to four rounded, integer-valued doubles in <see cref="FixedQuantizer"/>'s vector loop.
/// Implemented by empty structs so the loop is compiled once per mode.
/// </summary>
/// <remarks>
/// A lane overflows when <c>r ≥ hi</c> or <c>r &lt; lo</c>, with the exact power-of-two bounds <c>hi = 2^(W−1)</c>,
/// <c>lo = −2^(W−1)</c> (signed) or <c>hi = 2^W</c>, <c>lo = 0</c> (unsigned). The vector loop runs only for widths where
/// <c>MinRaw</c>, <c>MaxRaw</c> and <c>−MaxRaw</c> are exact doubles, so the raw values a negative or positive overflow becomes
/// (<c>negative</c>, <c>positive</c>) are exact doubles.
/// </remarks>
internal interface IOverflowStep
{
    /// <summary>
    /// Replaces overflowing lanes of <paramref name="rounded"/> by the mode's result;
    /// false when the mode cannot do that here and the caller must take the exact scalar path for these lanes.
    /// </summary>
    static abstract bool TryResolve(
        ref Vector256<double> rounded, Vector256<double> lo, Vector256<double> hi, Vector256<double> negative, Vector256<double> positive);

    /// <summary>
    /// Whether converted raws still need wrapping to the low <c>Width</c> bits, <c>((raw &amp; mask) ^ sign) − sign</c>
    /// (<c>mask = 2^W − 1</c>; <c>sign = 2^(W−1)</c> if signed, else 0), which sign-extends the kept bits.
    /// </summary>
    static abstract bool WrapsBits { get; }
}

/// <summary><see cref="Overflow.Sat"/>: <c>clamp(r, MinRaw, MaxRaw)</c>; for integer <c>r</c> that is the same as testing against <c>lo</c>/<c>hi</c>.</summary>
internal readonly struct SatStep : IOverflowStep
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryResolve(
        ref Vector256<double> rounded, Vector256<double> lo, Vector256<double> hi, Vector256<double> negative, Vector256<double> positive)
    {
        // Lanes are finite, so the native min/max (no NaN or signed-zero fix-ups) are exact here.
        rounded = Vector256.MinNative(Vector256.MaxNative(rounded, negative), positive);
        return true;
    }

    public static bool WrapsBits => false;
}

/// <summary>
/// <see cref="Overflow.SatZero"/> and <see cref="Overflow.SatSym"/>: <c>r ≥ hi → positive</c>, <c>r &lt; lo → negative</c>, otherwise <c>r</c>.
/// </summary>
internal readonly struct SelectStep : IOverflowStep
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryResolve(
        ref Vector256<double> rounded, Vector256<double> lo, Vector256<double> hi, Vector256<double> negative, Vector256<double> positive)
    {
        var r = rounded;
        rounded = Vector256.ConditionalSelect(
            Vector256.GreaterThanOrEqual(r, hi), positive, Vector256.ConditionalSelect(Vector256.LessThan(r, lo), negative, r));
        return true;
    }

    public static bool WrapsBits => false;
}

/// <summary>
/// <see cref="Overflow.Wrap"/>: lanes pass when <c>|r| &lt; 2^51</c>, which the conversion needs, and the converted raws are
/// wrapped to <c>W</c> bits (the identity for lanes in range); a larger lane sends the four lanes to the scalar path.
/// </summary>
internal readonly struct WrapStep : IOverflowStep
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryResolve(
        ref Vector256<double> rounded, Vector256<double> lo, Vector256<double> hi, Vector256<double> negative, Vector256<double> positive) =>
        Vector256.LessThanAll(Vector256.Abs(rounded), Vector256.Create(2251799813685248.0));

    public static bool WrapsBits => true;
}
