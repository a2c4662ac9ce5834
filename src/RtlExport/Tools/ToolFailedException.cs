namespace Neuro.RtlExport.Tools;

/// <summary>
/// An external tool (Yosys, nextpnr) ran on a verified export folder and failed. Unlike <see cref="RtlExportException"/>
/// (the folder or the request is bad: exit code 2), this is a check that ran and failed: exit code 1, like a testbench
/// that does not compile in co-simulation.
/// </summary>
public sealed class ToolFailedException : Exception
{
    /// <summary>Creates the exception with its message.</summary>
    public ToolFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    public ToolFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public ToolFailedException()
        : base("An external tool failed")
    {
    }
}
