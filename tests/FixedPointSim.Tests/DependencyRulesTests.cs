using Xunit;

namespace Neuro.FixedPointSim;

public sealed class DependencyRulesTests
{
    /// <summary>DESIGN.md §1: the golden model stands alone until fixed-point networks arrive (then it gains Rules).</summary>
    [Fact]
    public void Project_ReferencesOnlyWhatTheDesignAllows()
    {
        Assert.Equal([], ProjectDependencies.Of("FixedPointSim"));
    }
}
