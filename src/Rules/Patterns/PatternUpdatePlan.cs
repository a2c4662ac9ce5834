using Neuro.Rules.Layouts;

namespace Neuro.Rules.Patterns;

/// <summary>
/// A pattern rule's tables by synapse group, prepared for an engine (<see cref="PatternTablePlan"/>), plus the family's
/// update semantics that every engine shares: which output rows update and with which role, and where each weight
/// matrix starts a lifetime.
/// </summary>
/// <remarks>
/// Starts: a matrix with an <c>add</c> table starts at 0; with a <c>multiply</c> table (for which 0 is a fixed point) at the
/// spec's N(0,1) draws; without a table it keeps the spec's fixed N(0,1) weights (the recurrent matrix: its initial draws).
/// </remarks>
public sealed class PatternUpdatePlan
{
    /// <summary>Prepares every table of <paramref name="rule"/>.</summary>
    public PatternUpdatePlan(PatternRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        Rule = rule;
        Recurrent = Plan(rule.Layout, PatternLayouts.Recurrent);
        Input = Plan(rule.Layout, PatternLayouts.Input);
        Output = Plan(rule.Layout, PatternLayouts.Output);
        UsesMargin = Recurrent?.UsesMargin == true || Input?.UsesMargin == true || Output?.UsesMargin == true;
    }

    /// <summary>The rule.</summary>
    public PatternRule Rule { get; }

    /// <summary>The recurrent table, or null.</summary>
    public PatternTablePlan? Recurrent { get; }

    /// <summary>The input table, or null.</summary>
    public PatternTablePlan? Input { get; }

    /// <summary>The output table, or null.</summary>
    public PatternTablePlan? Output { get; }

    /// <summary>Whether any table reads the margin (so the engine computes it).</summary>
    public bool UsesMargin { get; }

    /// <summary>Whether the recurrent matrix starts at 0 (an add table); else at the spec's initial draws.</summary>
    public bool RecurrentStartsAtZero => Recurrent?.Mode == TableMode.Add;

    /// <summary>Whether the input matrix starts at 0 (an add table); else at the spec's fixed draws.</summary>
    public bool InputStartsAtZero => Input?.Mode == TableMode.Add;

    /// <summary>Whether the output matrix starts at 0 (an add table); else at the spec's fixed draws.</summary>
    public bool OutputStartsAtZero => Output?.Mode == TableMode.Add;

    /// <summary>
    /// The role of output row <paramref name="c"/> in an update, or −1 when the row is not updated: 0 for the label's row;
    /// the prediction's row (or, with <see cref="OutputEdges.AllEdges"/>, every other row) 1, or 2 for a row that is neither
    /// the label's nor the prediction's when the role field has 2 bits.
    /// </summary>
    public int OutputRole(int c, int label, int prediction)
    {
        if (c == label)
        {
            return 0;
        }

        if (c == prediction)
        {
            return 1;
        }

        if (Rule.OutputEdges != OutputEdges.AllEdges)
        {
            return -1;
        }

        return Output?.Layout.Field(Signal.Role)?.Bits == 2 ? 2 : 1;
    }

    private static PatternTablePlan? Plan(RuleLayout layout, string synapses) =>
        layout.IndexOf(synapses) is int i and >= 0 ? new PatternTablePlan(layout, i) : null;
}
