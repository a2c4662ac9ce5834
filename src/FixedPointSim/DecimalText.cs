using System.Globalization;
using System.Numerics;

namespace Neuro.FixedPointSim;

/// <summary>Exact decimal text ↔ rational conversion for the edges (CLI input, reports); no floating point involved.</summary>
internal static class DecimalText
{
    /// <summary>Largest accepted |exponent| in <c>1e±N</c>; any format's range is far inside it.</summary>
    internal const int MaxExponent = 10_000;

    /// <summary>Parses <c>[+-]digits[.digits][(e|E)[+-]digits]</c> into the exact fraction it denotes.</summary>
    internal static (BigInteger Numerator, BigInteger Denominator) Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string t = text.Trim();
        string lower = t.ToLowerInvariant().TrimStart('+', '-');
        if (lower is "nan" or "inf" or "infinity" or "∞")
        {
            throw new FormatException($"'{text}' is not finite; only finite values have a fixed-point representation");
        }

        int i = 0;
        bool negative = false;
        if (i < t.Length && (t[i] == '+' || t[i] == '-'))
        {
            negative = t[i] == '-';
            i++;
        }

        var digits = new System.Text.StringBuilder();
        int fractionDigits = 0;
        bool seenPoint = false, seenDigit = false;
        for (; i < t.Length; i++)
        {
            char c = t[i];
            if (c is >= '0' and <= '9')
            {
                digits.Append(c);
                seenDigit = true;
                if (seenPoint)
                {
                    fractionDigits++;
                }
            }
            else if (c == '.' && !seenPoint)
            {
                seenPoint = true;
            }
            else if (c == '_' && seenDigit)
            {
                // digit separator, as in 1_000
            }
            else
            {
                break;
            }
        }

        if (!seenDigit)
        {
            throw new FormatException($"'{text}' is not a decimal number (no digits before position {i})");
        }

        long exponent = 0;
        if (i < t.Length && (t[i] == 'e' || t[i] == 'E'))
        {
            string expText = t[(i + 1)..];
            if (!long.TryParse(expText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
            {
                throw new FormatException($"The exponent '{expText}' of '{text}' is not a whole number");
            }

            if (Math.Abs(exponent) > MaxExponent)
            {
                throw new FormatException($"The exponent {exponent} of '{text}' is outside ±{MaxExponent}");
            }

            i = t.Length;
        }

        if (i != t.Length)
        {
            throw new FormatException($"Unexpected '{t[i]}' at position {i} in '{text}'");
        }

        BigInteger mantissa = BigInteger.Parse(digits.ToString(), CultureInfo.InvariantCulture);
        if (negative)
        {
            mantissa = -mantissa;
        }

        long scale = exponent - fractionDigits;
        return scale >= 0
            ? (mantissa * BigInteger.Pow(10, (int)scale), BigInteger.One)
            : (mantissa, BigInteger.Pow(10, (int)-scale));
    }

    /// <summary>The exact decimal expansion of <c>raw · 2^-fracBits</c>, with no trailing zeros.</summary>
    internal static string Format(Int128 raw, int fracBits)
    {
        BigInteger r = raw;
        if (fracBits <= 0)
        {
            return (r << -fracBits).ToString(CultureInfo.InvariantCulture);
        }

        // raw / 2^f = raw · 5^f / 10^f
        string digits = (BigInteger.Abs(r) * BigInteger.Pow(5, fracBits)).ToString(CultureInfo.InvariantCulture).PadLeft(fracBits + 1, '0');
        string whole = digits[..^fracBits];
        string fraction = digits[^fracBits..].TrimEnd('0');
        string sign = r.Sign < 0 ? "-" : "";
        return fraction.Length == 0 ? sign + whole : $"{sign}{whole}.{fraction}";
    }
}
