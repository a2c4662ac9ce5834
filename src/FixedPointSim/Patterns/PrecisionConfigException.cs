namespace Neuro.FixedPointSim.Patterns;

/// <summary>
/// A precision config that is malformed or inconsistent; <see cref="Field"/> names the offending field as spelled in
/// the JSON (<c>input</c>, <c>weight</c>, <c>activation</c>, <c>ruleEntry</c>), or <c>$</c> for the document as a whole.
/// </summary>
public sealed class PrecisionConfigException : Exception
{
    /// <summary>Creates the exception for a field; the message reads <c>field: message</c>.</summary>
    public PrecisionConfigException(string field, string message)
        : base($"{field}: {message}")
    {
        Field = field;
        DetailMessage = message;
    }

    /// <summary>Creates the exception without a field.</summary>
    public PrecisionConfigException()
        : this("$", "invalid precision config")
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    public PrecisionConfigException(string message)
        : this("$", message)
    {
    }

    /// <summary>Creates the exception wrapping another.</summary>
    public PrecisionConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
        Field = "$";
        DetailMessage = message;
    }

    /// <summary>Creates the exception for a field of a file; the message reads <c>path: field: message</c>.</summary>
    internal PrecisionConfigException(string path, string field, string message)
        : base($"{path}: {field}: {message}")
    {
        Field = field;
        DetailMessage = message;
    }

    /// <summary>The offending field: <c>input</c>, <c>weight</c>, <c>activation</c>, <c>ruleEntry</c>, or <c>$</c>.</summary>
    public string Field { get; } = "$";

    /// <summary>The message without the field (and path) prefix.</summary>
    internal string DetailMessage { get; } = "";
}
