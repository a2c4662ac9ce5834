using Neuro.OpenClKernels.Patterns;
using Xunit;

namespace Neuro.OpenClKernels.Host;

public sealed class OpenClPlatformsTests
{
    [OpenClFact]
    public void Devices_ListsTheDeviceWithItsProperties()
    {
        var device = OpenClDeviceFixture.Device;
        Assert.Equal(OpenClDeviceFixture.RequestedIndex, device.Index);
        Assert.False(string.IsNullOrWhiteSpace(device.Name));
        Assert.True(device.ComputeUnits >= 1);
        Assert.True(device.GlobalMemoryBytes > 0);
        Assert.True(device.MaxAllocationBytes > 0);
        Assert.StartsWith("OpenCL ", device.Version, StringComparison.Ordinal);
        Assert.Contains(OpenClPlatforms.List(), p => p.Devices.Contains(device));
    }

    [OpenClFact]
    public void Device_IndexOutOfRange_ThrowsNamingTheRange()
    {
        int count = OpenClPlatforms.Devices().Count;
        var e = Assert.Throws<OpenClException>(() => OpenClPlatforms.Device(count + 5));
        Assert.Equal($"There is no OpenCL device {count + 5}: {count} device(s) found, numbered 0..{count - 1} (see 'neuro devices')", e.Message);
        Assert.Throws<OpenClException>(() => OpenClPlatforms.Device(-1));
    }

    [OpenClFact]
    public void Build_SyntaxError_ThrowsWithTheBuildLog()
    {
        using var context = new ClContext(OpenClDeviceFixture.Device);
        var e = Assert.Throws<OpenClException>(() => context.Build("__kernel void broken(__global int* x) { x[0] = undeclared_name; }", ""));
        Assert.Equal("clBuildProgram", e.Api);
        Assert.Equal(-11, e.ErrorCode);
        Assert.StartsWith("clBuildProgram failed: CL_BUILD_PROGRAM_FAILURE (-11); build log:", e.Message, StringComparison.Ordinal);
        Assert.Contains("undeclared_name", e.BuildLog, StringComparison.Ordinal);
    }

    [OpenClFact]
    public void Build_KernelWithoutItsDefines_FailsWithTheKernelsOwnError()
    {
        using var context = new ClContext(OpenClDeviceFixture.Device);
        var e = Assert.Throws<OpenClException>(() => context.Build(OpenClLifetimeBatch.KernelSource, ""));
        Assert.Contains("N, V, M, K, ROUNDS and LOCAL_SIZE must be defined", e.BuildLog, StringComparison.Ordinal);
    }
}
