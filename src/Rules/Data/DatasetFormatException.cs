namespace Neuro.Rules.Data;

/// <summary>A dataset file is malformed; the message starts with the file (and line, for text files) where it went wrong.</summary>
public sealed class DatasetFormatException : Exception
{
    /// <summary>Creates the exception with a message <c>path:line: detail</c> (or <c>path: detail</c> when there is no line).</summary>
    /// <param name="path">The file, or the name given for a reader.</param>
    /// <param name="line">The 1-based line, or null for binary files and whole-file problems.</param>
    /// <param name="detail">What is wrong.</param>
    /// <param name="innerException">The error that revealed it, if any.</param>
    public DatasetFormatException(string path, int? line, string detail, Exception? innerException = null)
        : base(line is { } l ? $"{path}:{l}: {detail}" : $"{path}: {detail}", innerException)
    {
        Path = path;
        Line = line;
        Detail = detail;
    }

    /// <summary>The file, or the name given for a reader.</summary>
    public string Path { get; }

    /// <summary>The 1-based line, or null for binary files and whole-file problems.</summary>
    public int? Line { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Detail { get; }
}
