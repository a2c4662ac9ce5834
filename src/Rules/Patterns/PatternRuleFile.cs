using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Neuro.Rules.Patterns;

/// <summary>
/// Reads and writes <c>rule.json</c> for the <c>pattern</c> family (DESIGN.md §3), the contract between evolution,
/// analysis and export. Reading checks the schema and names the offending field in every error.
/// </summary>
public static class PatternRuleFile
{
    /// <summary>The <c>family</c> value of this rule family.</summary>
    public const string Family = "pattern";

    private static readonly string[] TopLevel = ["family", "rounds", "eta", "update", "hidden", "input", "output", "provenance"];
    private static readonly string[] UpdateFields = ["mode", "misclassifiedOnly", "outputEdges"];

    /// <summary>Reads and validates a rule file.</summary>
    /// <exception cref="RuleFileException">The file breaks the schema; the message starts with the file and field.</exception>
    public static (PatternRule Rule, RuleProvenance? Provenance) Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RuleFileException(path, $"cannot read the rule file: {e.Message}");
        }

        try
        {
            return Parse(text);
        }
        catch (RuleFileException e)
        {
            throw new RuleFileException($"{path}: {e.Field}", e.Message[(e.Field.Length + 2)..]);
        }
    }

    /// <summary>Parses and validates rule JSON.</summary>
    /// <exception cref="RuleFileException">The JSON breaks the schema; <see cref="RuleFileException.Field"/> names where.</exception>
    public static (PatternRule Rule, RuleProvenance? Provenance) Parse(string json)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new RuleFileException($"$ (line {e.LineNumber + 1})", $"malformed JSON: {e.Message}");
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new RuleFileException("$", $"expected an object, found {root.ValueKind}");
            }

            RejectUnknown(root, TopLevel, "");
            string family = RequiredString(root, "family", "family");
            if (family != Family)
            {
                throw new RuleFileException("family", $"unknown family '{family}'; this reader takes '{Family}'");
            }

            int rounds = RequiredInt(root, "rounds", "rounds");
            if (rounds < 0 || rounds > PatternRule.MaxRounds)
            {
                throw new RuleFileException("rounds", $"must be 0..{PatternRule.MaxRounds}, not {rounds}");
            }

            double eta = RequiredNumber(root, "eta", "eta");
            if (eta <= 0)
            {
                throw new RuleFileException("eta", $"must be positive, not {eta.ToString(CultureInfo.InvariantCulture)}");
            }

            var mode = PatternUpdateMode.Additive;
            bool misclassifiedOnly = true;
            var edges = OutputEdges.LabelAndPrediction;
            if (root.TryGetProperty("update", out var update) && update.ValueKind != JsonValueKind.Null)
            {
                if (update.ValueKind != JsonValueKind.Object)
                {
                    throw new RuleFileException("update", $"expected an object, found {update.ValueKind}");
                }

                RejectUnknown(update, UpdateFields, "update.");
                if (update.TryGetProperty("mode", out _))
                {
                    mode = RequiredString(update, "mode", "update.mode") switch
                    {
                        "additive" => PatternUpdateMode.Additive,
                        "multiplicative" => PatternUpdateMode.Multiplicative,
                        var other => throw new RuleFileException("update.mode", $"unknown mode '{other}'; expected 'additive' or 'multiplicative'"),
                    };
                }

                if (update.TryGetProperty("misclassifiedOnly", out var mo))
                {
                    misclassifiedOnly = mo.ValueKind switch
                    {
                        JsonValueKind.True => true,
                        JsonValueKind.False => false,
                        _ => throw new RuleFileException("update.misclassifiedOnly", $"expected true or false, found {mo.ValueKind}"),
                    };
                }

                if (update.TryGetProperty("outputEdges", out _))
                {
                    edges = RequiredString(update, "outputEdges", "update.outputEdges") switch
                    {
                        "labelAndPrediction" => OutputEdges.LabelAndPrediction,
                        "allEdges" => OutputEdges.AllEdges,
                        var other => throw new RuleFileException("update.outputEdges", $"unknown option '{other}'; expected 'labelAndPrediction' or 'allEdges'"),
                    };
                }
            }

            int p = 1 << (rounds + 1);
            var hidden = Table(root, "hidden", p * p, required: true)!.Value;
            var input = Table(root, "input", p, required: false);
            var output = Table(root, "output", 2 * p, required: false);
            var rule = new PatternRule(rounds, eta, hidden, input, output, mode, misclassifiedOnly, edges);
            return (rule, root.TryGetProperty("provenance", out var prov) && prov.ValueKind != JsonValueKind.Null ? Provenance(prov) : null);
        }
    }

    /// <summary>Writes a rule file atomically.</summary>
    public static void Write(string path, PatternRule rule, RuleProvenance? provenance) => AtomicFile.WriteAllText(path, Serialize(rule, provenance));

    /// <summary>The rule as indented JSON, tables one entry per element, numbers in shortest round-trip form.</summary>
    public static string Serialize(PatternRule rule, RuleProvenance? provenance)
    {
        ArgumentNullException.ThrowIfNull(rule);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("family", Family);
            w.WriteNumber("rounds", rule.Rounds);
            w.WriteNumber("eta", rule.Eta);
            w.WriteStartObject("update");
            w.WriteString("mode", rule.Mode == PatternUpdateMode.Additive ? "additive" : "multiplicative");
            w.WriteBoolean("misclassifiedOnly", rule.MisclassifiedOnly);
            w.WriteString("outputEdges", rule.OutputEdges == OutputEdges.LabelAndPrediction ? "labelAndPrediction" : "allEdges");
            w.WriteEndObject();
            WriteTable(w, "hidden", rule.Hidden);
            WriteTable(w, "input", rule.Input);
            WriteTable(w, "output", rule.Output);
            if (provenance is not null)
            {
                w.WriteStartObject("provenance");
                w.WriteNumber("seed", provenance.Seed);
                w.WriteString("algorithm", provenance.Algorithm);
                w.WriteString("task", provenance.Task);
                w.WriteNumber("fitness", provenance.Fitness);
                foreach (var (key, raw) in provenance.Extra)
                {
                    w.WritePropertyName(key);
                    w.WriteRawValue(raw);
                }

                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteTable(Utf8JsonWriter w, string name, ImmutableArray<double>? table)
    {
        if (table is not { } t)
        {
            w.WriteNull(name);
            return;
        }

        w.WriteStartArray(name);
        foreach (double v in t)
        {
            w.WriteNumberValue(v);
        }

        w.WriteEndArray();
    }

    private static RuleProvenance Provenance(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw new RuleFileException("provenance", $"expected an object, found {e.ValueKind}");
        }

        if (!e.TryGetProperty("seed", out var seedElement) || !seedElement.TryGetInt64(out long seed))
        {
            throw new RuleFileException("provenance.seed", "expected an integer seed");
        }

        var extra = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in e.EnumerateObject())
        {
            if (property.Name is not ("seed" or "algorithm" or "task" or "fitness"))
            {
                extra[property.Name] = property.Value.GetRawText();
            }
        }

        return new RuleProvenance(
            seed,
            RequiredString(e, "algorithm", "provenance.algorithm"),
            RequiredString(e, "task", "provenance.task"),
            RequiredNumber(e, "fitness", "provenance.fitness"))
        {
            Extra = extra,
        };
    }

    private static ImmutableArray<double>? Table(JsonElement root, string name, int expected, bool required)
    {
        if (!root.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null)
        {
            return required ? throw new RuleFileException(name, $"required table of {expected} numbers is missing") : null;
        }

        if (e.ValueKind != JsonValueKind.Array)
        {
            throw new RuleFileException(name, $"expected an array of {expected} numbers or null, found {e.ValueKind}");
        }

        int length = e.GetArrayLength();
        if (length != expected)
        {
            throw new RuleFileException(name, $"must have {expected} entries for this number of rounds, not {length}");
        }

        var builder = ImmutableArray.CreateBuilder<double>(length);
        int i = 0;
        foreach (var item in e.EnumerateArray())
        {
            builder.Add(Number(item, $"{name}[{i}]"));
            i++;
        }

        return builder.MoveToImmutable();
    }

    private static void RejectUnknown(JsonElement obj, string[] known, string prefix)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (Array.IndexOf(known, property.Name) < 0)
            {
                throw new RuleFileException(prefix + property.Name, $"unknown field; expected one of {string.Join(", ", known)}");
            }
        }
    }

    private static string RequiredString(JsonElement obj, string name, string field) =>
        obj.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.String
            ? e.GetString()!
            : throw new RuleFileException(field, "required string is missing or not a string");

    private static int RequiredInt(JsonElement obj, string name, string field) =>
        obj.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out int value)
            ? value
            : throw new RuleFileException(field, "required integer is missing or not an integer");

    private static double RequiredNumber(JsonElement obj, string name, string field) =>
        obj.TryGetProperty(name, out var e)
            ? Number(e, field)
            : throw new RuleFileException(field, "required number is missing");

    private static double Number(JsonElement e, string field)
    {
        // JSON has no NaN or Infinity; a string spelling of them is named explicitly.
        if (e.ValueKind == JsonValueKind.String && e.GetString() is { } s
            && (s.Contains("nan", StringComparison.OrdinalIgnoreCase) || s.Contains("inf", StringComparison.OrdinalIgnoreCase)))
        {
            throw new RuleFileException(field, $"'{s}' is not a finite number");
        }

        if (e.ValueKind != JsonValueKind.Number || !e.TryGetDouble(out double value) || !double.IsFinite(value))
        {
            throw new RuleFileException(field, $"expected a finite number, found {(e.ValueKind == JsonValueKind.Number ? e.GetRawText() : e.ValueKind.ToString())}");
        }

        return value;
    }
}
