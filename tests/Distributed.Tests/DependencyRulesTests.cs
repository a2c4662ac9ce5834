using Xunit;

namespace Neuro.Distributed;

public sealed class DependencyRulesTests
{
    /// <summary>DESIGN.md §1: Distributed knows rules and evaluator interfaces only; what runs a lifetime is injected.</summary>
    [Fact]
    public void Project_ReferencesOnlyWhatTheDesignAllows()
    {
        Assert.Equal(["Rules"], ProjectDependencies.Of("Distributed"));
    }
}
