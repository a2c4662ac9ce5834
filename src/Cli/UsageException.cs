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

    /// <summary>
    /// A usage error from a library's <see cref="ArgumentException"/>: its message without the .NET parameter name and
    /// actual-value suffixes (<c>(Parameter 'lifetimeSamples')</c>), which name code, not flags.
    /// </summary>
    internal static UsageException From(ArgumentException e, string? prefix = null)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new UsageException(prefix + Clean(e), e);
    }

    /// <summary>The message of <paramref name="e"/>, cleaned by <see cref="Clean"/> when it is an <see cref="ArgumentException"/>.</summary>
    internal static string Describe(Exception e) => e is ArgumentException a ? Clean(a) : e.Message;

    /// <summary>The message of <paramref name="e"/> without the parameter-name and actual-value suffixes .NET appends.</summary>
    internal static string Clean(ArgumentException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        string message = e.Message;
        if (e.ParamName is { } name)
        {
            message = message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal);
        }

        int actual = message.IndexOf("Actual value was", StringComparison.Ordinal);
        if (actual >= 0)
        {
            message = message[..actual];
        }

        return message.ReplaceLineEndings(" ").Trim();
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public UsageException()
    {
    }
}
