using System.Collections.Immutable;
using Neuro.RtlExport.Verilog;

namespace Neuro.RtlExport;

/// <summary>
/// One rule table as hardware sees it: its name, the layer code of the synapses it updates, its address fields (most
/// significant first) and its ROM image.
/// </summary>
/// <param name="Name">The table's name: <c>hidden</c>, <c>input</c> or <c>output</c>.</param>
/// <param name="Code">The layer code (0 recurrent, 1 input, 2 output).</param>
/// <param name="Fields">The address fields, most significant first.</param>
/// <param name="Image">The ROM words.</param>
internal sealed record RuleTable(string Name, int Code, ImmutableArray<TableField> Fields, RomImage Image)
{
    /// <summary>Bits of the address: the fields' widths summed.</summary>
    public int AddressWidth => Fields.Sum(f => f.Bits);

    /// <summary>The Verilog address: the fields' signals concatenated in declared order, each mapped by <paramref name="signals"/>.</summary>
    /// <exception cref="InvalidOperationException">A field's signal has no mapping (the emitter cannot drive that layout).</exception>
    public string Address(IReadOnlyDictionary<string, string> signals) =>
        Expr.Concat(Fields.Select(f => signals.TryGetValue(f.Signal, out string? s)
            ? s
            : throw new InvalidOperationException($"Table '{Name}': no signal drives the address field '{f.Signal}'")));
}
