using Xunit;

namespace Neuro.RtlExport;

public sealed class SynthesizerTests
{
    [Fact]
    public void Generic_SmallExport_ReportsLutsFlipFlopsAndMemories()
    {
        using var dir = new TempFolder();
        RtlCases.Fixed("r1-all-tables-sat").ExportTo(dir.Path);
        var report = Synthesizer.Run(dir.Path, SynthTarget.Generic);
        Assert.Equal("neuro_engine", report.Top);
        Assert.True(report.Luts > 0, "no LUTs");
        Assert.True(report.FlipFlops > 0, "no flip-flops");
        // Rule ROMs (16 + 4 + 8 words of 8 bits) and at least the recurrent weight memory stay memories.
        Assert.True(report.MemoryBits >= (16 + 4 + 8) * 8, $"memory bits {report.MemoryBits}");
        Assert.Null(report.MaxFrequencyMhz);
    }

    [Fact]
    public void Ice40_SmallExport_ReportsBlockRamAndFmax()
    {
        using var dir = new TempFolder();
        RtlCases.Fixed("r1-all-tables-sat").ExportTo(dir.Path);
        var report = Synthesizer.Run(dir.Path, SynthTarget.Ice40);
        Assert.True(report.Luts > 0, "no LUTs");
        Assert.True(report.FlipFlops > 0, "no flip-flops");
        Assert.Equal(report.BlockRams * 4096, report.MemoryBits);
        Assert.True(report.MaxFrequencyMhz > 0, "no Fmax");
        Assert.Equal("hx8k-ct256", report.Device);
    }

    [Fact]
    public void Ice40_UnknownDevice_IsRefused()
    {
        using var dir = new TempFolder();
        RtlCases.Fixed("r0-hidden-only-satsym").ExportTo(dir.Path);
        var e = Assert.Throws<RtlExportException>(() => Synthesizer.Run(dir.Path, SynthTarget.Ice40, "lp384"));
        Assert.Equal("Unknown iCE40 device 'lp384'; expected one of hx1k, hx4k, hx8k, up5k", e.Message);
    }
}
