using System.Globalization;
using System.Text.RegularExpressions;

namespace Neuro.FixedPointSim;

/// <summary>Reads the Q and ap_fixed spellings of formats; one place for both <see cref="QFormat.Parse"/> and <see cref="FixedType.Parse"/>.</summary>
internal static partial class FixedTypeParser
{
    internal readonly record struct Parsed(FixedType Type, bool HasRounding, bool HasOverflow);

    private static readonly (string Name, Rounding Mode)[] RoundingNames =
    [
        ("AP_RND", Rounding.Rnd), ("AP_RND_ZERO", Rounding.RndZero), ("AP_RND_MIN_INF", Rounding.RndMinInf),
        ("AP_RND_INF", Rounding.RndInf), ("AP_RND_CONV", Rounding.RndConv), ("AP_TRN", Rounding.Trn),
        ("AP_TRN_ZERO", Rounding.TrnZero),
    ];

    private static readonly (string Name, Overflow Mode)[] OverflowNames =
    [
        ("AP_SAT", Overflow.Sat), ("AP_SAT_ZERO", Overflow.SatZero), ("AP_SAT_SYM", Overflow.SatSym), ("AP_WRAP", Overflow.Wrap),
    ];

    [GeneratedRegex(@"^(?<sign>[suSU]?)Q(?<int>[^.]*)\.(?<frac>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex QSpelling();

    [GeneratedRegex(@"^(?<kind>ap_u?fixed)\s*<(?<args>.*)>$", RegexOptions.CultureInvariant)]
    private static partial Regex ApSpelling();

    internal static string ApName(Rounding rounding) => RoundingNames.First(r => r.Mode == rounding).Name;

    internal static string ApName(Overflow overflow) => OverflowNames.First(o => o.Mode == overflow).Name;

    /// <summary>Reads a rounding mode from its enum name (<c>RndConv</c>), SystemC name (<c>SC_RND_CONV</c>) or ap name (<c>AP_RND_CONV</c>).</summary>
    internal static Rounding ParseRounding(string text)
    {
        var t = text.Trim();
        if (Enum.TryParse<Rounding>(t, ignoreCase: true, out var r) && !int.TryParse(t, out _))
        {
            return r;
        }

        foreach (var (name, mode) in RoundingNames)
        {
            if (string.Equals(t, name, StringComparison.OrdinalIgnoreCase)
                || string.Equals(t, "SC" + name[2..], StringComparison.OrdinalIgnoreCase))
            {
                return mode;
            }
        }

        throw new FormatException(
            $"Unknown rounding mode '{text}'; expected one of {string.Join(", ", Enum.GetNames<Rounding>())} (or the AP_/SC_ names)");
    }

    /// <summary>Reads an overflow mode from its enum name (<c>Sat</c>), SystemC name (<c>SC_SAT</c>) or ap name (<c>AP_SAT</c>).</summary>
    internal static Overflow ParseOverflow(string text)
    {
        var t = text.Trim();
        if (Enum.TryParse<Overflow>(t, ignoreCase: true, out var o) && !int.TryParse(t, out _))
        {
            return o;
        }

        foreach (var (name, mode) in OverflowNames)
        {
            if (string.Equals(t, name, StringComparison.OrdinalIgnoreCase)
                || string.Equals(t, "SC" + name[2..], StringComparison.OrdinalIgnoreCase))
            {
                return mode;
            }
        }

        if (t.Equals("AP_WRAP_SM", StringComparison.OrdinalIgnoreCase) || t.Equals("SC_WRAP_SM", StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException($"Overflow mode '{text}' (sign-magnitude wrap) is not supported; use AP_SAT, AP_SAT_ZERO, AP_SAT_SYM or AP_WRAP");
        }

        throw new FormatException(
            $"Unknown overflow mode '{text}'; expected one of {string.Join(", ", Enum.GetNames<Overflow>())} (or the AP_/SC_ names)");
    }

    internal static Parsed Parse(string text, bool allowModes)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        if (t.Length == 0)
        {
            throw new FormatException("Empty format; expected e.g. sQ4.12, uQ0.8 or ap_fixed<16,4>");
        }

        var q = QSpelling().Match(t);
        if (q.Success)
        {
            bool signed = q.Groups["sign"].Value is not ("u" or "U");
            int intBits = ParseCount(q.Groups["int"].Value, "integer bits", text);
            int fracBits = ParseCount(q.Groups["frac"].Value, "fractional bits", text);
            if (intBits < 0 || fracBits < 0)
            {
                throw new FormatException($"Negative bit counts in '{text}' must be written as ap_fixed<W,I>");
            }

            var format = MakeFormat(signed, intBits + fracBits, fracBits, text);
            return new Parsed(new FixedType(format, Rounding.Trn, Overflow.Wrap), false, false);
        }

        var ap = ApSpelling().Match(t);
        if (ap.Success)
        {
            bool signed = ap.Groups["kind"].Value == "ap_fixed";
            string[] args = ap.Groups["args"].Value.Split(',');
            if (args.Length < 2)
            {
                throw new FormatException($"'{text}' needs at least a width and integer bits, as in ap_fixed<16,4>");
            }

            if (args.Length > 5)
            {
                throw new FormatException($"'{text}' has {args.Length} arguments; ap_fixed takes at most W, I, Q, O, N");
            }

            if (!allowModes && args.Length > 2)
            {
                throw new FormatException(
                    $"'{text}' names quantization/overflow modes ('{string.Join(",", args[2..]).Trim()}'); a bare format takes only W and I (use FixedType.Parse for modes)");
            }

            int width = ParseCount(args[0], "width", text);
            int intBits = ParseCount(args[1], "integer bits", text);
            var rounding = args.Length > 2 ? ParseRounding(args[2]) : Rounding.Trn;
            var overflow = args.Length > 3 ? ParseOverflow(args[3]) : Overflow.Wrap;
            if (args.Length > 4 && args[4].Trim() != "0")
            {
                throw new FormatException($"Saturation bits N = '{args[4].Trim()}' in '{text}' are not supported; only N = 0");
            }

            var format = MakeFormat(signed, width, width - intBits, text);
            return new Parsed(new FixedType(format, rounding, overflow), args.Length > 2, args.Length > 3);
        }

        throw new FormatException($"'{text}' is not a format; expected sQm.n, uQm.n, ap_fixed<W,I> or ap_ufixed<W,I>");
    }

    private static int ParseCount(string part, string what, string text)
    {
        if (!int.TryParse(part.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value))
        {
            throw new FormatException($"The {what} '{part.Trim()}' in '{text}' is not a whole number");
        }

        return value;
    }

    private static QFormat MakeFormat(bool signed, int width, int fracBits, string text)
    {
        return QFormat.Problem(width, fracBits) is { } problem
            ? throw new FormatException($"'{text}': {problem}")
            : new QFormat(signed, width, fracBits);
    }
}
