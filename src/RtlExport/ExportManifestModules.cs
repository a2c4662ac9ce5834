namespace Neuro.RtlExport;

/// <summary>
/// The <c>modules</c> object of <c>manifest.json</c>: the Verilog module names of an export. <see cref="Top"/> is always
/// there; the others belong to a family (<see cref="ExportManifest.Verify"/> requires each family's set).
/// </summary>
/// <param name="Top">The module synthesis starts from by default (the learner).</param>
/// <param name="Rom">The rule-ROM module (pattern, hebbian).</param>
/// <param name="PlasticityUnit">The plasticity unit (pattern).</param>
/// <param name="Engine">The synapse-array learning engine (pattern), the plasticity engine (hebbian).</param>
/// <param name="Requantize">The activation narrowing module (pattern).</param>
/// <param name="LearnerCore">The learner's datapath: projection, cap, rounds, logits, plasticity (pattern).</param>
/// <param name="Learner">The learner: with its AXI4-Stream and AXI4-Lite ports (pattern), or the whole binary network (baxter).</param>
/// <param name="RuleLut">The per-synapse rule look-up table (baxter).</param>
/// <param name="HiddenPlasticity">The input → hidden layer's plasticity walker (hebbian).</param>
/// <param name="OutputPlasticity">The hidden → output layer's plasticity walker (hebbian).</param>
public sealed record ExportManifestModules(
    string Top,
    string? Rom = null,
    string? PlasticityUnit = null,
    string? Engine = null,
    string? Requantize = null,
    string? LearnerCore = null,
    string? Learner = null,
    string? RuleLut = null,
    string? HiddenPlasticity = null,
    string? OutputPlasticity = null);
