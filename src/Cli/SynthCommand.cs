using System.CommandLine;
using System.Globalization;
using Neuro.RtlExport;
using Spectre.Console;

namespace Neuro.Cli;

/// <summary>
/// <c>neuro synth DIR</c>: synthesizes a module of an export folder (by default its top, the learner) with Yosys:
/// generic 4-input LUTs, iCE40 with nextpnr-ice40 place and route over one or more seeds (Fmax median and minimum), or
/// Xilinx 7-series as a resource estimate.
/// </summary>
internal static class SynthCommand
{
    /// <summary>Builds the <c>synth</c> verb.</summary>
    internal static Command Create()
    {
        var dir = new Argument<string>("DIR") { Description = "An export folder written by 'neuro export'" };
        var target = new Option<string>("--target") { Description = "generic (Yosys, 4-input LUTs), ice40 (synth_ice40 + nextpnr-ice40) or xilinx (synth_xilinx, no place and route)", DefaultValueFactory = _ => "generic" };
        target.AcceptOnlyFromAmong("generic", "ice40", "xilinx");
        var device = new Option<string>("--device") { Description = "iCE40 device: " + string.Join(", ", Synthesizer.Ice40Packages.Select(p => $"{p.Key} ({p.Value})")), DefaultValueFactory = _ => "hx8k" };
        var freq = new Option<double>("--freq") { Description = "Target clock for nextpnr in MHz", DefaultValueFactory = _ => 12 };
        var top = new Option<string?>("--top") { Description = "Module to synthesize (default: the export's top, NAME_learner; e.g. NAME_engine)", HelpName = "MODULE" };
        var seeds = new Option<int>("--seeds") { Description = "iCE40: place and route with seeds 1..N and report Fmax as the median and minimum", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text" };
        var command = new Command("synth", "Synthesize the exported learner (or another module) and report its resources (and Fmax on iCE40)") { dir, target, device, freq, top, seeds, json };
        command.SetAction(result =>
        {
            string folder = result.GetValue(dir)!;
            var t = result.GetValue(target) switch { "ice40" => SynthTarget.Ice40, "xilinx" => SynthTarget.Xilinx, _ => SynthTarget.Generic };
            double mhz = result.GetValue(freq);
            if (!(mhz > 0))
            {
                throw new UsageException($"--freq must be positive, not {mhz.ToString(CultureInfo.InvariantCulture)}");
            }

            if (result.GetValue(seeds) < 1)
            {
                throw new UsageException($"--seeds must be at least 1, not {result.GetValue(seeds)}");
            }

            SynthesisReport report;
            try
            {
                report = Synthesizer.Run(folder, t, result.GetValue(device)!, mhz, result.GetValue(top), result.GetValue(seeds));
            }
            catch (RtlExportException e)
            {
                throw new UsageException(e.Message, e);
            }

            if (result.GetValue(json))
            {
                WriteJson(result.InvocationConfiguration.Output, folder, result.GetValue(target)!, report);
            }
            else
            {
                WriteText(result.InvocationConfiguration.Output, folder, result.GetValue(target)!, report);
            }

            return Program.Success;
        });
        return command;
    }

    private static void WriteJson(TextWriter stdout, string folder, string target, SynthesisReport report) => Output.Json(stdout, w =>
    {
        w.WriteStartObject();
        w.WriteString("dir", folder);
        w.WriteString("target", target);
        w.WriteString("top", report.Top);
        if (report.Device is not null)
        {
            w.WriteString("device", report.Device);
        }

        w.WriteNumber("luts", report.Luts);
        w.WriteNumber("flipFlops", report.FlipFlops);
        w.WriteNumber("cells", report.Cells);
        w.WriteNumber("memoryBits", report.MemoryBits);
        w.WriteNumber(report.Target == SynthTarget.Generic ? "memories" : "blockRams", report.BlockRams);
        if (report.Target == SynthTarget.Xilinx)
        {
            w.WriteNumber("dsps", report.Dsps);
        }

        if (report.MaxFrequencyMhz is double f)
        {
            w.WriteNumber("maxFrequencyMhz", f);
            w.WriteNumber("minFrequencyMhz", report.MinFrequencyMhz!.Value);
            w.WriteStartArray("maxFrequencyMhzBySeed");
            foreach (double s in report.FmaxBySeed)
            {
                w.WriteNumberValue(s);
            }

            w.WriteEndArray();
        }

        w.WriteStartObject("cellTypes");
        foreach (var (type, count) in report.CellTypes)
        {
            w.WriteNumber(type, count);
        }

        w.WriteEndObject();
        w.WriteEndObject();
    });

    private static void WriteText(TextWriter stdout, string folder, string target, SynthesisReport report)
    {
        var console = Output.Console(stdout);
        console.WriteLine(Markup.Escape($"neuro synth: {folder}, top {report.Top}, target {target}{(report.Device is null ? "" : $" ({report.Device})")}"));
        var table = new Table().AddColumns("resource", "count");
        string I(long v) => v.ToString(CultureInfo.InvariantCulture);
        table.AddRow(report.Target == SynthTarget.Xilinx ? "LUTs (LUT1-LUT6)" : "LUTs (4-input)", I(report.Luts));
        table.AddRow("flip-flops", I(report.FlipFlops));
        table.AddRow("cells", I(report.Cells));
        table.AddRow(report.Target switch { SynthTarget.Ice40 => "block RAMs (SB_RAM40_4K)", SynthTarget.Xilinx => "block RAMs (RAMB18E1 + RAMB36E1)", _ => "memories ($mem)" }, I(report.BlockRams));
        table.AddRow(report.Target == SynthTarget.Generic ? "memory bits" : "block RAM bits", I(report.MemoryBits));
        if (report.Target == SynthTarget.Xilinx)
        {
            table.AddRow("DSPs (DSP48E1)", I(report.Dsps));
        }

        if (report.MaxFrequencyMhz is double f)
        {
            table.AddRow($"max clock (MHz), median of {report.FmaxBySeed.Length} seed(s)", f.ToString("F2", CultureInfo.InvariantCulture));
            table.AddRow("max clock (MHz), minimum", report.MinFrequencyMhz!.Value.ToString("F2", CultureInfo.InvariantCulture));
            table.AddRow("max clock (MHz) by seed", string.Join(", ", report.FmaxBySeed.Select(s => s.ToString("F2", CultureInfo.InvariantCulture))));
        }

        console.Write(table);
    }
}
