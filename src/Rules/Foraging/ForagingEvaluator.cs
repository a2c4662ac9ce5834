using System.Collections.Immutable;
using Neuro.Rules.Connectome;
using Neuro.Rules.Evolution;

namespace Neuro.Rules.Foraging;

/// <summary>
/// Scores connectome weights on the foraging task: one lifetime per food layout, rewards summed. The layouts are fixed
/// when the evaluator is made (the random ones from the task's food seed), so the fitness does not depend on the
/// <see cref="EvaluationContext"/>: every candidate of every generation is judged on the same food.
/// </summary>
/// <remarks>Holds a <see cref="FastConnectomeNetwork"/> and the world's buffers, so parallel evaluation needs one instance per thread.</remarks>
public sealed class ForagingEvaluator : IRuleEvaluator<ConnectomeWeights>
{
    private readonly IConnectomeNetwork _network;
    private readonly ForagingWorld _world;
    private readonly ImmutableArray<ImmutableArray<ArenaPoint>> _layouts;

    /// <summary>An evaluator running <paramref name="layouts"/> with <paramref name="settings"/> on a network of <paramref name="spec"/>.</summary>
    public ForagingEvaluator(ConnectomeNetworkSpec spec, ForagingSettings settings, ImmutableArray<ImmutableArray<ArenaPoint>> layouts)
        : this(new FastConnectomeNetwork(spec), settings, layouts)
    {
    }

    /// <summary>An evaluator on a given network implementation (for tests and benchmarks).</summary>
    public ForagingEvaluator(IConnectomeNetwork network, ForagingSettings settings, ImmutableArray<ImmutableArray<ArenaPoint>> layouts)
    {
        _network = network ?? throw new ArgumentNullException(nameof(network));
        _world = new ForagingWorld(settings);
        _layouts = layouts.IsDefaultOrEmpty ? throw new ArgumentException("At least one food layout is needed", nameof(layouts)) : layouts;
    }

    /// <inheritdoc/>
    public bool IsDeterministic => true;

    /// <inheritdoc/>
    public bool EvaluatorsHaveState => true;

    /// <inheritdoc/>
    public Fitness Evaluate(ConnectomeWeights rule, EvaluationContext context) => new(Run(rule));

    /// <summary>The summed reward of one lifetime per layout; <paramref name="traces"/>, when given, gets one trace per layout.</summary>
    public double Run(ConnectomeWeights weights, List<ForagingTrace>? traces = null)
    {
        ArgumentNullException.ThrowIfNull(weights);
        _network.Load(weights);
        double total = 0;
        foreach (var layout in _layouts)
        {
            ForagingTrace? trace = traces is null ? null : new ForagingTrace();
            total += _world.Run(_network, layout, trace);
            if (trace is not null)
            {
                traces!.Add(trace);
            }
        }

        return total;
    }
}
