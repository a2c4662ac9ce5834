using System.Globalization;
using System.Text.RegularExpressions;
using Xunit;

namespace Neuro.RtlExport;

/// <summary>
/// The export folder's packaging: every ROM image format parses back to the <c>.mem</c> words, the vendor wrappers name
/// the images they consume, and <c>files.f</c>, the FuseSoC core and the constraint templates cover the design.
/// </summary>
public sealed partial class ExportPackageTests
{
    [Theory]
    [InlineData("r1-all-tables-sat")]
    [InlineData("r2-input-wrap")]
    [InlineData("demo-w30-e12")]
    public void Images_EveryFormatParsesBackToTheMemWords(string name)
    {
        var c = RtlCases.Fixed(name);
        using var dir = new TempFolder();
        c.ExportTo(dir.Path);
        var design = c.Design();
        foreach (var rom in design.Roms)
        {
            string Path(string ext) => System.IO.Path.Combine(dir.Path, design.RomPath(rom.Name, ext));
            ulong[] mem = [.. File.ReadAllLines(Path("mem")).Select(l => ulong.Parse(l, NumberStyles.HexNumber, CultureInfo.InvariantCulture))];
            Assert.Equal(rom.Depth, mem.Length);
            Assert.Equal(mem, ParseCoe(File.ReadAllText(Path("coe"))));
            Assert.Equal(mem, ParseMif(File.ReadAllText(Path("mif")), rom.WordWidth, rom.Depth));
            Assert.Equal(mem, ParseBin(File.ReadAllBytes(Path("bin")), rom.WordWidth));
            ulong mask = rom.WordWidth == 64 ? ulong.MaxValue : (1UL << rom.WordWidth) - 1;
            Assert.Equal(rom.Words.Select(w => unchecked((ulong)w) & mask), mem);
            Assert.True(name != "demo-w30-e12" || rom.WordWidth > 8, "this case checks multi-byte words");
        }
    }

    [Fact]
    public void VendorWrappers_ConsumeTheCoeAndMifImages()
    {
        var c = RtlCases.Fixed("r1-all-tables-sat");
        using var dir = new TempFolder();
        c.ExportTo(dir.Path);
        var design = c.Design();
        string tcl = File.ReadAllText(System.IO.Path.Combine(dir.Path, "vendor", "xilinx", "neuro_roms.tcl"));
        foreach (var t in design.Tables)
        {
            string intel = File.ReadAllText(System.IO.Path.Combine(dir.Path, "vendor", "intel", $"neuro_{t.Name}_rom_intel.v"));
            Assert.Contains($".init_file(\"{design.RomPath(t.Name, "mif")}\")", intel, StringComparison.Ordinal);
            Assert.Contains($".width_a(DATA_WIDTH)", intel, StringComparison.Ordinal);
            Assert.Contains($"parameter DEPTH = {t.Image.Depth}", intel, StringComparison.Ordinal);
            Assert.True(File.Exists(System.IO.Path.Combine(dir.Path, design.RomPath(t.Name, "mif"))));
            string xilinx = File.ReadAllText(System.IO.Path.Combine(dir.Path, "vendor", "xilinx", $"neuro_{t.Name}_rom_xilinx.v"));
            Assert.Contains($"neuro_{t.Name}_blk\nrom_inst (", xilinx, StringComparison.Ordinal);
            Assert.Contains($"-module_name neuro_{t.Name}_blk\n", tcl, StringComparison.Ordinal);
            Assert.Contains($"CONFIG.Write_Depth_A {{{t.Image.Depth}}}", tcl, StringComparison.Ordinal);
            Assert.Contains($"CONFIG.Coe_File [file normalize {design.RomPath(t.Name, "coe")}]] [get_ips neuro_{t.Name}_blk]", tcl, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void FileListCoreAndConstraints_CoverTheDesign()
    {
        var c = RtlCases.Fixed("r1-all-tables-sat");
        using var dir = new TempFolder();
        c.ExportTo(dir.Path);
        string[] rtl = [.. Directory.EnumerateFiles(System.IO.Path.Combine(dir.Path, "rtl")).Select(f => "rtl/" + System.IO.Path.GetFileName(f)).Order(StringComparer.Ordinal)];
        string[] list = File.ReadAllLines(System.IO.Path.Combine(dir.Path, "files.f"));
        Assert.Equal(rtl, list.Order(StringComparer.Ordinal));
        Assert.Equal("rtl/neuro_rom.v", list[0]);
        string core = File.ReadAllText(System.IO.Path.Combine(dir.Path, "neuro.core"));
        Assert.StartsWith("CAPI=2:\n", core, StringComparison.Ordinal);
        Assert.All(rtl, f => Assert.Contains($"      - {f}\n", core, StringComparison.Ordinal));
        foreach (string image in Directory.EnumerateFiles(System.IO.Path.Combine(dir.Path, "rom"), "*.mem").Select(f => "rom/" + System.IO.Path.GetFileName(f)))
        {
            Assert.Contains($"      - {image}: {{copyto: {image}}}\n", core, StringComparison.Ordinal);
        }

        Assert.Contains("toplevel: neuro_learner\n", core, StringComparison.Ordinal);
        string pcf = File.ReadAllText(System.IO.Path.Combine(dir.Path, "constraints", "neuro_learner.pcf"));
        Assert.Contains("# set_io aclk PIN\n", pcf, StringComparison.Ordinal);
        Assert.Contains("# set_io s_axil_wdata[31] PIN\n", pcf, StringComparison.Ordinal);
        foreach (string ext in new[] { "sdc", "xdc" })
        {
            Assert.Contains("create_clock -name aclk -period 10.000 [get_ports aclk]\n", File.ReadAllText(System.IO.Path.Combine(dir.Path, "constraints", $"neuro_learner.{ext}")), StringComparison.Ordinal);
        }

        string readme = File.ReadAllText(System.IO.Path.Combine(dir.Path, "README.md"));
        Assert.Contains("| `s_axis_tready` | out | 1 |", readme, StringComparison.Ordinal);
        Assert.Contains("| 0x2C | WEIGHT_DATA | RW |", readme, StringComparison.Ordinal);
        Assert.Contains($"Here: forward {c.Design().Timing.Forward} clocks", readme, StringComparison.Ordinal);
    }

    /// <summary>Xilinx <c>.coe</c>: the radix-16 vector after <c>memory_initialization_vector=</c>.</summary>
    private static ulong[] ParseCoe(string text)
    {
        Assert.Contains("memory_initialization_radix=16;", text, StringComparison.Ordinal);
        string vector = text[(text.IndexOf("memory_initialization_vector=", StringComparison.Ordinal) + "memory_initialization_vector=".Length)..];
        Assert.EndsWith(";\n", vector, StringComparison.Ordinal);
        return [.. vector.TrimEnd('\n', ';').Split(',').Select(w => ulong.Parse(w.Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture))];
    }

    /// <summary>Intel <c>.mif</c>: the header's width and depth, then <c>address : data;</c> lines between CONTENT BEGIN and END.</summary>
    private static ulong[] ParseMif(string text, int width, int depth)
    {
        Assert.Contains($"WIDTH={width};\nDEPTH={depth};\nADDRESS_RADIX=HEX;\nDATA_RADIX=HEX;\nCONTENT BEGIN\n", text, StringComparison.Ordinal);
        Assert.EndsWith("END;\n", text, StringComparison.Ordinal);
        var words = new ulong[depth];
        var seen = new bool[depth];
        foreach (Match m in MifLine().Matches(text))
        {
            int address = int.Parse(m.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            Assert.False(seen[address], $"address {address} twice");
            seen[address] = true;
            words[address] = ulong.Parse(m.Groups[2].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        }

        Assert.All(seen, Assert.True);
        return words;
    }

    /// <summary>Raw <c>.bin</c>: each word little-endian in <c>ceil(W/8)</c> bytes.</summary>
    private static ulong[] ParseBin(byte[] bytes, int width)
    {
        int per = (width + 7) / 8;
        Assert.Equal(0, bytes.Length % per);
        return [.. Enumerable.Range(0, bytes.Length / per).Select(i => Enumerable.Range(0, per).Aggregate(0UL, (v, b) => v | ((ulong)bytes[i * per + b] << (8 * b))))];
    }

    [GeneratedRegex(@"^    ([0-9a-f]+) : ([0-9a-f]+);$", RegexOptions.Multiline)]
    private static partial Regex MifLine();
}
