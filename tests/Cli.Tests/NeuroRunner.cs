using Xunit;

namespace Neuro.Cli;

/// <summary>Runs <c>neuro</c> in-process and captures what it wrote.</summary>
internal static class NeuroRunner
{
    internal sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        /// <summary>The rows of the Spectre table in <see cref="Stdout"/>, as trimmed cells (header row first).</summary>
        internal List<string[]> TableRows() =>
            [.. Stdout.Split('\n')
                .Where(line => line.StartsWith('│') || line.StartsWith('|'))
                .Select(line => line.Trim().Trim('│', '|').Split('│', '|').Select(cell => cell.Trim()).ToArray())];

        /// <summary>Asserts a failure with <paramref name="exitCode"/>: nothing on stdout, one <c>neuro: error:</c> line on stderr; returns that line.</summary>
        internal string SingleErrorLine(int exitCode)
        {
            Assert.Equal(exitCode, ExitCode);
            Assert.Equal("", Stdout);
            string[] lines = Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Single(lines);
            Assert.StartsWith("neuro: error: ", lines[0], StringComparison.Ordinal);
            return lines[0].TrimEnd('\r');
        }
    }

    internal static Result Run(params string[] args) => Run(CancellationToken.None, args);

    /// <summary>Runs <c>neuro</c> with a token that stands in for Ctrl-C.</summary>
    internal static Result Run(CancellationToken cancellation, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = Program.Run(args, stdout, stderr, cancellation);
        return new Result(code, stdout.ToString(), stderr.ToString());
    }
}
