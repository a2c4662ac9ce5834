using System.CommandLine;
using System.Globalization;
using Neuro.RtlExport;
using Spectre.Console;

namespace Neuro.Cli;

/// <summary>
/// <c>neuro cosim DIR</c>: compiles and runs an export folder's self-checking testbenches (plasticity unit, engine,
/// narrowing, learner) with Icarus Verilog, Verilator or both, and reports per testbench the checks, mismatches and
/// clocks; exit code 0 only if all pass.
/// </summary>
internal static class CosimCommand
{
    /// <summary>Mismatch lines printed per testbench in text mode (JSON lists them all).</summary>
    private const int MismatchesShown = 20;

    /// <summary>Builds the <c>cosim</c> verb.</summary>
    internal static Command Create()
    {
        var dir = new Argument<string>("DIR") { Description = "An export folder written by 'neuro export'" };
        var simulator = new Option<string>("--simulator") { Description = "iverilog (Icarus Verilog), verilator, or both", DefaultValueFactory = _ => "iverilog" };
        simulator.AcceptOnlyFromAmong("iverilog", "verilator", "both");
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text" };
        var timeout = new Option<double>("--timeout") { Description = "Minutes each compile and each simulation may take (long lifetimes need more)", DefaultValueFactory = _ => Cosimulator.DefaultTimeout.TotalMinutes };
        var command = new Command("cosim", "Co-simulate the exported Verilog against the golden vectors of the fixed-point model") { dir, simulator, timeout, json };
        command.SetAction(result =>
        {
            string folder = result.GetValue(dir)!;
            Simulator[] simulators = result.GetValue(simulator) switch
            {
                "verilator" => [Simulator.Verilator],
                "both" => [Simulator.Iverilog, Simulator.Verilator],
                _ => [Simulator.Iverilog],
            };
            double minutes = result.GetValue(timeout);
            if (!(minutes > 0))
            {
                throw new UsageException($"--timeout must be positive, not {minutes.ToString(CultureInfo.InvariantCulture)}");
            }

            var runs = new List<(Simulator Simulator, IReadOnlyList<TestbenchResult> Results)>();
            try
            {
                var limit = TimeSpan.FromMinutes(minutes);
                var testbenches = ExportFolder.Open(folder).Testbenches;
                foreach (var sim in simulators)
                {
                    runs.Add((sim, ProgressBars.Run(result, $"cosim: {sim.ToString().ToLowerInvariant()} testbenches", testbenches.Length, bar => bar.Active
                        ? [.. testbenches.SelectMany(t =>
                        {
                            var one = Cosimulator.Run(folder, sim, [t.Module], limit);
                            bar.Advance();
                            return one;
                        })]
                        : (IReadOnlyList<TestbenchResult>)Cosimulator.Run(folder, sim, timeout: limit))));
                }
            }
            catch (RtlExportException e)
            {
                throw new UsageException(e.Message, e);
            }

            bool passed = runs.All(r => r.Results.All(t => t.Passed));
            if (result.GetValue(json))
            {
                WriteJson(result.InvocationConfiguration.Output, folder, result.GetValue(simulator)!, passed, runs);
            }
            else
            {
                WriteText(result.InvocationConfiguration.Output, folder, passed, runs);
            }

            return passed ? Program.Success : Program.Failure;
        });
        return command;
    }

    private static string Name(Simulator s) => s == Simulator.Verilator ? "verilator" : "iverilog";

    private static void WriteJson(TextWriter stdout, string folder, string simulator, bool passed, List<(Simulator Simulator, IReadOnlyList<TestbenchResult> Results)> runs) => Output.Json(stdout, w =>
    {
        w.WriteStartObject();
        w.WriteString("dir", folder);
        w.WriteString("simulator", simulator);
        w.WriteBoolean("passed", passed);
        w.WriteStartArray("testbenches");
        foreach (var (sim, results) in runs)
        {
            foreach (var r in results)
            {
                w.WriteStartObject();
                w.WriteString("module", r.Module);
                w.WriteString("simulator", Name(sim));
                w.WriteBoolean("passed", r.Passed);
                w.WriteNumber("checks", r.Checks);
                w.WriteNumber("mismatches", r.Mismatches);
                w.WriteNumber("exitCode", r.ExitCode);
                foreach (var (key, value) in r.Stats.OrderBy(s => s.Key, StringComparer.Ordinal))
                {
                    w.WriteNumber(key, value);
                }

                if (Rate(r) is { } rate)
                {
                    w.WriteNumber(rate.Name, Math.Round(rate.Value, 4));
                }

                w.WriteStartArray("mismatchLines");
                foreach (string line in r.MismatchLines)
                {
                    w.WriteStringValue(line);
                }

                w.WriteEndArray();
                if (!r.Passed)
                {
                    w.WriteString("log", r.Log);
                }

                w.WriteEndObject();
            }
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary>The engine's updates per clock, or the learner's clocks per sample.</summary>
    private static (string Name, double Value, string Text)? Rate(TestbenchResult r)
    {
        var s = r.Stats;
        bool learner = r.Module.EndsWith("_learner_tb", StringComparison.Ordinal);
        if (!learner && s.TryGetValue("updates", out long u) && s.TryGetValue("cycles", out long c) && c > 0)
        {
            return ("updatesPerClock", (double)u / c, string.Create(CultureInfo.InvariantCulture, $"{(double)u / c:F3} updates/clock ({u}/{c})"));
        }

        if (learner && s.TryGetValue("samples", out long n) && s.TryGetValue("cycles", out long cycles) && n > 0)
        {
            return ("cyclesPerSample", (double)cycles / n, string.Create(CultureInfo.InvariantCulture, $"{(double)cycles / n:F1} clocks/sample ({n} samples, {s.GetValueOrDefault("updates")} updates)"));
        }

        return null;
    }

    private static void WriteText(TextWriter stdout, string folder, bool passed, List<(Simulator Simulator, IReadOnlyList<TestbenchResult> Results)> runs)
    {
        var console = Output.Console(stdout);
        console.WriteLine($"neuro cosim: {folder} with {string.Join(" and ", runs.Select(r => Name(r.Simulator)))}");
        var table = new Table().AddColumns("testbench", "simulator", "result", "checks", "mismatches", "clocks");
        foreach (var (sim, results) in runs)
        {
            foreach (var r in results)
            {
                table.AddRow(r.Module, Name(sim), r.Passed ? "PASS" : "FAIL", r.Checks.ToString(CultureInfo.InvariantCulture), r.Mismatches.ToString(CultureInfo.InvariantCulture),
                    Markup.Escape(Rate(r)?.Text ?? ""));
            }
        }

        console.Write(table);
        foreach (var (sim, results) in runs)
        {
            foreach (var r in results)
            {
                // What else a testbench reports (a Baxter learner's test answers and the functions it learned).
                var other = r.Stats.Where(s => s.Key is not ("updates" or "cycles" or "samples")).OrderBy(s => s.Key, StringComparer.Ordinal).ToList();
                if (other.Count > 0)
                {
                    console.WriteLine(Markup.Escape($"{r.Module} ({Name(sim)}): {string.Join(' ', other.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key}={s.Value}")))}"));
                }
            }
        }

        foreach (var r in runs.SelectMany(x => x.Results).Where(r => !r.Passed))
        {
            foreach (string line in r.MismatchLines.Take(MismatchesShown))
            {
                console.WriteLine(Markup.Escape($"mismatch: {line}"));
            }

            if (r.MismatchLines.Length > MismatchesShown)
            {
                console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"… {r.MismatchLines.Length - MismatchesShown} more mismatches in {r.Module}"));
            }

            if (r.MismatchLines.IsEmpty)
            {
                console.WriteLine(Markup.Escape($"{r.Module} (exit {r.ExitCode}): {LastLines(r.Log)}"));
            }
        }

        console.WriteLine(passed ? "all testbenches passed" : "co-simulation FAILED");
    }

    private static string LastLines(string log) =>
        string.Join(" | ", log.Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(6));
}
