namespace Neuro.RtlExport;

/// <summary>Synthesis targets of <see cref="Synthesizer"/>.</summary>
public enum SynthTarget
{
    /// <summary>Yosys generic synthesis mapped to 4-input LUTs, memories kept as memories.</summary>
    Generic,

    /// <summary>Yosys <c>synth_ice40</c>, then nextpnr-ice40 place and route for the maximum clock frequency.</summary>
    Ice40,

    /// <summary>Yosys <c>synth_xilinx</c> (7-series): LUTs, flip-flops, block RAMs and DSPs as a resource estimate; no place and route.</summary>
    Xilinx,
}
