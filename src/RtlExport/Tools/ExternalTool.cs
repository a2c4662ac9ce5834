using System.Diagnostics;
using System.Text;

namespace Neuro.RtlExport.Tools;

/// <summary>Finds and runs the external HDL tools (iverilog, vvp, verilator, yosys, nextpnr-ice40), naming the Debian
/// package to install when one is missing.</summary>
internal static class ExternalTool
{
    /// <summary>The full path of <paramref name="executable"/> on PATH.</summary>
    /// <exception cref="RtlExportException">It is not on PATH; the message names the Debian package.</exception>
    public static string Find(string executable, string package)
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, executable);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new RtlExportException($"'{executable}' was not found on PATH; install the Debian package '{package}' (apt-get install {package})");
    }

    /// <summary>True when <paramref name="executable"/> is on PATH.</summary>
    public static bool Exists(string executable)
    {
        try
        {
            _ = Find(executable, executable);
            return true;
        }
        catch (RtlExportException)
        {
            return false;
        }
    }

    /// <summary>Runs a tool in <paramref name="workingDirectory"/> and returns its exit code and combined output.</summary>
    /// <exception cref="RtlExportException">It did not finish within <paramref name="timeout"/>.</exception>
    public static (int ExitCode, string Output) Run(string path, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(path)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (output)
                {
                    output.Append(e.Data).Append('\n');
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (output)
                {
                    output.Append(e.Data).Append('\n');
                }
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new RtlExportException($"{Path.GetFileName(path)} did not finish within {timeout.TotalSeconds:F0} s");
        }

        process.WaitForExit();
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }
}
