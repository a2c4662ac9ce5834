using System.Text.Json;
using Neuro.Rules.Json;

namespace Neuro.Rules;

/// <summary>
/// The two members every rule file starts with, read before the family's own strict reader takes the whole file:
/// <c>format</c> (absent in the first format, <c>neuro-rule/2</c> since) and <c>family</c>.
/// </summary>
/// <param name="Format">The format, or null for the first format.</param>
/// <param name="Family">The family (<c>pattern</c>, <c>baxter</c>, …).</param>
public sealed record RuleFileHeader(string? Format, string Family)
{
    /// <summary>The current rule-file format.</summary>
    public const string CurrentFormat = "neuro-rule/2";

    /// <summary>Largest rule file read: 64 MiB.</summary>
    public const long MaxBytes = 64L << 20;

    /// <summary>Reads the header of the rule file at <paramref name="path"/>.</summary>
    /// <exception cref="JsonInputException">The file cannot be read, is not a JSON object, or has no string <c>family</c>.</exception>
    public static RuleFileHeader Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new JsonInputException(path, null, Directory.Exists(path) ? "is a folder, not a rule file" : "file not found");
            }

            if (info.Length > MaxBytes)
            {
                throw new JsonInputException(path, null, $"is {info.Length} bytes; a rule file is at most {MaxBytes}");
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new JsonInputException(path, null, $"cannot be read: {e.Message}");
        }

        return Parse(bytes, path);
    }

    /// <summary>Reads the header of rule JSON; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="JsonInputException">The text is not a JSON object or has no string <c>family</c>.</exception>
    public static RuleFileHeader Parse(ReadOnlySpan<byte> utf8, string source)
    {
        string? format = null, family = null;
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = StrictJson.MaxDepth });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonInputException(source, null, "expected a JSON object (a rule file)");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string name = reader.GetString()!;
                reader.Read();
                if (name is "format" or "family" && reader.TokenType == JsonTokenType.String)
                {
                    (name == "format" ? ref format : ref family) = reader.GetString();
                }
                else
                {
                    reader.Skip();
                }
            }
        }
        catch (JsonException e) when (family is null)
        {
            string message = e.Message;
            int cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            throw new JsonInputException(source, null, $"malformed JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}: {(cut < 0 ? message : message[..cut]).TrimEnd(' ', '.', '|')}");
        }
        catch (JsonException)
        {
            // The family's strict reader reports malformed JSON after the family with its position.
        }
        catch (InvalidOperationException)
        {
        }

        return family is null
            ? throw new JsonInputException(source, "family", "required string member 'family' is missing (pattern, baxter, …)")
            : new RuleFileHeader(format, family);
    }
}
