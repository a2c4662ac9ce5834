using System.Collections.Immutable;
using System.Globalization;
using Neuro.RtlExport.Tools;

namespace Neuro.RtlExport;

/// <summary>
/// Compiles and runs an export folder's self-checking testbenches with Icarus Verilog or Verilator, in the folder (so
/// the relative <c>$readmemh</c> paths resolve), and parses their <c>NEURO_TB</c>/<c>NEURO_MISMATCH</c> lines.
/// Build products go to a temporary folder that is removed afterwards.
/// </summary>
public static class Cosimulator
{
    /// <summary>How long one compile or simulation may take unless the caller says otherwise.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    /// <summary>True when <paramref name="simulator"/>'s executables are on PATH.</summary>
    public static bool IsAvailable(Simulator simulator) =>
        simulator == Simulator.Iverilog ? ExternalTool.Exists("iverilog") && ExternalTool.Exists("vvp") : ExternalTool.Exists("verilator");

    /// <summary>Runs the testbenches (all, or those named in <paramref name="only"/>) and returns one result per testbench.</summary>
    /// <exception cref="RtlExportException">The folder is not an export, or the simulator is not installed.</exception>
    /// <param name="directory">An export folder.</param>
    /// <param name="simulator">Icarus Verilog or Verilator.</param>
    /// <param name="only">Testbench modules to run; null for all.</param>
    /// <param name="timeout">Limit of each compile and each simulation; <see cref="DefaultTimeout"/> when null.</param>
    public static ImmutableArray<TestbenchResult> Run(string directory, Simulator simulator, IReadOnlyCollection<string>? only = null, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var folder = ExportFolder.Open(directory);
        var results = ImmutableArray.CreateBuilder<TestbenchResult>();
        string build = System.IO.Directory.CreateTempSubdirectory("neuro-cosim-").FullName;
        try
        {
            foreach (var (module, file) in folder.Testbenches)
            {
                if (only is not null && !only.Contains(module))
                {
                    continue;
                }

                results.Add(simulator == Simulator.Iverilog
                    ? RunIverilog(folder, module, file, build, limit)
                    : RunVerilator(folder, module, file, build, limit));
            }
        }
        finally
        {
            System.IO.Directory.Delete(build, recursive: true);
        }

        return results.ToImmutable();
    }

    private static TestbenchResult RunIverilog(ExportFolder folder, string module, string file, string build, TimeSpan timeout)
    {
        string iverilog = ExternalTool.Find("iverilog", "iverilog");
        string vvp = ExternalTool.Find("vvp", "iverilog");
        string image = Path.Combine(build, module + ".vvp");
        var (code, log) = ExternalTool.Run(iverilog, ["-g2005", "-Wall", "-o", image, "-s", module, file, .. folder.Rtl], folder.Directory, timeout);
        if (code != 0)
        {
            return Failed(module, code, "iverilog could not compile the testbench:\n" + log);
        }

        var (runCode, output) = ExternalTool.Run(vvp, ["-n", image], folder.Directory, timeout);
        return Parse(module, runCode, log + output);
    }

    /// <summary>Verilator's <c>--unroll-count</c>: loops over up to this many neurons are unrolled.</summary>
    internal const string VerilatorUnrollCount = "4096";

    private static TestbenchResult RunVerilator(ExportFolder folder, string module, string file, string build, TimeSpan timeout)
    {
        string verilator = ExternalTool.Find("verilator", "verilator");
        string objDir = Path.Combine(build, module);
        string jobs = Math.Max(1, Math.Min(Environment.ProcessorCount, 4)).ToString(CultureInfo.InvariantCulture);
        // The plasticity unit shifts every neuron's history in a loop over NEURONS with nonblocking assignments to an
        // array element; Verilator supports that only in a loop it unrolls (else BLKLOOPINIT), and by default unrolls
        // 64 iterations, so engines of more than 64 neurons need a higher limit.
        var (code, log) = ExternalTool.Run(verilator,
            ["--binary", "-j", jobs, "-Wno-fatal", "--unroll-count", VerilatorUnrollCount, "--top-module", module, "-Mdir", objDir, "-o", "V" + module, file, .. folder.Rtl],
            folder.Directory, timeout);
        if (code != 0)
        {
            return Failed(module, code, "verilator could not build the testbench:\n" + log);
        }

        var (runCode, output) = ExternalTool.Run(Path.Combine(objDir, "V" + module), [], folder.Directory, timeout);
        return Parse(module, runCode, output);
    }

    private static TestbenchResult Failed(string module, int code, string log) =>
        new(module, false, 0, 0, [], ImmutableDictionary<string, long>.Empty, code == 0 ? 1 : code, log);

    /// <summary>Parses a testbench's output: its summary line, mismatch lines and exit code.</summary>
    internal static TestbenchResult Parse(string module, int exitCode, string output)
    {
        var mismatches = ImmutableArray.CreateBuilder<string>();
        string? verdict = null;
        var stats = ImmutableDictionary.CreateBuilder<string, long>(StringComparer.Ordinal);
        foreach (string raw in output.Split('\n'))
        {
            string line = raw.TrimEnd('\r');
            int at = line.IndexOf("NEURO_", StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            line = line[at..];
            string[] parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts[0] == "NEURO_MISMATCH")
            {
                mismatches.Add(string.Join(' ', parts.Skip(1)));
            }
            else if (parts[0] == "NEURO_TB" && parts.Length >= 3 && parts[1] == module)
            {
                verdict = parts[2];
                foreach (string part in parts.Skip(3))
                {
                    int eq = part.IndexOf('=', StringComparison.Ordinal);
                    if (eq > 0 && long.TryParse(part[(eq + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out long value))
                    {
                        stats[part[..eq]] = value;
                    }
                }
            }
        }

        long checks = stats.GetValueOrDefault("checks");
        long mismatchCount = Math.Max(stats.GetValueOrDefault("mismatches"), mismatches.Count);
        stats.Remove("checks");
        stats.Remove("mismatches");
        bool passed = exitCode == 0 && verdict == "PASS" && checks > 0 && mismatchCount == 0;
        return new TestbenchResult(module, passed, checks, mismatchCount, mismatches.ToImmutable(), stats.ToImmutable(), exitCode,
            verdict is null ? output + $"\n(no 'NEURO_TB {module}' summary line)" : output);
    }
}
