using System.Globalization;

namespace Neuro.FixedPointSim;

/// <summary>
/// A two's-complement (or unsigned) binary fixed-point format: <c>Width</c> bits of which
/// <c>FracBits</c> lie right of the binary point, so a raw integer <c>r</c> stands for <c>r · 2^-FracBits</c>.
/// </summary>
/// <remarks>
/// A descriptor only: it never renders itself into Verilog or OpenCL (those spellings live in RtlExport
/// and OpenClKernels). Integer bits <c>IntBits = Width − FracBits</c> may be negative or exceed the width,
/// exactly as <c>ap_fixed&lt;W,I&gt;</c> and SystemC <c>sc_fixed&lt;wl,iwl&gt;</c> allow.
/// <c>ToString()</c> gives <c>sQ4.12</c>/<c>uQ0.8</c> (integer bits include the sign bit, as in
/// <c>ap_fixed&lt;16,4&gt;</c>), or the <c>ap_fixed&lt;W,I&gt;</c> spelling when either part is negative;
/// <see cref="Parse"/> reads both back.
/// </remarks>
public readonly record struct QFormat
{
    /// <summary>Largest supported width in bits.</summary>
    public const int MaxWidth = 64;

    /// <summary>Largest supported magnitude of <see cref="FracBits"/>.</summary>
    public const int MaxFracBitsMagnitude = 1024;

    /// <summary>Creates a format, validating every field.</summary>
    /// <param name="signed">Two's complement when true, unsigned otherwise.</param>
    /// <param name="width">Total number of bits, 1..64.</param>
    /// <param name="fracBits">Bits right of the binary point, −1024..1024 (may exceed <paramref name="width"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException">A field is out of range; the message names it and its value.</exception>
    public QFormat(bool signed, int width, int fracBits)
    {
        if (Problem(width, fracBits) is { } problem)
        {
            throw new ArgumentOutOfRangeException(width < 1 || width > MaxWidth ? nameof(width) : nameof(fracBits), problem);
        }

        Signed = signed;
        Width = width;
        FracBits = fracBits;
    }

    /// <summary>Says what is wrong with a width and fractional-bit count, or null when they make a valid format.</summary>
    public static string? Problem(int width, int fracBits) =>
        width < 1 || width > MaxWidth ? $"Width must be 1..{MaxWidth}, not {width}"
        : fracBits < -MaxFracBitsMagnitude || fracBits > MaxFracBitsMagnitude
            ? $"FracBits must be -{MaxFracBitsMagnitude}..{MaxFracBitsMagnitude}, not {fracBits}"
            : null;

    /// <summary>Two's complement when true, unsigned otherwise.</summary>
    public bool Signed { get; }

    /// <summary>Total number of bits.</summary>
    public int Width { get; }

    /// <summary>Number of bits right of the binary point; the LSB weighs <c>2^-FracBits</c>.</summary>
    public int FracBits { get; }

    /// <summary>Integer bits <c>Width − FracBits</c>, including the sign bit for signed formats (as <c>ap_fixed</c>'s I).</summary>
    public int IntBits => Width - FracBits;

    /// <summary>The smallest raw integer: <c>−2^(Width−1)</c> if signed, else 0.</summary>
    public long MinRaw => Signed ? (Width == 64 ? long.MinValue : -(1L << (Width - 1))) : 0;

    /// <summary>The largest raw integer: <c>2^(Width−1) − 1</c> if signed, else <c>2^Width − 1</c>.</summary>
    /// <remarks>For the unsigned 64-bit format this does not fit a <see cref="long"/>; use <see cref="MaxRawWide"/>.</remarks>
    /// <exception cref="OverflowException">The format is unsigned 64-bit.</exception>
    public long MaxRaw => !Signed && Width == 64
        ? throw new OverflowException("The largest raw value of uQ format with width 64 is 2^64 - 1, which does not fit a long; use MaxRawWide")
        : (long)MaxRawWide;

    /// <summary>The smallest raw integer, as <see cref="Int128"/>.</summary>
    public Int128 MinRawWide => Signed ? -(Int128.One << (Width - 1)) : Int128.Zero;

    /// <summary>The largest raw integer, as <see cref="Int128"/> (exact for every format).</summary>
    public Int128 MaxRawWide => Signed ? (Int128.One << (Width - 1)) - 1 : (Int128.One << Width) - 1;

    /// <summary>True when <paramref name="raw"/> lies in <c>[MinRaw, MaxRaw]</c>.</summary>
    public bool Contains(Int128 raw) => raw >= MinRawWide && raw <= MaxRawWide;

    /// <summary>A signed format with <paramref name="intBits"/> integer bits (sign included) and <paramref name="fracBits"/> fractional bits: <c>sQintBits.fracBits</c>.</summary>
    public static QFormat S(int intBits, int fracBits) => new(true, intBits + fracBits, fracBits);

    /// <summary>An unsigned format <c>uQintBits.fracBits</c>.</summary>
    public static QFormat U(int intBits, int fracBits) => new(false, intBits + fracBits, fracBits);

    /// <summary>The format of <c>ap_fixed&lt;width,intBits&gt;</c> (signed) or <c>ap_ufixed&lt;width,intBits&gt;</c>.</summary>
    public static QFormat ApFixed(bool signed, int width, int intBits) => new(signed, width, width - intBits);

    /// <summary><c>sQ4.12</c>/<c>uQ0.8</c>, or <c>ap_fixed&lt;W,I&gt;</c>/<c>ap_ufixed&lt;W,I&gt;</c> when integer or fractional bits are negative.</summary>
    public override string ToString() =>
        IntBits >= 0 && FracBits >= 0
            ? string.Create(CultureInfo.InvariantCulture, $"{(Signed ? 's' : 'u')}Q{IntBits}.{FracBits}")
            : ToApFixedString();

    /// <summary>The <c>ap_fixed&lt;W,I&gt;</c> (signed) or <c>ap_ufixed&lt;W,I&gt;</c> spelling.</summary>
    public string ToApFixedString() =>
        string.Create(CultureInfo.InvariantCulture, $"{(Signed ? "ap_fixed" : "ap_ufixed")}<{Width},{IntBits}>");

    /// <summary>
    /// Parses <c>sQ4.12</c>, <c>uQ0.8</c>, <c>Q4.12</c> (signed), <c>ap_fixed&lt;16,4&gt;</c> or <c>ap_ufixed&lt;8,0&gt;</c>.
    /// Quantization and overflow arguments inside <c>ap_fixed&lt;…&gt;</c> are rejected here; use <see cref="FixedType.Parse"/>.
    /// </summary>
    /// <exception cref="FormatException">The text is malformed; the message names the offending part.</exception>
    public static QFormat Parse(string text)
    {
        return FixedTypeParser.Parse(text, allowModes: false).Type.Format;
    }

    /// <summary>Like <see cref="Parse"/> but returns false instead of throwing.</summary>
    public static bool TryParse(string text, out QFormat format)
    {
        try
        {
            format = Parse(text);
            return true;
        }
        catch (FormatException)
        {
            format = default;
            return false;
        }
    }
}
