using System.Collections.Immutable;
using Neuro.Rules.Evolution;
using Neuro.Rules.Layouts;

namespace Neuro.Rules.Patterns;

/// <summary>Decodes a genome into a <see cref="PatternRule"/> with fixed <see cref="PatternRuleSettings"/>.</summary>
public sealed class PatternRuleDecoder : IRuleDecoder<RuleGenome, PatternRule>
{
    private readonly RuleLayout layout;

    /// <summary>Creates the decoder; the settings' layout is built and checked once.</summary>
    /// <exception cref="ArgumentException">The settings' fields break the family's rules.</exception>
    public PatternRuleDecoder(PatternRuleSettings settings)
    {
        Settings = settings ?? throw new ArgumentNullException(nameof(settings));
        layout = settings.Layout;
    }

    /// <summary>The settings every decoded rule gets.</summary>
    public PatternRuleSettings Settings { get; }

    /// <summary>The rule, or null when a gene is not finite (a diverged optimizer).</summary>
    /// <exception cref="ArgumentException">The genome has the wrong length.</exception>
    public PatternRule? Decode(RuleGenome genome)
    {
        ArgumentNullException.ThrowIfNull(genome);
        var genes = genome.Genes;
        if (genes.Length != layout.TotalEntries)
        {
            throw new ArgumentException($"Genome has {genes.Length} genes; these settings need {layout.TotalEntries}", nameof(genome));
        }

        foreach (double g in genes)
        {
            if (!double.IsFinite(g))
            {
                return null;
            }
        }

        var tables = ImmutableArray.CreateBuilder<ImmutableArray<double>>(layout.Tables.Length);
        for (int t = 0; t < layout.Tables.Length; t++)
        {
            tables.Add(genes.Slice(layout.Offset(t), layout.Tables[t].Entries));
        }

        return new PatternRule(Settings.Rounds, Settings.Eta, layout, tables.MoveToImmutable(), Settings.MisclassifiedOnly, Settings.OutputEdges, Settings.OutputAverageShift);
    }
}
