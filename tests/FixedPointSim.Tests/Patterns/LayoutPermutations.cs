using System.Collections.Immutable;
using Neuro.Rules.Data;
using Neuro.Rules.Layouts;
using Neuro.Rules.Patterns;

namespace Neuro.FixedPointSim.Patterns;

/// <summary>Rules stored under permuted layouts, for the tests that check every engine reads tables through the layout.</summary>
internal static class LayoutPermutations
{
    /// <summary>The rule with each table's fields reversed and its entries moved so every address means what it meant.</summary>
    internal static PatternRule Permuted(PatternRule rule, bool moveEntries)
    {
        var tables = rule.Layout.Tables.Select(t => t with { }).ToArray();
        var reversed = ImmutableArray.CreateBuilder<TableLayout>();
        var entries = ImmutableArray.CreateBuilder<ImmutableArray<double>>();
        for (int t = 0; t < tables.Length; t++)
        {
            var table = tables[t];
            var permuted = new TableLayout(table.Name, table.Synapses, table.Mode, [.. table.Fields.Reverse()]);
            var moved = new double[table.Entries];
            for (int a = 0; a < table.Entries; a++)
            {
                int[] values = table.Decode(a);
                Array.Reverse(values);
                moved[permuted.Address(values)] = rule.Tables[t][a];
            }

            reversed.Add(permuted);
            entries.Add(moveEntries ? [.. moved] : rule.Tables[t]);
        }

        return new PatternRule(rule.Rounds, rule.Eta, new RuleLayout(reversed.ToImmutable()), entries.ToImmutable(), rule.MisclassifiedOnly, rule.OutputEdges);
    }

    /// <summary>A classic rule with every table present (R = 2, asymmetric tables) on a small synthetic network.</summary>
    internal static (PatternNetworkSpec Spec, PatternRule Rule, Dataset Data) Case(int seed)
    {
        var random = new Random(seed);
        var (train, _) = SyntheticClassification.GenerateJoosten(seed);
        var data = train.Subset(0, 300);
        var spec = new PatternNetworkSpec(data.Features, data.Classes, Hidden: 16, Cap: 7, EdgeProbability: 0.5, Seed: seed);
        ImmutableArray<double> Table(int n) => [.. Enumerable.Range(0, n).Select(_ => (random.NextDouble() * 6) - 3)];
        var rule = new PatternRule(2, 0.05, Table(64), Table(8), Table(16), PatternUpdateMode.Additive, misclassifiedOnly: seed % 2 == 0,
            seed % 3 == 0 ? OutputEdges.AllEdges : OutputEdges.LabelAndPrediction);
        return (spec, rule, data);
    }
}
