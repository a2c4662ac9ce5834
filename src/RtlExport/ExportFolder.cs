using System.Collections.Immutable;
using System.Text.Json;

namespace Neuro.RtlExport;

/// <summary>An export folder as <c>neuro cosim</c> and <c>neuro synth</c> read it: its manifest's modules and files.</summary>
public sealed class ExportFolder
{
    private ExportFolder(string directory, string top, ImmutableArray<string> rtl, ImmutableArray<(string Module, string File)> testbenches)
    {
        Directory = directory;
        Top = top;
        Rtl = rtl;
        Testbenches = testbenches;
    }

    /// <summary>The folder (full path).</summary>
    public string Directory { get; }

    /// <summary>The top module for synthesis (the learning engine).</summary>
    public string Top { get; }

    /// <summary>The RTL files, relative to the folder.</summary>
    public ImmutableArray<string> Rtl { get; }

    /// <summary>Each testbench module and its file, relative to the folder.</summary>
    public ImmutableArray<(string Module, string File)> Testbenches { get; }

    /// <summary>Reads <c>manifest.json</c> and checks that every file it names exists and matches its SHA-256 (DESIGN.md §6).</summary>
    /// <exception cref="RtlExportException">The folder or manifest is missing or malformed, a module name is unsafe, or a file is missing or changed.</exception>
    public static ExportFolder Open(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!System.IO.Directory.Exists(directory))
        {
            throw new RtlExportException($"Export folder '{directory}' does not exist; create it with 'neuro export --out {directory}'");
        }

        string manifest = Path.Combine(directory, HardwareExporter.ManifestName);
        if (!File.Exists(manifest))
        {
            throw new RtlExportException($"'{directory}' has no {HardwareExporter.ManifestName}; it is not a 'neuro export' folder");
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(manifest));
            var root = doc.RootElement;
            string top = VerilogNames.Validate(root.GetProperty("modules").GetProperty("top").GetString());
            var rtl = root.GetProperty("rtl").EnumerateArray().Select(e => CheckedFile(directory, e.GetString())).ToImmutableArray();
            var tbs = root.GetProperty("testbenches").EnumerateArray()
                .Select(e => (VerilogNames.Validate(e.GetProperty("module").GetString()), CheckedFile(directory, e.GetProperty("file").GetString())))
                .ToImmutableArray();
            if (rtl.IsEmpty || tbs.IsEmpty)
            {
                throw new RtlExportException($"{manifest}: lists no RTL files or no testbenches");
            }

            foreach (var file in root.GetProperty("files").EnumerateArray())
            {
                string path = CheckedFile(directory, file.GetProperty("path").GetString());
                string expected = file.GetProperty("sha256").GetString() ?? "";
                string actual = HardwareDesign.Sha256(File.ReadAllBytes(Path.Combine(directory, path)));
                if (!string.Equals(expected, actual, StringComparison.Ordinal))
                {
                    throw new RtlExportException($"'{path}' in '{directory}' does not match its SHA-256 in manifest.json (changed after the export); export again");
                }
            }

            return new ExportFolder(Path.GetFullPath(directory), top, rtl, tbs);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new RtlExportException($"{manifest} is malformed: {e.Message}", e);
        }
    }

    private static string CheckedFile(string directory, string? relative)
    {
        if (string.IsNullOrEmpty(relative) || Path.IsPathRooted(relative) || relative.Contains("..", StringComparison.Ordinal))
        {
            throw new RtlExportException($"manifest.json names an unsafe or empty path '{relative}'");
        }

        if (!File.Exists(Path.Combine(directory, relative)))
        {
            throw new RtlExportException($"'{relative}' named by manifest.json is missing from '{directory}'");
        }

        return relative;
    }
}
