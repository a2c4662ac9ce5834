namespace Neuro.Rules.Connectome;

/// <summary>Counts over the raw edge list and over what <see cref="ConnectomeGraph.Load"/> kept, for checks and reports.</summary>
/// <param name="Rows">Data rows of the edge list.</param>
/// <param name="ChemicalRows">Rows of type chemical.</param>
/// <param name="ElectricalRows">Rows of type electrical.</param>
/// <param name="WeightSum">Sum of the Weight column.</param>
/// <param name="FileNodes">Distinct names in the edge list (neurons and end organs).</param>
/// <param name="FileNeurons">Of those, neurons listed in <c>neuron_classes.csv</c>.</param>
/// <param name="UnmatchedGapListings">Electrical rows between two distinct cells with no reverse row of equal weight.</param>
/// <param name="SelfGapListings">Electrical rows from a cell to itself (dropped).</param>
/// <param name="NeuronSynapses">Kept chemical synapses between two neurons.</param>
/// <param name="MuscleSynapses">Kept chemical synapses from a neuron to a body-wall muscle.</param>
/// <param name="GapJunctionPairs">Kept gap junctions: unordered pairs of distinct neurons.</param>
/// <param name="InhibitorySynapses">Kept chemical synapses with a GABAergic presynaptic neuron (negative weight).</param>
/// <param name="DroppedRows">Rows not kept: a non-neuronal end point other than a body-wall muscle, a gap junction with a muscle, or a self gap junction.</param>
public sealed record ConnectomeSummary(
    int Rows,
    int ChemicalRows,
    int ElectricalRows,
    long WeightSum,
    int FileNodes,
    int FileNeurons,
    int UnmatchedGapListings,
    int SelfGapListings,
    int NeuronSynapses,
    int MuscleSynapses,
    int GapJunctionPairs,
    int InhibitorySynapses,
    int DroppedRows);
