using Neuro.Rules.Evolution;

namespace Neuro.Rules.Patterns;

/// <summary>Decodes a genome into a <see cref="PatternRule"/> with fixed <see cref="PatternRuleSettings"/>.</summary>
public sealed class PatternRuleDecoder(PatternRuleSettings settings) : IRuleDecoder<RuleGenome, PatternRule>
{
    /// <summary>The settings every decoded rule gets.</summary>
    public PatternRuleSettings Settings { get; } = settings ?? throw new ArgumentNullException(nameof(settings));

    /// <summary>The rule, or null when a gene is not finite (a diverged optimizer).</summary>
    /// <exception cref="ArgumentException">The genome has the wrong length.</exception>
    public PatternRule? Decode(RuleGenome genome)
    {
        ArgumentNullException.ThrowIfNull(genome);
        var genes = genome.Genes;
        if (genes.Length != Settings.GeneCount)
        {
            throw new ArgumentException($"Genome has {genes.Length} genes; these settings need {Settings.GeneCount}", nameof(genome));
        }

        foreach (double g in genes)
        {
            if (!double.IsFinite(g))
            {
                return null;
            }
        }

        int p = Settings.Patterns, at = p * p;
        var hidden = genes[..at];
        var input = Settings.EvolveInput ? genes[at..(at += p)] : (System.Collections.Immutable.ImmutableArray<double>?)null;
        var output = Settings.EvolveOutput ? genes[at..(at + 2 * p)] : (System.Collections.Immutable.ImmutableArray<double>?)null;
        return new PatternRule(Settings.Rounds, Settings.Eta, hidden, input, output, Settings.Mode, Settings.MisclassifiedOnly, Settings.OutputEdges);
    }
}
