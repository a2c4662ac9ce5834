using Xunit;

namespace Neuro.Rules.Foraging;

public sealed class WormKinematicsTests
{
    private static readonly ForagingSettings Settings = new();

    [Fact]
    public void Move_TurnsByTheMotorDifferenceAndDrivesAtTheClampedSum()
    {
        // left 10, right 30: turn (30 − 10)/10 = 2 rad; drive |10| + |30| = 40 is below 75, so the speed is 75/7.
        var next = WormKinematics.Move(new WormState(new ArenaPoint(800, 600), 0), 10, 30, Settings);
        Assert.Equal(2.0, next.Heading);
        Assert.Equal(800 + (75.0 / 7 * Math.Cos(2)), next.Position.X);
        Assert.Equal(600 + (75.0 / 7 * Math.Sin(2)), next.Position.Y);

        // left −100, right 100: drive 200 clamps to 150; turn 20 rad wraps to 20 − 6π.
        next = WormKinematics.Move(new WormState(new ArenaPoint(800, 600), 0), -100, 100, Settings);
        Assert.Equal(20 - (6 * Math.PI), next.Heading, 12);
        Assert.Equal(150.0 / 7, next.Position.DistanceTo(new ArenaPoint(800, 600)), 12);
    }

    [Fact]
    public void Move_ClampsIntoTheArena()
    {
        var next = WormKinematics.Move(new WormState(new ArenaPoint(1595, 3), -Math.PI / 2), 0, 0, Settings);
        Assert.Equal(new ArenaPoint(1595 + (75.0 / 7 * Math.Cos(-Math.PI / 2)), 0), next.Position);
        next = WormKinematics.Move(new WormState(new ArenaPoint(1595, 600), 0), 100, 100, Settings);
        Assert.Equal(1600, next.Position.X);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(Math.PI, -Math.PI)]
    [InlineData(-Math.PI, -Math.PI)]
    [InlineData(4, 4 - (2 * Math.PI))]
    [InlineData(-4, -4 + (2 * Math.PI))]
    public void Wrap_MapsIntoMinusPiToPi(double angle, double expected)
    {
        Assert.Equal(expected, WormKinematics.Wrap(angle), 12);
    }
}
