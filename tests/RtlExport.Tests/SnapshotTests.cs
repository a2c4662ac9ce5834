using System.Text;
using Xunit;

namespace Neuro.RtlExport;

/// <summary>Pins every emitted artifact (Verilog, ROM images, edge lists, golden vectors, manifest) of the fixed cases.</summary>
public sealed class SnapshotTests
{
    /// <summary>Extensions pinned as text snapshots; <c>.bin</c> images are pinned through the manifest's SHA-256.</summary>
    private static readonly string[] TextExtensions = [".v", ".mem", ".coe", ".mif", ".json"];

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
        bool large = name.StartsWith("demo", StringComparison.Ordinal);
        foreach (var (path, _, bytes) in files)
        {
            string ext = Path.GetExtension(path);
            // The demo case is large: pin its Verilog and manifest (whose SHA-256s pin every other file).
            if (!TextExtensions.Contains(ext) || (large && ext is not (".v" or ".json")))
            {
                continue;
            }

            yield return (path, Encoding.ASCII.GetString(bytes));
        }
    }
}
