namespace Neuro.RtlExport.Verilog;

/// <summary>
/// One Verilog module as a structure (DESIGN.md §6): parameters, ports, and a body of declarations and items, printed by
/// <see cref="VerilogWriter"/>. Emitters build these; nothing splices text into templates.
/// </summary>
/// <param name="Name">The module name, already validated as a Verilog identifier.</param>
/// <param name="Description">Lines of the block comment above the module.</param>
internal sealed record VerilogModule(string Name, IReadOnlyList<string> Description) : VerilogScope
{
    /// <summary>Overridable parameters, in declaration order.</summary>
    public List<VerilogParameter> Parameters { get; } = [];

    /// <summary>Ports, in declaration order; empty for a testbench.</summary>
    public List<VerilogPort> Ports { get; } = [];

    /// <summary>Adds a parameter with its comment.</summary>
    public void Parameter(string name, string value, string comment) => Parameters.Add(new(name, value, comment));

    /// <summary>Adds an input port.</summary>
    public void Input(string name, string range, string comment) => Ports.Add(new(PortDirection.Input, name, range, comment));

    /// <summary>Adds an output port driven by a continuous assignment.</summary>
    public void OutputWire(string name, string range, string comment) => Ports.Add(new(PortDirection.OutputWire, name, range, comment));

    /// <summary>Adds an output port driven by an always block.</summary>
    public void OutputReg(string name, string range, string comment) => Ports.Add(new(PortDirection.OutputReg, name, range, comment));
}

/// <summary>A module parameter: ALL_CAPS name, default value, and the comment printed above it.</summary>
internal sealed record VerilogParameter(string Name, string Value, string Comment);

/// <summary>Port directions.</summary>
internal enum PortDirection
{
    /// <summary><c>input wire</c>.</summary>
    Input,

    /// <summary><c>output wire</c>.</summary>
    OutputWire,

    /// <summary><c>output reg</c>.</summary>
    OutputReg,
}

/// <summary>A port: direction, name, range (<c>""</c> for one bit, else <c>[W-1:0]</c>) and a comment.</summary>
internal sealed record VerilogPort(PortDirection Direction, string Name, string Range, string Comment);

/// <summary>A body declaration (<c>localparam</c>, <c>reg</c>, <c>wire</c>, <c>integer</c>, <c>genvar</c>); <c>Value</c> is the
/// localparam value, the wire's continuous value or the reg's initialiser.</summary>
internal sealed record VerilogDeclaration(string Kind, string Name, string Range, string? Array, string Comment, string? Value);
