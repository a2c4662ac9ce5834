namespace Neuro.Rules.Json;

/// <summary>
/// A JSON input a user gave that cannot be used: unreadable, malformed, or breaking its model. The message is one line,
/// <c>SOURCE: PATH: what is wrong</c> (or <c>SOURCE: what is wrong</c> for the whole document).
/// </summary>
public sealed class JsonInputException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="source">The file (or a description of the text) the JSON came from.</param>
    /// <param name="path">The JSON path of the offending value without the leading <c>$.</c> (<c>hidden[17]</c>), or null for the whole document.</param>
    /// <param name="problem">What is wrong, e.g. <c>NaN is not a finite number</c>.</param>
    public JsonInputException(string source, string? path, string problem)
        : base(path is null ? $"{source}: {problem}" : $"{source}: {path}: {problem}")
    {
        Source = source;
        JsonPath = path;
        Problem = problem;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public JsonInputException()
        : this("JSON", null, "invalid input")
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    public JsonInputException(string message)
        : this("JSON", null, message)
    {
    }

    /// <summary>Creates the exception wrapping another.</summary>
    public JsonInputException(string message, Exception innerException)
        : base(message, innerException)
    {
        Source = "JSON";
        Problem = message;
    }

    /// <summary>The file (or description) the JSON came from.</summary>
    public new string Source { get; } = "JSON";

    /// <summary>The JSON path of the offending value (<c>tables[0].fields[1].bits</c>), or null for the whole document.</summary>
    public string? JsonPath { get; }

    /// <summary>What is wrong, without the source and path.</summary>
    public string Problem { get; } = "";
}
