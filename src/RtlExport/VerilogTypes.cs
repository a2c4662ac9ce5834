using System.Globalization;
using Neuro.FixedPointSim;

namespace Neuro.RtlExport;

/// <summary>
/// The Verilog spelling of <see cref="QFormat"/>s and raw values (STYLE.md 5: formats never render themselves). Generated
/// RTL keeps every signal an unsigned bit vector holding the two's complement pattern; signedness is documented, not
/// declared, so no implicit sign rules act.
/// </summary>
public static class VerilogTypes
{
    /// <summary>The declaration range of a format: <c>[Width-1:0]</c> (<c>[0:0]</c> for one bit, so bit selects stay legal).</summary>
    public static string Declare(QFormat format) => Range(format.Width);

    /// <summary>A comment describing the format: <c>two's complement sQ1.7 (8 bits, 7 fractional)</c>.</summary>
    public static string Describe(QFormat format) => string.Create(
        CultureInfo.InvariantCulture,
        $"{(format.Signed ? "two's complement" : "unsigned")} {format} ({format.Width} bits, {format.FracBits} fractional)");

    /// <summary>The range of a <paramref name="width"/>-bit vector: <c>[width-1:0]</c> (<c>[0:0]</c> for one bit, so bit selects stay legal).</summary>
    public static string Range(int width) => string.Create(CultureInfo.InvariantCulture, $"[{width - 1}:0]");

    /// <summary>A sized hexadecimal literal of <paramref name="raw"/> masked to <paramref name="width"/> bits: <c>8'h80</c>.</summary>
    public static string Literal(long raw, int width) =>
        string.Create(CultureInfo.InvariantCulture, $"{width}'h{Hex(raw, width)}");

    /// <summary>A sized decimal literal: <c>9'd1</c>.</summary>
    public static string Decimal(long value, int width) =>
        string.Create(CultureInfo.InvariantCulture, $"{width}'d{value}");

    /// <summary>The two's complement hex digits of <paramref name="raw"/> masked to <paramref name="width"/> bits, lower case,
    /// <c>ceil(width/4)</c> digits with leading zeros.</summary>
    public static string Hex(Int128 raw, int width)
    {
        if (width < 1 || width > 128)
        {
            throw new ArgumentOutOfRangeException(nameof(width), width, $"Width must be 1..128, not {width}");
        }

        UInt128 masked = (UInt128)raw & (width == 128 ? UInt128.MaxValue : (UInt128.One << width) - 1);
        return masked.ToString("x", CultureInfo.InvariantCulture).PadLeft((width + 3) / 4, '0');
    }

    /// <summary>Bits needed to index <paramref name="count"/> items: <c>max(1, ceil(log2 count))</c>.</summary>
    public static int IndexWidth(long count)
    {
        int bits = 1;
        while ((1L << bits) < count)
        {
            bits++;
        }

        return bits;
    }
}
