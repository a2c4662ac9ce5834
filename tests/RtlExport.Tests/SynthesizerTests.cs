using Xunit;

namespace Neuro.RtlExport;

public sealed class SynthesizerTests
{
    [Fact]
    public void Generic_TinyLearner_ReportsLutsFlipFlopsAndMemories()
    {
        using var dir = new TempFolder();
        RtlCases.Fixed("r0-hidden-only-satsym").ExportTo(dir.Path);
        var report = Synthesizer.Run(dir.Path, SynthTarget.Generic);
        Assert.Equal("tiny_learner", report.Top);
        Assert.True(report.Luts > 0, "no LUTs");
        Assert.True(report.FlipFlops > 0, "no flip-flops");
        // The recurrent weights (4 rows of 4 words of 6 bits) stay a memory, as do the rule ROM and the activations.
        Assert.True(report.MemoryBits >= 16 * 6, $"memory bits {report.MemoryBits}");
        Assert.Null(report.MaxFrequencyMhz);
    }

    [Fact]
    public void Generic_SmallEngine_ReportsLutsFlipFlopsAndMemories()
    {
        using var dir = new TempFolder();
        RtlCases.Fixed("r1-all-tables-sat").ExportTo(dir.Path);
        var report = Synthesizer.Run(dir.Path, SynthTarget.Generic, top: "neuro_engine");
        Assert.Equal("neuro_engine", report.Top);
        Assert.True(report.Luts > 0, "no LUTs");
        Assert.True(report.FlipFlops > 0, "no flip-flops");
        // Rule ROMs (16 + 4 + 8 words of 8 bits) and at least the recurrent weight memory stay memories.
        Assert.True(report.MemoryBits >= (16 + 4 + 8) * 8, $"memory bits {report.MemoryBits}");
    }

    [Fact]
    public void Ice40_SmallEngine_ReportsBlockRamAndFmax()
    {
        using var dir = new TempFolder();
        RtlCases.Fixed("r1-all-tables-sat").ExportTo(dir.Path);
        var report = Synthesizer.Run(dir.Path, SynthTarget.Ice40, top: "neuro_engine");
        Assert.True(report.Luts > 0, "no LUTs");
        Assert.True(report.FlipFlops > 0, "no flip-flops");
        Assert.Equal(report.BlockRams * 4096, report.MemoryBits);
        Assert.True(report.MaxFrequencyMhz > 0, "no Fmax");
        Assert.Equal("hx8k-ct256", report.Device);
    }

    [Fact]
    [Trait("Category", "Heavy")]
    public void Ice40_SmallLearner_PlacesAndRoutes()
    {
        using var dir = new TempFolder();
        RtlCases.Fixed("r1-all-tables-sat").ExportTo(dir.Path);
        var report = Synthesizer.Run(dir.Path, SynthTarget.Ice40);
        Assert.Equal("neuro_learner", report.Top);
        Assert.True(report.BlockRams > 0, "no block RAM");
        Assert.True(report.MaxFrequencyMhz > 0, "no Fmax");
    }

    [Fact]
    public void Run_UnknownTop_IsRefused()
    {
        using var dir = new TempFolder();
        RtlCases.Fixed("r0-hidden-only-satsym").ExportTo(dir.Path);
        var e = Assert.Throws<RtlExportException>(() => Synthesizer.Run(dir.Path, SynthTarget.Generic, top: "nope"));
        Assert.StartsWith("'nope' is not a module of the export; expected one of tiny_rom, tiny_plasticity_unit, tiny_engine", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ice40_UnknownDevice_IsRefused()
    {
        using var dir = new TempFolder();
        RtlCases.Fixed("r0-hidden-only-satsym").ExportTo(dir.Path);
        var e = Assert.Throws<RtlExportException>(() => Synthesizer.Run(dir.Path, SynthTarget.Ice40, "lp384"));
        Assert.Equal("Unknown iCE40 device 'lp384'; expected one of hx1k, hx4k, hx8k, up5k", e.Message);
    }

    private const string AbcAbort = "ERROR: ABC: execution of command \"\"berkeley-abc\" -s -f /tmp/yosys-abc-x/abc.script 2>&1\" failed: return code 134.";

    [Fact]
    public void AbcAbort_IsRunAgain_AndRecordedInTheLog()
    {
        var runs = new Queue<(int, string)>([(1, AbcAbort), (0, "netlist written")]);
        var (code, log) = Synthesizer.RetryingAbcAborts(runs.Dequeue);
        Assert.Equal(0, code);
        Assert.Empty(runs);
        Assert.StartsWith("neuro: attempt 1: ABC aborted (return code 134); Yosys run again", log, StringComparison.Ordinal);
        Assert.EndsWith("netlist written", log, StringComparison.Ordinal);
    }

    [Fact]
    public void AbcAbort_OnEveryAttempt_Fails_AfterThreeRuns()
    {
        int runs = 0;
        var (code, log) = Synthesizer.RetryingAbcAborts(() => { runs++; return (1, AbcAbort); });
        Assert.Equal(1, code);
        Assert.Equal(Synthesizer.AbcAttempts, runs);
        Assert.Contains("attempt 2: ABC aborted", log, StringComparison.Ordinal);
        Assert.EndsWith(AbcAbort, log, StringComparison.Ordinal);
    }

    [Fact]
    public void OtherYosysFailures_AreNotRunAgain()
    {
        int runs = 0;
        var (code, log) = Synthesizer.RetryingAbcAborts(() => { runs++; return (1, "ERROR: syntax error, unexpected TOK_ID"); });
        Assert.Equal(1, code);
        Assert.Equal(1, runs);
        Assert.Equal("ERROR: syntax error, unexpected TOK_ID", log);
    }
}
