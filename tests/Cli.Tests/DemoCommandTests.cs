using System.Text.Json;
using Neuro.FixedPointSim;
using Xunit;

namespace Neuro.Cli;

public sealed class DemoCommandTests
{
    [Fact]
    public void Run_EvolvesSimulatesAndQuantizes()
    {
        var result = NeuroRunner.Run("demo", "--json", "--seed", "2");
        Assert.True(result.ExitCode == 0, result.Stderr);
        using var doc = JsonDocument.Parse(result.Stdout);
        var root = doc.RootElement;
        Assert.Equal(2, root.GetProperty("seed").GetInt32());
        // CI installs Icarus Verilog and Yosys (test.sh), so every stage runs: the hardware stages must not be skipped there.
        Assert.Equal(["evolve", "simulate", "quantize", "fixed-point simulation", "export", "cosim", "synth"], root.GetProperty("stagesRun").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(0, root.GetProperty("skipped").GetArrayLength());
        var hardware = root.GetProperty("hardware");
        Assert.True(hardware.GetProperty("cosimPassed").GetBoolean());
        Assert.Equal(hardware.GetProperty("expectedUpdates").GetInt64(), hardware.GetProperty("updates").GetInt64());
        Assert.InRange(hardware.GetProperty("updatesPerClock").GetDouble(), 0.9, 1.0);
        Assert.True(hardware.GetProperty("luts").GetInt64() > 0);
        Assert.InRange(root.GetProperty("fixedTestAccuracy").GetDouble(), 0.30, 1.0);
        // 4 balanced classes: an evolved rule that learns must beat chance (25 %) on the unseen test set.
        Assert.InRange(root.GetProperty("testAccuracy").GetDouble(), 0.30, 1.0);
        Assert.Equal(256 + 32, root.GetProperty("romEntries").GetInt32());
        Assert.InRange(root.GetProperty("maxAbsErrorLsb").GetDouble(), 0, 0.5);
    }

    [Fact]
    public void Run_SameSeedSameResult()
    {
        var a = DemoCommand.Run(5, null, TextWriter.Null, CancellationToken.None);
        var b = DemoCommand.Run(5, null, TextWriter.Null, CancellationToken.None);
        Assert.Equal(a.Rule, b.Rule);
        Assert.Equal(a.TestAccuracy, b.TestAccuracy);
    }

    [Fact]
    public void Run_RomWordsAreTheRuleTimesEtaInTheWeightLsb()
    {
        var r = DemoCommand.Run(1, null, TextWriter.Null, CancellationToken.None);
        foreach (var (index, target, word) in r.FirstWords)
        {
            Assert.Equal(r.Rule.Eta * r.Rule.Hidden!.Value[index], target);
            // The ROM word is eta·entry in the weight's LSB scale: ap_fixed<8,-4> carries the weight's 12 fractional bits.
            Assert.Equal(Fixed.FromDouble(target, QFormat.ApFixed(true, 8, -4), Rounding.RndConv, Overflow.Sat), word);
        }
    }
}
