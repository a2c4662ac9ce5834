namespace Neuro.OpenClKernels.Host;

/// <summary>One OpenCL platform (an installed driver) and its devices.</summary>
/// <param name="Name"><c>CL_PLATFORM_NAME</c>.</param>
/// <param name="Vendor"><c>CL_PLATFORM_VENDOR</c>.</param>
/// <param name="Version"><c>CL_PLATFORM_VERSION</c>.</param>
/// <param name="Devices">Its devices, numbered across all platforms.</param>
public sealed record OpenClPlatform(string Name, string Vendor, string Version, IReadOnlyList<OpenClDevice> Devices);
