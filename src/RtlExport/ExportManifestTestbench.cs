namespace Neuro.RtlExport;

/// <summary>One entry of the <c>testbenches</c> array of <c>manifest.json</c>.</summary>
/// <param name="Module">The testbench's top module.</param>
/// <param name="File">Its file, relative to the export folder.</param>
public sealed record ExportManifestTestbench(string Module, string File);
