namespace Neuro.RtlExport.Verilog;

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

/// <summary>
/// <c>generate for (Genvar = 0; Genvar &lt; Count; Genvar = Genvar + 1) begin : Label … end endgenerate</c>: one copy of
/// the body per index (the learner's lanes); the genvar itself is declared in the enclosing scope.
/// </summary>
internal sealed record GenerateForItem(string Comment, string Genvar, string Count, string Label) : VerilogItem
{
    /// <summary>The body, replicated per index.</summary>
    public GenerateBody Body { get; } = new();
}

/// <summary><c>generate if (Condition) begin : Label … end endgenerate</c>: hardware present only for some parameter values.</summary>
internal sealed record GenerateIfItem(string Comment, string Condition, string Label) : VerilogItem
{
    /// <summary>The body present when the condition holds.</summary>
    public GenerateBody Body { get; } = new();
}

/// <summary>The body of a generate block: its own declarations and items.</summary>
internal sealed record GenerateBody : VerilogScope;

/// <summary>A testbench task: <c>task Name; input …; begin … end endtask</c>, its arguments given as declarations.</summary>
internal sealed record TaskItem(string Comment, string Name, IReadOnlyList<string> Arguments, IReadOnlyList<Stmt> Body) : VerilogItem;
