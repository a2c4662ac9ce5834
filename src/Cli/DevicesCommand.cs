using System.CommandLine;
using System.Globalization;
using Neuro.OpenClKernels.Host;
using Spectre.Console;

namespace Neuro.Cli;

/// <summary>
/// <c>neuro devices</c>: the OpenCL platforms and devices (name, type, compute units, global and local memory, OpenCL
/// version), numbered as <c>--device N</c> selects them. No platform at all is a failure (exit 1) that says what to install.
/// </summary>
internal static class DevicesCommand
{
    /// <summary>Builds the <c>devices</c> verb.</summary>
    internal static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print JSON (platforms with their devices) instead of a table" };
        var command = new Command("devices", "List the OpenCL platforms and devices that --backend opencl --device N can use") { json };
        command.SetAction(result =>
        {
            var platforms = OpenClPlatforms.List();
            if (platforms.Count == 0)
            {
                throw new OpenClException("No OpenCL platform found; install an OpenCL driver, e.g. on Debian/Ubuntu 'apt-get install ocl-icd-libopencl1 pocl-opencl-icd'");
            }

            var stdout = result.InvocationConfiguration.Output;
            if (result.GetValue(json))
            {
                Output.Json(stdout, w =>
                {
                    w.WriteStartObject();
                    w.WriteStartArray("platforms");
                    foreach (var platform in platforms)
                    {
                        w.WriteStartObject();
                        w.WriteString("name", platform.Name);
                        w.WriteString("vendor", platform.Vendor);
                        w.WriteString("version", platform.Version);
                        w.WriteStartArray("devices");
                        foreach (var d in platform.Devices)
                        {
                            w.WriteStartObject();
                            w.WriteNumber("index", d.Index);
                            w.WriteString("name", d.Name);
                            w.WriteString("type", d.Type);
                            w.WriteNumber("computeUnits", d.ComputeUnits);
                            w.WriteNumber("globalMemoryBytes", d.GlobalMemoryBytes);
                            w.WriteNumber("localMemoryBytes", d.LocalMemoryBytes);
                            w.WriteNumber("maxAllocationBytes", d.MaxAllocationBytes);
                            w.WriteNumber("maxWorkGroupSize", d.MaxWorkGroupSize);
                            w.WriteString("version", d.Version);
                            w.WriteEndObject();
                        }

                        w.WriteEndArray();
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                });
                return Program.Success;
            }

            var console = Output.Console(stdout);
            var table = new Table().AddColumns("device", "platform", "name", "type", "compute units", "global memory", "local memory", "OpenCL");
            foreach (var d in platforms.SelectMany(p => p.Devices))
            {
                table.AddRow(
                    Markup.Escape(d.Index.ToString(CultureInfo.InvariantCulture)),
                    Markup.Escape(d.Platform),
                    Markup.Escape(d.Name),
                    Markup.Escape(d.Type),
                    d.ComputeUnits.ToString(CultureInfo.InvariantCulture),
                    Bytes(d.GlobalMemoryBytes),
                    Bytes(d.LocalMemoryBytes),
                    Markup.Escape(d.Version));
            }

            console.Write(table);
            int count = platforms.Sum(p => p.Devices.Count);
            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{platforms.Count} platform(s), {count} device(s); select one with --backend opencl --device N"));
            return Program.Success;
        });
        return command;
    }

    private static string Bytes(long bytes) => bytes >= 1L << 30
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):F1} GiB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 10):F0} KiB");
}
