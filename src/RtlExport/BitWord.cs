using System.Numerics;
using System.Text;

namespace Neuro.RtlExport;

/// <summary>Packs bit fields, most significant first, into one word written as hex for <c>$readmemh</c>.</summary>
internal sealed class BitWord
{
    private BigInteger value;
    private int width;

    /// <summary>Appends <paramref name="bits"/> low bits of <paramref name="field"/> (two's complement) below the fields so far.</summary>
    public BitWord Add(long field, int bits)
    {
        if (bits <= 0)
        {
            return this;
        }

        BigInteger mask = (BigInteger.One << bits) - 1;
        value = (value << bits) | (new BigInteger(field) & mask);
        width += bits;
        return this;
    }

    /// <summary>Pads with zeros above the fields so far up to <paramref name="total"/> bits.</summary>
    public BitWord PadTo(int total)
    {
        if (total < width)
        {
            throw new InvalidOperationException($"The word already has {width} bits, more than {total}");
        }

        width = total;
        return this;
    }

    /// <summary>The word as <c>ceil(width/4)</c> lower-case hex digits.</summary>
    public string Hex()
    {
        int digits = (width + 3) / 4;
        var text = new StringBuilder(digits);
        for (int d = digits - 1; d >= 0; d--)
        {
            int nibble = (int)((value >> (4 * d)) & 15);
            text.Append("0123456789abcdef"[nibble]);
        }

        return text.ToString();
    }
}
