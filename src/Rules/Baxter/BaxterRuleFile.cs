using System.Collections.Immutable;
using System.Text.Json;
using Neuro.Rules.Json;
using Neuro.Rules.Layouts;
using Neuro.Rules.Patterns;

namespace Neuro.Rules.Baxter;

/// <summary>
/// Reads and writes <c>rule.json</c> for the <c>baxter</c> family, in the rule-layout shape of DESIGN.md §4: the
/// network (nodes, synapses with reset weights and learnable flags), the training protocol, and one <c>write</c>
/// table with the layout <see cref="BaxterRule.Layout"/> (fields [pre(1), post(1)] over the synapse group
/// <c>learnable</c>) in the shared table model <see cref="RuleTableJson"/>, and provenance in <see cref="RuleProvenanceJson"/>.
/// </summary>
/// <remarks>
/// <para>Parsing uses typed models read by <see cref="StrictJson"/>: unknown and duplicate members, missing members,
/// nulls, strings for numbers and non-integral numbers are all errors. Every error, of the schema or of the model (a
/// weight outside {−1, 0, +1}, a dangling node, a learnable zero weight, an entry that is not ±1), is one
/// <see cref="JsonInputException"/> line naming the file and the JSON path.</para>
/// <code>
/// { "format": "neuro-rule/2", "family": "baxter",
///   "network": { "nodes": 4, "inputs": 1, "synapses": [ { "pre": 1, "post": 2, "weight": 1, "learnable": true }, … ] },
///   "protocol": { "task": "boolean1", "epochs": 2, "steps": 2 },
///   "tables": [ { "name": "f", "synapses": "learnable", "mode": "write",
///                 "fields": [ { "signal": "pre", "bits": 1 }, { "signal": "post", "bits": 1 } ], "entries": [ 1, -1, -1, 1 ] } ],
///   "provenance": { "seed": 1, "algorithm": "ga", … } }
/// </code>
/// </remarks>
public static class BaxterRuleFile
{
    /// <summary>The <c>format</c> value.</summary>
    public const string Format = "neuro-rule/2";

    /// <summary>The <c>family</c> value.</summary>
    public const string Family = "baxter";

    /// <summary>The name of the rule's table.</summary>
    public const string TableName = "f";

    /// <summary>True when the rule file at <paramref name="path"/> names the <c>baxter</c> family (read with <see cref="RuleFileHeader"/>).</summary>
    /// <exception cref="JsonInputException">The file cannot be read, or is not a rule file (no object, no <c>family</c>).</exception>
    public static bool IsBaxter(string path) => RuleFileHeader.Read(path).Family == Family;

    /// <summary>Reads and validates a rule file.</summary>
    /// <exception cref="JsonInputException">The file cannot be read or breaks the schema; the message starts with the file and the JSON path.</exception>
    public static BaxterRuleDocument Read(string path) => ToDocument(StrictJson.ReadFile<FileModel>(path), path);

    /// <summary>Parses and validates rule JSON; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="JsonInputException">The JSON breaks the schema; the message names the JSON path.</exception>
    public static BaxterRuleDocument Parse(string json, string source = "rule.json") => ToDocument(StrictJson.Deserialize<FileModel>(json, source), source);

    /// <summary>Writes a rule file atomically.</summary>
    public static void Write(string path, BaxterRuleDocument document) => AtomicFile.WriteAllText(path, Serialize(document));

    /// <summary>The document as indented JSON, ending with a newline.</summary>
    public static string Serialize(BaxterRuleDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var learner = document.Learner;
        var network = learner.Network;
        var model = new FileModel(
            Format,
            Family,
            new NetworkModel(network.Nodes, network.Inputs, [.. network.Synapses.Select(s => new SynapseModel(s.Pre, s.Post, s.Weight, s.Learnable))]),
            new ProtocolModel(document.Task.Name, document.Task.Epochs, document.Task.Steps),
            [RuleTableJson.Of(BaxterRule.Layout, [.. learner.Rule.Table.Select(e => (double)e)])],
            document.Provenance is { } p ? Provenance(p) : null);
        return StrictJson.Serialize(model);
    }

    private static BaxterRuleDocument ToDocument(FileModel m, string source)
    {
        if (m.Format != Format)
        {
            throw new JsonInputException(source, "format", $"must be '{Format}', not '{m.Format}'");
        }

        if (m.Family != Family)
        {
            throw new JsonInputException(source, "family", $"unknown family '{m.Family}'; this reader takes '{Family}'");
        }

        BooleanTask task;
        try
        {
            task = BooleanTask.Named(m.Protocol.Task, m.Protocol.Epochs, m.Protocol.Steps);
        }
        catch (ArgumentException e)
        {
            throw new JsonInputException(source, "protocol", FirstSentence(e));
        }

        var n = m.Network;
        if (n.Inputs != task.Inputs)
        {
            throw new JsonInputException(source, "network.inputs", $"task '{task.Name}' needs {task.Inputs} input(s), not {n.Inputs}");
        }

        BaxterNetwork empty;
        try
        {
            empty = new BaxterNetwork(n.Nodes, n.Inputs, []);
        }
        catch (ArgumentException e)
        {
            throw new JsonInputException(source, "network.nodes", FirstSentence(e));
        }

        var synapses = new List<BaxterSynapse>(n.Synapses.Count);
        var seen = new HashSet<(int, int)>();
        for (int i = 0; i < n.Synapses.Count; i++)
        {
            var s = n.Synapses[i];
            var synapse = new BaxterSynapse(s.Pre, s.Post, s.Weight, s.Learnable);
            if (empty.Problem(synapse) is { } problem)
            {
                throw new JsonInputException(source, $"network.synapses[{i}]", problem);
            }

            if (!seen.Add((s.Pre, s.Post)))
            {
                throw new JsonInputException(source, $"network.synapses[{i}]", $"synapse {s.Pre} -> {s.Post} appears twice");
            }

            synapses.Add(synapse);
        }

        return new BaxterRuleDocument(new BaxterLearner(new BaxterNetwork(n.Nodes, n.Inputs, synapses), Rule(m.Tables, source)), task, m.Provenance is { } p ? Provenance(p, source) : null);
    }

    private static BaxterRule Rule(ImmutableArray<RuleTableJson> tables, string source)
    {
        if (!tables.IsDefault && tables.Length > 1)
        {
            throw new JsonInputException(source, "tables", $"a baxter rule has exactly one table ('{TableName}'), not {tables.Length}");
        }

        var (_, entries) = RuleTableJson.ToLayout(tables, source, table =>
        {
            if (table.Synapses != BaxterRule.SynapseGroup)
            {
                throw new ArgumentException($"synapse group must be '{BaxterRule.SynapseGroup}', not '{table.Synapses}'");
            }

            if (table.Mode != TableMode.Write)
            {
                throw new ArgumentException($"mode must be 'write' (w <- f(pre, post)), not '{JsonNamingPolicy.CamelCase.ConvertName(table.Mode.ToString())}'");
            }

            if (table.Fields is not [{ Signal: Signal.Pre, Bits: 1, HasPreLevels: false }, { Signal: Signal.Post, Bits: 1 }])
            {
                throw new ArgumentException($"fields must be [pre:1, post:1], not [{table.FieldList}]");
            }
        });
        var f = entries[0];
        for (int a = 0; a < f.Length; a++)
        {
            if (f[a] is not (1 or -1))
            {
                throw new JsonInputException(source, $"tables[0].entries[{a}]", $"must be -1 or +1 (f is one of the 16 Boolean functions of two ±1 inputs), not {f[a].ToString(System.Globalization.CultureInfo.InvariantCulture)}");
            }
        }

        return BaxterRule.FromTable([.. f.Select(e => (int)e)]);
    }

    /// <summary>The shared provenance model: the four common members, the run's further facts as extra members.</summary>
    private static RuleProvenanceJson Provenance(BaxterProvenance p) => new(p.Seed, p.Algorithm, p.Task, p.Fitness)
    {
        Extra = new Dictionary<string, JsonElement>(StringComparer.Ordinal)
        {
            ["learnedAll"] = JsonSerializer.SerializeToElement(p.LearnedAll),
            ["generations"] = JsonSerializer.SerializeToElement(p.Generations),
            ["bestGeneration"] = JsonSerializer.SerializeToElement(p.BestGeneration),
            ["evaluations"] = JsonSerializer.SerializeToElement(p.Evaluations),
            ["population"] = JsonSerializer.SerializeToElement(p.Population),
        },
    };

    /// <summary>A baxter provenance from the shared model; a missing run fact reads as 0 (<c>learnedAll</c>: fitness 1).</summary>
    private static BaxterProvenance Provenance(RuleProvenanceJson p, string source)
    {
        var extra = p.Extra ?? [];
        long Number(string name)
        {
            if (!extra.TryGetValue(name, out var e))
            {
                return 0;
            }

            return e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out long v) && v >= 0
                ? v
                : throw new JsonInputException(source, $"provenance.{name}", $"expected a non-negative integer, not {e.GetRawText()}");
        }

        bool learnedAll = p.Fitness >= 1;
        if (extra.TryGetValue("learnedAll", out var l))
        {
            learnedAll = l.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw new JsonInputException(source, "provenance.learnedAll", $"expected true or false, not {l.GetRawText()}"),
            };
        }

        return new BaxterProvenance(p.Seed, p.Algorithm, p.Task, p.Fitness, learnedAll,
            (int)Math.Min(int.MaxValue, Number("generations")), (int)Math.Min(int.MaxValue, Number("bestGeneration")), Number("evaluations"), (int)Math.Min(int.MaxValue, Number("population")));
    }

    private static string FirstSentence(ArgumentException e)
    {
        string message = e.Message;
        int cut = message.IndexOf(" (Parameter", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    private sealed record FileModel(
        string Format,
        string Family,
        NetworkModel Network,
        ProtocolModel Protocol,
        ImmutableArray<RuleTableJson> Tables,
        RuleProvenanceJson? Provenance = null);

    private sealed record NetworkModel(int Nodes, int Inputs, IReadOnlyList<SynapseModel> Synapses);

    private sealed record SynapseModel(int Pre, int Post, int Weight, bool Learnable);

    private sealed record ProtocolModel(string Task, int Epochs, int Steps);

}
