namespace Neuro.RtlExport.Verilog;

/// <summary>
/// A body of declarations followed by items: a module's, or a generate block's (<see cref="GenerateForItem"/>,
/// <see cref="GenerateIfItem"/>). The helpers add one declaration or item each, so emitters read as lists of what the
/// hardware holds.
/// </summary>
internal abstract record VerilogScope
{
    /// <summary>Localparams, regs, wires, integers and genvars declared in the body, in order.</summary>
    public List<VerilogDeclaration> Declarations { get; } = [];

    /// <summary>Continuous assignments, always and initial blocks, instances and generate blocks, in order.</summary>
    public List<VerilogItem> Items { get; } = [];

    /// <summary>Adds a localparam with its comment.</summary>
    public void LocalParam(string name, string value, string comment, string range = "") =>
        Declarations.Add(new VerilogDeclaration("localparam", name, range, null, comment, value));

    /// <summary>Adds a reg (optionally an array) with its comment.</summary>
    public void Reg(string name, string range, string comment, string? array = null, string? init = null) =>
        Declarations.Add(new VerilogDeclaration("reg", name, range, array, comment, init));

    /// <summary>Adds a wire, optionally with a continuous value.</summary>
    public void Wire(string name, string range, string comment, string? value = null) =>
        Declarations.Add(new VerilogDeclaration("wire", name, range, null, comment, value));

    /// <summary>Adds an integer (loop variable or testbench counter).</summary>
    public void Integer(string name, string comment, string? init = null) =>
        Declarations.Add(new VerilogDeclaration("integer", name, "", null, comment, init));

    /// <summary>Adds a genvar (the index of a generate loop).</summary>
    public void Genvar(string name, string comment) =>
        Declarations.Add(new VerilogDeclaration("genvar", name, "", null, comment, null));

    /// <summary>Adds <c>assign target = value;</c>.</summary>
    public void Assign(string target, string value) => Items.Add(new AssignItem(target, value));

    /// <summary>Adds <c>always @(posedge clock)</c> with <paramref name="body"/>.</summary>
    public void Clocked(string comment, IReadOnlyList<Stmt> body, string clock = "clk") =>
        Items.Add(new AlwaysItem(comment, "posedge " + clock, body));

    /// <summary>
    /// Adds a register block: <c>always @(posedge clock)</c> whose registers in <paramref name="resets"/> take their
    /// reset values while <paramref name="reset"/> is high and follow <paramref name="body"/> otherwise; the
    /// <paramref name="unreset"/> statements (registers without a reset, such as pipeline data) follow the if.
    /// </summary>
    public void Registers(
        string comment,
        string reset,
        IReadOnlyList<(string Register, string Value)> resets,
        IReadOnlyList<Stmt> body,
        IReadOnlyList<Stmt>? unreset = null,
        string clock = "clk") =>
        Items.Add(new AlwaysItem(comment, "posedge " + clock,
        [
            Stmt.If(reset, [.. resets.Select(r => Stmt.Set(r.Register, r.Value))], body),
            .. unreset ?? [],
        ]));

    /// <summary>Adds a module instance with named parameters and connections.</summary>
    public void Instance(
        string comment,
        string module,
        string instance,
        IReadOnlyList<(string Name, string Value)> parameters,
        IReadOnlyList<(string Port, string Signal)> connections) =>
        Items.Add(new InstanceItem(comment, module, instance, parameters, connections));
}
