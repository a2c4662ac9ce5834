using System.Globalization;

namespace Neuro.Rules.Data;

/// <summary>
/// Reads a dataset from delimited text: on each line the numeric features, then an integer label, read with the
/// invariant culture (<c>.</c> decimal point, exponents allowed).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Delimiter: comma, semicolon or tab, chosen from the first non-blank line (tab if it has a tab and no comma or
/// semicolon, semicolon if it has one and no comma, comma otherwise) and then required on every line. No quoting.</item>
/// <item>Header: unless the caller says whether there is one, the first non-blank line is a header when none of its fields
/// is a number and data when all are; a first line with both is an error (it is neither clearly a header nor clearly a
/// sample, and guessing would drop a sample or misread a header). A header must have as many fields as the data lines.</item>
/// <item>Blank lines are skipped; fields are trimmed; line numbers in errors count every physical line from 1.</item>
/// <item>Features must be finite (no <c>NaN</c>, <c>Infinity</c> or overflow such as <c>1e999</c>); labels must be
/// non-negative integers (<c>3</c> or <c>3.0</c>, not <c>3.5</c>).</item>
/// <item>Classes: <c>max label + 1</c> unless given, in which case every label must be below it; labels are below
/// <see cref="Dataset.MaxClasses"/>.</item>
/// <item>Size: files above <see cref="MaxBytes"/> and datasets above <see cref="Dataset.MaxValues"/> values are refused
/// before they are read whole; the text must be valid UTF-8.</item>
/// </list>
/// Every problem throws <see cref="DatasetFormatException"/> naming the file and line.
/// </remarks>
public static class CsvDatasetReader
{
    /// <summary>The largest file <see cref="Read(string, int?, bool?)"/> reads: 1 GiB.</summary>
    public const long MaxBytes = 1L << 30;

    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    /// <param name="path">The file to read (UTF-8; a byte-order mark is allowed).</param>
    /// <param name="classes">The number of classes, or null for <c>max label + 1</c>.</param>
    /// <param name="hasHeader">Whether the first non-blank line is a header, or null to detect it.</param>
    /// <exception cref="DatasetFormatException">The text is not a dataset; the message names the file and line.</exception>
    public static Dataset Read(string path, int? classes = null, bool? hasHeader = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var info = new FileInfo(path);
        if (info.Exists && info.Length > MaxBytes)
        {
            throw new DatasetFormatException(path, null, $"is {info.Length} bytes; the largest CSV file this reader takes is {MaxBytes} bytes (1 GiB)");
        }

        using var reader = new StreamReader(path, new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true));
        try
        {
            return Read(reader, path, classes, hasHeader);
        }
        catch (System.Text.DecoderFallbackException e)
        {
            throw new DatasetFormatException(path, null, "is not valid UTF-8 text", e);
        }
    }

    /// <summary>Reads from <paramref name="reader"/> to its end.</summary>
    /// <param name="reader">The text to read.</param>
    /// <param name="sourceName">The name used in error messages in place of a path.</param>
    /// <param name="classes">The number of classes, or null for <c>max label + 1</c>.</param>
    /// <param name="hasHeader">Whether the first non-blank line is a header, or null to detect it.</param>
    /// <exception cref="DatasetFormatException">The text is not a dataset; the message names the source and line.</exception>
    public static Dataset Read(TextReader reader, string sourceName, int? classes = null, bool? hasHeader = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sourceName);
        if (classes is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(classes), $"Classes must be at least 1 or null, not {classes}");
        }

        var values = new List<double>();
        var labels = new List<int>();
        char delimiter = ',';
        int fields = 0;
        int firstLine = 0;
        int lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (firstLine == 0)
            {
                firstLine = lineNumber;
                delimiter = line.Contains(',', StringComparison.Ordinal) ? ','
                    : line.Contains(';', StringComparison.Ordinal) ? ';'
                    : line.Contains('\t', StringComparison.Ordinal) ? '\t'
                    : ',';
                string[] first = line.Split(delimiter);
                fields = first.Length;
                if (fields < 2)
                {
                    throw new DatasetFormatException(sourceName, lineNumber, $"found 1 field; each line needs at least one feature and then a label, separated by '{Show(delimiter)}'");
                }

                if (hasHeader is null)
                {
                    int numbers = first.Count(IsNumber);
                    if (numbers > 0 && numbers < first.Length)
                    {
                        throw new DatasetFormatException(sourceName, lineNumber,
                            $"has {numbers} numeric and {first.Length - numbers} non-numeric fields, so it is neither clearly a header nor clearly a sample; say which (neuro: --header yes or --header no)");
                    }
                }

                if (hasHeader ?? !Array.TrueForAll(first, IsNumber))
                {
                    continue;
                }
            }

            ParseLine(line, delimiter, fields, firstLine, sourceName, lineNumber, values, labels, classes);
        }

        if (labels.Count == 0)
        {
            throw new DatasetFormatException(sourceName, null, firstLine == 0 ? "is empty" : "has a header but no data lines");
        }

        int max = 0;
        foreach (int label in labels)
        {
            max = Math.Max(max, label);
        }

        return new Dataset(fields - 1, classes ?? max + 1, values.ToArray(), labels.ToArray(), owned: true);
    }

    private static void ParseLine(
        string line, char delimiter, int fields, int firstLine, string source, int lineNumber, List<double> values, List<int> labels, int? classes)
    {
        string[] parts = line.Split(delimiter);
        if (parts.Length != fields)
        {
            throw new DatasetFormatException(source, lineNumber, $"found {FieldCount(parts.Length)} separated by '{Show(delimiter)}' but line {firstLine} has {fields}");
        }

        for (int j = 0; j < fields - 1; j++)
        {
            string text = parts[j].Trim();
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            {
                throw new DatasetFormatException(source, lineNumber, $"feature {j + 1} '{text}' is not a number");
            }

            if (!double.IsFinite(value))
            {
                throw new DatasetFormatException(source, lineNumber, $"feature {j + 1} '{text}' is not finite");
            }

            values.Add(value);
        }

        if (values.Count > Dataset.MaxValues)
        {
            throw new DatasetFormatException(source, lineNumber, $"the file holds more than the {Dataset.MaxValues} feature values a dataset may hold");
        }

        string labelText = parts[fields - 1].Trim();
        if (!double.TryParse(labelText, NumberStyles.Float, CultureInfo.InvariantCulture, out double labelValue))
        {
            throw new DatasetFormatException(source, lineNumber, $"label '{labelText}' is not a number");
        }

        string? labelProblem =
            !double.IsFinite(labelValue) ? "is not finite"
            : labelValue < 0 ? "is negative"
            : labelValue != Math.Floor(labelValue) ? "is not an integer"
            : labelValue >= int.MaxValue ? "is too large"
            : null;
        if (labelProblem is not null)
        {
            throw new DatasetFormatException(source, lineNumber, $"label '{labelText}' {labelProblem}");
        }

        if (labelValue >= Dataset.MaxClasses)
        {
            throw new DatasetFormatException(source, lineNumber, $"label '{labelText}' is above the largest class a dataset may have ({Dataset.MaxClasses - 1})");
        }

        int label = (int)labelValue;
        if (label >= classes)
        {
            throw new DatasetFormatException(source, lineNumber, $"label {label} is not below the {classes} classes given");
        }

        labels.Add(label);
    }

    private static bool IsNumber(string field) =>
        double.TryParse(field.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static string FieldCount(int n) => n == 1 ? "1 field" : $"{n} fields";

    private static string Show(char delimiter) => delimiter == '\t' ? "\\t" : delimiter.ToString();
}
