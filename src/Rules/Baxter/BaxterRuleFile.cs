using System.Text.Json;
using Neuro.Rules.Json;

namespace Neuro.Rules.Baxter;

/// <summary>
/// Reads and writes <c>rule.json</c> for the <c>baxter</c> family, in the rule-layout shape of DESIGN.md §4: the
/// network (nodes, synapses with reset weights and learnable flags), the training protocol, and one <c>write</c>
/// table <c>f</c> with fields [pre(1), post(1)] over the learnable synapses.
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

    /// <summary>The synapse group the table updates: the learnable synapses.</summary>
    public const string SynapseGroup = "learnable";

    /// <summary>True when <paramref name="json"/> is an object whose <c>family</c> is <c>baxter</c> (other files are not this reader's).</summary>
    public static bool IsBaxter(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("family", out var family)
                && family.ValueKind == JsonValueKind.String
                && family.GetString() == Family;
        }
        catch (JsonException)
        {
            return false;
        }
    }

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
            [new TableModel(TableName, SynapseGroup, "write", [new FieldModel("pre", 1), new FieldModel("post", 1)], [.. learner.Rule.Table])],
            document.Provenance);
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

        return new BaxterRuleDocument(new BaxterLearner(new BaxterNetwork(n.Nodes, n.Inputs, synapses), Rule(m.Tables, source)), task, m.Provenance);
    }

    private static BaxterRule Rule(IReadOnlyList<TableModel> tables, string source)
    {
        if (tables.Count != 1)
        {
            throw new JsonInputException(source, "tables", $"a baxter rule has exactly one table ('{TableName}'), not {tables.Count}");
        }

        var t = tables[0];
        if (t.Name != TableName)
        {
            throw new JsonInputException(source, "tables[0].name", $"must be '{TableName}', not '{t.Name}'");
        }

        if (t.Synapses != SynapseGroup)
        {
            throw new JsonInputException(source, "tables[0].synapses", $"must be '{SynapseGroup}', not '{t.Synapses}'");
        }

        if (t.Mode != "write")
        {
            throw new JsonInputException(source, "tables[0].mode", $"must be 'write' (w <- f(pre, post)), not '{t.Mode}'");
        }

        if (t.Fields is not [{ Signal: "pre", Bits: 1 }, { Signal: "post", Bits: 1 }])
        {
            throw new JsonInputException(source, "tables[0].fields", "must be [ { \"signal\": \"pre\", \"bits\": 1 }, { \"signal\": \"post\", \"bits\": 1 } ]");
        }

        if (t.Entries.Count != BaxterRule.Entries)
        {
            throw new JsonInputException(source, "tables[0].entries", $"must have {BaxterRule.Entries} entries (fields of 1 + 1 bits), not {t.Entries.Count}");
        }

        for (int a = 0; a < t.Entries.Count; a++)
        {
            if (t.Entries[a] is not (1 or -1))
            {
                throw new JsonInputException(source, $"tables[0].entries[{a}]", $"must be -1 or +1 (f is one of the 16 Boolean functions of two ±1 inputs), not {t.Entries[a]}");
            }
        }

        return BaxterRule.FromTable(t.Entries);
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
        IReadOnlyList<TableModel> Tables,
        BaxterProvenance? Provenance = null);

    private sealed record NetworkModel(int Nodes, int Inputs, IReadOnlyList<SynapseModel> Synapses);

    private sealed record SynapseModel(int Pre, int Post, int Weight, bool Learnable);

    private sealed record ProtocolModel(string Task, int Epochs, int Steps);

    private sealed record TableModel(string Name, string Synapses, string Mode, IReadOnlyList<FieldModel> Fields, IReadOnlyList<int> Entries);

    private sealed record FieldModel(string Signal, int Bits);
}
