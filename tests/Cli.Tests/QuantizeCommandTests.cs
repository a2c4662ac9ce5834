using System.Text.Json;
using Xunit;

namespace Neuro.Cli;

public sealed class QuantizeCommandTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("neuro-cli-quantize-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static string Rule() => Path.Combine(RepoPaths.Root, "rules", "synthetic-es.json");

    private static readonly string[] Small = ["--task", "synthetic", "--limit", "300", "--hidden", "12", "--cap", "6", "--seed", "2"];

    [Fact]
    public void Quantize_JsonHasStableKeysAndSaneValues()
    {
        var r = NeuroRunner.Run(["quantize", "--rule", Rule(), .. Small, "--passes", "2", "--json"]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        var root = doc.RootElement;
        Assert.Equal(2, root.GetProperty("seed").GetInt32());
        Assert.Equal(2, root.GetProperty("passes").GetInt32());
        Assert.Equal("ap_fixed<8,-4,AP_RND_CONV,AP_SAT>", root.GetProperty("precision").GetProperty("ruleEntry").GetString());

        var hidden = root.GetProperty("tables").GetProperty("hidden");
        Assert.Equal(256, hidden.GetProperty("entries").GetInt32());
        Assert.InRange(hidden.GetProperty("maxAbsErrorLsb").GetDouble(), 0, 0.5);
        Assert.True(hidden.GetProperty("sqnrDb").GetDouble() > 20);
        Assert.False(hidden.GetProperty("exact").GetBoolean());
        Assert.True(hidden.GetProperty("zeroed").GetInt32() >= 0);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("tables").GetProperty("input").ValueKind);
        Assert.Equal(32, root.GetProperty("tables").GetProperty("output").GetProperty("entries").GetInt32());

        foreach (string layer in new[] { "projection", "hidden", "logits" })
        {
            var l = root.GetProperty("layers").GetProperty(layer);
            Assert.True(l.GetProperty("rmsError").GetDouble() <= l.GetProperty("maxAbsError").GetDouble());
            Assert.True(l.GetProperty("lockstepElements").GetInt64() <= l.GetProperty("elements").GetInt64());
        }

        Assert.Equal(600 * 12, root.GetProperty("layers").GetProperty("hidden").GetProperty("elements").GetInt64());
        var agreement = root.GetProperty("agreement");
        Assert.Equal(600, agreement.GetProperty("samples").GetInt32());
        Assert.InRange(agreement.GetProperty("patterns").GetDouble(), 0, 1);
        Assert.InRange(agreement.GetProperty("predictions").GetDouble(), 0, 1);

        var recurrent = root.GetProperty("weights").GetProperty("recurrent");
        Assert.True(recurrent.GetProperty("plastic").GetBoolean());
        Assert.True(recurrent.GetProperty("maxAbsDrift").GetDouble() >= recurrent.GetProperty("rmsDrift").GetDouble());
        var drift = root.GetProperty("drift");
        Assert.Equal(0, drift[0].GetProperty("samples").GetInt32());
        Assert.Equal(600, drift[drift.GetArrayLength() - 1].GetProperty("samples").GetInt32());

        var accuracy = root.GetProperty("accuracy");
        double floatAccuracy = accuracy.GetProperty("float").GetDouble(), fixedAccuracy = accuracy.GetProperty("fixed").GetDouble();
        Assert.InRange(floatAccuracy, 0, 1);
        Assert.InRange(fixedAccuracy, 0, 1);
        Assert.Equal(Math.Round(100 * (floatAccuracy - fixedAccuracy), 9), accuracy.GetProperty("lossPoints").GetDouble(), 9);
    }

    [Fact]
    public void Quantize_FloatAccuracyMatchesSimulate()
    {
        var q = NeuroRunner.Run(["quantize", "--rule", Rule(), .. Small, "--json"]);
        var s = NeuroRunner.Run(["simulate", "--rule", Rule(), .. Small, "--json"]);
        var f = NeuroRunner.Run(["simulate", "--rule", Rule(), .. Small, "--precision", "default", "--json"]);
        Assert.True(q.ExitCode == 0, q.Stderr);
        var accuracy = JsonDocument.Parse(q.Stdout).RootElement.GetProperty("accuracy");
        Assert.Equal(JsonDocument.Parse(s.Stdout).RootElement.GetProperty("testAccuracy").GetDouble(), accuracy.GetProperty("float").GetDouble());
        Assert.Equal(JsonDocument.Parse(f.Stdout).RootElement.GetProperty("testAccuracy").GetDouble(), accuracy.GetProperty("fixed").GetDouble());
    }

    [Fact]
    public void Quantize_TextShowsTheTables()
    {
        var r = NeuroRunner.Run(["quantize", "--rule", Rule(), .. Small]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        var rows = r.TableRows();
        Assert.Contains(rows, row => row[0] == "hidden" && row[1] == "256");
        Assert.Contains(rows, row => row[0] == "Wg (recurrent)" && row[1] == "yes");
        Assert.Contains(rows, row => row[0] == "frozen after the lifetime");
    }

    /// <summary>With a type per synapse group each table's row shows its own ROM word's LSB (the hidden table's 2^-24:
    /// the recurrent weights' 16 fractional bits and 8 stochastic bits; the output table's 2^-20) and the precision line
    /// names the group's type.</summary>
    [Fact]
    public void Quantize_TextShowsEachTablesLsbWithPerGroupTypes()
    {
        string config = Path.Combine(RepoPaths.Root, "configs", "precision-default-sr8-fine-recurrent.json");
        var r = NeuroRunner.Run(["quantize", "--rule", Rule(), .. Small, "--precision", config]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("recurrentWeight ap_fixed<16,0,AP_RND_CONV,AP_SAT>", r.Stdout);
        var rows = r.TableRows();
        Assert.Contains(rows, row => row[0] == "hidden" && row[2] == "5.96E-08");
        Assert.Contains(rows, row => row[0] == "output" && row[2] == "9.537E-07");
    }

    [Fact]
    public void Quantize_PlotWritesAPng()
    {
        string png = Path.Combine(dir, "sub", "q.png");
        var r = NeuroRunner.Run(["quantize", "--rule", Rule(), .. Small, "--plot", png, "--json"]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        byte[] bytes = File.ReadAllBytes(png);
        Assert.True(bytes.Length > 1000, $"{bytes.Length} bytes");
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        Assert.Equal(png, JsonDocument.Parse(r.Stdout).RootElement.GetProperty("plot").GetString());
    }

    [Fact]
    public void Quantize_WithoutRuleIsAUsageError()
    {
        Assert.Equal("neuro: error: --rule FILE is required", NeuroRunner.Run(["quantize", .. Small]).SingleErrorLine(2));
    }

    [Fact]
    public void Simulate_BadStochasticBitsIsAUsageError()
    {
        string path = Path.Combine(dir, "sr.json");
        File.WriteAllText(path, "{\"input\":\"sQ4.12\",\"weight\":\"sQ1.7\",\"activation\":\"sQ12.20\",\"ruleEntry\":\"ap_fixed<8,-6>\",\"stochasticBits\":25}");
        string line = NeuroRunner.Run(["simulate", "--rule", Rule(), .. Small, "--precision", path]).SingleErrorLine(2);
        Assert.EndsWith($"{path}: stochasticBits: must be 0..24, not 25", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Quantize_BadPrecisionIsAUsageError()
    {
        string path = Path.Combine(dir, "p.json");
        File.WriteAllText(path, "{\"input\":\"sQ4.12\",\"weight\":\"sQ4.12\",\"activation\":\"sQ12.20\",\"ruleEntry\":\"sQ99.1\"}");
        string line = NeuroRunner.Run(["quantize", "--rule", Rule(), .. Small, "--precision", path]).SingleErrorLine(2);
        Assert.Contains("ruleEntry", line, StringComparison.Ordinal);
        string missing = NeuroRunner.Run(["quantize", "--rule", Rule(), .. Small, "--precision", Path.Combine(dir, "none.json")]).SingleErrorLine(2);
        Assert.Contains("is neither 'default' nor an existing precision config file", missing, StringComparison.Ordinal);
    }
}
