using System.Collections.Immutable;

namespace Neuro.Rules.Foraging;

/// <summary>
/// The foraging task of the paper's code (<c>WormSimulationEnv</c>, <c>c_worm.move</c>): arena, food, rewards, kinematics
/// and lifetime. Distances are pixels, one step is one tick. Vary with <c>with</c>.
/// </summary>
public sealed record ForagingSettings
{
    /// <summary>Arena width W. Default 1600.</summary>
    public double Width { get; init; } = 1600;

    /// <summary>Arena height H. Default 1200.</summary>
    public double Height { get; init; } = 1200;

    /// <summary>Ticks per lifetime. Default 250.</summary>
    public int Ticks { get; init; } = 250;

    /// <summary>Food items per layout. Default 36.</summary>
    public int FoodCount { get; init; } = 36;

    /// <summary>The layouts a fitness evaluation runs, one lifetime each, rewards summed. Default square and triangle (the paper's training patterns 3 and 5).</summary>
    public ImmutableArray<FoodPattern> Patterns { get; init; } = [FoodPattern.Square, FoodPattern.Triangle];

    /// <summary>An item closer than this is eaten (and rewarded), strictly. Default 20.</summary>
    public double EatRadius { get; init; } = 20;

    /// <summary>Reward for eating an item. Default 30.</summary>
    public double EatReward { get; init; } = 30;

    /// <summary>Food within this distance is sensed (≤) and earns a proximity reward (&lt;). Default 150.</summary>
    public double VisionRange { get; init; } = 150;

    /// <summary>The proximity reward of an item at distance d is <c>max(0, (range − d)/range)/ProximityDivisor</c> a tick. Default 30.</summary>
    public double ProximityDivisor { get; init; } = 30;

    /// <summary>The nose touches a wall when the distance to the nearest wall d satisfies <c>0 &lt; d &lt; TouchDistance</c>. Default 100.</summary>
    public double TouchDistance { get; init; } = 100;

    /// <summary>Turning: the heading changes by <c>(right − left)/WheelBase</c> radians a tick. Default 10.</summary>
    public double WheelBase { get; init; } = 10;

    /// <summary>Speed: <c>clamp(|left| + |right|, MinDrive, MaxDrive)/SpeedDivisor</c> px a tick. Default 75.</summary>
    public double MinDrive { get; init; } = 75;

    /// <summary>The upper clamp of the drive. Default 150.</summary>
    public double MaxDrive { get; init; } = 150;

    /// <summary>The divisor of the drive. Default 7.</summary>
    public double SpeedDivisor { get; init; } = 7;

    /// <summary>The random pattern keeps items at least this far from the centre. Default 400.</summary>
    public double RandomMinDistance { get; init; } = 400;

    /// <summary>The cluster pattern's offsets are uniform in ±ClusterSpread on each axis. Default 50.</summary>
    public double ClusterSpread { get; init; } = 50;

    /// <summary>How food stimulates the chemosensory neurons. Default <see cref="SensingMode.Presence"/> (the paper's).</summary>
    public SensingMode Sensing { get; init; } = SensingMode.Presence;

    /// <summary>The problem with these settings, or null when they are valid.</summary>
    public string? Problem =>
        !(Width > 0 && Height > 0 && double.IsFinite(Width) && double.IsFinite(Height)) ? $"The arena must have a positive finite size, not {Width} × {Height}"
        : Ticks < 1 ? $"Ticks must be at least 1, not {Ticks}"
        : FoodCount < 4 ? $"FoodCount must be at least 4, not {FoodCount}"
        : Patterns.IsDefaultOrEmpty ? "Patterns must name at least one food pattern"
        : Patterns.Any(p => !Enum.IsDefined(p)) ? "Patterns holds an unknown food pattern"
        : !(EatRadius >= 0 && VisionRange > 0 && ProximityDivisor > 0 && WheelBase > 0 && SpeedDivisor > 0 && MinDrive >= 0 && MaxDrive >= MinDrive) ? "Radii, divisors and drives must be positive (EatRadius and MinDrive may be 0; MaxDrive ≥ MinDrive)"
        : null;
}
