namespace Neuro.OpenClKernels.Host;

/// <summary>
/// An OpenCL call failed, no OpenCL runtime or device is available, or a kernel did not build. The message names the API
/// call and the error code's name; a build failure carries the compiler's full log (<see cref="BuildLog"/>).
/// </summary>
public sealed class OpenClException : Exception
{
    /// <summary>Creates an exception with a message.</summary>
    public OpenClException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    public OpenClException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception with a generic message.</summary>
    public OpenClException()
        : base("OpenCL failed")
    {
    }

    /// <summary>Creates the exception for a failed call: <c>"{api} failed: {name} ({code})"</c> plus the build log, if any.</summary>
    internal OpenClException(string api, int errorCode, string? buildLog)
        : base($"{api} failed: {OpenClErrors.Name(errorCode)} ({errorCode})" + (buildLog is null ? "" : $"; build log:\n{buildLog}"))
    {
        Api = api;
        ErrorCode = errorCode;
        BuildLog = buildLog;
    }

    /// <summary>The OpenCL function that failed, or null when the failure is not one call's.</summary>
    public string? Api { get; }

    /// <summary>The OpenCL error code (negative), or 0 when the failure is not one call's.</summary>
    public int ErrorCode { get; }

    /// <summary>The compiler's log when a program failed to build, else null.</summary>
    public string? BuildLog { get; }
}
