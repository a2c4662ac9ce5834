namespace Neuro.Rules.Layouts;

/// <summary>How a table's word changes the weight it addresses (DESIGN.md §4).</summary>
public enum TableMode
{
    /// <summary><c>w ← overflow(w + word)</c>; in float <c>w ← w + eta·entry</c>.</summary>
    Add,

    /// <summary><c>w ← w·(1 + word)</c>; in float <c>w ← w·(1 + eta·entry)</c>.</summary>
    Multiply,

    /// <summary><c>w ← word</c> (Baxter's overwrite).</summary>
    Write,
}
