using Spectre.Console;

namespace Neuro.Cli;

/// <summary>What a long verb tells its progress bar (<see cref="ProgressBars"/>): steps done and a short status. Thread-safe.</summary>
internal sealed class ProgressSink
{
    private readonly ProgressTask? task;
    private readonly string description;

    internal ProgressSink(ProgressTask? task, string description)
    {
        this.task = task;
        this.description = description;
    }

    /// <summary>A sink that draws nothing: the verb prints its own progress lines.</summary>
    internal static ProgressSink None { get; } = new(null, "");

    /// <summary>True when a bar is drawn (the verb should then not write progress lines of its own to stderr).</summary>
    internal bool Active => task is not null;

    /// <summary>Moves the bar by <paramref name="steps"/>.</summary>
    internal void Advance(double steps = 1) => task?.Increment(steps);

    /// <summary>Sets the steps done.</summary>
    internal void Set(double done)
    {
        if (task is not null)
        {
            task.Value = done;
        }
    }

    /// <summary>Shows <paramref name="status"/> after the description (e.g. the best fitness so far).</summary>
    internal void Status(string status)
    {
        if (task is not null)
        {
            task.Description = Markup.Escape($"{description} {status}");
        }
    }
}
