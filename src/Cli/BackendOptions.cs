using System.CommandLine;
using Neuro.FixedPointSim.Patterns;
using Neuro.OpenClKernels.Host;
using Neuro.OpenClKernels.Patterns;

namespace Neuro.Cli;

/// <summary>
/// <c>--backend cpu|opencl</c> and <c>--device N</c>, shared by the verbs that run lifetimes: <c>cpu</c> runs the C#
/// networks, <c>opencl</c> the bit-exact kernel on OpenCL device N (see <c>neuro devices</c>). OpenCL needs a fixed-point
/// <c>--precision</c>; asking for it where there is no device is an error, never a quiet switch to the CPU.
/// </summary>
internal sealed class BackendOptions
{
    /// <summary>The backend option.</summary>
    internal Option<string> Backend { get; } = new("--backend")
    {
        Description = "cpu (the C# networks) or opencl (the bit-exact OpenCL kernel; needs --precision); see 'neuro devices'",
        HelpName = "cpu|opencl",
        DefaultValueFactory = _ => "cpu",
    };

    /// <summary>The device option.</summary>
    internal Option<int?> Device { get; } = new("--device")
    {
        Description = "OpenCL device number from 'neuro devices' (default 0); only with --backend opencl",
        HelpName = "N",
    };

    /// <summary>Adds both options to <paramref name="command"/>.</summary>
    internal void AddTo(Command command)
    {
        command.Options.Add(Backend);
        command.Options.Add(Device);
    }

    /// <summary>
    /// Opens the OpenCL device when <c>--backend opencl</c> was asked for, else returns null (the CPU backend).
    /// </summary>
    /// <exception cref="UsageException">An unknown backend, <c>--device</c> without OpenCL, or OpenCL without a fixed-point precision.</exception>
    /// <exception cref="OpenClException">No OpenCL platform or device, or no device with that number (exit 1).</exception>
    internal OpenClLifetimeBatch? Open(ParseResult result, PrecisionConfig? precision)
    {
        string backend = result.GetValue(Backend) ?? "cpu";
        int? device = result.GetValue(Device);
        if (backend is not ("cpu" or "opencl"))
        {
            throw new UsageException($"Unknown --backend '{backend}'; expected cpu or opencl");
        }

        if (backend == "cpu")
        {
            return device is null ? null : throw new UsageException("--device selects an OpenCL device; it needs --backend opencl");
        }

        if (precision is null)
        {
            throw new UsageException("--backend opencl runs the fixed-point model; give --precision default or a precision config file");
        }

        if (device is < 0)
        {
            throw new UsageException($"--device must be 0 or more, not {device}");
        }

        return new OpenClLifetimeBatch(OpenClPlatforms.Device(device ?? 0));
    }
}
