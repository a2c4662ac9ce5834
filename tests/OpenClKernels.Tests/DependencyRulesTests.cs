using Xunit;

namespace Neuro.OpenClKernels;

public sealed class DependencyRulesTests
{
    /// <summary>DESIGN.md §1: kernels compute the same integers as the golden model.</summary>
    [Fact]
    public void Project_ReferencesOnlyWhatTheDesignAllows()
    {
        Assert.Equal(["FixedPointSim"], ProjectDependencies.Of("OpenClKernels"));
    }
}
