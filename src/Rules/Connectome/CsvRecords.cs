using System.Text;

namespace Neuro.Rules.Connectome;

/// <summary>
/// Reads the connectome's CSV files: one record a line (LF or CRLF), fields split at commas, a field in double quotes
/// may hold commas and doubled quotes (RFC 4180). Any problem is a <see cref="ConnectomeFormatException"/> naming the line.
/// </summary>
internal static class CsvRecords
{
    /// <summary>The records after the header, which must be exactly <paramref name="header"/>; each with its 1-based line.</summary>
    public static IEnumerable<(int Line, string[] Fields)> Read(string path, string header)
    {
        string name = path;
        if (!System.IO.File.Exists(path))
        {
            throw new ConnectomeFormatException(name, 0, "file not found");
        }

        int line = 0;
        int columns = header.Split(',').Length;
        foreach (string text in System.IO.File.ReadLines(path))
        {
            line++;
            if (line == 1)
            {
                if (text.TrimStart('\uFEFF') != header)
                {
                    throw new ConnectomeFormatException(name, 1, $"expected the header '{header}', found '{text}'");
                }

                continue;
            }

            if (text.Length == 0)
            {
                throw new ConnectomeFormatException(name, line, "empty line");
            }

            string[] fields = Split(text, name, line);
            if (fields.Length != columns)
            {
                throw new ConnectomeFormatException(name, line, $"expected {columns} fields, found {fields.Length}");
            }

            yield return (line, fields);
        }

        if (line == 0)
        {
            throw new ConnectomeFormatException(name, 0, "the file is empty");
        }
    }

    private static string[] Split(string text, string file, int line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        int i = 0;
        while (true)
        {
            field.Clear();
            if (i < text.Length && text[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new ConnectomeFormatException(file, line, "unterminated quoted field");
                    }

                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    field.Append(text[i++]);
                }

                if (i < text.Length && text[i] != ',')
                {
                    throw new ConnectomeFormatException(file, line, "text after a closing quote");
                }
            }
            else
            {
                while (i < text.Length && text[i] != ',')
                {
                    field.Append(text[i++]);
                }
            }

            fields.Add(field.ToString());
            if (i >= text.Length)
            {
                return [.. fields];
            }

            i++; // the comma
        }
    }
}
