namespace Neuro.Cli;

/// <summary>Bad usage or bad input: reported as one line on stderr with exit code 2.</summary>
internal sealed class UsageException : Exception
{
    /// <summary>Creates the exception with the line to print (without the <c>neuro: error:</c> prefix).</summary>
    public UsageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the line to print and the failure that caused it.</summary>
    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public UsageException()
    {
    }
}
