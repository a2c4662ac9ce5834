using Xunit;

namespace Neuro.Rules;

public sealed class DependencyRulesTests
{
    /// <summary>DESIGN.md §1: Rules knows nothing of fixed point; fitness reaches it through evaluator interfaces.</summary>
    [Fact]
    public void Project_ReferencesOnlyWhatTheDesignAllows()
    {
        Assert.Equal([], ProjectDependencies.Of("Rules"));
    }
}
