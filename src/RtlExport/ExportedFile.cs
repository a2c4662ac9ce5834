namespace Neuro.RtlExport;

/// <summary>One file written by <see cref="HardwareExporter"/>: its path relative to the export folder, its kind and SHA-256.</summary>
/// <param name="Path">Relative path with '/' separators.</param>
/// <param name="Kind">What it is: <c>rom</c>, <c>coe</c>, <c>mif</c>, <c>bin</c>, <c>edges</c>, <c>rtl</c>, <c>testbench</c>, <c>vectors</c>.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the bytes.</param>
public sealed record ExportedFile(string Path, string Kind, string Sha256);
