using System.CommandLine;
using System.Globalization;
using Neuro.RtlExport;
using Spectre.Console;

namespace Neuro.Cli;

/// <summary>
/// <c>neuro cosim DIR</c>: compiles and runs an export folder's self-checking testbenches with Icarus Verilog or
/// Verilator and reports pass/fail per testbench with the mismatches; exit code 0 only if all pass.
/// </summary>
internal static class CosimCommand
{
    /// <summary>Mismatch lines printed per testbench in text mode (JSON lists them all).</summary>
    private const int MismatchesShown = 20;

    /// <summary>Builds the <c>cosim</c> verb.</summary>
    internal static Command Create()
    {
        var dir = new Argument<string>("DIR") { Description = "An export folder written by 'neuro export'" };
        var simulator = new Option<string>("--simulator") { Description = "iverilog (Icarus Verilog) or verilator", DefaultValueFactory = _ => "iverilog" };
        simulator.AcceptOnlyFromAmong("iverilog", "verilator");
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text" };
        var command = new Command("cosim", "Co-simulate the exported Verilog against the golden vectors of the fixed-point model") { dir, simulator, json };
        command.SetAction(result =>
        {
            var stdout = result.InvocationConfiguration.Output;
            string folder = result.GetValue(dir)!;
            var sim = result.GetValue(simulator) == "verilator" ? Simulator.Verilator : Simulator.Iverilog;
            IReadOnlyList<TestbenchResult> results;
            try
            {
                results = Cosimulator.Run(folder, sim);
            }
            catch (RtlExportException e)
            {
                throw new UsageException(e.Message, e);
            }

            bool passed = results.All(r => r.Passed);
            if (result.GetValue(json))
            {
                Output.Json(stdout, w =>
                {
                    w.WriteStartObject();
                    w.WriteString("dir", folder);
                    w.WriteString("simulator", result.GetValue(simulator));
                    w.WriteBoolean("passed", passed);
                    w.WriteStartArray("testbenches");
                    foreach (var r in results)
                    {
                        w.WriteStartObject();
                        w.WriteString("module", r.Module);
                        w.WriteBoolean("passed", r.Passed);
                        w.WriteNumber("checks", r.Checks);
                        w.WriteNumber("mismatches", r.Mismatches);
                        w.WriteNumber("exitCode", r.ExitCode);
                        foreach (var (key, value) in r.Stats.OrderBy(s => s.Key, StringComparer.Ordinal))
                        {
                            w.WriteNumber(key, value);
                        }

                        if (r.Stats.TryGetValue("updates", out long u) && r.Stats.TryGetValue("cycles", out long c) && c > 0)
                        {
                            w.WriteNumber("updatesPerClock", Math.Round((double)u / c, 4));
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

                    w.WriteEndArray();
                    w.WriteEndObject();
                });
            }
            else
            {
                var console = Output.Console(stdout);
                console.WriteLine($"neuro cosim: {folder} with {result.GetValue(simulator)}");
                var table = new Table().AddColumns("testbench", "result", "checks", "mismatches", "updates/clock");
                foreach (var r in results)
                {
                    string rate = r.Stats.TryGetValue("updates", out long u) && r.Stats.TryGetValue("cycles", out long c) && c > 0
                        ? string.Create(CultureInfo.InvariantCulture, $"{(double)u / c:F3} ({u}/{c})")
                        : "";
                    table.AddRow(r.Module, r.Passed ? "PASS" : "FAIL", r.Checks.ToString(CultureInfo.InvariantCulture), r.Mismatches.ToString(CultureInfo.InvariantCulture), rate);
                }

                console.Write(table);
                foreach (var r in results)
                {
                    // What else a testbench reports (a Baxter learner's test answers and the functions it learned).
                    var other = r.Stats.Where(s => s.Key is not ("updates" or "cycles" or "samples")).OrderBy(s => s.Key, StringComparer.Ordinal).ToList();
                    if (other.Count > 0)
                    {
                        console.WriteLine(Markup.Escape($"{r.Module}: {string.Join(' ', other.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key}={s.Value}")))}"));
                    }
                }

                foreach (var r in results.Where(r => !r.Passed))
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

            return passed ? Program.Success : Program.Failure;
        });
        return command;
    }

    private static string LastLines(string log) =>
        string.Join(" | ", log.Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(6));
}
