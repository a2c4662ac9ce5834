using System.Text.Json;
using Neuro.Rules.Hebbian;
using Xunit;

namespace Neuro.Cli;

/// <summary><c>neuro export</c> of a hebbian rule and <c>neuro cosim</c> on it end to end, and its errors.</summary>
public sealed class HebbianExportCommandTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("neuro-cli-hebexport-").FullName;

    private static string Data => Path.GetFullPath(Path.Combine(RepoPaths.SharedData("mnist"), ".."));

    private static string Shipped => Path.Combine(RepoPaths.Root, "rules", "hebbian-continual.json");

    private static readonly string[] Small = ["--hidden", "4", "--active", "1", "--samples", "3"];

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void ExportThenCosim_ShippedRule_PassesEveryUpdate()
    {
        string outDir = Path.Combine(dir, "hw");
        var export = NeuroRunner.Run(["export", "--rule", Shipped, "--data", Data, "--out", outDir, .. Small, "--json"]);
        Assert.True(export.ExitCode == 0, export.Stderr);
        using var exported = JsonDocument.Parse(export.Stdout);
        var root = exported.RootElement;
        Assert.Equal("hebbian", root.GetProperty("family").GetString());
        Assert.Equal("neuro_hebbian_engine", root.GetProperty("top").GetString());
        Assert.Equal(784, root.GetProperty("inputs").GetInt32());
        Assert.Equal(20, root.GetProperty("classes").GetInt32());
        long perSample = (4 * 784) + (20 * 4);
        Assert.Equal(perSample, root.GetProperty("updatesPerSample").GetInt64());
        Assert.Equal(3 * perSample, root.GetProperty("updates").GetInt64());
        foreach (string rom in new[] { "hidden_add", "hidden_scale", "output_add", "output_scale" })
        {
            foreach (string ext in new[] { "mem", "coe", "mif", "bin" })
            {
                Assert.True(File.Exists(Path.Combine(outDir, "rom", $"neuro_{rom}.{ext}")), $"{rom}.{ext}");
            }
        }

        var cosim = NeuroRunner.Run("cosim", outDir, "--json");
        Assert.True(cosim.ExitCode == 0, cosim.Stdout + cosim.Stderr);
        using var doc = JsonDocument.Parse(cosim.Stdout);
        var tb = Assert.Single(doc.RootElement.GetProperty("testbenches").EnumerateArray());
        Assert.Equal("neuro_hebbian_engine_tb", tb.GetProperty("module").GetString());
        Assert.Equal(3 * perSample, tb.GetProperty("updates").GetInt64());
        Assert.Equal(3 * root.GetProperty("clocksPerSample").GetInt64(), tb.GetProperty("cycles").GetInt64());
    }

    [Fact]
    public void Export_Twice_SameFiles()
    {
        var a = NeuroRunner.Run(["export", "--rule", Shipped, "--data", Data, "--out", Path.Combine(dir, "a"), .. Small, "--json"]);
        var b = NeuroRunner.Run(["export", "--rule", Shipped, "--data", Data, "--out", Path.Combine(dir, "b"), .. Small, "--json"]);
        Assert.True(a.ExitCode == 0 && b.ExitCode == 0, a.Stderr + b.Stderr);
        using var da = JsonDocument.Parse(a.Stdout);
        using var db = JsonDocument.Parse(b.Stdout);
        Assert.Equal(da.RootElement.GetProperty("files").GetRawText(), db.RootElement.GetProperty("files").GetRawText());
    }

    [Fact]
    public void Export_AllZeroRom_UsageErrorNamingTheFormat()
    {
        string rule = Path.Combine(dir, "tiny.json");
        HebbianRuleFile.Write(rule, new HebbianRule(new HebbianLayerRule(1e-12, 1, 1, 1, 1), new HebbianLayerRule(1e-12, 1, 1, 1, 1)), null);
        string line = NeuroRunner.Run(["export", "--rule", rule, "--data", Data, "--out", Path.Combine(dir, "hw"), .. Small]).SingleErrorLine(2);
        Assert.StartsWith("neuro: error: every word of the hidden layer's compiled ROMs is zero at ruleEntry ap_fixed<24,-2,AP_RND_CONV,AP_SAT>", line, StringComparison.Ordinal);
        Assert.Contains("widen ruleEntry (and scaleEntry) to at least 38 fractional bits", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir, "hw")));
    }

    [Fact]
    public void Export_ActiveWithAPatternRule_UsageError()
    {
        string pattern = Path.Combine(RepoPaths.Root, "rules", "synthetic-es.json");
        Assert.Equal($"neuro: error: --active applies only to hebbian rule files; {pattern} is not one",
            NeuroRunner.Run("export", "--rule", pattern, "--out", Path.Combine(dir, "hw"), "--active", "3").SingleErrorLine(2));
    }

    [Fact]
    public void Export_PatternOptionWithAHebbianRule_UsageError() =>
        Assert.StartsWith("neuro: error: --lanes does not apply to a hebbian rule",
            NeuroRunner.Run(["export", "--rule", Shipped, "--data", Data, "--out", Path.Combine(dir, "hw"), "--lanes", "2"]).SingleErrorLine(2), StringComparison.Ordinal);

    [Fact]
    public void Export_HebbianWithoutData_UsageError() =>
        Assert.StartsWith("neuro: error: --data DIR is required for a hebbian rule",
            NeuroRunner.Run(["export", "--rule", Shipped, "--out", Path.Combine(dir, "hw")]).SingleErrorLine(2), StringComparison.Ordinal);

    [Fact]
    public void Export_ActiveNotBelowHidden_UsageError() =>
        Assert.StartsWith("neuro: error: --hidden/--active: Active must be 1..Hidden",
            NeuroRunner.Run(["export", "--rule", Shipped, "--data", Data, "--out", Path.Combine(dir, "hw"), "--hidden", "4", "--active", "4"]).SingleErrorLine(2), StringComparison.Ordinal);
}
