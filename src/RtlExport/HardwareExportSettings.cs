namespace Neuro.RtlExport;

/// <summary>Settings of <see cref="HardwareExporter"/>: the module-name prefix and the golden vectors' size and seed.</summary>
public sealed record HardwareExportSettings
{
    /// <summary>Prefix of every module and file name (<c>NAME_engine</c>, <c>rom/NAME_hidden.mem</c>); validated by <see cref="VerilogNames"/>.</summary>
    public string Name { get; init; } = "neuro";

    /// <summary>Training samples streamed through the model for the lifetime golden vectors (the first ones, cycling).</summary>
    public int Samples { get; init; } = 40;

    /// <summary>Seed of the plasticity-unit vectors (pattern permutations and random weights), the narrowing vectors and
    /// the learner testbench's random stream gaps and backpressure.</summary>
    public int VectorSeed { get; init; } = 1;

    /// <summary>Lanes of the learner: hidden neurons processed in parallel (divides the hidden size; at most 256).</summary>
    public int Lanes { get; init; } = 1;

    /// <summary>Samples after the lifetime that the learner testbench runs with learning off (predictions only).</summary>
    public int TestSamples { get; init; } = 8;
}
