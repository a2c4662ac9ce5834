using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Neuro.Cli;

/// <summary>
/// Progress bars with rate and ETA on stderr (Spectre.Console) for the long verbs: shown when stderr is a terminal, or
/// everywhere with <c>--progress</c>; otherwise the verbs print their plain progress lines instead, so logs, pipes and tests
/// see deterministic text and stdout (results, <c>--json</c>) is never touched.
/// </summary>
internal static class ProgressBars
{
    /// <summary><c>--progress</c>, on every verb.</summary>
    internal static Option<bool> Option { get; } = new("--progress")
    {
        Description = "Show progress bars on stderr even when it is not a terminal (they show by default on a terminal)",
        Recursive = true,
    };

    /// <summary>True when the verb should draw bars: <c>--progress</c>, or stderr is the process's own, unredirected terminal.</summary>
    internal static bool Enabled(ParseResult result) =>
        result.GetValue(Option) || (ReferenceEquals(result.InvocationConfiguration.Error, Console.Error) && !Console.IsErrorRedirected);

    /// <summary>
    /// Runs <paramref name="work"/> with one bar of <paramref name="total"/> steps when bars are enabled (the sink moves it),
    /// or with a sink that does nothing otherwise (<see cref="ProgressSink.Active"/> tells the work to print its own lines).
    /// </summary>
    internal static T Run<T>(ParseResult result, string description, double total, Func<ProgressSink, T> work)
    {
        if (!Enabled(result))
        {
            return work(ProgressSink.None);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(result.InvocationConfiguration.Error),
            Ansi = AnsiSupport.Yes,
            Interactive = InteractionSupport.Yes,
        });
        T value = default!;
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new CountColumn(), new RateColumn(), new RemainingTimeColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape(description), maxValue: Math.Max(total, 1));
                value = work(new ProgressSink(task, description));
                task.Value = task.MaxValue;
            });
        return value;
    }

    /// <summary>Done and total steps, <c>37/120</c>.</summary>
    private sealed class CountColumn : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(string.Create(CultureInfo.InvariantCulture, $"{task.Value:0}/{task.MaxValue:0}"));
    }

    /// <summary>Steps per second (or seconds per step when slower than one a second).</summary>
    private sealed class RateColumn : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(task.Speed is double speed and > 0
                ? speed >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{speed:0.#}/s") : string.Create(CultureInfo.InvariantCulture, $"{1 / speed:0.#} s each")
                : "");
    }
}
