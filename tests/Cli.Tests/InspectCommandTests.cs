using System.Text.Json;
using Xunit;

namespace Neuro.Cli;

public sealed class InspectCommandTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("neuro-inspect-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void Inspect_ClassicRule_ListsTablesBitsAndRomSizes()
    {
        var r = NeuroRunner.Run("inspect", Path.Combine(RepoPaths.Root, "rules", "synthetic-es.json"), "--json");

        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        var root = doc.RootElement;
        Assert.Equal("pattern", root.GetProperty("family").GetString());
        Assert.True(root.GetProperty("classicLayout").GetBoolean());
        var tables = root.GetProperty("tables").EnumerateArray().ToArray();
        Assert.Equal(["hidden", "output"], tables.Select(t => t.GetProperty("name").GetString()));
        Assert.Equal("preHistory:4,postHistory:4", tables[0].GetProperty("fields").GetString());
        Assert.Equal(256, tables[0].GetProperty("entries").GetInt32());
        Assert.Equal(256, tables[1].GetProperty("offset").GetInt32());
        Assert.Equal(256 * 8, tables[0].GetProperty("romBits").GetInt64()); // default rule entry: 8 bits
        var bits = tables[1].GetProperty("bits").EnumerateArray().ToArray();
        Assert.Equal(5, bits.Length);
        Assert.Equal("role: 0 the label's row, 1 another updated row", bits[4].GetProperty("meaning").GetString());
        Assert.Equal(288 * 8, root.GetProperty("totalRomBits").GetInt64());
    }

    [Fact]
    public void Inspect_RomBitsFollowThePrecision()
    {
        var r = NeuroRunner.Run("inspect", Path.Combine(RepoPaths.Root, "rules", "synthetic-es.json"), "--precision", Path.Combine(RepoPaths.Root, "configs", "precision-w30-e12.json"), "--json");

        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.Equal(288 * 12, doc.RootElement.GetProperty("totalRomBits").GetInt64());
    }

    [Fact]
    public void Inspect_Text_NamesEveryAddressBit()
    {
        var r = NeuroRunner.Run("inspect", Path.Combine(RepoPaths.Root, "rules", "synthetic-es.json"));

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("preHistory[3]: the pre neuron fired in round 0", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("postHistory[0]: the post neuron fired in round 3", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_PreLevelField_NamesItsLevels()
    {
        string path = Path.Combine(dir, "pre.json");
        File.WriteAllText(path, """
            { "format": "neuro-rule/2", "family": "pattern", "rounds": 1, "eta": 0.01,
              "tables": [ { "name": "hidden", "synapses": "recurrent", "mode": "add", "fields": [ { "signal": "preHistory", "bits": 2 } ], "entries": [0, 0, 0, 0] },
                          { "name": "output", "synapses": "output", "mode": "add",
                            "fields": [ { "signal": "pre", "bits": 1, "thresholds": [0.5] }, { "signal": "role", "bits": 1 } ], "entries": [1, 2, 3, 4] } ] }
            """);

        var r = NeuroRunner.Run("inspect", path);

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("pre[0]: bit 0 of the pre neuron's level, how many of 0.5 times the layer's largest activity its activity is above", r.Stdout, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> BadLayouts => new()
    {
        { Layout("""{ "signal": "colour", "bits": 1 }"""), "tables[0].fields[0].signal: expected one of preHistory, postHistory, pre, post, role, weight, target, margin, phase, not \"colour\"" },
        { Layout("""{ "signal": "phase", "bits": 0 }"""), "tables[0].fields[0]: Field 'phase' must have 1..16 bits, not 0" },
        { Layout("""{ "signal": "preHistory", "bits": 2 }, { "signal": "postHistory", "bits": 2 }, { "signal": "weight", "bits": 13 }""", entries: 1 << 17), "tables[0]: Table 'hidden' has 17 address bits (preHistory:2, postHistory:2, weight:13); the most is 16 (65,536 entries)" },
        { Layout("""{ "signal": "preHistory", "bits": 2 }, { "signal": "postHistory", "bits": 2 }""", entries: 15), "tables[0].entries: must have 16 entries (2^4 for the fields preHistory:2,postHistory:2), not 15" },
        { Layout("""{ "signal": "preHistory", "bits": 2 }, { "signal": "role", "bits": 1 }""", entries: 8), "tables[0]: Table 'hidden': recurrent synapses cannot see 'role'; they see preHistory, postHistory, weight, margin, phase" },
        { Layout("""{ "signal": "preHistory", "bits": 3 }""", entries: 8), "tables[0]: Table 'hidden': 'preHistory' has 2 bits with 1 rounds, not 3" },
        { Layout("""{ "signal": "preHistory", "bits": 2, "bits": 2 }"""), "tables[0].fields[0].bits: appears twice" },
        { Layout("""{ "signal": "phase", "bits": 1, "range": 2 }""", entries: 2), "tables[0].fields[0]: Only a weight field has a range, not 'phase'" },
        { Layout("""{ "signal": "phase", "bits": 1 }, { "signal": "phase", "bits": 2 }""", entries: 8), "tables[0]: Table 'hidden' names the signal 'phase' twice" },
        { Layout("""{ "signal": "phase", "bits": 1 }""", entries: 2, mode: "write"), "tables[0]: Table 'hidden': the pattern family's tables are add or multiply, not write" },
        { Layout("""{ "signal": "phase", "bits": 1 }""", entries: 2, name: "../x"), "tables[0]: Table name '../x' must be a letter followed by letters, digits or underscores (at most 32)" },
        { Layout("""{ "signal": "pre", "bits": 1, "thresholds": [0.5] }""", entries: 2), "tables[0]: Table 'hidden': recurrent synapses cannot see 'pre'; they see preHistory, postHistory, weight, margin, phase" },
        { Layout("""{ "signal": "pre", "bits": 1 }""", entries: 2, synapses: "output"), "tables[0]: Table 'hidden': 'pre' needs its levels as thresholds, fractions of the layer's largest activity (for example \"thresholds\": [0.5]; on the command line pre:1:0.5)" },
        { Layout("""{ "signal": "pre", "bits": 1, "thresholds": [0.3] }""", entries: 2, synapses: "output"), "tables[0].fields[0]: Pre threshold [0] is 0.3; each must be 0 or 2^e with e in -100..-1 (a fraction of the layer's largest activity)" },
        { Layout("""{ "signal": "phase", "bits": 1, "thresholds": [0.5] }""", entries: 2), "tables[0].fields[0]: Only margin and pre fields have thresholds, not 'phase'" },
    };

    [Theory]
    [MemberData(nameof(BadLayouts))]
    public void Inspect_MalformedLayout_IsOneLineNamingThePath(string json, string problem)
    {
        string path = Path.Combine(dir, "bad.json");
        File.WriteAllText(path, json);

        string line = NeuroRunner.Run("inspect", path).SingleErrorLine(2);

        Assert.Equal($"neuro: error: {path}: {problem}", line);
    }

    private static string Layout(string fields, int entries = 4, string mode = "add", string name = "hidden", string synapses = "recurrent") => $$"""
        { "format": "neuro-rule/2", "family": "pattern", "rounds": 1, "eta": 0.01,
          "tables": [ { "name": "{{name}}", "synapses": "{{synapses}}", "mode": "{{mode}}", "fields": [ {{fields}} ], "entries": [{{string.Join(", ", Enumerable.Repeat("0", entries))}}] } ] }
        """;

    [Fact]
    public void Inspect_MalformedLayout_IsOneUsageLine()
    {
        string path = Path.Combine(dir, "bad.json");
        File.WriteAllText(path, """
            { "format": "neuro-rule/2", "family": "pattern", "rounds": 1, "eta": 0.01,
              "tables": [ { "name": "hidden", "synapses": "recurrent", "mode": "add",
                            "fields": [ { "signal": "preHistory", "bits": 2 }, { "signal": "role", "bits": 1 } ], "entries": [1, 2, 3, 4, 5, 6, 7, 8] } ] }
            """);

        string line = NeuroRunner.Run("inspect", path).SingleErrorLine(2);

        Assert.Equal($"neuro: error: {path}: tables[0]: Table 'hidden': recurrent synapses cannot see 'role'; they see preHistory, postHistory, weight, margin, phase", line);
    }
}
