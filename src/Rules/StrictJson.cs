using System.Text;
using System.Text.Json;

namespace Neuro.Rules;

/// <summary>
/// Strict reading of typed JSON models (camelCase members): unknown, duplicate and missing members, nulls where a
/// value is required, strings for numbers and non-integral numbers for integers are all errors, each explained in one
/// line without .NET type names.
/// </summary>
public static class StrictJson
{
    /// <summary><see cref="JsonSerializerOptions.Strict"/> with camelCase member names.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerOptions.Strict) { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Deserializes <paramref name="json"/> into <typeparamref name="T"/>.</summary>
    /// <exception cref="StrictJsonException">The JSON does not match the model; says where (a JSON path) and why.</exception>
    public static T Read<T>(string json)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options) ?? throw new StrictJsonException("$", "expected an object, found null");
        }
        catch (JsonException e)
        {
            throw new StrictJsonException(e.Path ?? "$", Explain(e), e);
        }
    }

    /// <summary>A one-line reason for a deserialization failure, with the line number.</summary>
    private static string Explain(JsonException e)
    {
        string line = e.LineNumber is { } l ? $" (line {l + 1})" : "";
        string message = e.Message;
        if (message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            return $"unknown member{Quoted(message)}{line}";
        }

        if (message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase))
        {
            return $"duplicate member{Quoted(message)}{line}";
        }

        if (message.Contains("required", StringComparison.OrdinalIgnoreCase))
        {
            return $"missing member(s){Quoted(message)}{line}";
        }

        if (message.Contains("could not be converted", StringComparison.Ordinal))
        {
            return $"wrong type or value (integers, true/false and strings where the format has them){line}";
        }

        if (message.Contains("null", StringComparison.OrdinalIgnoreCase))
        {
            return $"must not be null{line}";
        }

        int cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return $"malformed JSON: {(cut > 0 ? message[..cut] : message)}{line}";
    }

    /// <summary>The quoted member names in a serializer message (not the quoted type names).</summary>
    private static string Quoted(string message)
    {
        var names = new StringBuilder();
        int start = 0;
        while ((start = message.IndexOf('\'', start)) >= 0)
        {
            int end = message.IndexOf('\'', start + 1);
            if (end < 0)
            {
                break;
            }

            string name = message[(start + 1)..end];
            if (!name.Contains('.', StringComparison.Ordinal) && !name.Contains('`', StringComparison.Ordinal) && !name.Contains('+', StringComparison.Ordinal))
            {
                names.Append(names.Length == 0 ? " '" : ", '").Append(name).Append('\'');
            }

            start = end + 1;
        }

        return names.ToString();
    }
}
