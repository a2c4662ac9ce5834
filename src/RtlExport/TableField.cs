using System.Collections.Immutable;

namespace Neuro.RtlExport;

/// <summary>
/// One field of a rule table's address (DESIGN.md §4): a small unsigned signal local to the synapse, <see cref="Bits"/>
/// wide, with the meaning of each of its bits, most significant first. A table's address is its fields concatenated in
/// declared order, so every emitter forms it as one concatenation of the signals it maps the fields to.
/// </summary>
/// <param name="Signal">The signal: <c>preHistory</c>, <c>postHistory</c> or <c>role</c>.</param>
/// <param name="Bits">Its width.</param>
/// <param name="BitMeanings">What each bit means, most significant first.</param>
internal sealed record TableField(string Signal, int Bits, ImmutableArray<string> BitMeanings)
{
    /// <summary>The presynaptic neuron's firing history (round 0 the most significant bit).</summary>
    public const string PreHistory = "preHistory";

    /// <summary>The postsynaptic neuron's firing history (for the output table: the hidden neuron's).</summary>
    public const string PostHistory = "postHistory";

    /// <summary>The output row's role: 0 the label's row, 1 another row.</summary>
    public const string Role = "role";
}
