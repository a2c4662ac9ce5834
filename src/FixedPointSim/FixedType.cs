namespace Neuro.FixedPointSim;

/// <summary>
/// A format together with the quantization and overflow modes used when a value is narrowed into it,
/// as spelled <c>ap_fixed&lt;16,4,AP_RND_CONV,AP_SAT&gt;</c>.
/// </summary>
/// <param name="Format">The target format.</param>
/// <param name="Rounding">How values between two LSB steps are quantized.</param>
/// <param name="Overflow">What happens to values outside the format's range.</param>
public sealed record FixedType(QFormat Format, Rounding Rounding, Overflow Overflow)
{
    /// <summary>
    /// Parses <c>ap_fixed&lt;W,I[,Q[,O]]&gt;</c> / <c>ap_ufixed&lt;…&gt;</c> (missing modes default to <c>AP_TRN</c>, <c>AP_WRAP</c>
    /// as in Vitis HLS) or a Q spelling <c>sQ4.12</c> (modes <c>Trn</c>/<c>Wrap</c>, the hardware default of dropping bits).
    /// </summary>
    /// <exception cref="FormatException">The text is malformed; the message names the offending part.</exception>
    public static FixedType Parse(string text) => FixedTypeParser.Parse(text, allowModes: true).Type;

    /// <summary>
    /// Parses like <see cref="Parse"/> and also says whether the text named the rounding and overflow modes,
    /// so a caller can tell a spelled-out mode from a default.
    /// </summary>
    public static (FixedType Type, bool HasRounding, bool HasOverflow) ParseDetailed(string text)
    {
        var r = FixedTypeParser.Parse(text, allowModes: true);
        return (r.Type, r.HasRounding, r.HasOverflow);
    }

    /// <summary>
    /// Reads a rounding mode from its enum name (<c>RndConv</c>), SystemC name (<c>SC_RND_CONV</c>) or ap name
    /// (<c>AP_RND_CONV</c>), ignoring case.
    /// </summary>
    /// <exception cref="FormatException">The name is unknown; the message lists the accepted names.</exception>
    public static Rounding ParseRounding(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return FixedTypeParser.ParseRounding(text);
    }

    /// <summary>
    /// Reads an overflow mode from its enum name (<c>Sat</c>), SystemC name (<c>SC_SAT</c>) or ap name (<c>AP_SAT</c>),
    /// ignoring case.
    /// </summary>
    /// <exception cref="FormatException">The name is unknown or unsupported; the message says which names are accepted.</exception>
    public static Overflow ParseOverflow(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return FixedTypeParser.ParseOverflow(text);
    }

    /// <summary>The <c>ap_fixed&lt;W,I,Q,O&gt;</c> spelling, which <see cref="Parse"/> reads back.</summary>
    public override string ToString() =>
        $"{(Format.Signed ? "ap_fixed" : "ap_ufixed")}<{Format.Width},{Format.IntBits},{FixedTypeParser.ApName(Rounding)},{FixedTypeParser.ApName(Overflow)}>";
}
