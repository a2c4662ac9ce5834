using System.CommandLine;
using Neuro.Rules.Files;
using Neuro.Rules.Json;

namespace Neuro.Cli;

/// <summary>The <c>neuro</c> entry point: builds the verbs, parses, runs one, and maps failures to exit codes.</summary>
/// <remarks>
/// Exit codes (DESIGN.md §7; docs/command-line.md): 0 success, 1 a check ran and failed (or an unexpected failure),
/// 2 bad usage or bad input (malformed file, impossible option, unusable path), 130 interrupted by Ctrl-C. Every error is
/// one line on stderr, <c>neuro: error: …</c>, never a stack trace. <see cref="Run"/> takes the writers so tests run the
/// program in-process.
/// </remarks>
internal static class Program
{
    /// <summary>Exit code for success.</summary>
    internal const int Success = 0;

    /// <summary>Exit code for a failure while doing the work.</summary>
    internal const int Failure = 1;

    /// <summary>Exit code for bad usage or bad input.</summary>
    internal const int Usage = 2;

    /// <summary>Exit code after Ctrl-C (128 + SIGINT, as shells report it).</summary>
    internal const int Interrupted = 130;

    private static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs <c>neuro</c> with <paramref name="args"/>, writing results to <paramref name="stdout"/> and errors to <paramref name="stderr"/>.</summary>
    /// <returns>The exit code.</returns>
    /// <param name="args">The command line.</param>
    /// <param name="stdout">Where results go.</param>
    /// <param name="stderr">Where progress and errors go.</param>
    /// <param name="cancellation">Stops a long verb as Ctrl-C does (tests use it; Ctrl-C itself is wired by System.CommandLine).</param>
    internal static int Run(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellation = default)
    {
        var root = new RootCommand("Neuro: evolved synaptic-plasticity rules, taken to fixed point and hardware.")
        {
            FixedCommand.Create(),
            DemoCommand.Create(),
            SimulateCommand.Create(),
            EvolveCommand.Create(),
            QuantizeCommand.Create(),
            SweepCommand.Create(),
            ExportCommand.Create(),
            CosimCommand.Create(),
            SynthCommand.Create(),
            DevicesCommand.Create(),
            InspectCommand.Create(),
            WorkerCommand.Create(),
            Continual.ContinualCommand.Create(),
        };

        root.Options.Add(ProgressBars.Option);
        OptionRules.Apply(root);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 && parsed.Action is not { ClearsParseErrors: true })
        {
            string verb = parsed.CommandResult.Command == root ? "neuro" : $"neuro {parsed.CommandResult.Command.Name}";
            return Fail(stderr, Usage, $"{string.Join("; ", parsed.Errors.Select(e => Plain(e.Message)))} (see '{verb} --help')");
        }

        try
        {
            var configuration = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
            return parsed.InvokeAsync(configuration, cancellation).GetAwaiter().GetResult();
        }
        catch (UsageException e)
        {
            return Fail(stderr, Usage, e.Message);
        }
        catch (DemoStageException e)
        {
            return Fail(stderr, e.ExitCode, e.Message);
        }
        catch (JsonInputException e)
        {
            return Fail(stderr, Usage, e.Message);
        }
        catch (OutputFolderException e)
        {
            return Fail(stderr, Usage, $"--out: {e.Message}");
        }
        catch (Exception e) when (e is UnauthorizedAccessException or FileNotFoundException or DirectoryNotFoundException or PathTooLongException)
        {
            // A path the user named cannot be read or written (AtomicFile names the file, never its temporary).
            return Fail(stderr, Usage, e.Message);
        }
        catch (OperationCanceledException)
        {
            return Fail(stderr, Interrupted, "interrupted");
        }
#pragma warning disable CA1031 // The command line is the outermost frame: any failure becomes one line and exit code 1.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return Fail(stderr, Failure, UsageException.Describe(e));
        }
    }

    /// <summary>A parse error without .NET type names (<c>expected type 'System.Int32'</c> → <c>an integer</c>).</summary>
    private static string Plain(string message) => message
        .Replace("as expected type 'System.Int32'", "as an integer", StringComparison.Ordinal)
        .Replace("as expected type 'System.Nullable`1[System.Int32]'", "as an integer", StringComparison.Ordinal)
        .Replace("as expected type 'System.Double'", "as a number", StringComparison.Ordinal)
        .Replace("as expected type 'System.Nullable`1[System.Double]'", "as a number", StringComparison.Ordinal)
        .Replace("as expected type 'System.Boolean'", "as true or false", StringComparison.Ordinal);

    private static int Fail(TextWriter stderr, int code, string message)
    {
        stderr.WriteLine($"neuro: error: {message.ReplaceLineEndings(" ")}");
        return code;
    }
}
