using System.Collections.Immutable;

namespace Neuro.RtlExport.Baxter;

/// <summary>What <see cref="HardwareExporter.Export(Rules.Baxter.BaxterRuleDocument, HardwareExportSettings, string)"/> wrote.</summary>
/// <param name="RuleHash"><c>sha256:</c> + hex SHA-256 of the canonical rule file without provenance.</param>
/// <param name="Top">The learner module.</param>
/// <param name="Testbenches">The testbench modules.</param>
/// <param name="Files">Every file but <c>manifest.json</c>, sorted by path.</param>
/// <param name="Cycles">Clocks of the golden vectors (every trial of the task).</param>
/// <param name="Writes">Clocks among them that write the learnable weights (clamped steps).</param>
public sealed record BaxterExportResult(string RuleHash, string Top, ImmutableArray<string> Testbenches, ImmutableArray<ExportedFile> Files, int Cycles, int Writes);
