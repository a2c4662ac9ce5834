using System.Collections.Frozen;

namespace Neuro.RtlExport;

/// <summary>
/// Validates user-chosen names before they become Verilog module names and file names: <c>[A-Za-z_][A-Za-z0-9_]*</c>,
/// at most <see cref="MaxLength"/> characters, and not a Verilog-2005 or SystemVerilog-2017 keyword.
/// </summary>
/// <remarks>
/// Verilog also allows <c>$</c> after the first character, but the name becomes part of file names that shells and
/// build scripts handle, so it is refused. The limit leaves room for the longest suffix (<c>_plasticity_unit_tb</c>).
/// </remarks>
public static class VerilogNames
{
    /// <summary>Longest accepted name.</summary>
    public const int MaxLength = 40;

    private static readonly FrozenSet<string> Keywords = FrozenSet.ToFrozenSet(
    [
        // Verilog-2005 (IEEE 1364-2005 Annex B).
        "always", "and", "assign", "automatic", "begin", "buf", "bufif0", "bufif1", "case", "casex", "casez", "cell", "cmos",
        "config", "deassign", "default", "defparam", "design", "disable", "edge", "else", "end", "endcase", "endconfig",
        "endfunction", "endgenerate", "endmodule", "endprimitive", "endspecify", "endtable", "endtask", "event", "for",
        "force", "forever", "fork", "function", "generate", "genvar", "highz0", "highz1", "if", "ifnone", "incdir",
        "include", "initial", "inout", "input", "instance", "integer", "join", "large", "liblist", "library", "localparam",
        "macromodule", "medium", "module", "nand", "negedge", "nmos", "nor", "noshowcancelled", "not", "notif0", "notif1",
        "or", "output", "parameter", "pmos", "posedge", "primitive", "pull0", "pull1", "pulldown", "pullup",
        "pulsestyle_onevent", "pulsestyle_ondetect", "rcmos", "real", "realtime", "reg", "release", "repeat", "rnmos",
        "rpmos", "rtran", "rtranif0", "rtranif1", "scalared", "showcancelled", "signed", "small", "specify", "specparam",
        "strong0", "strong1", "supply0", "supply1", "table", "task", "time", "tran", "tranif0", "tranif1", "tri", "tri0",
        "tri1", "triand", "trior", "trireg", "unsigned", "use", "uwire", "vectored", "wait", "wand", "weak0", "weak1",
        "while", "wire", "wor", "xnor", "xor",

        // SystemVerilog-2017 (IEEE 1800-2017 Annex B) additions.
        "accept_on", "alias", "always_comb", "always_ff", "always_latch", "assert", "assume", "before", "bind", "bins",
        "binsof", "bit", "break", "byte", "chandle", "checker", "class", "clocking", "const", "constraint", "context",
        "continue", "cover", "covergroup", "coverpoint", "cross", "dist", "do", "endchecker", "endclass", "endclocking",
        "endgroup", "endinterface", "endpackage", "endprogram", "endproperty", "endsequence", "enum", "eventually",
        "expect", "export", "extends", "extern", "final", "first_match", "foreach", "forkjoin", "global", "iff",
        "ignore_bins", "illegal_bins", "implements", "implies", "import", "inside", "int", "interconnect", "interface",
        "intersect", "join_any", "join_none", "let", "local", "logic", "longint", "matches", "modport", "nettype", "new",
        "nexttime", "null", "package", "packed", "priority", "program", "property", "protected", "pure", "rand", "randc",
        "randcase", "randsequence", "ref", "reject_on", "restrict", "return", "s_always", "s_eventually", "s_nexttime",
        "s_until", "s_until_with", "sequence", "shortint", "shortreal", "soft", "solve", "static", "string", "strong",
        "struct", "super", "sync_accept_on", "sync_reject_on", "tagged", "this", "throughout", "timeprecision",
        "timeunit", "type", "typedef", "union", "unique", "unique0", "until", "until_with", "untyped", "var", "virtual",
        "void", "wait_order", "weak", "wildcard", "with", "within",
    ], StringComparer.Ordinal);

    /// <summary>Says why <paramref name="name"/> cannot be a module name, or null when it can.</summary>
    public static string? Problem(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "a name is required";
        }

        if (name.Length > MaxLength)
        {
            return $"it has {name.Length} characters, more than {MaxLength}";
        }

        if (!(char.IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            return "it must start with an ASCII letter or '_'";
        }

        foreach (char c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return $"it contains '{(char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString())}'; only ASCII letters, digits and '_' are allowed";
            }
        }

        return Keywords.Contains(name) ? "it is a Verilog/SystemVerilog keyword" : null;
    }

    /// <summary>Throws unless <paramref name="name"/> is a safe module name.</summary>
    /// <exception cref="RtlExportException">The message names the offending name and why it is refused.</exception>
    public static string Validate(string? name)
    {
        if (Problem(name) is { } problem)
        {
            throw new RtlExportException($"'{name}' is not a safe Verilog module name: {problem}");
        }

        return name!;
    }
}
