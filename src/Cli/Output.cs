using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Spectre.Console;

namespace Neuro.Cli;

/// <summary>Where the verbs print: a plain Spectre console on a given writer, and indented JSON.</summary>
internal static class Output
{
    /// <summary>Wide enough that no number in a table is ever wrapped; a table is only as wide as its content.</summary>
    private const int ConsoleWidth = 4096;

    /// <summary>A Spectre console writing to <paramref name="writer"/> with no ANSI codes and no colours.</summary>
    internal static IAnsiConsole Console(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
        });
        console.Profile.Width = ConsoleWidth;
        return console;
    }

    /// <summary>Writes one JSON document built by <paramref name="write"/> to <paramref name="writer"/>, followed by a newline.</summary>
    internal static void Json(TextWriter writer, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(json);
        }

        writer.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    /// <summary>Writes the JSON document <paramref name="json"/> as the value of property <paramref name="name"/>, re-indented to fit.</summary>
    internal static void Embed(Utf8JsonWriter writer, string name, string json)
    {
        using var doc = JsonDocument.Parse(json);
        writer.WritePropertyName(name);
        doc.RootElement.WriteTo(writer);
    }
}
