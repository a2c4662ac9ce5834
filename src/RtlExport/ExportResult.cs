using System.Collections.Immutable;

namespace Neuro.RtlExport;

/// <summary>What <see cref="HardwareExporter.Export(Rules.Patterns.PatternRule, FixedPointSim.Patterns.PrecisionConfig, Rules.Patterns.PatternNetworkSpec, Rules.Data.Dataset, HardwareExportSettings, string)"/> wrote.</summary>
/// <param name="RuleHash"><c>sha256:</c> + hex SHA-256 of the rule's canonical JSON without provenance.</param>
/// <param name="Engine">The top module (the learning engine).</param>
/// <param name="Testbenches">The testbench modules, in the order <c>neuro cosim</c> runs them.</param>
/// <param name="Files">Every file but <c>manifest.json</c>, sorted by path.</param>
/// <param name="HiddenEdges">Words of the recurrent weight memory.</param>
/// <param name="InputEdges">Words of the input weight memory (0 without an input table).</param>
/// <param name="OutputWords">Words of the output weight memory (0 without an output table).</param>
/// <param name="Samples">Samples of the lifetime vectors.</param>
/// <param name="ExpectedUpdates">Synapse updates the model made in that lifetime.</param>
/// <param name="Learner">The learner's top module (the export's top).</param>
/// <param name="Timing">The learner's clocks per sample.</param>
public sealed record ExportResult(
    string RuleHash,
    string Engine,
    ImmutableArray<string> Testbenches,
    ImmutableArray<ExportedFile> Files,
    int HiddenEdges,
    int InputEdges,
    int OutputWords,
    int Samples,
    long ExpectedUpdates,
    string Learner,
    LearnerTiming Timing);
