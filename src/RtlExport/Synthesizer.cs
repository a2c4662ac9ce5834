using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Neuro.RtlExport.Tools;

namespace Neuro.RtlExport;

/// <summary>
/// Synthesizes an export folder's engine with Yosys (and places and routes it with nextpnr-ice40 for iCE40), running in
/// the folder so the ROMs' <c>$readmemh</c> images load, and reports LUTs, flip-flops, memory bits and Fmax.
/// </summary>
public static partial class Synthesizer
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    /// <summary>The iCE40 devices accepted, with the package used for each.</summary>
    public static readonly ImmutableSortedDictionary<string, string> Ice40Packages = ImmutableSortedDictionary.CreateRange<string, string>(
        StringComparer.Ordinal,
        [new KeyValuePair<string, string>("hx8k", "ct256"), new KeyValuePair<string, string>("hx4k", "tq144"), new KeyValuePair<string, string>("hx1k", "tq144"), new KeyValuePair<string, string>("up5k", "sg48")]);

    /// <summary>True when the tools of <paramref name="target"/> are on PATH.</summary>
    public static bool IsAvailable(SynthTarget target) =>
        ExternalTool.Exists("yosys") && (target == SynthTarget.Generic || ExternalTool.Exists("nextpnr-ice40"));

    /// <summary>Synthesizes the engine of <paramref name="directory"/>.</summary>
    /// <param name="directory">An export folder.</param>
    /// <param name="target">Generic or iCE40.</param>
    /// <param name="device">iCE40 device (a key of <see cref="Ice40Packages"/>).</param>
    /// <param name="frequencyMhz">Target clock for nextpnr (the reported maximum does not depend on it being met).</param>
    /// <exception cref="RtlExportException">The folder is not an export (or changed since), or a tool is missing.</exception>
    /// <exception cref="ToolFailedException">Yosys or nextpnr ran and failed.</exception>
    public static SynthesisReport Run(string directory, SynthTarget target, string device = "hx8k", double frequencyMhz = 12)
    {
        var folder = ExportFolder.Open(directory);
        string yosys = ExternalTool.Find("yosys", "yosys");
        string? nextpnr = null;
        string? package = null;
        if (target == SynthTarget.Ice40)
        {
            if (!Ice40Packages.TryGetValue(device, out package))
            {
                throw new RtlExportException($"Unknown iCE40 device '{device}'; expected one of {string.Join(", ", Ice40Packages.Keys)}");
            }

            nextpnr = ExternalTool.Find("nextpnr-ice40", "nextpnr-ice40");
        }

        string build = Directory.CreateTempSubdirectory("neuro-synth-").FullName;
        try
        {
            string netlist = Path.Combine(build, "netlist.json");
            string read = "read_verilog " + string.Join(' ', folder.Rtl);
            string script = target == SynthTarget.Generic
                ? $"{read}; synth -top {folder.Top} -flatten -run begin:fine; opt -fast -full; techmap; opt -fast; abc -lut 4; opt_clean; write_json {netlist}"
                : $"{read}; synth_ice40 -top {folder.Top} -json {netlist}";
            var (code, log) = ExternalTool.Run(yosys, ["-q", "-p", script], folder.Directory, Timeout);
            if (code != 0)
            {
                throw new ToolFailedException($"yosys failed (exit {code}): {Tail(log)}");
            }

            var cells = CountCells(netlist, folder.Top, out long memoryBits, out long memories);
            long luts = cells.Where(c => c.Key.StartsWith("$lut", StringComparison.Ordinal) || c.Key == "SB_LUT4").Sum(c => c.Value);
            long ffs = cells.Where(c => c.Key.Contains("DFF", StringComparison.Ordinal)).Sum(c => c.Value);
            long total = cells.Values.Sum();
            if (target == SynthTarget.Generic)
            {
                return new SynthesisReport(target, folder.Top, luts, ffs, total, memoryBits, memories, null, null, cells, log);
            }

            long brams = cells.GetValueOrDefault("SB_RAM40_4K");
            string freq = frequencyMhz.ToString("0.###", CultureInfo.InvariantCulture);
            var (pnrCode, pnrLog) = ExternalTool.Run(nextpnr!,
                [$"--{device}", "--package", package!, "--json", netlist, "--freq", freq, "--seed", "1"], folder.Directory, Timeout);
            if (pnrCode != 0)
            {
                throw new ToolFailedException($"nextpnr-ice40 failed (exit {pnrCode}): {Tail(pnrLog)}");
            }

            double? fmax = null;
            foreach (Match m in MaxFrequency().Matches(pnrLog))
            {
                fmax = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            }

            return new SynthesisReport(target, folder.Top, luts, ffs, total, brams * 4096, brams, fmax, $"{device}-{package}", cells, log + pnrLog);
        }
        finally
        {
            Directory.Delete(build, recursive: true);
        }
    }

    private static ImmutableSortedDictionary<string, long> CountCells(string netlist, string top, out long memoryBits, out long memories)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(netlist));
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        memoryBits = 0;
        memories = 0;
        var cells = doc.RootElement.GetProperty("modules").GetProperty(top).GetProperty("cells");
        foreach (var cell in cells.EnumerateObject())
        {
            string type = cell.Value.GetProperty("type").GetString()!;
            counts[type] = counts.GetValueOrDefault(type) + 1;
            if (type.StartsWith("$mem", StringComparison.Ordinal))
            {
                var parameters = cell.Value.GetProperty("parameters");
                memoryBits += Number(parameters.GetProperty("WIDTH")) * Number(parameters.GetProperty("SIZE"));
                memories++;
            }
        }

        return counts.ToImmutableSortedDictionary(StringComparer.Ordinal);
    }

    /// <summary>A Yosys JSON parameter: a number, or a string of binary digits.</summary>
    private static long Number(JsonElement e) =>
        e.ValueKind == JsonValueKind.Number ? e.GetInt64() : Convert.ToInt64(e.GetString()!.TrimStart('0') is { Length: > 0 } s ? s : "0", 2);

    private static string Tail(string log)
    {
        var lines = log.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return string.Join(" | ", lines.TakeLast(5));
    }

    [GeneratedRegex(@"Max frequency for clock '[^']*': ([0-9.]+) MHz")]
    private static partial Regex MaxFrequency();
}
