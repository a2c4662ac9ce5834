namespace Neuro.Rules.Foraging;

/// <summary>What a lifetime did, tick by tick: for plots and tests. <see cref="ForagingWorld.Run"/> fills it.</summary>
public sealed class ForagingTrace
{
    /// <summary>The food layout the lifetime ran on.</summary>
    public IReadOnlyList<ArenaPoint> Food { get; internal set; } = [];

    /// <summary>The state before the first tick, then after each tick.</summary>
    public List<WormState> States { get; } = [];

    /// <summary>The raw motor sums of each tick.</summary>
    public List<Connectome.MotorOutput> Motor { get; } = [];

    /// <summary>The reward of each tick.</summary>
    public List<double> Rewards { get; } = [];

    /// <summary>(tick, food index) of every item eaten; ticks count from 1.</summary>
    public List<(int Tick, int Food)> Eaten { get; } = [];

    /// <summary>The input stimulated in each tick.</summary>
    public List<ForagingInput> Inputs { get; } = [];
}
