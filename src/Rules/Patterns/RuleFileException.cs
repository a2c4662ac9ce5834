namespace Neuro.Rules.Patterns;

/// <summary>A rule file that breaks the schema; <see cref="Field"/> names the offending field as a JSON path.</summary>
public sealed class RuleFileException : Exception
{
    /// <summary>Creates the exception for a field.</summary>
    public RuleFileException(string field, string message)
        : base($"{field}: {message}")
    {
        Field = field;
    }

    /// <summary>Creates the exception without a field.</summary>
    public RuleFileException()
        : this("$", "invalid rule file")
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    public RuleFileException(string message)
        : this("$", message)
    {
    }

    /// <summary>Creates the exception wrapping another.</summary>
    public RuleFileException(string message, Exception innerException)
        : base(message, innerException)
    {
        Field = "$";
    }

    /// <summary>The offending field, e.g. <c>hidden[17]</c> or <c>update.mode</c>.</summary>
    public string Field { get; } = "$";
}
