namespace Neuro.RtlExport;

/// <summary>The Verilog simulators <see cref="Cosimulator"/> drives.</summary>
public enum Simulator
{
    /// <summary>Icarus Verilog (<c>iverilog</c> + <c>vvp</c>; Debian package <c>iverilog</c>).</summary>
    Iverilog,

    /// <summary>Verilator 5 with <c>--binary</c> (Debian package <c>verilator</c>).</summary>
    Verilator,
}
