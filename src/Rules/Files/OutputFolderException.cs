namespace Neuro.Rules.Files;

/// <summary>
/// An output folder cannot be used as asked: the path is empty or names a file, the folder is not empty and was not
/// written by the same verb (and replacing it was not forced), another run holds its lock, or it cannot be created.
/// The message is one line naming the folder; the command line reports it with exit code 2.
/// </summary>
public sealed class OutputFolderException : Exception
{
    /// <summary>Creates the exception with its message.</summary>
    public OutputFolderException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    public OutputFolderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public OutputFolderException()
        : base("The output folder cannot be used")
    {
    }

    /// <summary>True when forcing (the command line's <c>--force</c>) would replace the folder: it is not empty and not
    /// this verb's to replace, but nobody is writing it.</summary>
    public bool ForceReplaces { get; init; }
}
