using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace Neuro.Cli;

/// <summary>
/// <c>neuro demo</c> end to end, once (the one long check CI runs: the main job must work on a fresh machine), and its
/// determinism (heavy).
/// </summary>
public sealed partial class DemoCommandTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("neuro-cli-demo-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void Demo_LearnsExportsAndReports()
    {
        string dir = Path.Combine(root, "demo-out");
        var result = NeuroRunner.Run("demo", "--json", "--seed", "1", "--out", dir);
        Assert.True(result.ExitCode == 0, result.Stderr);
        using var doc = JsonDocument.Parse(result.Stdout);
        var summary = doc.RootElement;

        // A rule that learns, in bit-accurate fixed point: at least 55 % on the 4-class task (chance 25 %).
        Assert.InRange(summary.GetProperty("fixedTestAccuracy").GetDouble(), 0.55, 1.0);
        Assert.InRange(summary.GetProperty("floatTestAccuracy").GetDouble(), 0.55, 1.0);
        // The demo's own lifetime (the plots) is the simulate stage's lifetime.
        Assert.Equal(summary.GetProperty("floatTestAccuracy").GetDouble(), summary.GetProperty("lifetimeFloatTestAccuracy").GetDouble());
        Assert.Equal(summary.GetProperty("fixedTestAccuracy").GetDouble(), summary.GetProperty("lifetimeFixedTestAccuracy").GetDouble());

        // CI installs Icarus Verilog and Yosys (test.sh), so no stage may be skipped there.
        Assert.Equal(0, summary.GetProperty("skipped").GetArrayLength());
        var hardware = summary.GetProperty("hardware");
        Assert.True(hardware.GetProperty("cosimPassed").GetBoolean());
        Assert.True(hardware.GetProperty("luts").GetInt64() > 0);
        Assert.Equal(["evolve", "simulate", "quantize", "sweep", "export", "cosim", "synth"],
            summary.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("stage").GetString()));

        // The folder: the rule, the export, the report, and every file the report links.
        foreach (string file in new[] { "rule.json", "precision.json", "report.md", "hw/manifest.json", "evolve/checkpoint.json", "sweep/sweep.csv" })
        {
            Assert.True(File.Exists(Path.Combine(dir, file)), file);
        }

        string report = File.ReadAllText(Path.Combine(dir, "report.md"));
        var links = Link().Matches(report).Select(m => m.Groups[1].Value).ToList();
        Assert.Contains("lifetime.png", links);
        Assert.Contains("weight-error.png", links);
        Assert.Contains("rom-words.png", links);
        Assert.Contains("sweep/sweep.png", links);
        foreach (string link in links)
        {
            Assert.True(File.Exists(Path.Combine(dir, link)) || Directory.Exists(Path.Combine(dir, link)), $"report.md links {link}, which is missing");
            if (link.EndsWith(".png", StringComparison.Ordinal))
            {
                Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, File.ReadAllBytes(Path.Combine(dir, link))[..4]);
            }
        }

        Assert.Contains("**Co-simulation (Icarus Verilog): PASS.**", report, StringComparison.Ordinal);
        Assert.Contains($"{hardware.GetProperty("luts").GetInt64()} LUTs", report, StringComparison.Ordinal);

        // The command the report gives for a stage redoes it: the same numbers.
        string simulate = summary.GetProperty("stages").EnumerateArray().Single(s => s.GetProperty("stage").GetString() == "simulate").GetProperty("command").GetString()!;
        Assert.Contains(simulate, report, StringComparison.Ordinal);
        string[] args = [.. simulate.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)];
        var redo = NeuroRunner.Run(args);
        Assert.True(redo.ExitCode == 0, redo.Stderr);
        using var redone = JsonDocument.Parse(redo.Stdout);
        Assert.Equal(summary.GetProperty("fixedTestAccuracy").GetDouble(), redone.RootElement.GetProperty("testAccuracy").GetDouble());

        // A second demo into the same folder replaces it (the demo wrote it); into a foreign folder it does not.
        Assert.Contains("is not empty and was not written by 'neuro demo'",
            NeuroRunner.Run("demo", "--out", Path.Combine(dir, "evolve")).SingleErrorLine(2), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Heavy")]
    public void Demo_SameSeed_SameFiles()
    {
        string a = Path.Combine(root, "a"), b = Path.Combine(root, "b");
        Assert.Equal(0, NeuroRunner.Run("demo", "--seed", "3", "--out", a).ExitCode);
        Assert.Equal(0, NeuroRunner.Run("demo", "--seed", "3", "--out", b).ExitCode);
        foreach (string file in new[] { "rule.json", "evolve/checkpoint.json", "hw/manifest.json", "sweep/sweep.csv" })
        {
            Assert.Equal(File.ReadAllText(Path.Combine(a, file)), File.ReadAllText(Path.Combine(b, file)));
        }
    }

    [GeneratedRegex(@"\]\(([^)]+)\)")]
    private static partial Regex Link();
}
