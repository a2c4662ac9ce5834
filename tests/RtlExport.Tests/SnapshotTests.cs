using System.Text;
using Xunit;

namespace Neuro.RtlExport;

/// <summary>Pins every emitted artifact (Verilog, ROM images, edge lists, golden vectors, manifest) of the fixed cases.</summary>
public sealed class SnapshotTests
{
    /// <summary>Extensions pinned as text snapshots; <c>.bin</c> images are pinned through the manifest's SHA-256.</summary>
    private static readonly string[] TextExtensions = [".v", ".mem", ".coe", ".mif", ".json", ".h", ".md", ".f", ".core", ".pcf", ".sdc", ".xdc", ".tcl"];

    public static TheoryData<string> Cases => [.. RtlCases.SnapshotCases];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Export_MatchesVerifiedFiles(string name)
    {
        foreach (var (path, text) in Artifacts(name))
        {
            Snapshot.Verify(SnapshotName(name, path), Path.GetExtension(path)[1..], text);
        }
    }

    [Fact]
    public void Snapshots_NoneDangling()
    {
        var expected = RtlCases.SnapshotCases
            .SelectMany(name => Artifacts(name).Select(a => $"{SnapshotName(name, a.Path)}.verified{Path.GetExtension(a.Path)}"))
            .ToHashSet(StringComparer.Ordinal);
        var present = Directory.EnumerateFiles(Snapshot.Folder, "*.verified.*").Select(Path.GetFileName).ToList();
        var dangling = present.Where(f => !expected.Contains(f!)).ToList();
        Assert.True(dangling.Count == 0, $"Snapshots no test produces: {string.Join(", ", dangling)}");
    }

    private static string SnapshotName(string name, string path) =>
        $"{nameof(SnapshotTests)}.{nameof(Export_MatchesVerifiedFiles)}_{name}_{Path.GetFileNameWithoutExtension(path)}";

    private static IEnumerable<(string Path, string Text)> Artifacts(string name)
    {
        var c = RtlCases.Fixed(name);
        var (files, _) = HardwareExporter.BuildAll(c.Design(), RtlCases.Data, c.Settings);
        bool rtlOnly = RtlCases.RtlOnlyCases.Contains(name);
        foreach (var (path, _, bytes) in files)
        {
            string ext = Path.GetExtension(path);
            // Some cases pin only their Verilog and manifest (whose SHA-256s pin every other file).
            if (!TextExtensions.Contains(ext) || (rtlOnly && ext is not (".v" or ".json" or ".h")))
            {
                continue;
            }

            yield return (path, Encoding.ASCII.GetString(bytes));
        }
    }
}

public sealed class SnapshotHelperTests
{
    [Fact]
    public void Verify_Mismatch_WritesReceivedAndFailsWithDiff()
    {
        string name = $"{nameof(SnapshotHelperTests)}.Probe_{Environment.ProcessId}";
        string received = Path.Combine(Snapshot.Folder, name + ".received.txt");
        try
        {
            if (Environment.GetEnvironmentVariable("NEURO_ACCEPT_SNAPSHOTS") == "1")
            {
                return;
            }

            var e = Assert.ThrowsAny<Exception>(() => Snapshot.Verify(name, "txt", "a\nb\n"));
            Assert.Contains("No snapshot", e.Message, StringComparison.Ordinal);
            Assert.Equal("a\nb\n", File.ReadAllText(received));
        }
        finally
        {
            File.Delete(received);
        }

        Assert.Equal("@@ line 2 @@\n a\n-b\n-\n+c\n+\n", Snapshot.Diff("a\nb\n", "a\nc\n"));
    }
}
