using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Neuro.Rules.Json;
using Neuro.Rules.Layouts;

namespace Neuro.Rules.Patterns;

/// <summary>
/// Reads and writes <c>rule.json</c> for the <c>pattern</c> family (docs/file-formats.md): the current format
/// <c>neuro-rule/2</c> (<c>tables</c> with declared fields, DESIGN.md §4) and the first format (<c>hidden</c>,
/// <c>input</c>, <c>output</c> arrays), which stays readable forever and loads as the classic layout. Reading is strict
/// (<see cref="StrictJson"/>): every error names the file and the JSON path.
/// </summary>
public static class PatternRuleFile
{
    /// <summary>The <c>family</c> value of this rule family.</summary>
    public const string Family = "pattern";

    /// <summary>Reads and validates a rule file of either format.</summary>
    /// <exception cref="JsonInputException">The file breaks the schema; the message starts with the file and the JSON path.</exception>
    public static (PatternRule Rule, RuleProvenance? Provenance) Read(string path)
    {
        var header = RuleFileHeader.Read(path);
        CheckHeader(header, path);
        return header.Format is null
            ? FromV1(StrictJson.ReadFile<V1>(path, RuleFileHeader.MaxBytes), path)
            : FromV2(StrictJson.ReadFile<V2>(path, RuleFileHeader.MaxBytes), path);
    }

    /// <summary>Parses and validates rule JSON of either format; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="JsonInputException">The JSON breaks the schema.</exception>
    public static (PatternRule Rule, RuleProvenance? Provenance) Parse(string json, string source = "rule JSON")
    {
        ArgumentNullException.ThrowIfNull(json);
        byte[] bytes = Encoding.UTF8.GetBytes(json);
        var header = RuleFileHeader.Parse(bytes, source);
        CheckHeader(header, source);
        return header.Format is null
            ? FromV1(StrictJson.Deserialize<V1>(bytes, source), source)
            : FromV2(StrictJson.Deserialize<V2>(bytes, source), source);
    }

    /// <summary>Writes a rule file (<c>neuro-rule/2</c>) atomically.</summary>
    public static void Write(string path, PatternRule rule, RuleProvenance? provenance) => AtomicFile.WriteAllText(path, Serialize(rule, provenance));

    /// <summary>The rule as <c>neuro-rule/2</c> JSON: indented, entries one per line, numbers in shortest round-trip form.</summary>
    public static string Serialize(PatternRule rule, RuleProvenance? provenance)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("format", RuleFileHeader.CurrentFormat);
            w.WriteString("family", Family);
            w.WriteNumber("rounds", rule.Rounds);
            w.WriteNumber("eta", rule.Eta);
            w.WriteStartObject("update");
            w.WriteBoolean("misclassifiedOnly", rule.MisclassifiedOnly);
            w.WriteString("outputEdges", EdgesName(rule.OutputEdges));
            if (rule.AveragesOutput)
            {
                w.WriteNumber("outputAverageShift", rule.OutputAverageShift);
            }

            w.WriteEndObject();
            w.WriteStartArray("tables");
            for (int t = 0; t < rule.Tables.Length; t++)
            {
                var table = rule.Layout.Tables[t];
                w.WriteStartObject();
                w.WriteString("name", table.Name);
                w.WriteString("synapses", table.Synapses);
                w.WriteString("mode", JsonNamingPolicy.CamelCase.ConvertName(table.Mode.ToString()));
                w.WriteStartArray("fields");
                foreach (var field in table.Fields)
                {
                    w.WriteStartObject();
                    w.WriteString("signal", LayoutField.Name(field.Signal));
                    w.WriteNumber("bits", field.Bits);
                    if (field.Signal == Signal.Margin || field.HasPreLevels)
                    {
                        Numbers(w, "thresholds", field.Thresholds);
                    }

                    if (field.Signal == Signal.Weight)
                    {
                        w.WriteNumber("range", field.Range);
                    }

                    w.WriteEndObject();
                }

                w.WriteEndArray();
                Numbers(w, "entries", rule.Tables[t]);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            WriteProvenance(w, provenance);
            w.WriteEndObject();
        });
    }

    /// <summary>
    /// The rule's canonical JSON, whose SHA-256 is the rule hash that exported hardware carries: the first format for a
    /// rule with the classic layout (so every rule that format can hold keeps the hash it always had), <c>neuro-rule/2</c>
    /// otherwise; never with provenance.
    /// </summary>
    public static string Canonical(PatternRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return PatternLayouts.IsClassic(rule.Layout, rule.Rounds) && !rule.AveragesOutput ? SerializeV1(rule) : Serialize(rule, provenance: null);
    }

    /// <summary>The rule in the first format (classic layouts only), as that format's writer always wrote it.</summary>
    private static string SerializeV1(PatternRule rule) => Json(w =>
    {
        w.WriteStartObject();
        w.WriteString("family", Family);
        w.WriteNumber("rounds", rule.Rounds);
        w.WriteNumber("eta", rule.Eta);
        w.WriteStartObject("update");
        w.WriteString("mode", rule.Layout.Tables[0].Mode == TableMode.Add ? "additive" : "multiplicative");
        w.WriteBoolean("misclassifiedOnly", rule.MisclassifiedOnly);
        w.WriteString("outputEdges", EdgesName(rule.OutputEdges));
        w.WriteEndObject();
        NumbersOrNull(w, "hidden", rule.Hidden);
        NumbersOrNull(w, "input", rule.Input);
        NumbersOrNull(w, "output", rule.Output);
        w.WriteEndObject();
    });

    private static void CheckHeader(RuleFileHeader header, string source)
    {
        if (header.Format is not (null or RuleFileHeader.CurrentFormat))
        {
            throw new JsonInputException(source, "format", $"unknown format '{header.Format}'; this version reads '{RuleFileHeader.CurrentFormat}' and the first format (no 'format' member)");
        }

        if (header.Family != Family)
        {
            throw new JsonInputException(source, "family", $"'{header.Family}' is not a pattern rule; this reader takes family '{Family}'");
        }
    }

    private static (PatternRule, RuleProvenance?) FromV1(V1 file, string source)
    {
        CheckRoundsAndEta(file.Rounds, file.Eta, source);
        var update = file.Update ?? new UpdateV1();
        int p = 1 << (file.Rounds + 1);
        CheckLength(file.Hidden, p * p, "hidden", source);
        CheckLength(file.Input, p, "input", source);
        CheckLength(file.Output, 2 * p, "output", source);
        var rule = Checked(() => new PatternRule(
            file.Rounds,
            file.Eta,
            file.Hidden,
            file.Input,
            file.Output,
            update.Mode,
            update.MisclassifiedOnly,
            update.OutputEdges), source, null);
        return (rule, file.Provenance?.ToProvenance());
    }

    private static (PatternRule, RuleProvenance?) FromV2(V2 file, string source)
    {
        CheckRoundsAndEta(file.Rounds, file.Eta, source);
        var (layout, entries) = RuleTableJson.ToLayout(file.Tables, source, table => PatternLayouts.ValidateTable(table, file.Rounds));
        var update = file.Update ?? new UpdateV2();
        if (update.OutputAverageShift is < 0 or > PatternRule.MaxOutputAverageShift)
        {
            throw new JsonInputException(source, "update.outputAverageShift", $"must be 0 (off) or 1..{PatternRule.MaxOutputAverageShift}, not {update.OutputAverageShift}");
        }

        if (update.OutputAverageShift > 0 && layout.Find(PatternLayouts.Output) is null)
        {
            throw new JsonInputException(source, "update.outputAverageShift", "needs a table with \"synapses\": \"output\": without one the output weights never move");
        }

        var rule = Checked(() => new PatternRule(file.Rounds, file.Eta, layout, entries, update.MisclassifiedOnly, update.OutputEdges, update.OutputAverageShift), source, "tables");
        return (rule, file.Provenance?.ToProvenance());
    }

    private static void CheckRoundsAndEta(int rounds, double eta, string source)
    {
        if (rounds < 0 || rounds > PatternRule.MaxRounds)
        {
            throw new JsonInputException(source, "rounds", $"must be 0..{PatternRule.MaxRounds}, not {rounds}");
        }

        if (eta <= 0)
        {
            throw new JsonInputException(source, "eta", $"must be positive, not {eta.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    private static void CheckLength(ImmutableArray<double>? table, int expected, string name, string source)
    {
        if (table is { } t && t.Length != expected)
        {
            throw new JsonInputException(source, name, $"must have {expected} entries for this number of rounds, not {t.Length}");
        }
    }

    private static T Checked<T>(Func<T> make, string source, string? path)
    {
        try
        {
            return make();
        }
        catch (ArgumentException e)
        {
            throw new JsonInputException(source, path, e.ParamName is { } p ? e.Message.Replace($" (Parameter '{p}')", "", StringComparison.Ordinal) : e.Message);
        }
    }

    private static string EdgesName(OutputEdges edges) => edges == OutputEdges.LabelAndPrediction ? "labelAndPrediction" : "allEdges";

    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            write(w);
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void Numbers(Utf8JsonWriter w, string name, ImmutableArray<double> values)
    {
        w.WriteStartArray(name);
        foreach (double v in values)
        {
            w.WriteNumberValue(v);
        }

        w.WriteEndArray();
    }

    private static void NumbersOrNull(Utf8JsonWriter w, string name, ImmutableArray<double>? values)
    {
        if (values is { } v)
        {
            Numbers(w, name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void WriteProvenance(Utf8JsonWriter w, RuleProvenance? provenance)
    {
        if (provenance is null)
        {
            return;
        }

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

    /// <summary>The first format's members.</summary>
    private sealed record V1(
        string Family,
        int Rounds,
        double Eta,
        ImmutableArray<double> Hidden,
        UpdateV1? Update = null,
        ImmutableArray<double>? Input = null,
        ImmutableArray<double>? Output = null,
        RuleProvenanceJson? Provenance = null);

    /// <summary>The first format's update options.</summary>
    private sealed record UpdateV1(
        PatternUpdateMode Mode = PatternUpdateMode.Additive,
        bool MisclassifiedOnly = true,
        OutputEdges OutputEdges = OutputEdges.LabelAndPrediction);

    /// <summary><c>neuro-rule/2</c>'s members.</summary>
    private sealed record V2(
        string Format,
        string Family,
        int Rounds,
        double Eta,
        ImmutableArray<RuleTableJson> Tables,
        UpdateV2? Update = null,
        RuleProvenanceJson? Provenance = null);

    /// <summary><c>neuro-rule/2</c>'s update options (modes are per table); <c>outputAverageShift</c> 0 (the default) is off.</summary>
    private sealed record UpdateV2(bool MisclassifiedOnly = true, OutputEdges OutputEdges = OutputEdges.LabelAndPrediction, int OutputAverageShift = 0);
}
