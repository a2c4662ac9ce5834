using System.Collections.Immutable;

namespace Neuro.Rules.Linear;

/// <summary>A linear model as the fixed-point hardware holds it: the types (in their <c>ap_fixed</c> spelling) and the raw W and b.</summary>
/// <param name="Precision">The types by signal: <c>input</c>, <c>weight</c>, <c>output</c>.</param>
/// <param name="WRaw">W as a raw integer of the weight type.</param>
/// <param name="BRaw">b as a raw integer of the weight type.</param>
public sealed record LinearFixedPoint(ImmutableSortedDictionary<string, string> Precision, long WRaw, long BRaw);
