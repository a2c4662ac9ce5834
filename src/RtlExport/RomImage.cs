using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace Neuro.RtlExport;

/// <summary>
/// One ROM image: its words as two's complement raw integers, the word width, and what each address bit means.
/// Renders itself into the four file formats byte for byte deterministically (DESIGN.md §6; docs/file-formats.md).
/// </summary>
/// <remarks>
/// Every format stores the word masked to <see cref="WordWidth"/> bits (two's complement). <c>.mem</c>: one hex word per
/// line for <c>$readmemh</c>, <c>ceil(W/4)</c> digits. <c>.coe</c>: Xilinx radix-16 vector. <c>.mif</c>: Intel memory
/// initialization file with hex addresses and data. <c>.bin</c>: each word little-endian in <c>ceil(W/8)</c> bytes.
/// </remarks>
public sealed class RomImage
{
    /// <summary>Creates an image and checks that every word fits <paramref name="wordWidth"/> bits as a signed or unsigned value.</summary>
    /// <exception cref="RtlExportException">The width is outside 1..64, the depth is not a power of two within the address bits, or a word does not fit.</exception>
    public RomImage(string name, int wordWidth, int addressWidth, ImmutableArray<long> words, ImmutableArray<string> addressBits)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (wordWidth < 1 || wordWidth > 64)
        {
            throw new RtlExportException($"ROM '{name}': word width must be 1..64 bits, not {wordWidth}");
        }

        if (words.IsDefaultOrEmpty || words.Length > (1L << addressWidth))
        {
            throw new RtlExportException($"ROM '{name}': {(words.IsDefault ? 0 : words.Length)} words do not fit {addressWidth} address bits");
        }

        if (addressBits.Length != addressWidth)
        {
            throw new ArgumentException($"ROM '{name}': {addressBits.Length} address-bit meanings for {addressWidth} address bits", nameof(addressBits));
        }

        long min = wordWidth == 64 ? long.MinValue : -(1L << (wordWidth - 1));
        long max = wordWidth == 64 ? long.MaxValue : (1L << wordWidth) - 1;
        for (int i = 0; i < words.Length; i++)
        {
            if (words[i] < min || words[i] > max)
            {
                throw new RtlExportException($"ROM '{name}': word [{i}] = {words[i]} does not fit {wordWidth} bits");
            }
        }

        Name = name;
        WordWidth = wordWidth;
        AddressWidth = addressWidth;
        Words = words;
        AddressBits = addressBits;
    }

    /// <summary>The table's name (<c>hidden</c>, <c>input</c>, <c>output</c>).</summary>
    public string Name { get; }

    /// <summary>Bits per word.</summary>
    public int WordWidth { get; }

    /// <summary>Address bits.</summary>
    public int AddressWidth { get; }

    /// <summary>Number of words.</summary>
    public int Depth => Words.Length;

    /// <summary>Total bits: <c>Depth · WordWidth</c>.</summary>
    public long Bits => (long)Depth * WordWidth;

    /// <summary>The words, two's complement raw integers.</summary>
    public ImmutableArray<long> Words { get; }

    /// <summary>What each address bit means, most significant first (index 0 is bit <c>AddressWidth − 1</c>).</summary>
    public ImmutableArray<string> AddressBits { get; }

    /// <summary>The <c>$readmemh</c> image: one hex word per line, LF endings.</summary>
    public byte[] ToMem()
    {
        var text = new StringBuilder();
        foreach (long w in Words)
        {
            text.Append(VerilogTypes.Hex(w, WordWidth)).Append('\n');
        }

        return Encoding.ASCII.GetBytes(text.ToString());
    }

    /// <summary>The Xilinx <c>.coe</c> image (radix 16).</summary>
    public byte[] ToCoe()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"; Neuro rule ROM '{Name}': {Depth} words of {WordWidth} bits, two's complement\n");
        text.Append("memory_initialization_radix=16;\nmemory_initialization_vector=\n");
        for (int i = 0; i < Words.Length; i++)
        {
            text.Append(VerilogTypes.Hex(Words[i], WordWidth)).Append(i + 1 < Words.Length ? ",\n" : ";\n");
        }

        return Encoding.ASCII.GetBytes(text.ToString());
    }

    /// <summary>The Intel <c>.mif</c> image (hex addresses and data).</summary>
    public byte[] ToMif()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"-- Neuro rule ROM '{Name}': {Depth} words of {WordWidth} bits, two's complement\n");
        text.Append(CultureInfo.InvariantCulture, $"WIDTH={WordWidth};\nDEPTH={Depth};\nADDRESS_RADIX=HEX;\nDATA_RADIX=HEX;\nCONTENT BEGIN\n");
        int addressDigits = (AddressWidth + 3) / 4;
        for (int i = 0; i < Words.Length; i++)
        {
            text.Append("    ").Append(VerilogTypes.Hex(i, 4 * addressDigits)).Append(" : ").Append(VerilogTypes.Hex(Words[i], WordWidth)).Append(";\n");
        }

        text.Append("END;\n");
        return Encoding.ASCII.GetBytes(text.ToString());
    }

    /// <summary>The raw image: each word masked to <see cref="WordWidth"/> bits, little-endian in <c>ceil(W/8)</c> bytes.</summary>
    public byte[] ToBin()
    {
        int bytes = (WordWidth + 7) / 8;
        ulong mask = WordWidth == 64 ? ulong.MaxValue : (1UL << WordWidth) - 1;
        var image = new byte[Words.Length * bytes];
        for (int i = 0; i < Words.Length; i++)
        {
            ulong v = unchecked((ulong)Words[i]) & mask;
            for (int b = 0; b < bytes; b++)
            {
                image[i * bytes + b] = (byte)(v >> (8 * b));
            }
        }

        return image;
    }
}
