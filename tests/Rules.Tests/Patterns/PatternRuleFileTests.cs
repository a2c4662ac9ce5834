using System.Collections.Immutable;
using System.Globalization;
using Neuro.Rules.Json;
using Neuro.Rules.Layouts;
using Xunit;

namespace Neuro.Rules.Patterns;

public sealed class PatternRuleFileTests
{
    private static PatternRule SampleRule()
    {
        var random = new Random(42);
        ImmutableArray<double> Table(int n) => [.. Enumerable.Range(0, n).Select(_ => random.NextDouble() * 2 - 1)];
        return new PatternRule(3, 0.01, Table(256), Table(16), Table(32), PatternUpdateMode.Additive, misclassifiedOnly: true, OutputEdges.AllEdges);
    }

    [Fact]
    public void SerializeParse_RoundTripsExactly()
    {
        var rule = SampleRule();
        var provenance = new RuleProvenance(1, "es", "synthetic", 0.8125)
        {
            Extra = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["generations"] = "200" },
        };
        var (back, prov) = PatternRuleFile.Parse(PatternRuleFile.Serialize(rule, provenance));
        Assert.Equal(rule, back);
        Assert.Equal(provenance.Seed, prov!.Seed);
        Assert.Equal("es", prov.Algorithm);
        Assert.Equal(0.8125, prov.Fitness);
        Assert.Equal("200", prov.Extra["generations"]);
    }

    [Fact]
    public void SerializeParse_PreLevels_RoundTripWithTheirThresholds()
    {
        // The levels are part of the rule: a file that lost them would load a different (or, in this family, no) rule.
        var random = new Random(7);
        var layout = new RuleLayout([
            new TableLayout("hidden", PatternLayouts.Recurrent, TableMode.Add, PatternLayouts.ClassicHiddenFields(1)),
            new TableLayout("output", PatternLayouts.Output, TableMode.Add, [new LayoutField(Signal.PreHistory, 2), new LayoutField(Signal.Pre, 2, [0, 0.25, 0.5]), new LayoutField(Signal.Role, 1)]),
        ]);
        var rule = new PatternRule(1, 0.01, layout, [.. layout.Tables.Select(t => ImmutableArray.CreateRange(Enumerable.Range(0, t.Entries).Select(_ => random.NextDouble())))]);

        string json = PatternRuleFile.Serialize(rule, null);
        var (back, _) = PatternRuleFile.Parse(json);

        Assert.Contains("\"signal\": \"pre\"", json, StringComparison.Ordinal);
        Assert.Equal(rule, back);
        Assert.Equal([0, 0.25, 0.5], back.Layout.Tables[1].Fields[1].Thresholds.ToArray());
    }

    [Fact]
    public void Write_IsAtomicAndReadable()
    {
        string dir = Path.Combine(Path.GetTempPath(), "neuro-rulefile-" + Guid.NewGuid().ToString("N"));
        try
        {
            string path = Path.Combine(dir, "rule.json");
            PatternRuleFile.Write(path, SampleRule(), null);
            var (rule, prov) = PatternRuleFile.Read(path);
            Assert.Equal(SampleRule(), rule);
            Assert.Null(prov);
            Assert.Single(Directory.GetFiles(dir)); // no temporary left behind
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    public static TheoryData<string, string> BadFirstFormatFiles => new()
    {
        { "{\"family\":\"baxter\"}", "rule JSON: family: 'baxter' is not a pattern rule; this reader takes family 'pattern'" },
        { Rule(hidden: 255), "rule JSON: hidden: must have 256 entries for this number of rounds, not 255" },
        { Rule(input: 8), "rule JSON: input: must have 16 entries for this number of rounds, not 8" },
        { Rule(extra: ",\"color\":1"), "rule JSON: color: unknown member; expected one of family, rounds, eta, hidden, update, input, output, provenance" },
        { Rule(extra: ",\"eta\":0.5"), "rule JSON: eta: appears twice" },
        { Rule(update: "{\"mode\":\"exotic\"}"), "rule JSON: update.mode: expected one of additive, multiplicative, not \"exotic\"" },
        { Rule(update: "{\"outputEdges\":\"some\"}"), "rule JSON: update.outputEdges: expected one of labelAndPrediction, allEdges, not \"some\"" },
        { Rule(update: "{\"speed\":1}"), "rule JSON: update.speed: unknown member; expected one of mode, misclassifiedOnly, outputEdges" },
        { Rule(hiddenEntry: "NaN"), "rule JSON: hidden[3]: NaN is not a finite number" },
        { Rule(hiddenEntry: "\"NaN\""), "rule JSON: hidden[3]: expected a finite number, not \"NaN\"" },
        { Rule(hiddenEntry: "1e999"), "rule JSON: hidden[3]: 1e999 is not a finite number (beyond the range of a double)" },
        { Rule(eta: "-0.1"), "rule JSON: eta: must be positive, not -0.1" },
        { Rule(rounds: "9"), "rule JSON: rounds: must be 0..7, not 9" },
        { "{\"family\":\"pattern\",", "rule JSON: malformed JSON at line 1, byte 20: Expected start of a property name or value, but instead reached end of data" },
        { "{\"rounds\":3}", "rule JSON: family: required string member 'family' is missing (pattern, baxter, …)" },
    };

    [Theory]
    [MemberData(nameof(BadFirstFormatFiles))]
    public void Parse_FirstFormat_NamesTheOffendingField(string json, string message)
    {
        var e = Assert.Throws<JsonInputException>(() => PatternRuleFile.Parse(json));
        Assert.Equal(message, e.Message);
    }

    private static string Rule(int hidden = 256, int input = 16, string extra = "", string update = "{}", string? hiddenEntry = null, string eta = "0.01", string rounds = "3")
    {
        var entries = Enumerable.Repeat("0", hidden).ToArray();
        if (hiddenEntry is not null)
        {
            entries[3] = hiddenEntry;
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"{{\"family\":\"pattern\",\"rounds\":{rounds},\"eta\":{eta},\"update\":{update},\"hidden\":[{string.Join(",", entries)}],\"input\":[{string.Join(",", Enumerable.Repeat("0", input))}],\"output\":null{extra}}}");
    }
}
