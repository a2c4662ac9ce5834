using System.Collections.Immutable;
using Neuro.Rules.Layouts;

namespace Neuro.Rules.Patterns;

/// <summary>
/// One table of a pattern rule, prepared for an engine's update loop: the terms of each signal its synapses see, taken from
/// the table's <see cref="TableLayout"/>. An engine composes an address as the OR of terms (per neuron, per row, per
/// sample, per synapse) and never knows a shift, a width or an offset.
/// </summary>
public sealed class PatternTablePlan
{
    private readonly LayoutField? weightField;
    private readonly LayoutField? marginField;
    private readonly LayoutField? preLevelField;
    private readonly int phaseBits;

    /// <summary>Prepares table <paramref name="index"/> of <paramref name="layout"/>.</summary>
    public PatternTablePlan(RuleLayout layout, int index)
    {
        ArgumentNullException.ThrowIfNull(layout);
        Index = index;
        Layout = layout.Tables[index];
        weightField = Layout.Field(Signal.Weight);
        marginField = Layout.Field(Signal.Margin);
        preLevelField = Layout.Field(Signal.Pre) is { HasPreLevels: true } pre ? pre : null;
        phaseBits = Layout.Field(Signal.Phase)?.Bits ?? 0;
    }

    /// <summary>The table's position in the rule (its entries are <c>rule.Tables[Index]</c>).</summary>
    public int Index { get; }

    /// <summary>The table's layout.</summary>
    public TableLayout Layout { get; }

    /// <summary>How a word changes a weight.</summary>
    public TableMode Mode => Layout.Mode;

    /// <summary>Whether the address depends on the synapse's current weight (so it is computed synapse by synapse).</summary>
    public bool UsesWeight => weightField is not null;

    /// <summary>Whether the address depends on the sample's margin.</summary>
    public bool UsesMargin => marginField is not null;

    /// <summary>The weight field, or null.</summary>
    public LayoutField? WeightField => weightField;

    /// <summary>The margin field, or null.</summary>
    public LayoutField? MarginField => marginField;

    /// <summary>Distinct values of the presynaptic history field (1 without one: every neuron then gives the same term).</summary>
    public int PreValues => Layout.Field(Signal.PreHistory)?.Values ?? 1;

    /// <summary>Distinct values of the postsynaptic history field (1 without one).</summary>
    public int PostValues => Layout.Field(Signal.PostHistory)?.Values ?? 1;

    /// <summary>Which of the <see cref="PostValues"/> a post neuron with <paramref name="history"/> is (0 without a post field).</summary>
    public int PostKey(int history) => Layout.Uses(Signal.PostHistory) ? history : 0;

    /// <summary>The term of the presynaptic (hidden) neuron's firing history.</summary>
    public int PreTerm(int history) => Layout.Term(Signal.PreHistory, history);

    /// <summary>
    /// Fills <paramref name="terms"/>[i] with hidden neuron i's presynaptic term: its history's term and, with a <c>pre</c>
    /// field, the term of its level against the largest of <paramref name="hidden"/> (the last round's capped state;
    /// <see cref="LayoutField.PreCodes(ReadOnlySpan{double}, Span{int})"/>).
    /// </summary>
    public void PreTerms(ReadOnlySpan<int> patterns, ReadOnlySpan<double> hidden, Span<int> terms)
    {
        preLevelField?.PreCodes(hidden[..terms.Length], terms);
        AddHistories(patterns, terms);
    }

    /// <summary>As <see cref="PreTerms(ReadOnlySpan{int}, ReadOnlySpan{double}, Span{int})"/> for raw fixed-point activities; only the first <c>terms.Length</c> are read.</summary>
    public void PreTerms<T>(ReadOnlySpan<int> patterns, ReadOnlySpan<T> hidden, Span<int> terms)
        where T : System.Numerics.IBinaryInteger<T>
    {
        preLevelField?.PreCodes(hidden[..terms.Length], terms);
        AddHistories(patterns, terms);
    }

    /// <summary>The term of the postsynaptic neuron's firing history.</summary>
    public int PostTerm(int history) => Layout.Term(Signal.PostHistory, history);

    /// <summary>The term of an output row's role (<see cref="PatternUpdatePlan.OutputRole"/>).</summary>
    public int RoleTerm(int role) => Layout.Term(Signal.Role, role);

    /// <summary>The term of a float weight's code.</summary>
    public int WeightTerm(double weight) => weightField is null ? 0 : Layout.Term(Signal.Weight, weightField.WeightCode(weight));

    /// <summary>The term of a fixed-point weight's code (<c>raw · 2^-fracBits</c>).</summary>
    public int WeightTerm(long raw, int fracBits) => weightField is null ? 0 : Layout.Term(Signal.Weight, weightField.WeightCode(raw, fracBits));

    /// <summary>The margin thresholds at <paramref name="fracBits"/> fractional bits (empty without a margin field).</summary>
    public ImmutableArray<Int128> RawThresholds(int fracBits) => marginField?.RawThresholds(fracBits) ?? [];

    /// <summary>The terms of the sample's signals (margin, phase) from a float margin and largest logit magnitude.</summary>
    public int SampleTerm(SampleMargin<double> margin, long samplesSeen) =>
        (marginField is null ? 0 : Layout.Term(Signal.Margin, marginField.MarginCode(margin.Margin, margin.MaxAbs))) | PhaseTerm(samplesSeen);

    /// <summary>The terms of the sample's signals from an exact integer margin and largest logit magnitude, and this table's <see cref="RawThresholds"/>.</summary>
    public int SampleTerm(SampleMargin<Int128> margin, ReadOnlySpan<Int128> rawThresholds, long samplesSeen) =>
        (marginField is null ? 0 : Layout.Term(Signal.Margin, marginField.MarginCode(margin.Margin, margin.MaxAbs, rawThresholds))) | PhaseTerm(samplesSeen);

    /// <summary>Turns each level code in <paramref name="terms"/> (without a pre field: anything) into its term, ORed with the neuron's history term.</summary>
    private void AddHistories(ReadOnlySpan<int> patterns, Span<int> terms)
    {
        for (int i = 0; i < terms.Length; i++)
        {
            terms[i] = PreTerm(patterns[i]) | (preLevelField is null ? 0 : Layout.Term(Signal.Pre, terms[i]));
        }
    }

    private int PhaseTerm(long samplesSeen) => phaseBits == 0 ? 0 : Layout.Term(Signal.Phase, LayoutField.PhaseCode(samplesSeen, phaseBits));
}
