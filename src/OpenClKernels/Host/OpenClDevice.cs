namespace Neuro.OpenClKernels.Host;

/// <summary>One OpenCL device as <c>neuro devices</c> lists it; <see cref="Index"/> is what <c>--device N</c> selects.</summary>
/// <param name="Index">Position in <see cref="OpenClPlatforms.Devices"/> (platforms in loader order, then their devices).</param>
/// <param name="Platform">The platform's name.</param>
/// <param name="Name">The device's name (<c>CL_DEVICE_NAME</c>).</param>
/// <param name="Type">CPU, GPU, accelerator, custom or default (<c>CL_DEVICE_TYPE</c>).</param>
/// <param name="ComputeUnits"><c>CL_DEVICE_MAX_COMPUTE_UNITS</c>.</param>
/// <param name="GlobalMemoryBytes"><c>CL_DEVICE_GLOBAL_MEM_SIZE</c>.</param>
/// <param name="LocalMemoryBytes"><c>CL_DEVICE_LOCAL_MEM_SIZE</c>.</param>
/// <param name="MaxAllocationBytes"><c>CL_DEVICE_MAX_MEM_ALLOC_SIZE</c>: the largest single buffer.</param>
/// <param name="MaxWorkGroupSize"><c>CL_DEVICE_MAX_WORK_GROUP_SIZE</c>.</param>
/// <param name="Version">The OpenCL version the device supports (<c>CL_DEVICE_VERSION</c>, e.g. "OpenCL 3.0 PoCL …").</param>
public sealed record OpenClDevice(
    int Index,
    string Platform,
    string Name,
    string Type,
    int ComputeUnits,
    long GlobalMemoryBytes,
    long LocalMemoryBytes,
    long MaxAllocationBytes,
    int MaxWorkGroupSize,
    string Version)
{
    /// <summary>The <c>cl_device_id</c>; valid for the life of the process.</summary>
    internal nint Handle { get; init; }

    /// <summary>The <c>cl_platform_id</c> the device belongs to.</summary>
    internal nint PlatformHandle { get; init; }

    /// <summary>Whether the device is a GPU (the batch then runs work-groups of many work-items by default).</summary>
    public bool IsGpu => Type.Contains("GPU", StringComparison.Ordinal);
}
