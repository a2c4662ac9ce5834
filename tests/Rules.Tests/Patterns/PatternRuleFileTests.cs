using System.Collections.Immutable;
using System.Globalization;
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

    public static TheoryData<string, string, string> BadFiles => new()
    {
        { "{\"family\":\"baxter\"}", "family", "unknown family 'baxter'" },
        { Rule(hidden: 255), "hidden", "must have 256 entries for this number of rounds, not 255" },
        { Rule(input: 8), "input", "must have 16 entries" },
        { Rule(extra: ",\"color\":1"), "color", "unknown field" },
        { Rule(update: "{\"mode\":\"exotic\"}"), "update.mode", "unknown mode 'exotic'" },
        { Rule(update: "{\"outputEdges\":\"some\"}"), "update.outputEdges", "unknown option 'some'" },
        { Rule(update: "{\"speed\":1}"), "update.speed", "unknown field" },
        { Rule(hiddenEntry: "\"NaN\""), "hidden[3]", "'NaN' is not a finite number" },
        { Rule(hiddenEntry: "1e999"), "hidden[3]", "expected a finite number" },
        { Rule(eta: "-0.1"), "eta", "must be positive" },
        { "{\"family\":\"pattern\",", "$ (line 1)", "malformed JSON" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Parse_NamesTheOffendingField(string json, string field, string fragment)
    {
        var e = Assert.Throws<RuleFileException>(() => PatternRuleFile.Parse(json));
        Assert.Equal(field, e.Field);
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
    }

    private static string Rule(int hidden = 256, int input = 16, string extra = "", string update = "{}", string? hiddenEntry = null, string eta = "0.01")
    {
        var entries = Enumerable.Repeat("0", hidden).ToArray();
        if (hiddenEntry is not null)
        {
            entries[3] = hiddenEntry;
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"{{\"family\":\"pattern\",\"rounds\":3,\"eta\":{eta},\"update\":{update},\"hidden\":[{string.Join(",", entries)}],\"input\":[{string.Join(",", Enumerable.Repeat("0", input))}],\"output\":null{extra}}}");
    }
}
