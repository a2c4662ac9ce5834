using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Neuro.RtlExport.Tools;

namespace Neuro.RtlExport;

/// <summary>
/// Synthesizes a module of an export folder (by default the learner) with Yosys, and places and routes it with
/// nextpnr-ice40 for iCE40, running in the folder so the ROMs' <c>$readmemh</c> images load; reports LUTs, flip-flops,
/// memory bits, DSPs (Xilinx) and Fmax per placement seed (iCE40).
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
        ExternalTool.Exists("yosys") && (target != SynthTarget.Ice40 || ExternalTool.Exists("nextpnr-ice40"));

    /// <summary>Synthesizes a module of <paramref name="directory"/> (by default its top, the learner).</summary>
    /// <param name="directory">An export folder.</param>
    /// <param name="target">Generic, iCE40 (with place and route) or Xilinx (resource estimate).</param>
    /// <param name="device">iCE40 device (a key of <see cref="Ice40Packages"/>).</param>
    /// <param name="frequencyMhz">Target clock for nextpnr (the reported maximum does not depend on it being met).</param>
    /// <param name="top">The module to synthesize: one of the export's RTL modules; null for the export's top (the learner).</param>
    /// <param name="seeds">iCE40: place and route with nextpnr seeds 1..seeds; Fmax is reported per seed, as the median and the minimum.</param>
    /// <exception cref="RtlExportException">The folder is not an export (or changed since), the module is not one of its modules, or a tool is missing.</exception>
    /// <exception cref="ToolFailedException">Yosys or nextpnr ran and failed.</exception>
    public static SynthesisReport Run(string directory, SynthTarget target, string device = "hx8k", double frequencyMhz = 12, string? top = null, int seeds = 1)
    {
        var folder = ExportFolder.Open(directory);
        string module = top ?? folder.Top;
        if (!folder.Rtl.Contains($"rtl/{module}.v"))
        {
            throw new RtlExportException($"'{module}' is not a module of the export; expected one of {string.Join(", ", folder.Rtl.Select(Path.GetFileNameWithoutExtension))}");
        }

        if (seeds < 1)
        {
            throw new RtlExportException($"Place and route needs at least 1 seed, not {seeds}");
        }

        string yosys = ExternalTool.Find("yosys", "yosys");
        string? package = null;
        if (target == SynthTarget.Ice40 && !Ice40Packages.TryGetValue(device, out package))
        {
            throw new RtlExportException($"Unknown iCE40 device '{device}'; expected one of {string.Join(", ", Ice40Packages.Keys)}");
        }

        string? nextpnr = target == SynthTarget.Ice40 ? ExternalTool.Find("nextpnr-ice40", "nextpnr-ice40") : null;
        string build = Directory.CreateTempSubdirectory("neuro-synth-").FullName;
        try
        {
            string netlist = Path.Combine(build, "netlist.json");
            string read = "read_verilog " + string.Join(' ', folder.Rtl);
            string script = target switch
            {
                SynthTarget.Generic => $"{read}; synth -top {module} -flatten -run begin:fine; opt -fast -full; techmap; opt -fast; abc -lut 4; opt_clean; write_json {netlist}",
                SynthTarget.Ice40 => $"{read}; synth_ice40 -top {module} -json {netlist}",
                _ => $"{read}; synth_xilinx -top {module} -flatten; write_json {netlist}",
            };
            var (code, log) = RunYosys(yosys, script, folder.Directory);
            if (code != 0)
            {
                throw new ToolFailedException($"yosys failed (exit {code}): {Tail(log)}");
            }

            var cells = CountCells(netlist, module, out long memoryBits, out long memories);
            long total = cells.Values.Sum();
            long Count(Func<string, bool> kind) => cells.Where(c => kind(c.Key)).Sum(c => c.Value);
            switch (target)
            {
                case SynthTarget.Generic:
                    return new SynthesisReport(target, module, Count(k => k.StartsWith("$lut", StringComparison.Ordinal)), Count(k => k.Contains("DFF", StringComparison.Ordinal)),
                        total, memoryBits, memories, null, null, cells, log, 0, []);
                case SynthTarget.Xilinx:
                    long ramb18 = cells.GetValueOrDefault("RAMB18E1"), ramb36 = cells.GetValueOrDefault("RAMB36E1");
                    return new SynthesisReport(target, module, Count(k => k.StartsWith("LUT", StringComparison.Ordinal)), Count(k => k.StartsWith("FD", StringComparison.Ordinal)),
                        total, ramb18 * 18432 + ramb36 * 36864, ramb18 + ramb36, null, "xc7", cells, log, Count(k => k.StartsWith("DSP48", StringComparison.Ordinal)), []);
                default:
                    break;
            }

            long brams = cells.GetValueOrDefault("SB_RAM40_4K");
            string freq = frequencyMhz.ToString("0.###", CultureInfo.InvariantCulture);
            var fmax = ImmutableArray.CreateBuilder<double>();
            var pnrLogs = new System.Text.StringBuilder();
            for (int seed = 1; seed <= seeds; seed++)
            {
                var (pnrCode, pnrLog) = ExternalTool.Run(nextpnr!,
                    [$"--{device}", "--package", package!, "--json", netlist, "--freq", freq, "--seed", seed.ToString(CultureInfo.InvariantCulture)], folder.Directory, Timeout);
                if (pnrCode != 0)
                {
                    throw new ToolFailedException($"nextpnr-ice40 failed (exit {pnrCode}, seed {seed}): {Tail(pnrLog)}");
                }

                double? last = null;
                foreach (Match m in MaxFrequency().Matches(pnrLog))
                {
                    last = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                }

                fmax.Add(last ?? throw new ToolFailedException($"nextpnr-ice40 reported no maximum frequency (seed {seed}): {Tail(pnrLog)}"));
                pnrLogs.Append(pnrLog);
            }

            return new SynthesisReport(target, module, cells.GetValueOrDefault("SB_LUT4"), Count(k => k.Contains("DFF", StringComparison.Ordinal)), total, brams * 4096, brams,
                Median(fmax), $"{device}-{package}", cells, log + pnrLogs, 0, fmax.ToImmutable());
        }
        finally
        {
            Directory.Delete(build, recursive: true);
        }
    }

    /// <summary>How many times Yosys runs when its ABC child aborts (see <see cref="RunYosys"/>).</summary>
    internal const int AbcAttempts = 3;

    /// <summary>
    /// Runs a Yosys script. The ABC that Debian's Yosys 0.23 calls for technology mapping aborts now and then on a netlist
    /// it maps cleanly on the next run (CI saw <c>return code 134</c> once on the demo's learner, which maps in 60 of 60
    /// ABC runs here); such a run is repeated up to <see cref="AbcAttempts"/> times in all, and each abort is recorded at the
    /// top of the log. Any other failure, and an abort on every attempt, is returned as it is.
    /// </summary>
    private static (int Code, string Log) RunYosys(string yosys, string script, string directory) =>
        RetryingAbcAborts(() => ExternalTool.Run(yosys, ["-q", "-p", script], directory, Timeout));

    /// <summary><see cref="RunYosys"/>'s retry, for any way of running Yosys.</summary>
    internal static (int Code, string Log) RetryingAbcAborts(Func<(int Code, string Log)> run)
    {
        var notes = new System.Text.StringBuilder();
        for (int attempt = 1; ; attempt++)
        {
            var (code, log) = run();
            var abort = AbcAborted().Match(log);
            if (code == 0 || !abort.Success || attempt == AbcAttempts)
            {
                return (code, notes.ToString() + log);
            }

            notes.Append(CultureInfo.InvariantCulture, $"neuro: attempt {attempt}: ABC aborted (return code {abort.Groups[1].Value}); Yosys run again{Environment.NewLine}");
        }
    }

    [GeneratedRegex(@"ABC: execution of command .* failed: return code (\d+)")]
    private static partial Regex AbcAborted();

    /// <summary>The median (the mean of the middle two for an even count).</summary>
    internal static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        int n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
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
