namespace Neuro.Rules;

/// <summary>JSON that does not match a strict model; <see cref="Path"/> says where, the message why (one line).</summary>
public sealed class StrictJsonException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public StrictJsonException(string path, string reason, Exception? innerException = null)
        : base($"{path}: {reason}", innerException)
    {
        Path = path;
        Reason = reason;
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public StrictJsonException()
        : this("$", "invalid JSON")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public StrictJsonException(string message)
        : this("$", message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public StrictJsonException(string message, Exception innerException)
        : this("$", message, innerException)
    {
    }

    /// <summary>The JSON path of the offending value, e.g. <c>$.network.synapses[3].weight</c>.</summary>
    public string Path { get; }

    /// <summary>Why it is wrong, without the path.</summary>
    public string Reason { get; }
}
