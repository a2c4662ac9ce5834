using System.Text.Json;
using Xunit;

namespace Neuro.Cli;

public sealed class ProgressBarsTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("neuro-cli-progress-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void Progress_DrawsABarWithRateAndEtaOnStderr_AndJsonStaysClean()
    {
        var r = NeuroRunner.Run("evolve", "--task", "synthetic", "--generations", "3", "--population", "4", "--hidden", "6", "--cap", "3", "--batches", "1",
            "--batch-size", "20", "--limit", "100", "--out", Path.Combine(dir, "run"), "--json", "--progress");
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.Equal(3, doc.RootElement.GetProperty("generations").GetInt32());
        Assert.Contains("evolve: generations", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("100%", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("3/3", r.Stderr, StringComparison.Ordinal);
        // The bar replaces the plain per-generation lines.
        Assert.DoesNotContain("generation 1/3", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutProgress_NotATerminal_PlainLinesOnly()
    {
        var r = NeuroRunner.Run("sweep", "--rule", Path.Combine(RepoPaths.Root, "rules", "synthetic-es.json"), "--task", "synthetic", "--limit", "150",
            "--hidden", "10", "--cap", "5", "--entry-bits", "4", "--weight-bits", "8..9", "--out", Path.Combine(dir, "sweep"));
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.DoesNotContain("\u001b[", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("sweep: [2/2]", r.Stderr, StringComparison.Ordinal);
    }
}
