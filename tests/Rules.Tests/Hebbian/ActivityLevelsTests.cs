using Xunit;

namespace Neuro.Rules.Hebbian;

public sealed class ActivityLevelsTests
{
    [Fact]
    public void CentreAndLevel_AreInverseAtTheCentres()
    {
        var levels = new ActivityLevels(4);
        Assert.Equal(16, levels.Count);
        for (int l = 0; l < levels.Count; l++)
        {
            Assert.Equal(l, levels.Level(levels.Centre(l)));
        }

        Assert.Equal(0.0, levels.Centre(0));
        Assert.Equal(1.0, levels.Centre(15));
    }

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(1.0 / 30, 1)] // exactly half a step: rounds up
    [InlineData(1.0 / 30 - 1e-9, 0)]
    [InlineData(-3, 0)]
    [InlineData(7, 15)]
    public void Level_IsTheNearestLevelClamped(double value, int expected)
    {
        Assert.Equal(expected, new ActivityLevels(4).Level(value));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(17)]
    public void Constructor_RejectsBitsOutsideOneToSixteen(int bits)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new ActivityLevels(bits));
        Assert.StartsWith($"Activity bits must be 1..16, not {bits}", e.Message, StringComparison.Ordinal);
    }
}
