namespace Neuro.RtlExport.Verilog;

/// <summary>
/// A procedural statement. Assignments, conditions, loops and case tables are structure; <see cref="Line"/> is kept for
/// what is neither (testbench timing controls and system tasks such as <c>@(negedge clk);</c> and <c>$display(…);</c>).
/// </summary>
internal abstract record Stmt
{
    /// <summary>A nonblocking assignment <c>target &lt;= value;</c> (registers in clocked blocks).</summary>
    public static Stmt Set(string target, string value) => new AssignStmt(target, value, Blocking: false);

    /// <summary>A blocking assignment <c>target = value;</c> (testbench variables and loop bodies of initial blocks).</summary>
    public static Stmt Let(string target, string value) => new AssignStmt(target, value, Blocking: true);

    /// <summary>A timing control or system task, printed as given (e.g. <c>@(negedge clk);</c>, <c>$finish;</c>).</summary>
    public static Stmt Line(string text) => new LineStmt(text);

    /// <summary><c>if (Cond) begin … end [else …]</c>.</summary>
    public static Stmt If(string cond, IReadOnlyList<Stmt> then, IReadOnlyList<Stmt>? otherwise = null) => new IfStmt(cond, then, otherwise);

    /// <summary>An if/else-if chain from data: the first arm whose condition holds, else <paramref name="otherwise"/>.</summary>
    public static Stmt Chain(IReadOnlyList<(string Cond, IReadOnlyList<Stmt> Then)> arms, IReadOnlyList<Stmt>? otherwise = null)
    {
        if (arms.Count == 0)
        {
            throw new ArgumentException("A chain needs at least one arm", nameof(arms));
        }

        IReadOnlyList<Stmt>? tail = otherwise;
        for (int i = arms.Count - 1; i > 0; i--)
        {
            tail = [new IfStmt(arms[i].Cond, arms[i].Then, tail)];
        }

        return new IfStmt(arms[0].Cond, arms[0].Then, tail);
    }

    /// <summary><c>for (Init; Cond; Step) begin … end</c>.</summary>
    public static Stmt For(string init, string cond, string step, IReadOnlyList<Stmt> body) => new ForStmt(init, cond, step, body);

    /// <summary><c>while (Cond) begin … end</c>.</summary>
    public static Stmt While(string cond, IReadOnlyList<Stmt> body) => new WhileStmt(cond, body);

    /// <summary><c>case (Subject) label: begin … end … [default: begin … end] endcase</c>.</summary>
    public static Stmt Case(string subject, IReadOnlyList<(string Label, IReadOnlyList<Stmt> Body)> arms, IReadOnlyList<Stmt>? otherwise = null) =>
        new CaseStmt(subject, arms, otherwise);

    /// <summary>A case table from data: <c>case (subject)</c> with one <c>label: target = value;</c> row per entry and a default row.</summary>
    public static Stmt Table(string subject, string target, IEnumerable<(string Label, string Value)> rows, string otherwise, bool blocking = true) =>
        new CaseTableStmt(subject, target, [.. rows], otherwise, blocking);

    /// <summary>A comment line inside a block.</summary>
    public static Stmt Comment(string text) => new CommentStmt(text);
}

/// <summary>See <see cref="Stmt.Set"/> and <see cref="Stmt.Let"/>.</summary>
internal sealed record AssignStmt(string Target, string Value, bool Blocking) : Stmt;

/// <summary>See <see cref="Stmt.Line"/>.</summary>
internal sealed record LineStmt(string Text) : Stmt;

/// <summary>See <see cref="Stmt.If"/>; an else branch holding one <see cref="IfStmt"/> prints as <c>else if</c>.</summary>
internal sealed record IfStmt(string Cond, IReadOnlyList<Stmt> Then, IReadOnlyList<Stmt>? Else) : Stmt;

/// <summary>See <see cref="Stmt.For"/>.</summary>
internal sealed record ForStmt(string Init, string Cond, string Step, IReadOnlyList<Stmt> Body) : Stmt;

/// <summary>See <see cref="Stmt.While"/>.</summary>
internal sealed record WhileStmt(string Cond, IReadOnlyList<Stmt> Body) : Stmt;

/// <summary>See <see cref="Stmt.Case"/>.</summary>
internal sealed record CaseStmt(string Subject, IReadOnlyList<(string Label, IReadOnlyList<Stmt> Body)> Arms, IReadOnlyList<Stmt>? Default) : Stmt;

/// <summary>See <see cref="Stmt.Table"/>.</summary>
internal sealed record CaseTableStmt(string Subject, string Target, IReadOnlyList<(string Label, string Value)> Rows, string Default, bool Blocking) : Stmt;

/// <summary>See <see cref="Stmt.Comment"/>.</summary>
internal sealed record CommentStmt(string Text) : Stmt;
