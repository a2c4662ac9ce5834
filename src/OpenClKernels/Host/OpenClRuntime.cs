using Silk.NET.OpenCL;

namespace Neuro.OpenClKernels.Host;

/// <summary>The OpenCL API, loaded once from the ICD loader (<c>libOpenCL.so.1</c> on Linux, <c>OpenCL.dll</c> on Windows).</summary>
internal static class OpenClRuntime
{
    /// <summary>What to install when there is no loader or no platform (Debian and Ubuntu package names).</summary>
    internal const string InstallHint =
        "install an OpenCL loader and driver, e.g. on Debian/Ubuntu 'apt-get install ocl-icd-libopencl1 pocl-opencl-icd' (PoCL, a CPU device), or your GPU vendor's OpenCL ICD";

    private static readonly Lazy<CL> Loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The API; throws <see cref="OpenClException"/> naming the packages to install when no loader is found.</summary>
    internal static CL Api => Loaded.Value;

    private static CL Load()
    {
        try
        {
            return CL.GetApi();
        }
#pragma warning disable CA1031 // Silk.NET reports a missing native library with several exception types; all mean the same here.
        catch (Exception e)
#pragma warning restore CA1031
        {
            throw new OpenClException($"No OpenCL loader (libOpenCL.so.1) could be loaded ({e.Message}); {InstallHint}", e);
        }
    }
}
