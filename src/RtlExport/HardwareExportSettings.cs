namespace Neuro.RtlExport;

/// <summary>Settings of <see cref="HardwareExporter"/>: the module-name prefix and the golden vectors' size and seed.</summary>
public sealed record HardwareExportSettings
{
    /// <summary>Prefix of every module and file name (<c>NAME_engine</c>, <c>rom/NAME_hidden.mem</c>); validated by <see cref="VerilogNames"/>.</summary>
    public string Name { get; init; } = "neuro";

    /// <summary>Training samples streamed through the model for the lifetime golden vectors (the first ones, cycling).</summary>
    public int Samples { get; init; } = 40;

    /// <summary>Seed of the plasticity-unit vectors (pattern permutations and random weights).</summary>
    public int VectorSeed { get; init; } = 1;
}
