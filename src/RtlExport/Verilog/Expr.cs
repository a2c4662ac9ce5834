using System.Globalization;

namespace Neuro.RtlExport.Verilog;

/// <summary>Small builders of Verilog expressions, so emitters state what they select or join rather than format text.</summary>
internal static class Expr
{
    /// <summary>A decimal integer as Verilog writes it (invariant culture).</summary>
    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary><c>{a, b, …}</c>, most significant first; a single part is returned as it is.</summary>
    public static string Concat(IEnumerable<string> parts)
    {
        var list = parts.ToList();
        return list.Count switch
        {
            0 => throw new ArgumentException("A concatenation needs at least one part", nameof(parts)),
            1 => list[0],
            _ => "{" + string.Join(", ", list) + "}",
        };
    }

    /// <summary><c>{count{bits}}</c>; a count that is an expression is parenthesized: <c>{(N-1){bits}}</c>.</summary>
    public static string Replicate(string count, string bits) =>
        count.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? $"{{{count}{{{bits}}}}}" : $"{{({count}){{{bits}}}}}";

    /// <summary>A priority multiplexer <c>c0 ? v0 : c1 ? v1 : … : otherwise</c>, the first arm that holds winning.</summary>
    public static string Mux(IEnumerable<(string Cond, string Value)> arms, string otherwise)
    {
        string result = otherwise;
        foreach (var (cond, value) in arms.Reverse())
        {
            result = $"{cond} ? {value} : {result}";
        }

        return result;
    }
}
