using System.Globalization;
using Neuro.FixedPointSim;

namespace Neuro.OpenClKernels;

/// <summary>
/// The OpenCL spelling of a fixed-point type (DESIGN.md §1: a format never renders itself): the preprocessor defines a
/// kernel reads a signal's width, fractional bits, rounding and overflow from, and the OpenCL C integer type that holds
/// its raw values.
/// </summary>
public static class OpenClTypes
{
    /// <summary>
    /// <c>{prefix}_WIDTH</c>, <c>{prefix}_FRAC</c>, <c>{prefix}_ROUNDING</c> and <c>{prefix}_OVERFLOW</c>, with the modes
    /// numbered as the kernel's <c>RND_*</c> and <c>OVF_*</c> macros: Rnd 0, RndZero 1, RndMinInf 2, RndInf 3, RndConv 4,
    /// Trn 5, TrnZero 6; Sat 0, SatZero 1, SatSym 2, Wrap 3.
    /// </summary>
    public static IEnumerable<KeyValuePair<string, string>> Define(string prefix, FixedType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        yield return new($"{prefix}_WIDTH", type.Format.Width.ToString(CultureInfo.InvariantCulture));
        yield return new($"{prefix}_FRAC", Number(type.Format.FracBits));
        yield return new($"{prefix}_ROUNDING", RoundingCode(type.Rounding).ToString(CultureInfo.InvariantCulture));
        yield return new($"{prefix}_OVERFLOW", OverflowCode(type.Overflow).ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The narrowest OpenCL C integer type that holds every raw value of <paramref name="format"/>: <c>int</c> or <c>long</c>.</summary>
    public static string RawType(QFormat format) =>
        format.Signed ? (format.Width <= 32 ? "int" : "long") : (format.Width <= 31 ? "int" : "long");

    /// <summary>A number as a define value; negative ones parenthesized so they expand safely.</summary>
    internal static string Number(int value) =>
        value < 0 ? $"({value.ToString(CultureInfo.InvariantCulture)})" : value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A 64-bit integer as an OpenCL C literal (<c>long.MinValue</c> as an expression, since its magnitude is no literal).</summary>
    internal static string Long(long value) =>
        value == long.MinValue ? "(-9223372036854775807L-1)" : value < 0 ? $"({value.ToString(CultureInfo.InvariantCulture)}L)" : $"{value.ToString(CultureInfo.InvariantCulture)}L";

    private static int RoundingCode(Rounding rounding) => rounding switch
    {
        Rounding.Rnd => 0,
        Rounding.RndZero => 1,
        Rounding.RndMinInf => 2,
        Rounding.RndInf => 3,
        Rounding.RndConv => 4,
        Rounding.Trn => 5,
        Rounding.TrnZero => 6,
        _ => throw new ArgumentOutOfRangeException(nameof(rounding), rounding, $"Unknown rounding mode {rounding}"),
    };

    private static int OverflowCode(Overflow overflow) => overflow switch
    {
        Overflow.Sat => 0,
        Overflow.SatZero => 1,
        Overflow.SatSym => 2,
        Overflow.Wrap => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(overflow), overflow, $"Unknown overflow mode {overflow}"),
    };
}
