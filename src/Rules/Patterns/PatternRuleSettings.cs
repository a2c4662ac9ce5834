using System.Collections.Immutable;
using Neuro.Rules.Layouts;

namespace Neuro.Rules.Patterns;

/// <summary>
/// Everything about a pattern rule except its table entries: what evolution holds fixed. The genes are the tables'
/// entries in layout order (<see cref="Layout"/>): hidden, then input (if <see cref="EvolveInput"/>), then output (if
/// <see cref="EvolveOutput"/>), each with its fields (the classic ones unless <see cref="HiddenFields"/>,
/// <see cref="InputFields"/> or <see cref="OutputFields"/> say otherwise).
/// </summary>
/// <param name="Rounds">Recurrent rounds R (histories of R + 1 bits).</param>
/// <param name="Eta">Step size.</param>
/// <param name="Mode">Additive or multiplicative updates, for every table.</param>
/// <param name="MisclassifiedOnly">Update only after misclassified samples.</param>
/// <param name="OutputEdges">Rows besides the label's that the output table updates.</param>
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
    /// <summary>The hidden (recurrent) table's fields; default: the classic [preHistory, postHistory].</summary>
    public ImmutableArray<LayoutField> HiddenFields { get; init; }

    /// <summary>The input table's fields; default: the classic [postHistory].</summary>
    public ImmutableArray<LayoutField> InputFields { get; init; }

    /// <summary>The output table's fields; default: the classic [preHistory, role(1)].</summary>
    public ImmutableArray<LayoutField> OutputFields { get; init; }

    /// <summary>Every decoded rule's <see cref="PatternRule.OutputAverageShift"/> (0: predictions read the last weights).</summary>
    public int OutputAverageShift { get; init; }

    /// <summary>The layout every decoded rule has.</summary>
    /// <exception cref="ArgumentException">The fields break the family's rules (<see cref="PatternLayouts.Validate"/>).</exception>
    public RuleLayout Layout => PatternLayouts.Build(
        Rounds, Mode == PatternUpdateMode.Multiplicative ? TableMode.Multiply : TableMode.Add, EvolveInput, EvolveOutput, HiddenFields, InputFields, OutputFields);

    /// <summary>Number of genes: the entries of every table (304 for R = 3 with the classic tables).</summary>
    public int GeneCount => Layout.TotalEntries;

    /// <summary>The settings of an existing rule (its layout's fields and modes; every table must have one mode, which evolution keeps).</summary>
    /// <exception cref="ArgumentException">The rule's tables differ in mode, or it has no hidden table.</exception>
    public static PatternRuleSettings Of(PatternRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var layout = rule.Layout;
        var hidden = layout.Find(PatternLayouts.Recurrent) ?? throw new ArgumentException("The rule has no recurrent table; evolution needs one", nameof(rule));
        if (layout.Tables.Any(t => t.Mode != hidden.Mode))
        {
            throw new ArgumentException("The rule's tables differ in mode; evolution settings hold one mode for all", nameof(rule));
        }

        var input = layout.Find(PatternLayouts.Input);
        var output = layout.Find(PatternLayouts.Output);
        return new PatternRuleSettings(
            rule.Rounds, rule.Eta, hidden.Mode == TableMode.Multiply ? PatternUpdateMode.Multiplicative : PatternUpdateMode.Additive,
            rule.MisclassifiedOnly, rule.OutputEdges, input is not null, output is not null)
        {
            HiddenFields = hidden.Fields,
            InputFields = input?.Fields ?? default,
            OutputFields = output?.Fields ?? default,
            OutputAverageShift = rule.OutputAverageShift,
        };
    }

    /// <summary>
    /// The genes of a rule for these settings, in decoder layout. A rule whose tables have a subset of these settings'
    /// fields (for example an evolved classic rule, when these settings add a margin field to the output table) gives its
    /// entries broadcast over the new fields (<see cref="TableLayout.Broadcast"/>), so a search can start from it.
    /// </summary>
    /// <exception cref="ArgumentException">A table is missing from the rule, or its fields are not a subset of these settings'.</exception>
    public double[] Genes(PatternRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var layout = Layout;
        var genes = new double[layout.TotalEntries];
        for (int t = 0; t < layout.Tables.Length; t++)
        {
            var table = layout.Tables[t];
            int from = rule.Layout.IndexOf(table.Synapses);
            if (from < 0)
            {
                throw new ArgumentException($"The rule has no {table.Synapses} table", nameof(rule));
            }

            table.Broadcast(rule.Layout.Tables[from], rule.Tables[from].AsSpan()).CopyTo(genes, layout.Offset(t));
        }

        return genes;
    }

    /// <summary>Value equality: the same options and the same layout (default fields equal the classic ones spelled out).</summary>
    public bool Equals(PatternRuleSettings? other) =>
        other is not null && Rounds == other.Rounds && Eta.Equals(other.Eta) && Mode == other.Mode && MisclassifiedOnly == other.MisclassifiedOnly
        && OutputEdges == other.OutputEdges && EvolveInput == other.EvolveInput && EvolveOutput == other.EvolveOutput
        && OutputAverageShift == other.OutputAverageShift && Layout == other.Layout;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Rounds, Eta, Mode, MisclassifiedOnly, OutputEdges, EvolveInput, EvolveOutput, OutputAverageShift);
}
