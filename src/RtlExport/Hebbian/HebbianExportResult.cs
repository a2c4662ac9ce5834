using System.Collections.Immutable;

namespace Neuro.RtlExport.Hebbian;

/// <summary>What <see cref="HardwareExporter.Export(Rules.Hebbian.HebbianRule, FixedPointSim.Hebbian.HebbianPrecision, Rules.Hebbian.HebbianNetworkSpec, Rules.Data.Dataset, HardwareExportSettings, string)"/> wrote.</summary>
/// <param name="RuleHash"><c>sha256:</c> + hex SHA-256 of the canonical rule file without provenance.</param>
/// <param name="Top">The engine module (the synthesis top).</param>
/// <param name="Testbenches">The testbench modules.</param>
/// <param name="Files">Every file but <c>manifest.json</c>, sorted by path.</param>
/// <param name="Samples">Samples of the lifetime prefix in the golden vectors.</param>
/// <param name="Updates">Synapse updates the testbench compares (every weight of both layers per sample).</param>
/// <param name="ClocksPerSample">Clocks from <c>start</c> to <c>done</c> per sample.</param>
/// <param name="UpdatesPerSample">Synapse updates per sample.</param>
public sealed record HebbianExportResult(
    string RuleHash, string Top, ImmutableArray<string> Testbenches, ImmutableArray<ExportedFile> Files, int Samples, long Updates, long ClocksPerSample, long UpdatesPerSample);
