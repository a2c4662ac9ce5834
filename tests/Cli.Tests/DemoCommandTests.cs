using System.Globalization;
using System.Text.Json;
using Xunit;

namespace Neuro.Cli;

public class DemoCommandTests
{
    [Fact]
    public void Run_PrintsTableAndSaysWhatIsNotBuilt()
    {
        var result = NeuroRunner.Run("demo");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
        var rows = result.TableRows();
        Assert.Equal(["index", "entry", "float", "raw", "hex", "value", "error (LSB)"], rows[0]);
        Assert.Equal(17, rows.Count);
        // Entry 0 is −1: eta·(−1) = −0.01, and −0.01·2^14 = −163.84 rounds to −164 = 0xFF5C, i.e. −164/16384.
        Assert.Equal(["0", "-1", "-0.01", "-164", "0xFF5C", "-0.010009765625", "-0.1600"], rows[1]);
        Assert.Contains("ap_fixed<16,2,AP_RND_CONV,AP_SAT> (sQ2.14)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("max |error| = ", result.Stdout, StringComparison.Ordinal);
        string last = result.Stdout.TrimEnd().Split('\n')[^1];
        Assert.Equal("Pipeline stages run: quantize. Not built yet (future work): evolve, simulate, export, cosim, synth.", last);
    }

    [Fact]
    public void Run_JsonMatchesTable()
    {
        var result = NeuroRunner.Run("demo", "--json");

        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Stdout);
        var root = doc.RootElement;
        Assert.Equal("ap_fixed<16,2,AP_RND_CONV,AP_SAT>", root.GetProperty("type").GetString());
        var entries = root.GetProperty("entries").EnumerateArray().ToArray();
        Assert.Equal(16, entries.Length);
        double maxError = 0;
        foreach (var entry in entries)
        {
            long raw = entry.GetProperty("raw").GetInt64();
            double target = entry.GetProperty("float").GetDouble();
            Assert.Equal(Math.Round(target * 16384, MidpointRounding.ToEven), raw);
            Assert.Equal(raw / 16384m, decimal.Parse(entry.GetProperty("value").GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture));
            double error = entry.GetProperty("errorLsb").GetDouble();
            Assert.InRange(Math.Abs(error), 0, 0.5);
            maxError = Math.Max(maxError, Math.Abs(error));
        }

        Assert.Equal(maxError, root.GetProperty("maxAbsErrorLsb").GetDouble());
        Assert.Equal(
            ["evolve", "simulate", "export", "cosim", "synth"],
            root.GetProperty("stages").GetProperty("notBuilt").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Run_SeedDoesNotChangeTheTable()
    {
        var plain = NeuroRunner.Run("demo");
        var seeded = NeuroRunner.Run("demo", "--seed", "7");

        Assert.Equal(0, seeded.ExitCode);
        Assert.Equal(plain.Stdout, seeded.Stdout);
    }
}
