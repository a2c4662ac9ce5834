using System.Collections.Immutable;

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

    /// <summary>Reads <c>manifest.json</c> strictly and verifies the folder against it (<see cref="ExportManifest.Verify"/>:
    /// format version, names, paths, every file's SHA-256).</summary>
    /// <exception cref="RtlExportException">The folder or manifest is missing or malformed, a module name is unsafe, or a
    /// file is missing or changed.</exception>
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

        var verified = ExportManifest.Read(directory);
        verified.Verify(directory);
        return new ExportFolder(
            Path.GetFullPath(directory), verified.Modules.Top, verified.Rtl, [.. verified.Testbenches.Select(t => (t.Module, t.File))]);
    }
}
