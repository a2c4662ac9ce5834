using Neuro.Rules.Connectome;

namespace Neuro.Rules.Foraging;

/// <summary>
/// Runs one worm lifetime in the foraging arena: sense, tick the network, move, reward, eat; reusable buffers, so a
/// lifetime allocates nothing unless traced.
/// </summary>
/// <remarks>
/// <para>The worm starts at the centre facing +x with nothing sensed. Each tick: (1) the input is the touch neurons when
/// <c>0 &lt; d_wall &lt; TouchDistance</c>, else the food neurons when food was sensed, else none; (2) the network ticks
/// and its raw motor sums, divided by <c>2^FractionBits</c>, move the worm (<see cref="WormKinematics"/>); (3) the food
/// sense for the next tick is taken at the new position over the items not yet eaten (within <c>VisionRange</c>, ≤);
/// (4) each remaining item closer than <c>VisionRange</c> adds <c>(range − d)/range/ProximityDivisor</c> and each closer
/// than <c>EatRadius</c> adds <c>EatReward</c>; (5) the items closer than <c>EatRadius</c> are eaten. This is the order
/// of the paper's <c>step</c>, so food is sensed before it is eaten and the first tick senses nothing.</para>
/// </remarks>
public sealed class ForagingWorld
{
    private readonly ForagingSettings _settings;
    private readonly bool[] _eaten;

    /// <summary>A world with <paramref name="settings"/>.</summary>
    /// <exception cref="ArgumentException">The settings are invalid.</exception>
    public ForagingWorld(ForagingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings.Problem is { } problem ? throw new ArgumentException(problem, nameof(settings)) : settings;
        _eaten = new bool[settings.FoodCount];
    }

    /// <summary>The settings.</summary>
    public ForagingSettings Settings => _settings;

    /// <summary>
    /// The total reward of one lifetime of <paramref name="network"/> (reset first, weights as loaded) on <paramref name="food"/>;
    /// <paramref name="trace"/>, when given, records every tick.
    /// </summary>
    public double Run(IConnectomeNetwork network, IReadOnlyList<ArenaPoint> food, ForagingTrace? trace = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(food);
        if (food.Count > _eaten.Length)
        {
            throw new ArgumentException($"The layout has {food.Count} items; the world holds at most {_eaten.Length}", nameof(food));
        }

        var s = _settings;
        var spec = network.Spec;
        double scale = Math.ScaleB(1.0, -spec.FractionBits);
        Array.Clear(_eaten);
        network.Reset();
        var state = new WormState(new ArenaPoint(s.Width / 2, s.Height / 2), 0);
        var sense = ForagingInput.None;
        double total = 0;
        if (trace is not null)
        {
            trace.Food = [.. food];
            trace.States.Add(state);
        }

        for (int tick = 1; tick <= s.Ticks; tick++)
        {
            var p = state.Position;
            double wall = Math.Min(Math.Min(p.X, s.Width - p.X), Math.Min(p.Y, s.Height - p.Y));
            var input = wall > 0 && wall < s.TouchDistance ? ForagingInput.Touch : sense;
            var stimulated = input switch
            {
                ForagingInput.Touch => spec.TouchInputs.AsSpan(),
                ForagingInput.Food => spec.FoodInputs.AsSpan(),
                ForagingInput.FoodLeft => spec.FoodLeftInputs.AsSpan(),
                ForagingInput.FoodRight => spec.FoodRightInputs.AsSpan(),
                _ => ReadOnlySpan<int>.Empty,
            };
            var motor = network.Tick(stimulated);
            state = WormKinematics.Move(state, motor.Left * scale, motor.Right * scale, s);
            sense = Sense(state, food);
            double reward = 0;
            for (int i = 0; i < food.Count; i++)
            {
                if (_eaten[i])
                {
                    continue;
                }

                double d = state.Position.DistanceTo(food[i]);
                if (d < s.EatRadius)
                {
                    reward += s.EatReward;
                }

                if (d < s.VisionRange)
                {
                    reward += Math.Max(0, (s.VisionRange - d) / s.VisionRange) / s.ProximityDivisor;
                }
            }

            for (int i = 0; i < food.Count; i++)
            {
                if (!_eaten[i] && state.Position.DistanceTo(food[i]) < s.EatRadius)
                {
                    _eaten[i] = true;
                    trace?.Eaten.Add((tick, i));
                }
            }

            total += reward;
            if (trace is not null)
            {
                trace.Inputs.Add(input);
                trace.Motor.Add(motor);
                trace.Rewards.Add(reward);
                trace.States.Add(state);
            }
        }

        return total;
    }

    /// <summary>The food sense at <paramref name="state"/> over the items not yet eaten.</summary>
    private ForagingInput Sense(WormState state, IReadOnlyList<ArenaPoint> food)
    {
        bool left = false, right = false, any = false;
        double cos = Math.Cos(state.Heading), sin = Math.Sin(state.Heading);
        for (int i = 0; i < food.Count; i++)
        {
            if (_eaten[i] || state.Position.DistanceTo(food[i]) > _settings.VisionRange)
            {
                continue;
            }

            any = true;
            double cross = (cos * (food[i].Y - state.Position.Y)) - (sin * (food[i].X - state.Position.X));
            left |= cross >= 0;
            right |= cross <= 0;
        }

        if (!any)
        {
            return ForagingInput.None;
        }

        return _settings.Sensing == SensingMode.Presence || (left && right) ? ForagingInput.Food
            : left ? ForagingInput.FoodLeft
            : ForagingInput.FoodRight;
    }
}
