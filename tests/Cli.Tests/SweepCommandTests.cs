using System.Text.Json;
using Xunit;

namespace Neuro.Cli;

public sealed class SweepCommandTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("neuro-cli-sweep-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static string Rule() => Path.Combine(RepoPaths.Root, "rules", "synthetic-es.json");

    private static readonly string[] Small = ["--task", "synthetic", "--limit", "150", "--hidden", "10", "--cap", "5"];

    [Fact]
    public void Sweep_WritesCsvAndPngForATinyGrid()
    {
        var r = NeuroRunner.Run(["sweep", "--rule", Rule(), .. Small, "--entry-bits", "3..5", "--weight-bits", "4..6", "--out", dir]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        string[] lines = File.ReadAllLines(Path.Combine(dir, "sweep.csv"));
        Assert.Equal("entryBits,weightBits,accuracy,lossPoints,valid", lines[0]);
        Assert.Equal(1 + 9, lines.Length);
        Assert.Equal("3,4", lines[1][..3]);
        Assert.Equal("5,4,,,false", lines[7]); // entry wider than weight
        Assert.EndsWith(",true", lines[9], StringComparison.Ordinal);
        byte[] png = File.ReadAllBytes(Path.Combine(dir, "sweep.png"));
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png[..4]);
        Assert.Contains("[9/9]", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("wrote ", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Sweep_JsonNamesTheSmallestWithinBudget()
    {
        var r = NeuroRunner.Run(["sweep", "--rule", Rule(), .. Small, "--entry-bits", "4", "--weight-bits", "8..16", "--budget", "100", "--out", dir, "--json"]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        var root = doc.RootElement;
        Assert.Equal(9, root.GetProperty("cells").GetArrayLength());
        Assert.Equal(100, root.GetProperty("budgetPoints").GetDouble());
        Assert.Equal(8, root.GetProperty("weightBits").GetProperty("min").GetInt32());
        var smallest = root.GetProperty("smallest");
        // Every valid cell loses at most 100 points, so the narrowest wins.
        Assert.Equal(4, smallest.GetProperty("entryBits").GetInt32());
        Assert.Equal(8, smallest.GetProperty("weightBits").GetInt32());
        Assert.Equal("ap_fixed<8,4,AP_RND_CONV,AP_SAT>", smallest.GetProperty("weight").GetString());
        Assert.Equal("ap_fixed<4,0,AP_RND_CONV,AP_SAT>", smallest.GetProperty("ruleEntry").GetString());
        Assert.Equal(Path.Combine(dir, "sweep.csv"), root.GetProperty("files").GetProperty("csv").GetString());
    }

    [Theory]
    [InlineData("--entry-bits", "9..3", "neuro: error: --entry-bits: the range 9..3 is empty: the low end must not exceed the high end")]
    [InlineData("--weight-bits", "0..8", "neuro: error: --weight-bits: bit widths must be 1..64, not 0..8")]
    [InlineData("--entry-bits", "two", "neuro: error: --entry-bits: 'two' is not a range of bit widths; expected LOW..HIGH such as 2..10, or one width such as 8")]
    [InlineData("--budget", "-1", "neuro: error: --budget must be at least 0 percentage points, not -1")]
    public void Sweep_BadArgumentsAreUsageErrors(string option, string value, string message)
    {
        Assert.Equal(message, NeuroRunner.Run(["sweep", "--rule", Rule(), .. Small, option, value, "--out", dir]).SingleErrorLine(2));
        Assert.False(File.Exists(Path.Combine(dir, "sweep.csv")));
    }

    [Fact]
    public void Sweep_WithoutRuleIsAUsageError()
    {
        Assert.Equal("neuro: error: --rule FILE is required", NeuroRunner.Run(["sweep", .. Small, "--out", dir]).SingleErrorLine(2));
    }
}
