namespace Neuro.RtlExport;

/// <summary>The <c>modules</c> object of <c>manifest.json</c>: the Verilog module names of an export.</summary>
/// <param name="Rom">The rule-ROM module.</param>
/// <param name="PlasticityUnit">The plasticity unit.</param>
/// <param name="Engine">The synapse-array learning engine.</param>
/// <param name="Requantize">The activation narrowing module.</param>
/// <param name="LearnerCore">The learner's datapath (projection, cap, rounds, logits, plasticity).</param>
/// <param name="Learner">The learner with its AXI4-Stream and AXI4-Lite ports.</param>
/// <param name="Top">The module synthesis starts from by default (the learner).</param>
public sealed record ExportManifestModules(string Rom, string PlasticityUnit, string Engine, string Requantize, string LearnerCore, string Learner, string Top);
