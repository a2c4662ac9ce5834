using System.CommandLine;

namespace Neuro.Cli;

/// <summary>The <c>neuro</c> entry point: builds the verbs, parses, runs one, and maps failures to exit codes.</summary>
/// <remarks>
/// Exit codes: 0 success, 1 runtime failure, 2 bad usage or bad input. Every error is one line on stderr,
/// <c>neuro: error: …</c>, never a stack trace. <see cref="Run"/> takes the writers so tests run the program in-process.
/// </remarks>
internal static class Program
{
    /// <summary>Exit code for success.</summary>
    internal const int Success = 0;

    /// <summary>Exit code for a failure while doing the work.</summary>
    internal const int Failure = 1;

    /// <summary>Exit code for bad usage or bad input.</summary>
    internal const int Usage = 2;

    private static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs <c>neuro</c> with <paramref name="args"/>, writing results to <paramref name="stdout"/> and errors to <paramref name="stderr"/>.</summary>
    /// <returns>The exit code.</returns>
    internal static int Run(string[] args, TextWriter stdout, TextWriter stderr)
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

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 && parsed.Action is not { ClearsParseErrors: true })
        {
            string verb = parsed.CommandResult.Command == root ? "neuro" : $"neuro {parsed.CommandResult.Command.Name}";
            return Fail(stderr, Usage, $"{string.Join("; ", parsed.Errors.Select(e => e.Message))} (see '{verb} --help')");
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (UsageException e)
        {
            return Fail(stderr, Usage, e.Message);
        }
        catch (Neuro.Rules.Json.JsonInputException e)
        {
            return Fail(stderr, Usage, e.Message);
        }
#pragma warning disable CA1031 // The command line is the outermost frame: any failure becomes one line and exit code 1.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return Fail(stderr, Failure, e.Message);
        }
    }

    private static int Fail(TextWriter stderr, int code, string message)
    {
        stderr.WriteLine($"neuro: error: {message.ReplaceLineEndings(" ")}");
        return code;
    }
}
