using Neuro.Rules.Layouts;

namespace Neuro.RtlExport;

/// <summary>
/// The Verilog signals an emitter drives a table's address fields with (<see cref="RuleTable.Address"/>).
/// </summary>
/// <param name="PrePattern">The presynaptic neuron's firing history (recurrent synapses).</param>
/// <param name="PostPattern">The postsynaptic neuron's firing history; on output synapses the hidden neuron's.</param>
/// <param name="RowKind">The output row's role code (as wide as the role field).</param>
/// <param name="Local">The signal holding a table's code of a per-synapse, per-neuron or per-sample field (weight, pre level, margin, phase).</param>
internal sealed record AddressSignals(string PrePattern, string PostPattern, string RowKind, Func<RuleTable, Signal, string> Local);
