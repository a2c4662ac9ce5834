namespace Neuro.RtlExport;

/// <summary>
/// A hardware export, co-simulation or synthesis could not be done as asked: an unsafe module name, a ROM beyond the
/// limits, a multiplicative rule, a missing tool, a missing or malformed export folder. The message says what and why.
/// </summary>
public sealed class RtlExportException : Exception
{
    /// <summary>Creates the exception with its message.</summary>
    public RtlExportException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    public RtlExportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public RtlExportException()
    {
    }
}
