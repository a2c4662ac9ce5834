using Neuro.RtlExport.Emitters;
using Neuro.RtlExport.Verilog;
using Xunit;

namespace Neuro.RtlExport;

/// <summary>
/// The testbenches' watchdog waits its whole limit in Verilator too. Verilator scales a delay to the time precision (ps)
/// in the width of the delay expression, so a 32-bit <c>TIMEOUT</c> wrapped after 4.29 ms of simulated time and fired
/// early on long lifetimes (mutation: declare the limit as a plain 32-bit localparam, and this testbench times out).
/// </summary>
public sealed class WatchdogTests
{
    [Fact]
    public void Watchdog_LimitPastFourMilliseconds_DoesNotFireEarlyInVerilator()
    {
        var m = new VerilogModule("neuro_watchdog_tb", ["A run of 5 ms of simulated time (its delay 64 bits wide) under a 10 ms watchdog."]);
        TestbenchEmitter.Timeout(m, 10_000_000);
        m.Reg("checks", "[31:0]", "Checks done", init: "32'd0");
        m.Reg("mismatches", "[31:0]", "Mismatches", init: "32'd0");
        m.Items.Add(new InitialItem("The run", [Stmt.Line("#(64'd5000000);"), Stmt.Line("$display(\"NEURO_TB neuro_watchdog_tb PASS checks=%0d mismatches=%0d\", checks, mismatches);"), Stmt.Line("$finish;")]));
        m.Items.Add(TestbenchEmitter.Watchdog(m.Name));

        using var dir = new TempFolder();
        File.WriteAllText(Path.Combine(dir.Path, "neuro_watchdog_tb.v"), VerilogWriter.Write(m, "sha256:0"));
        string verilator = Tools.ExternalTool.Find("verilator", "verilator");
        var (code, output) = Tools.ExternalTool.Run(verilator, ["--binary", "--timing", "-Wno-fatal", "-Mdir", "obj", "--top-module", "neuro_watchdog_tb", "neuro_watchdog_tb.v"], dir.Path, TimeSpan.FromMinutes(5));
        Assert.True(code == 0, output);
        (code, output) = Tools.ExternalTool.Run(Path.Combine(dir.Path, "obj", "Vneuro_watchdog_tb"), [], dir.Path, TimeSpan.FromMinutes(1));
        Assert.Contains("NEURO_TB neuro_watchdog_tb PASS", output, StringComparison.Ordinal);
        Assert.DoesNotContain("timeout", output, StringComparison.Ordinal);
    }
}
