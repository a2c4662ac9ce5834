using System.Collections.Immutable;
using Neuro.Rules.Layouts;

namespace Neuro.RtlExport;

/// <summary>
/// One field of a rule table's address as hardware sees it (DESIGN.md §4): the layout's field, the label the Verilog
/// comments give it, and the meaning of each of its bits, most significant first. A table's address is its fields
/// concatenated in declared order (<see cref="RuleTable.Address"/>).
/// </summary>
/// <param name="Field">The layout's field (signal, bits, thresholds, range).</param>
/// <param name="Label">Its name in the Verilog comments.</param>
/// <param name="BitMeanings">What each bit means, most significant first.</param>
internal sealed record TableField(LayoutField Field, string Label, ImmutableArray<string> BitMeanings)
{
    /// <summary>The signal the field reads.</summary>
    public Signal Signal => Field.Signal;

    /// <summary>Its width.</summary>
    public int Bits => Field.Bits;
}
