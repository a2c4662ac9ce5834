using Xunit;

namespace Neuro.RtlExport;

public sealed class DependencyRulesTests
{
    /// <summary>DESIGN.md §1: emitters render the golden model's formats and vectors.</summary>
    [Fact]
    public void Project_ReferencesOnlyWhatTheDesignAllows()
    {
        Assert.Equal(["FixedPointSim"], ProjectDependencies.Of("RtlExport"));
    }
}
