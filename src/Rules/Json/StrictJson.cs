using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Neuro.Rules.Json;

/// <summary>
/// Reads JSON files into typed models strictly: System.Text.Json's <see cref="JsonSerializerOptions.Strict"/> (unknown and
/// duplicate members rejected, required members and nullability honoured) with camelCase names, enums as camelCase
/// strings, finite numbers only, valid UTF-8 only and a size limit; every error is one <see cref="JsonInputException"/>
/// that names the file and the JSON path (<c>rule.json: hidden[17]: NaN is not a finite number</c>).
/// </summary>
/// <remarks>
/// One reader for every file format a user hands to <c>neuro</c> (rule files, precision configs, checkpoints,
/// manifests), so they all reject the same things with the same words. Models are records whose constructor parameters
/// are the members; a member that may be absent has a default or a nullable type.
/// </remarks>
public static class StrictJson
{
    /// <summary>Largest file <see cref="ReadFile{T}"/> reads by default: 256 MiB.</summary>
    public const long DefaultMaxBytes = 256L << 20;

    /// <summary>Deepest nesting accepted (System.Text.Json's default).</summary>
    public const int MaxDepth = 64;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The options: strict, camelCase, camelCase string enums, finite doubles, depth <see cref="MaxDepth"/>.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Options for writing the same models: as <see cref="Options"/>, indented, nulls left out.</summary>
    public static JsonSerializerOptions WriteOptions { get; } = new(Options)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Reads and deserializes <paramref name="path"/>.</summary>
    /// <exception cref="JsonInputException">The file cannot be read, is too large, is not valid UTF-8 or breaks the model.</exception>
    public static T ReadFile<T>(string path, long maxBytes = DefaultMaxBytes)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new JsonInputException(path, null, Directory.Exists(path) ? "is a folder, not a file" : "file not found");
            }

            if (info.Length > maxBytes)
            {
                throw new JsonInputException(path, null, $"is {info.Length} bytes; the limit is {maxBytes}");
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new JsonInputException(path, null, $"cannot be read: {e.Message}");
        }

        return Deserialize<T>(bytes, path);
    }

    /// <summary>Deserializes <paramref name="json"/>; <paramref name="source"/> names it in errors (a file name, or a description).</summary>
    /// <exception cref="JsonInputException">The text breaks the model.</exception>
    public static T Deserialize<T>(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Deserialize<T>(Encoding.UTF8.GetBytes(json), source);
    }

    /// <summary>Deserializes UTF-8 <paramref name="utf8"/> (a leading byte-order mark is allowed).</summary>
    /// <exception cref="JsonInputException">The bytes are not UTF-8, not JSON, or break the model.</exception>
    public static T Deserialize<T>(ReadOnlySpan<byte> utf8, string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (utf8.StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
        }

        try
        {
            _ = StrictUtf8.GetCharCount(utf8);
        }
        catch (DecoderFallbackException e)
        {
            throw new JsonInputException(source, null, $"is not valid UTF-8 (byte {e.Index} of the text)");
        }

        try
        {
            return JsonSerializer.Deserialize<T>(utf8, Options)
                ?? throw new JsonInputException(source, null, "holds null, not an object");
        }
        catch (JsonException e)
        {
            throw Describe(e, typeof(T), utf8, source);
        }
    }

    /// <summary>The JSON text of <paramref name="value"/> with <see cref="WriteOptions"/>, ending in a newline.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, WriteOptions).ReplaceLineEndings("\n") + "\n";

    /// <summary>Turns System.Text.Json's exception into one line naming the JSON path and what was wrong.</summary>
    private static JsonInputException Describe(JsonException e, Type root, ReadOnlySpan<byte> utf8, string source)
    {
        string? path = Readable(e.Path);
        string message = e.Message;
        if (message.StartsWith("Duplicate property", StringComparison.Ordinal))
        {
            return new JsonInputException(source, path, "appears twice");
        }

        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            var expected = MemberNames(TypeAt(root, Parent(e.Path)));
            return new JsonInputException(source, path, expected.Count == 0 ? "unknown member" : $"unknown member; expected one of {string.Join(", ", expected)}");
        }

        if (message.Contains("missing required properties", StringComparison.Ordinal))
        {
            int at = message.IndexOf("including:", StringComparison.Ordinal);
            string names = at < 0 ? "" : message[(at + "including:".Length)..].Trim().TrimEnd('.');
            return new JsonInputException(source, path, $"required member {names} is missing");
        }

        if (message.Contains("maximum configured depth", StringComparison.Ordinal))
        {
            return new JsonInputException(source, path, $"nested deeper than {MaxDepth} levels");
        }

        if (e.InnerException is NotFiniteException notFinite)
        {
            return new JsonInputException(source, path, notFinite.Message);
        }

        if (message.Contains("doesn't allow null values", StringComparison.Ordinal) || message.Contains("null", StringComparison.OrdinalIgnoreCase) && message.Contains("non-nullable", StringComparison.Ordinal))
        {
            return new JsonInputException(source, path, $"must not be null; expected {Describe(TypeAt(root, e.Path))}");
        }

        string token = TokenAt(utf8, e.LineNumber, e.BytePositionInLine);
        if (token.Length > 0 && (token.StartsWith("NaN", StringComparison.Ordinal) || token.StartsWith("Infinity", StringComparison.Ordinal) || token.StartsWith("-Infinity", StringComparison.Ordinal)))
        {
            string word = token.StartsWith("NaN", StringComparison.Ordinal) ? "NaN" : token.StartsWith('-') ? "-Infinity" : "Infinity";
            return new JsonInputException(source, path, $"{word} is not a finite number");
        }

        if (e.InnerException is not null && e.InnerException.GetType().Name == "JsonReaderException" || e.Path is null)
        {
            // Malformed JSON: the reader's own words, without its trailing position (given as line and byte instead).
            int cut = message.IndexOf(" Path:", StringComparison.Ordinal);
            string what = (cut < 0 ? message : message[..cut]).TrimEnd('.');
            return new JsonInputException(source, path, $"malformed JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}: {what}");
        }

        var type = TypeAt(root, e.Path);
        string found = token.Length == 0 || path is null ? "" : $", not {Shorten(token)}";
        return new JsonInputException(source, path, $"expected {Describe(type)}{found}");
    }

    /// <summary><c>$.tables[0].fields</c> → <c>tables[0].fields</c>; <c>$</c> → null (the whole document).</summary>
    private static string? Readable(string? path) =>
        path is null or "$" ? null : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.StartsWith('$') ? path[1..] : path;

    private static string? Parent(string? path)
    {
        if (path is null)
        {
            return null;
        }

        int cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? "$" : path[..cut];
    }

    /// <summary>The CLR type a JSON path of <paramref name="root"/> deserializes into, or null when it cannot be followed.</summary>
    internal static Type? TypeAt(Type root, string? path)
    {
        if (path is null)
        {
            return root;
        }

        Type? type = root;
        int i = path.StartsWith('$') ? 1 : 0;
        while (type is not null && i < path.Length)
        {
            if (path[i] == '.')
            {
                int end = i + 1;
                while (end < path.Length && path[end] is not ('.' or '['))
                {
                    end++;
                }

                type = MemberType(type, path[(i + 1)..end]);
                i = end;
            }
            else if (path[i] == '[')
            {
                int end = path.IndexOf(']', i);
                if (end < 0)
                {
                    return null;
                }

                type = ElementType(type);
                i = end + 1;
            }
            else
            {
                return null;
            }
        }

        return type;
    }

    private static Type? MemberType(Type type, string jsonName)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (DictionaryValueType(type) is { } value)
        {
            return value;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (JsonName(property) == jsonName)
            {
                return property.PropertyType;
            }
        }

        return null;
    }

    private static List<string> MemberNames(Type? type)
    {
        var names = new List<string>();
        if (type is null)
        {
            return names;
        }

        type = Nullable.GetUnderlyingType(type) ?? type;
        if (DictionaryValueType(type) is not null || typeof(IEnumerable).IsAssignableFrom(type))
        {
            return names;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<JsonIgnoreAttribute>() is null && property.GetCustomAttribute<JsonExtensionDataAttribute>() is null && property.GetIndexParameters().Length == 0)
            {
                names.Add(JsonName(property));
            }
        }

        return names;
    }

    private static string JsonName(PropertyInfo property) =>
        property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);

    private static Type? ElementType(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        if (type.IsGenericType && type.GetGenericArguments() is [var element] && typeof(IEnumerable).IsAssignableFrom(type))
        {
            return element;
        }

        return null;
    }

    private static Type? DictionaryValueType(Type type) =>
        type.IsGenericType && type.GetGenericArguments() is [var key, var value] && key == typeof(string)
            && typeof(IEnumerable).IsAssignableFrom(type) ? value : null;

    /// <summary>What a JSON value of <paramref name="type"/> looks like, in words.</summary>
    internal static string Describe(Type? type)
    {
        if (type is null)
        {
            return "a value of another type";
        }

        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return "a string";
        }

        if (type == typeof(bool))
        {
            return "true or false";
        }

        if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte) || type == typeof(uint) || type == typeof(ulong))
        {
            return "an integer";
        }

        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal))
        {
            return "a finite number";
        }

        if (type.IsEnum)
        {
            return "one of " + string.Join(", ", Enum.GetNames(type).Select(n => JsonNamingPolicy.CamelCase.ConvertName(n)));
        }

        if (type == typeof(JsonElement))
        {
            return "a JSON value";
        }

        if (DictionaryValueType(type) is not null)
        {
            return "an object";
        }

        if (ElementType(type) is { } element && (type.IsArray || type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(ImmutableArray<>) || type.GetGenericTypeDefinition() == typeof(List<>) || type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))))
        {
            return $"an array of {Plural(Describe(element))}";
        }

        return "an object";
    }

    private static string Plural(string description) => description switch
    {
        "a string" => "strings",
        "an integer" => "integers",
        "a finite number" => "finite numbers",
        "true or false" => "true/false values",
        "an object" => "objects",
        _ => "values",
    };

    /// <summary>The JSON token starting at (line, byte) of the text, or "" when that is not inside it.</summary>
    private static string TokenAt(ReadOnlySpan<byte> utf8, long? line, long? bytePosition)
    {
        if (line is not long l || bytePosition is not long b)
        {
            return "";
        }

        int start = 0;
        for (long k = 0; k < l && start < utf8.Length; k++)
        {
            int next = utf8[start..].IndexOf((byte)'\n');
            if (next < 0)
            {
                return "";
            }

            start += next + 1;
        }

        // The reader reports the position after a value it rejected, or at an invalid token's first byte: look back to the token start.
        int at = (int)Math.Min(start + b, utf8.Length);
        int begin = at;
        while (begin > start && utf8[begin - 1] is not ((byte)',' or (byte)':' or (byte)'[' or (byte)'{' or (byte)' ' or (byte)'\t' or (byte)'\r'))
        {
            begin--;
        }

        int end = begin;
        bool inString = end < utf8.Length && utf8[end] == '"';
        if (inString)
        {
            end++;
            while (end < utf8.Length && utf8[end] != '"' && utf8[end] != '\n')
            {
                end += utf8[end] == '\\' ? 2 : 1;
            }

            end = Math.Min(end + 1, utf8.Length);
        }
        else
        {
            while (end < utf8.Length && utf8[end] is not ((byte)',' or (byte)']' or (byte)'}' or (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t'))
            {
                end++;
            }
        }

        try
        {
            return StrictUtf8.GetString(utf8[begin..end]);
        }
        catch (DecoderFallbackException)
        {
            return "";
        }
    }

    private static string Shorten(string token) => token.Length <= 40 ? token : token[..37] + "...";

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerOptions.Strict)
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            MaxDepth = MaxDepth,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.Converters.Add(new FiniteDoubleConverter());
        options.MakeReadOnly();
        return options;
    }

    /// <summary>Doubles that must be finite: <c>1e400</c> is an error, not infinity.</summary>
    private sealed class FiniteDoubleConverter : JsonConverter<double>
    {
        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.Number)
            {
                throw new JsonException();
            }

            double value = reader.GetDouble();
            return double.IsFinite(value)
                ? value
                : throw new JsonException(null, new NotFiniteException(Encoding.UTF8.GetString(reader.ValueSpan)));
        }

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
        {
            if (!double.IsFinite(value))
            {
                throw new ArgumentException($"{value} is not a finite number; JSON cannot hold it", nameof(value));
            }

            writer.WriteNumberValue(value);
        }
    }

    /// <summary>Carries "this number is not finite" out of the converter.</summary>
    private sealed class NotFiniteException(string token) : Exception($"{token} is not a finite number (beyond the range of a double)");
}
