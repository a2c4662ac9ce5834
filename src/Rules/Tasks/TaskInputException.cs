namespace Neuro.Rules.Tasks;

/// <summary>A task cannot load its data: a source is missing, or a file is absent or malformed. The message is one line.</summary>
public sealed class TaskInputException : Exception
{
    /// <summary>An error with <paramref name="message"/>; <paramref name="missing"/> names the source that was not given, if that is the problem.</summary>
    public TaskInputException(string task, string message, TaskSource missing = TaskSource.None, Exception? innerException = null)
        : base(message, innerException)
    {
        Task = task;
        Missing = missing;
    }

    /// <summary>The task's name.</summary>
    public string Task { get; }

    /// <summary>The source that was needed and not given, or <see cref="TaskSource.None"/> when a given source is bad.</summary>
    public TaskSource Missing { get; }
}
