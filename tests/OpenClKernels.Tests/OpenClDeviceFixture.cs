using Neuro.OpenClKernels.Host;
using Neuro.OpenClKernels.Patterns;

namespace Neuro.OpenClKernels;

/// <summary>
/// The OpenCL device the tests run on (device <c>NEURO_OPENCL_DEVICE</c> of <c>neuro devices</c>' list, default 0), and batches shared by every test of the run so each define set is
/// compiled once. The no-device policy (STYLE.md 6): outside CI a test without a device is skipped with the reason
/// (<see cref="OpenClFactAttribute"/>); with <c>CI</c> set it runs and fails here, naming the package to install. No test
/// ever falls back to the CPU model.
/// </summary>
internal static class OpenClDeviceFixture
{
    private static readonly Lazy<(OpenClDevice? Device, string? Problem)> Found = new(Find);
    private static readonly Dictionary<(int LocalSize, long? Budget), OpenClLifetimeBatch> Batches = [];
    private static readonly Lock Gate = new();

    /// <summary>
    /// Whether the tests must fail rather than skip without a device: in CI (<c>CI</c> set) and under <c>./test.sh</c>
    /// (<c>NEURO_REQUIRE_OPENCL</c> set), which installs PoCL first, so a missing device there is a defect, not a skip.
    /// </summary>
    internal static bool InCi =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))
        || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NEURO_REQUIRE_OPENCL"));

    /// <summary>Why there is no device, or null when there is one.</summary>
    internal static string? Problem => Found.Value.Problem;

    /// <summary>The device; throws (failing the test) when there is none.</summary>
    internal static OpenClDevice Device => Found.Value.Device
        ?? throw new InvalidOperationException($"No OpenCL device for the bit-exact tests ({Found.Value.Problem}); CI installs pocl-opencl-icd (see test.sh)");

    /// <summary>A batch on <see cref="Device"/> with these settings, shared across tests.</summary>
    internal static OpenClLifetimeBatch Batch(int localSize, long? memoryBudget = null)
    {
        lock (Gate)
        {
            if (!Batches.TryGetValue((localSize, memoryBudget), out var batch))
            {
                batch = new OpenClLifetimeBatch(Device, new OpenClBatchSettings { LocalSize = localSize, MemoryBudgetBytes = memoryBudget });
                Batches[(localSize, memoryBudget)] = batch;
            }

            return batch;
        }
    }

    /// <summary>The environment variable naming the device by its index in <c>neuro devices</c>' list.</summary>
    internal const string DeviceVariable = "NEURO_OPENCL_DEVICE";

    /// <summary>The device number asked for by <see cref="DeviceVariable"/> (0 when unset), or null when it is not one.</summary>
    internal static int? RequestedIndex
    {
        get
        {
            string? chosen = Environment.GetEnvironmentVariable(DeviceVariable);
            if (string.IsNullOrEmpty(chosen))
            {
                return 0;
            }

            return int.TryParse(chosen, System.Globalization.CultureInfo.InvariantCulture, out int index) && index >= 0 ? index : null;
        }
    }

    private static (OpenClDevice?, string?) Find()
    {
        string? chosen = Environment.GetEnvironmentVariable(DeviceVariable);
        if (RequestedIndex is not { } index)
        {
            return (null, $"{DeviceVariable}='{chosen}' is not a device number (see 'neuro devices')");
        }

        try
        {
            var devices = OpenClPlatforms.Devices();
            if (devices.Count == 0)
            {
                return (null, "no OpenCL platform or device found; install pocl-opencl-icd (Debian) or a GPU driver's ICD");
            }

            return index < devices.Count
                ? (devices[index], null)
                : (null, $"{DeviceVariable}={index}, but there are only {devices.Count} OpenCL device(s) (see 'neuro devices')");
        }
        catch (OpenClException e)
        {
            return (null, e.Message);
        }
    }
}
