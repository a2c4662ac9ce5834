namespace Neuro.RtlExport.Verilog;

/// <summary>
/// One Verilog module as a structure (DESIGN.md §6): parameters, ports, declarations and items, printed by
/// <see cref="VerilogWriter"/>. Emitters build these; nothing splices text into templates.
/// </summary>
/// <param name="Name">The module name, already validated as a Verilog identifier.</param>
/// <param name="Description">Lines of the block comment above the module.</param>
internal sealed record VerilogModule(string Name, IReadOnlyList<string> Description)
{
    /// <summary>Overridable parameters, in declaration order.</summary>
    public List<VerilogParameter> Parameters { get; } = [];

    /// <summary>Ports, in declaration order; empty for a testbench.</summary>
    public List<VerilogPort> Ports { get; } = [];

    /// <summary>Localparams, regs, wires and integers declared in the body, in order.</summary>
    public List<VerilogDeclaration> Declarations { get; } = [];

    /// <summary>Continuous assignments, always and initial blocks, instances, in order.</summary>
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

/// <summary>A body declaration (<c>localparam</c>, <c>reg</c>, <c>wire</c>, <c>integer</c>); <c>Value</c> is the localparam value,
/// the wire's continuous value or the reg's initialiser.</summary>
internal sealed record VerilogDeclaration(string Kind, string Name, string Range, string? Array, string Comment, string? Value);

/// <summary>A module item.</summary>
internal abstract record VerilogItem;

/// <summary><c>assign Target = Value;</c></summary>
internal sealed record AssignItem(string Target, string Value) : VerilogItem;

/// <summary><c>always @(Sensitivity) begin … end</c>, with a comment above.</summary>
internal sealed record AlwaysItem(string Comment, string Sensitivity, IReadOnlyList<Stmt> Body) : VerilogItem;

/// <summary>A testbench clock: <c>initial begin forever #HalfPeriod Signal = ~Signal; end</c></summary>
internal sealed record ClockItem(string Comment, string Signal, int HalfPeriod) : VerilogItem;

/// <summary><c>initial begin … end</c>, with a comment above.</summary>
internal sealed record InitialItem(string Comment, IReadOnlyList<Stmt> Body) : VerilogItem;

/// <summary>A module instance with named parameter overrides and named port connections.</summary>
internal sealed record InstanceItem(
    string Comment,
    string Module,
    string Instance,
    IReadOnlyList<(string Name, string Value)> Parameters,
    IReadOnlyList<(string Port, string Signal)> Connections) : VerilogItem;

/// <summary>A procedural statement.</summary>
internal abstract record Stmt
{
    /// <summary>A one-line statement, e.g. <c>a &lt;= b;</c> or <c>$display(…);</c>.</summary>
    public static Stmt Line(string text) => new LineStmt(text);

    /// <summary><c>if (Cond) begin … end [else …]</c>.</summary>
    public static Stmt If(string cond, IReadOnlyList<Stmt> then, IReadOnlyList<Stmt>? otherwise = null) => new IfStmt(cond, then, otherwise);

    /// <summary><c>for (Init; Cond; Step) begin … end</c>.</summary>
    public static Stmt For(string init, string cond, string step, IReadOnlyList<Stmt> body) => new ForStmt(init, cond, step, body);

    /// <summary><c>while (Cond) begin … end</c>.</summary>
    public static Stmt While(string cond, IReadOnlyList<Stmt> body) => new WhileStmt(cond, body);

    /// <summary><c>case (Subject) label: begin … end … endcase</c>.</summary>
    public static Stmt Case(string subject, IReadOnlyList<(string Label, IReadOnlyList<Stmt> Body)> arms) => new CaseStmt(subject, arms);

    /// <summary>A comment line inside a block.</summary>
    public static Stmt Comment(string text) => new CommentStmt(text);
}

/// <summary>See <see cref="Stmt.Line"/>.</summary>
internal sealed record LineStmt(string Text) : Stmt;

/// <summary>See <see cref="Stmt.If"/>; an else branch holding one <see cref="IfStmt"/> prints as <c>else if</c>.</summary>
internal sealed record IfStmt(string Cond, IReadOnlyList<Stmt> Then, IReadOnlyList<Stmt>? Else) : Stmt;

/// <summary>See <see cref="Stmt.For"/>.</summary>
internal sealed record ForStmt(string Init, string Cond, string Step, IReadOnlyList<Stmt> Body) : Stmt;

/// <summary>See <see cref="Stmt.While"/>.</summary>
internal sealed record WhileStmt(string Cond, IReadOnlyList<Stmt> Body) : Stmt;

/// <summary>See <see cref="Stmt.Case"/>.</summary>
internal sealed record CaseStmt(string Subject, IReadOnlyList<(string Label, IReadOnlyList<Stmt> Body)> Arms) : Stmt;

/// <summary>See <see cref="Stmt.Comment"/>.</summary>
internal sealed record CommentStmt(string Text) : Stmt;
