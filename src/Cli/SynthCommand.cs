using System.CommandLine;
using System.Globalization;
using Neuro.RtlExport;
using Spectre.Console;

namespace Neuro.Cli;

/// <summary>
/// <c>neuro synth DIR</c>: synthesizes an export folder's engine with Yosys (generic LUT4 mapping, or iCE40 with
/// nextpnr-ice40 place and route) and reports LUTs, flip-flops, block-RAM bits and, for iCE40, Fmax.
/// </summary>
internal static class SynthCommand
{
    /// <summary>Builds the <c>synth</c> verb.</summary>
    internal static Command Create()
    {
        var dir = new Argument<string>("DIR") { Description = "An export folder written by 'neuro export'" };
        var target = new Option<string>("--target") { Description = "generic (Yosys, 4-input LUTs) or ice40 (Yosys synth_ice40 + nextpnr-ice40)", DefaultValueFactory = _ => "generic" };
        target.AcceptOnlyFromAmong("generic", "ice40");
        var device = new Option<string>("--device") { Description = "iCE40 device: " + string.Join(", ", Synthesizer.Ice40Packages.Select(p => $"{p.Key} ({p.Value})")), DefaultValueFactory = _ => "hx8k" };
        var freq = new Option<double>("--freq") { Description = "Target clock for nextpnr in MHz", DefaultValueFactory = _ => 12 };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text" };
        var command = new Command("synth", "Synthesize the exported engine and report its resources (and Fmax on iCE40)") { dir, target, device, freq, json };
        command.SetAction(result =>
        {
            var stdout = result.InvocationConfiguration.Output;
            string folder = result.GetValue(dir)!;
            var t = result.GetValue(target) == "ice40" ? SynthTarget.Ice40 : SynthTarget.Generic;
            double mhz = result.GetValue(freq);
            if (!(mhz > 0))
            {
                throw new UsageException($"--freq must be positive, not {mhz.ToString(CultureInfo.InvariantCulture)}");
            }

            SynthesisReport report;
            try
            {
                report = ProgressBars.Run(result, $"synth: {(t == SynthTarget.Ice40 ? "yosys + nextpnr" : "yosys")}", 1, _ => Synthesizer.Run(folder, t, result.GetValue(device)!, mhz));
            }
            catch (RtlExportException e)
            {
                throw new UsageException(e.Message, e);
            }

            if (result.GetValue(json))
            {
                Output.Json(stdout, w =>
                {
                    w.WriteStartObject();
                    w.WriteString("dir", folder);
                    w.WriteString("target", result.GetValue(target));
                    w.WriteString("top", report.Top);
                    if (report.Device is not null)
                    {
                        w.WriteString("device", report.Device);
                    }

                    w.WriteNumber("luts", report.Luts);
                    w.WriteNumber("flipFlops", report.FlipFlops);
                    w.WriteNumber("cells", report.Cells);
                    w.WriteNumber("memoryBits", report.MemoryBits);
                    w.WriteNumber(t == SynthTarget.Ice40 ? "blockRams" : "memories", report.BlockRams);
                    if (report.MaxFrequencyMhz is double f)
                    {
                        w.WriteNumber("maxFrequencyMhz", f);
                    }

                    w.WriteStartObject("cellTypes");
                    foreach (var (type, count) in report.CellTypes)
                    {
                        w.WriteNumber(type, count);
                    }

                    w.WriteEndObject();
                    w.WriteEndObject();
                });
            }
            else
            {
                var console = Output.Console(stdout);
                console.WriteLine(Markup.Escape($"neuro synth: {folder}, top {report.Top}, target {result.GetValue(target)}{(report.Device is null ? "" : $" ({report.Device})")}"));
                var table = new Table().AddColumns("resource", "count");
                table.AddRow("LUTs (4-input)", report.Luts.ToString(CultureInfo.InvariantCulture));
                table.AddRow("flip-flops", report.FlipFlops.ToString(CultureInfo.InvariantCulture));
                table.AddRow("cells", report.Cells.ToString(CultureInfo.InvariantCulture));
                table.AddRow(t == SynthTarget.Ice40 ? "block RAMs (SB_RAM40_4K)" : "memories ($mem)", report.BlockRams.ToString(CultureInfo.InvariantCulture));
                table.AddRow(t == SynthTarget.Ice40 ? "block RAM bits (× 4096)" : "memory bits", report.MemoryBits.ToString(CultureInfo.InvariantCulture));
                if (report.MaxFrequencyMhz is double f)
                {
                    table.AddRow("max clock (MHz)", f.ToString("F2", CultureInfo.InvariantCulture));
                }

                console.Write(table);
            }

            return Program.Success;
        });
        return command;
    }
}
