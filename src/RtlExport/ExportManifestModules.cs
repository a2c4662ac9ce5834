namespace Neuro.RtlExport;

/// <summary>The <c>modules</c> object of <c>manifest.json</c>: the Verilog module names of an export.</summary>
/// <param name="Rom">The rule-ROM module.</param>
/// <param name="PlasticityUnit">The plasticity unit.</param>
/// <param name="Engine">The synapse-array learning engine.</param>
/// <param name="Top">The module synthesis starts from (the engine).</param>
public sealed record ExportManifestModules(string Rom, string PlasticityUnit, string Engine, string Top);
