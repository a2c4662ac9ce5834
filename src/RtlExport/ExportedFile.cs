using System.Text.Json;

namespace Neuro.RtlExport;

/// <summary>One file written by <see cref="HardwareExporter"/>: its path relative to the export folder, its kind and SHA-256.</summary>
/// <param name="Path">Relative path with '/' separators.</param>
/// <param name="Kind">What it is: <c>rom</c>, <c>coe</c>, <c>mif</c>, <c>bin</c>, <c>edges</c>, <c>rtl</c>, <c>testbench</c>, <c>vectors</c>.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the bytes.</param>
public sealed record ExportedFile(string Path, string Kind, string Sha256)
{
    /// <summary>Writes <paramref name="files"/> as the JSON array <c>files</c> of <c>{path, kind, sha256}</c> objects (the manifest's and <c>export --json</c>'s).</summary>
    public static void WriteArray(Utf8JsonWriter writer, IEnumerable<ExportedFile> files)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(files);
        writer.WriteStartArray("files");
        foreach (var file in files)
        {
            writer.WriteStartObject();
            writer.WriteString("path", file.Path);
            writer.WriteString("kind", file.Kind);
            writer.WriteString("sha256", file.Sha256);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
