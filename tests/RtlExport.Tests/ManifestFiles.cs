using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Neuro.RtlExport;

/// <summary>
/// Test helper: records a deliberately edited file's new SHA-256 in the export's manifest, so a test can feed a tool a
/// changed file on purpose (a corrupted golden vector must reach the simulator to show up as a mismatch; an unrecorded
/// change is refused by <see cref="ExportManifest.Verify"/> before any tool runs).
/// </summary>
internal static class ManifestFiles
{
    public static void Rehash(string directory, string relativePath)
    {
        string manifestPath = Path.Combine(directory, HardwareExporter.ManifestName);
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!.AsObject();
        var entry = manifest["files"]!.AsArray().Single(f => f!["path"]!.GetValue<string>() == relativePath)!;
        entry["sha256"] = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(directory, relativePath))));
        File.WriteAllText(manifestPath, manifest.ToJsonString());
    }
}
