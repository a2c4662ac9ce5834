using Neuro.Rules.Connectome;
using Xunit;

namespace Neuro.Rules.Foraging;

public sealed class ForagingWorldTests
{
    /// <summary>A network whose motor sums are always 0 (no muscles are wired): the worm drives straight along +x at 75/7 px a tick.</summary>
    private static FastConnectomeNetwork Idle()
    {
        var spec = new ConnectomeNetworkSpec(["ADFL", "ADFR"], [], [], [], new ConnectomeNetworkSettings { FractionBits = 0, TouchNeurons = [], FoodNeurons = ["ADFL", "ADFR"] });
        var network = new FastConnectomeNetwork(spec);
        network.Load(ConnectomeWeights.Biological(spec));
        return network;
    }

    private const double Step = 75.0 / 7;

    [Fact]
    public void Run_RewardsProximityAndEatingAsHandComputed()
    {
        var settings = new ForagingSettings { Ticks = 5, FoodCount = 4 };
        // Straight along y = 600 from x = 800: after tick t the worm is at 800 + t·Step.
        ArenaPoint far = new(800 + (3 * Step) + 5, 600);   // 5 px past tick 3's position
        ArenaPoint side = new(800 + Step, 600 + 100);      // level with tick 1, 100 px above
        var trace = new ForagingTrace();
        double total = new ForagingWorld(settings).Run(Idle(), [far, side], trace);

        double Proximity(double d) => d < 150 ? (150 - d) / 150 / 30 : 0;
        double Dist(int tick, ArenaPoint p) => new ArenaPoint(800 + (tick * Step), 600).DistanceTo(p);
        Assert.Equal(2 * Step + 5, Dist(1, far), 12); // 26.4 px: not yet eaten
        Assert.Equal(Step + 5, Dist(2, far), 12);     // 15.7 px < 20: eaten at tick 2, rewarded in that tick, gone after
        double[] expected =
        [
            Proximity(Dist(1, side)) + Proximity(Dist(1, far)),
            Proximity(Dist(2, side)) + Proximity(Dist(2, far)) + 30,
            Proximity(Dist(3, side)),
            Proximity(Dist(4, side)),
            Proximity(Dist(5, side)),
        ];
        // Positions accumulate Step tick by tick in the world but are t·Step here, so compare to 12 decimals.
        Assert.Equal(expected.Length, trace.Rewards.Count);
        Assert.All(expected.Zip(trace.Rewards), p => Assert.Equal(p.First, p.Second, 12));
        Assert.Equal(expected.Sum(), total, 12);
        Assert.Equal([(2, 0)], trace.Eaten);
    }

    [Fact]
    public void Run_SensesFoodAfterTheMoveAndTouchesNearAWall()
    {
        var settings = new ForagingSettings { Ticks = 80, FoodCount = 4 };
        ArenaPoint item = new(800 + (2 * Step), 600 + 149.9); // within 150 after tick 2 only (149.9; 150.28 after ticks 1 and 3)
        var trace = new ForagingTrace();
        new ForagingWorld(settings).Run(Idle(), [item], trace);
        Assert.Equal(ForagingInput.None, trace.Inputs[0]); // the first tick never senses
        Assert.Equal(ForagingInput.None, trace.Inputs[1]);
        Assert.Equal(ForagingInput.Food, trace.Inputs[2]); // sensed at the end of tick 2
        Assert.Equal(ForagingInput.None, trace.Inputs[3]);
        // The wall at x = 1600 is nearer than 100 px once x > 1500, after tick ⌈700/Step⌉ = 66; at x = 1600 (clamped) d = 0: no touch.
        int firstTouch = trace.Inputs.IndexOf(ForagingInput.Touch);
        Assert.Equal(66, firstTouch); // tick 67 starts at x = 800 + 66·Step = 1507.1
        Assert.Equal(1600, trace.States[^1].Position.X);
        Assert.Equal(ForagingInput.None, trace.Inputs[^1]);
    }

    /// <summary>
    /// ADFL and ADFR drive the muscles with weight 2 (0.2 rad a tick); <paramref name="crossed"/> wires the left sensor to
    /// the right muscles (turn left) and vice versa, else each to its own side.
    /// </summary>
    private static FastConnectomeNetwork Steering(bool crossed)
    {
        var spec = new ConnectomeNetworkSpec(
            ["ADFL", "ADFR"],
            [("mL", MuscleSide.Left), ("mR", MuscleSide.Right)],
            [new ChemicalSynapse(0, crossed ? 3 : 2, 2, 1), new ChemicalSynapse(1, crossed ? 2 : 3, 2, 1)],
            [],
            new ConnectomeNetworkSettings { FractionBits = 0, TouchNeurons = [], FoodNeurons = ["ADFL", "ADFR"] });
        var network = new FastConnectomeNetwork(spec);
        network.Load(ConnectomeWeights.Biological(spec));
        return network;
    }

    [Theory]
    [InlineData(120)]
    [InlineData(-120)]
    public void Run_AHandBuiltSensorMotorPathTurnsTowardFood(double offset)
    {
        // One item ahead and to the side (left for +120, right for −120), sensed from tick 1. Driving straight passes it
        // at 120 px; the crossed wiring turns the worm toward it and eats it; the uncrossed wiring turns away.
        var settings = new ForagingSettings { Ticks = 60, FoodCount = 4, Sensing = SensingMode.Lateral };
        ArenaPoint item = new(890, 600 + offset);
        var toward = new ForagingTrace();
        new ForagingWorld(settings).Run(Steering(crossed: true), [item], toward);
        var away = new ForagingTrace();
        new ForagingWorld(settings).Run(Steering(crossed: false), [item], away);
        var straight = new ForagingTrace();
        new ForagingWorld(settings).Run(Idle(), [item], straight);

        Assert.Equal(offset > 0 ? ForagingInput.FoodLeft : ForagingInput.FoodRight, toward.Inputs[1]);
        Assert.Equal(Math.Sign(offset), Math.Sign(toward.States[2].Heading)); // the first turn is toward the item
        Assert.Single(toward.Eaten);
        Assert.Empty(away.Eaten);
        Assert.Empty(straight.Eaten);
        Assert.True(toward.Rewards.Sum() > 30);
    }

    [Fact]
    public void Run_PresenceSensingStimulatesBothSides()
    {
        var settings = new ForagingSettings { Ticks = 5, FoodCount = 4 };
        var trace = new ForagingTrace();
        new ForagingWorld(settings).Run(Steering(crossed: true), [new ArenaPoint(890, 720)], trace);
        Assert.Equal(ForagingInput.Food, trace.Inputs[1]);
        Assert.Equal(new MotorOutput(2, 2), trace.Motor[1]); // both sensors: no turn
        Assert.Equal(0, trace.States[2].Heading);
    }
}
