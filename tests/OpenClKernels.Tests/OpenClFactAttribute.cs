using Xunit;

namespace Neuro.OpenClKernels;

/// <summary>A fact that needs an OpenCL device: skipped with the reason outside CI when there is none, run (and failed) in CI.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OpenClFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when there is no device and <c>CI</c> is not set.</summary>
    public OpenClFactAttribute()
    {
        if (!OpenClDeviceFixture.InCi && OpenClDeviceFixture.Problem is { } problem)
        {
            Skip = $"No OpenCL device ({problem}); install pocl-opencl-icd. In CI (CI set) this test fails instead";
        }
    }
}

/// <summary>A theory that needs an OpenCL device; see <see cref="OpenClFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OpenClTheoryAttribute : TheoryAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when there is no device and <c>CI</c> is not set.</summary>
    public OpenClTheoryAttribute()
    {
        if (!OpenClDeviceFixture.InCi && OpenClDeviceFixture.Problem is { } problem)
        {
            Skip = $"No OpenCL device ({problem}); install pocl-opencl-icd. In CI (CI set) this test fails instead";
        }
    }
}
