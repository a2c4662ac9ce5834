using Xunit;

namespace Neuro.Rules.Foraging;

public sealed class FoodLayoutTests
{
    private static readonly ForagingSettings Settings = new();
    private static readonly ArenaPoint Centre = new(800, 600);

    [Theory]
    [InlineData(FoodPattern.Random)]
    [InlineData(FoodPattern.Grid)]
    [InlineData(FoodPattern.Clusters)]
    [InlineData(FoodPattern.Square)]
    [InlineData(FoodPattern.Circle)]
    [InlineData(FoodPattern.Triangle)]
    public void Generate_Places36ItemsInTheArena(FoodPattern pattern)
    {
        var food = FoodLayout.Generate(pattern, Settings, 1);
        Assert.Equal(36, food.Length);
        Assert.All(food, p => Assert.True(p.X >= 0 && p.X <= 1600 && p.Y >= 0 && p.Y <= 1200));
    }

    [Fact]
    public void Generate_FollowsTheGeometryOfEachPattern()
    {
        var grid = FoodLayout.Generate(FoodPattern.Grid, Settings, 1);
        Assert.Equal(new ArenaPoint(1600.0 / 7, 1200.0 / 7), grid[0]);
        Assert.Equal(new ArenaPoint(6 * (1600.0 / 7), 6 * (1200.0 / 7)), grid[^1]);
        Assert.All(FoodLayout.Generate(FoodPattern.Circle, Settings, 1), p => Assert.Equal(300, p.DistanceTo(Centre), 9));
        var square = FoodLayout.Generate(FoodPattern.Square, Settings, 1);
        Assert.Equal(new ArenaPoint(500, 300), square[0]);
        Assert.Equal(new ArenaPoint(1100, 300), square[8]); // the corner ends side 0 and starts side 1 (doubled)
        Assert.Equal(new ArenaPoint(1100, 300), square[9]);
        Assert.All(square, p => Assert.True(Math.Abs(p.X - 800) == 300 || Math.Abs(p.Y - 600) == 300));
        var triangle = FoodLayout.Generate(FoodPattern.Triangle, Settings, 1);
        Assert.Equal(new ArenaPoint(800, 900), triangle[0]);
        Assert.Equal(0, triangle[^1].DistanceTo(new ArenaPoint(800, 900)), 9); // p = 1 returns to the top vertex
        Assert.All(FoodLayout.Generate(FoodPattern.Random, Settings, 1), p => Assert.True(p.DistanceTo(Centre) >= 400));
        var clusters = FoodLayout.Generate(FoodPattern.Clusters, Settings, 1);
        Assert.All(clusters.Take(9), p => Assert.True(Math.Abs(p.X - 800) <= 50 && Math.Abs(p.Y - 300) <= 50));
    }

    [Fact]
    public void Generate_RandomLayoutsDependOnlyOnTheSeed()
    {
        Assert.Equal(FoodLayout.Generate(FoodPattern.Random, Settings, 7).ToArray(), FoodLayout.Generate(FoodPattern.Random, Settings, 7).ToArray());
        Assert.NotEqual(FoodLayout.Generate(FoodPattern.Random, Settings, 7).ToArray(), FoodLayout.Generate(FoodPattern.Random, Settings, 8).ToArray());
        Assert.NotEqual(FoodLayout.Generate(FoodPattern.Clusters, Settings, 7).ToArray(), FoodLayout.Generate(FoodPattern.Clusters, Settings, 8).ToArray());
        Assert.Equal(FoodLayout.Generate(FoodPattern.Square, Settings, 7).ToArray(), FoodLayout.Generate(FoodPattern.Square, Settings, 8).ToArray());
    }
}
