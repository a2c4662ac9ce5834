using System.Text;
using Xunit;

namespace Neuro.RtlExport;

public sealed class RomImageTests
{
    private static RomImage Image() => new("t", 6, 2, [-1, 0, 31, -32], ["a1", "a0"]);

    [Fact]
    public void ToMem_OneMaskedHexWordPerLine()
    {
        Assert.Equal("3f\n00\n1f\n20\n", Encoding.ASCII.GetString(Image().ToMem()));
    }

    [Fact]
    public void ToCoe_XilinxRadix16Vector()
    {
        Assert.Equal(
            "; Neuro rule ROM 't': 4 words of 6 bits, two's complement\nmemory_initialization_radix=16;\nmemory_initialization_vector=\n3f,\n00,\n1f,\n20;\n",
            Encoding.ASCII.GetString(Image().ToCoe()));
    }

    [Fact]
    public void ToMif_IntelHexContent()
    {
        Assert.Equal(
            "-- Neuro rule ROM 't': 4 words of 6 bits, two's complement\nWIDTH=6;\nDEPTH=4;\nADDRESS_RADIX=HEX;\nDATA_RADIX=HEX;\nCONTENT BEGIN\n    0 : 3f;\n    1 : 00;\n    2 : 1f;\n    3 : 20;\nEND;\n",
            Encoding.ASCII.GetString(Image().ToMif()));
    }

    [Fact]
    public void ToBin_LittleEndianMaskedWords()
    {
        Assert.Equal(new byte[] { 0x3f, 0x00, 0x1f, 0x20 }, Image().ToBin());
        var wide = new RomImage("w", 12, 1, [-2, 0x123], ["a0"]);
        Assert.Equal(new byte[] { 0xfe, 0x0f, 0x23, 0x01 }, wide.ToBin());
        var full = new RomImage("f", 64, 1, [long.MinValue, -1], ["a0"]);
        Assert.Equal("8000000000000000\nffffffffffffffff\n", Encoding.ASCII.GetString(full.ToMem()));
    }

    [Fact]
    public void Constructor_WordOutsideWidth_Throws()
    {
        var e = Assert.Throws<RtlExportException>(() => new RomImage("t", 4, 1, [16, 0], ["a0"]));
        Assert.Equal("ROM 't': word [0] = 16 does not fit 4 bits", e.Message);
    }

    [Fact]
    public void Constructor_WidthBeyond64_Throws()
    {
        var e = Assert.Throws<RtlExportException>(() => new RomImage("t", 65, 1, [0, 0], ["a0"]));
        Assert.Equal("ROM 't': word width must be 1..64 bits, not 65", e.Message);
    }

    [Fact]
    public void Constructor_DepthBeyondAddress_Throws()
    {
        var e = Assert.Throws<RtlExportException>(() => new RomImage("t", 4, 1, [0, 0, 0], ["a0"]));
        Assert.Equal("ROM 't': 3 words do not fit 1 address bits", e.Message);
    }
}
