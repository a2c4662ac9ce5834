namespace Neuro.Rules.Connectome;

/// <summary>A connectome data file that breaks its format; the message names the file and, for a row, its line.</summary>
public sealed class ConnectomeFormatException : Exception
{
    /// <summary>Creates the exception for line <paramref name="line"/> (1-based; 0 for the whole file) of <paramref name="file"/>.</summary>
    public ConnectomeFormatException(string file, int line, string message)
        : base(line > 0 ? $"{file}:{line}: {message}" : $"{file}: {message}")
    {
        File = file;
        Line = line;
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public ConnectomeFormatException()
        : this("?", 0, "invalid connectome data")
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    public ConnectomeFormatException(string message)
        : base(message)
    {
        File = "?";
    }

    /// <summary>Creates the exception wrapping another.</summary>
    public ConnectomeFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        File = "?";
    }

    /// <summary>The file, as the caller named it.</summary>
    public string File { get; }

    /// <summary>The 1-based line, or 0 when the problem concerns the whole file.</summary>
    public int Line { get; }
}
