namespace Neuro.Cli;

/// <summary>A stage of <c>neuro demo</c> failed; the demo exits with the stage verb's own exit code (1 or 2).</summary>
internal sealed class DemoStageException : Exception
{
    /// <summary>Creates the exception with the verb's exit code and the line to print.</summary>
    public DemoStageException(int exitCode, string message)
        : base(message)
    {
        ExitCode = exitCode;
    }

    /// <summary>Creates the exception with a message (exit code 1).</summary>
    public DemoStageException(string message)
        : this(Program.Failure, message)
    {
    }

    /// <summary>Creates the exception with a message and cause (exit code 1).</summary>
    public DemoStageException(string message, Exception innerException)
        : base(message, innerException)
    {
        ExitCode = Program.Failure;
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public DemoStageException()
        : this("a demo stage failed")
    {
    }

    /// <summary>The exit code of the verb that failed.</summary>
    public int ExitCode { get; } = Program.Failure;
}
