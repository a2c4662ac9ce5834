using Xunit;

namespace Neuro.Cli;

public sealed class DependencyRulesTests
{
    /// <summary>DESIGN.md §1: the app wires everything.</summary>
    [Fact]
    public void Project_ReferencesOnlyWhatTheDesignAllows()
    {
        Assert.Equal(["Distributed", "FixedPointSim", "OpenClKernels", "RtlExport", "Rules"], ProjectDependencies.Of("Cli"));
    }
}
