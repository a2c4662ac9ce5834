namespace Neuro.Rules.Patterns;

/// <summary>
/// Everything about a pattern rule except its table entries: what evolution holds fixed. The genes are the tables,
/// laid out hidden (<c>P²</c>), then input (<c>P</c>, if <see cref="EvolveInput"/>), then output (<c>2P</c>, if <see cref="EvolveOutput"/>).
/// </summary>
/// <param name="Rounds">Recurrent rounds R (P = 2^(R+1) patterns).</param>
/// <param name="Eta">Step size.</param>
/// <param name="Mode">Additive or multiplicative updates.</param>
/// <param name="MisclassifiedOnly">Update only after misclassified samples.</param>
/// <param name="OutputEdges">Rows the output rule's second entry updates.</param>
/// <param name="EvolveInput">Whether the input table exists (input weights plastic).</param>
/// <param name="EvolveOutput">Whether the output table exists (output weights plastic).</param>
public sealed record PatternRuleSettings(
    int Rounds = 3,
    double Eta = 0.01,
    PatternUpdateMode Mode = PatternUpdateMode.Additive,
    bool MisclassifiedOnly = true,
    OutputEdges OutputEdges = OutputEdges.LabelAndPrediction,
    bool EvolveInput = true,
    bool EvolveOutput = true)
{
    /// <summary>Number of patterns <c>2^(Rounds+1)</c>.</summary>
    public int Patterns => 1 << (Rounds + 1);

    /// <summary>Number of genes: <c>P² + P·[input] + 2P·[output]</c> (304 for R = 3 with all tables).</summary>
    public int GeneCount => Patterns * Patterns + (EvolveInput ? Patterns : 0) + (EvolveOutput ? 2 * Patterns : 0);

    /// <summary>The settings of an existing rule.</summary>
    public static PatternRuleSettings Of(PatternRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return new(rule.Rounds, rule.Eta, rule.Mode, rule.MisclassifiedOnly, rule.OutputEdges, rule.Input is not null, rule.Output is not null);
    }

    /// <summary>The genes of a rule with these settings, in decoder layout.</summary>
    public double[] Genes(PatternRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var genes = new List<double>(GeneCount);
        genes.AddRange(rule.Hidden);
        if (EvolveInput)
        {
            genes.AddRange(rule.Input ?? throw new ArgumentException("The rule has no input table", nameof(rule)));
        }

        if (EvolveOutput)
        {
            genes.AddRange(rule.Output ?? throw new ArgumentException("The rule has no output table", nameof(rule)));
        }

        return [.. genes];
    }
}
