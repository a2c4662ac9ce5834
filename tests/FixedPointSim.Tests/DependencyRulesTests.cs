using Xunit;

namespace Neuro.FixedPointSim;

public sealed class DependencyRulesTests
{
    /// <summary>DESIGN.md §1: the golden model references Rules (the specs of the networks it makes fixed-point) and nothing else.</summary>
    [Fact]
    public void Project_ReferencesOnlyWhatTheDesignAllows()
    {
        Assert.Equal(["Rules"], ProjectDependencies.Of("FixedPointSim"));
    }
}
