using Neuro.Rules.Layouts;
using Xunit;

namespace Neuro.Rules.Patterns;

/// <summary>The rules shipped in <c>rules/</c>: each passes the schema check and says how it was made.</summary>
public sealed class ShippedRulesTests
{
    public static TheoryData<string> Files() => [.. Names()];

    private static IEnumerable<string> Names() =>
        Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "rules"), "*.json")
            .Where(f => !File.ReadAllText(f).Contains("\"family\": \"hebbian\"", StringComparison.Ordinal)) // HebbianRuleFileTests reads those
            .Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(Files))]
    public void ShippedRule_ReadsAndCarriesItsProvenance(string file)
    {
        var (rule, provenance) = PatternRuleFile.Read(Path.Combine(RepoPaths.Root, "rules", file));
        Assert.NotNull(provenance);
        Assert.False(string.IsNullOrWhiteSpace(provenance.Algorithm));
        Assert.False(string.IsNullOrWhiteSpace(provenance.Task));
        if (!File.ReadAllText(Path.Combine(RepoPaths.Root, "rules", file)).Contains("\"format\"", StringComparison.Ordinal))
        {
            Assert.True(PatternLayouts.IsClassic(rule.Layout, rule.Rounds), $"{file}: a first-format file loads as the classic layout");
        }
        if (provenance.Algorithm != "hand")
        {
            // An evolved rule names the command(s) that reproduce it, or carries the run's own settings.
            Assert.True(provenance.Extra.ContainsKey("command") || provenance.Extra.ContainsKey("generations"), $"{file}: no command or run settings in its provenance");
        }
    }

    [Fact]
    public void Files_FindsTheShippedRules() => Assert.Contains("synthetic-es-always.json", Names());

    [Fact]
    public void BestHundredHiddenRule_ReadsTheMarginAndThePhase()
    {
        var (rule, _) = PatternRuleFile.Read(Path.Combine(RepoPaths.Root, "rules", "synthetic-best-100hidden-margin.json"));
        Assert.False(PatternLayouts.IsClassic(rule.Layout, rule.Rounds));
        var output = rule.Layout.Tables.Single(t => t.Name == "output");
        Assert.Equal([Signal.PreHistory, Signal.Role, Signal.Margin, Signal.Phase], output.Fields.Select(f => f.Signal));
    }
}
