using System.Collections.Immutable;
using Neuro.Rules.Layouts;
using Neuro.Rules.Patterns;
using Neuro.RtlExport.Verilog;

namespace Neuro.RtlExport;

/// <summary>
/// One rule table as hardware sees it: its name, the layer code of the synapses it updates, its layout, its address
/// fields (most significant first) and its ROM image.
/// </summary>
/// <param name="Name">The table's name in the RTL, by synapse group: <c>hidden</c>, <c>input</c> or <c>output</c>.</param>
/// <param name="Code">The layer code (0 recurrent, 1 input, 2 output).</param>
/// <param name="Layout">The table's layout in the rule.</param>
/// <param name="Fields">The address fields, most significant first.</param>
/// <param name="Image">The ROM words.</param>
internal sealed record RuleTable(string Name, int Code, TableLayout Layout, ImmutableArray<TableField> Fields, RomImage Image)
{
    /// <summary>Bits of the address: the fields' widths summed.</summary>
    public int AddressWidth => Fields.Sum(f => f.Bits);

    /// <summary>Whether a field reads <paramref name="signal"/>.</summary>
    public bool Uses(Signal signal) => Layout.Uses(signal);

    /// <summary>The field that reads <paramref name="signal"/>, or null.</summary>
    public LayoutField? Field(Signal signal) => Layout.Field(signal);

    /// <summary>
    /// The Verilog address: the fields' signals concatenated in declared order (the one place an address is formed, for
    /// the plasticity unit and the learner alike). A history field reads the presynaptic neuron's pattern, except on
    /// output synapses, whose presynaptic neuron is the hidden neuron of the walk (<see cref="AddressSignals.PostPattern"/>).
    /// </summary>
    public string Address(AddressSignals signals) =>
        Expr.Concat(Fields.Select(f => f.Signal switch
        {
            Signal.PreHistory => Layout.Synapses == PatternLayouts.Output ? signals.PostPattern : signals.PrePattern,
            Signal.PostHistory => signals.PostPattern,
            Signal.Role => signals.RowKind,
            Signal.Weight or Signal.Margin or Signal.Phase or Signal.Pre => signals.Local(this, f.Signal),
            _ => throw new InvalidOperationException($"Table '{Name}': no signal drives the address field '{LayoutField.Name(f.Signal)}'"),
        }));

    /// <summary>The name of the wire holding this table's weight code (the weight before the update, <see cref="FieldLogic.WeightCode"/>).</summary>
    public string WeightCodeWire => Name + "_weight_code";
}
