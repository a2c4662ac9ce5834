using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Neuro.FixedPointSim;

/// <summary>
/// Builds and drives the C++ oracle in <c>tests/oracles/systemc/scfixed_oracle.cpp</c>, which answers with SystemC's own
/// <c>sc_fix</c>/<c>sc_ufix</c>: the independent judge of Neuro's quantization and overflow.
/// </summary>
/// <remarks>
/// The binary is cached next to the test assembly under a name that includes the source's hash. A missing compiler or
/// SystemC is a failure with the package names, never a skip: the test command installs them.
/// </remarks>
internal static class SystemCOracle
{
    private static readonly Lazy<string> Binary = new(Build);

    /// <summary>Format fields as the oracle reads them: <c>signed wl iwl</c>.</summary>
    public static string Fmt(QFormat f) => string.Create(CultureInfo.InvariantCulture, $"{(f.Signed ? 1 : 0)} {f.Width} {f.IntBits}");

    /// <summary>Sends every request, one per line, and returns the oracle's raw answers in order.</summary>
    public static Int128[] Ask(IReadOnlyList<string> requests)
    {
        var psi = new ProcessStartInfo(Binary.Value)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.Environment["SYSTEMC_DISABLE_COPYRIGHT_MESSAGE"] = "1";
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start the SystemC oracle");
        var stdin = process.StandardInput;
        var writer = Task.Run(() =>
        {
            foreach (var r in requests)
            {
                stdin.Write(r);
                stdin.Write('\n');
            }

            stdin.Close();
        });
        var stderr = process.StandardError.ReadToEndAsync();
        var answers = new List<Int128>(requests.Count);
        string? line;
        while ((line = process.StandardOutput.ReadLine()) is not null)
        {
            if (line.StartsWith("= ", StringComparison.Ordinal))
            {
                answers.Add(Int128.Parse(line.AsSpan(2), CultureInfo.InvariantCulture));
            }
            else if (line.StartsWith('!'))
            {
                throw new InvalidOperationException($"The oracle rejected a request: {line}");
            }
        }

        writer.GetAwaiter().GetResult();
        process.WaitForExit();
        if (process.ExitCode != 0 || answers.Count != requests.Count)
        {
            throw new InvalidOperationException(
                $"The SystemC oracle exited with {process.ExitCode} after {answers.Count} of {requests.Count} answers: {stderr.Result}");
        }

        return [.. answers];
    }

    private static string Build()
    {
        string source = Path.Combine(RepoPaths.Root, "tests", "oracles", "systemc", "scfixed_oracle.cpp");
        string hash = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(source)))[..16];
        string dir = Path.Combine(AppContext.BaseDirectory, "oracle");
        string binary = Path.Combine(dir, $"scfixed_oracle_{hash}");
        if (File.Exists(binary))
        {
            return binary;
        }

        Directory.CreateDirectory(dir);
        string temp = binary + $".{Environment.ProcessId}.tmp";
        var psi = new ProcessStartInfo("g++", ["-O2", "-std=c++17", "-o", temp, source, "-lsystemc"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(psi)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("g++ is missing; install the Debian packages g++ and libsystemc-dev (./test.sh does so as root)", e);
        }

        using (process)
        {
            string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"Building the SystemC oracle failed (are g++ and libsystemc-dev installed? ./test.sh installs them):\n{output}");
            }
        }

        File.Move(temp, binary, overwrite: true);
        return binary;
    }

    /// <summary>A request line from parts.</summary>
    public static string Line(params object[] parts)
    {
        var sb = new StringBuilder();
        foreach (var p in parts)
        {
            if (sb.Length > 0)
            {
                sb.Append(' ');
            }

            sb.Append(Convert.ToString(p, CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }
}
