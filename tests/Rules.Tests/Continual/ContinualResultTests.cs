using System.Collections.Immutable;
using Xunit;

namespace Neuro.Rules.Continual;

public sealed class ContinualResultTests
{
    private static ImmutableArray<ImmutableArray<double>> M(params double[][] rows) => [.. rows.Select(r => r.ToImmutableArray())];

    [Fact]
    public void Metrics_TwoTasks()
    {
        // After MNIST: 0.9 on MNIST; after Fashion: 0.3 on MNIST, 0.8 on Fashion.
        var matrix = M([0.9, 0.05], [0.3, 0.8]);
        Assert.Equal(0.6, ContinualResult.Forgetting(matrix), 15);
        Assert.Equal(0.55, ContinualResult.Average(matrix), 15);
        // Incremental accuracy: (0.9 + (0.3 + 0.8)/2)/2
        Assert.Equal((0.9 + 0.55) / 2, ContinualResult.IncrementalAccuracy(matrix), 15);
    }

    [Fact]
    public void Forgetting_ThreeTasksUsesEachTasksBestEarlierAccuracy()
    {
        var matrix = M([0.5, 0, 0], [0.7, 0.6, 0], [0.4, 0.5, 0.9]);
        // Task 0: best 0.7 → 0.4 (0.3); task 1: best 0.6 → 0.5 (0.1).
        Assert.Equal(0.2, ContinualResult.Forgetting(matrix), 15);
        Assert.Equal(0, ContinualResult.Forgetting(M([0.5, 0.1])));
    }

    [Fact]
    public void Forgetting_IsNegativeWhenATaskImproves()
    {
        Assert.Equal(-0.2, ContinualResult.Forgetting(M([0.5, 0], [0.7, 0.6])), 15);
    }
}
