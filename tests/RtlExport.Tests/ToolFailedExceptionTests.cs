using Neuro.RtlExport.Tools;
using Xunit;

namespace Neuro.RtlExport;

/// <summary>
/// An edited Verilog file is bad input (refused before any tool runs); a file the manifest vouches for that a tool then
/// rejects is a check that ran and failed (<see cref="ToolFailedException"/>), in synthesis as in co-simulation.
/// </summary>
public sealed class ToolFailedExceptionTests
{
    private static TempFolder ExportWithSyntaxError(bool recordIt)
    {
        var dir = new TempFolder();
        RtlCases.Fixed("r0-hidden-only-satsym").ExportTo(dir.Path);
        string broken = File.ReadAllText(Path.Combine(dir.Path, "rtl", "tiny_engine.v")) + "module broken(;\n";
        if (recordIt)
        {
            ExportPatch.Rewrite(dir.Path, "rtl/tiny_engine.v", broken);
        }
        else
        {
            File.WriteAllText(Path.Combine(dir.Path, "rtl", "tiny_engine.v"), broken);
        }

        return dir;
    }

    [Fact]
    public void Synth_SyntaxErrorNotInTheManifest_RefusedBeforeYosysRuns()
    {
        using var dir = ExportWithSyntaxError(recordIt: false);
        var e = Assert.Throws<RtlExportException>(() => Synthesizer.Run(dir.Path, SynthTarget.Generic));
        Assert.StartsWith("'rtl/tiny_engine.v' in '", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Synth_SyntaxErrorInAVerifiedFile_IsAToolFailure()
    {
        using var dir = ExportWithSyntaxError(recordIt: true);
        var e = Assert.Throws<ToolFailedException>(() => Synthesizer.Run(dir.Path, SynthTarget.Generic));
        Assert.StartsWith("yosys failed (exit ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cosim_SyntaxErrorInAVerifiedFile_FailsTheTestbench()
    {
        using var dir = ExportWithSyntaxError(recordIt: true);
        var r = Assert.Single(Cosimulator.Run(dir.Path, Simulator.Iverilog, ["tiny_engine_tb"]));
        Assert.False(r.Passed);
        Assert.Contains("iverilog could not compile the testbench", r.Log, StringComparison.Ordinal);
    }
}
