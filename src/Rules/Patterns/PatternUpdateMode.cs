namespace Neuro.Rules.Patterns;

/// <summary>How a rule table entry changes a weight.</summary>
public enum PatternUpdateMode
{
    /// <summary><c>w ← w + eta · table[index]</c>.</summary>
    Additive,

    /// <summary><c>w ← w · (1 + eta · table[index])</c>.</summary>
    Multiplicative,
}
