using System.Collections.Immutable;
using Neuro.Rules.Connectome;

namespace Neuro.Rules.Foraging;

/// <summary>
/// The foraging task as a library type: the connectome, the network built on it, the arena settings and the food layouts,
/// and the evaluators and decoders evolution needs. Everything a front end (the CLI, a task catalogue) has to construct
/// for <c>--task foraging</c> comes from here.
/// </summary>
public sealed class ForagingTask
{
    /// <summary>The task on <paramref name="graph"/>.</summary>
    /// <param name="graph">The loaded connectome.</param>
    /// <param name="network">How the network is built on it.</param>
    /// <param name="settings">Arena, food and kinematics.</param>
    /// <param name="foodSeed">Seed of the random and cluster layouts.</param>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public ForagingTask(ConnectomeGraph graph, ConnectomeNetworkSettings network, ForagingSettings settings, long foodSeed)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Problem is { } problem)
        {
            throw new ArgumentException(problem, nameof(settings));
        }

        Graph = graph;
        Spec = ConnectomeNetworkSpec.FromGraph(graph, network);
        Settings = settings;
        FoodSeed = foodSeed;
        Layouts = [.. settings.Patterns.Select(p => FoodLayout.Generate(p, settings, foodSeed))];
    }

    /// <summary>The task name on the command line.</summary>
    public const string Name = "foraging";

    /// <summary>Loads the connectome from <paramref name="directory"/> and builds the task.</summary>
    /// <exception cref="ConnectomeFormatException">A data file is missing or malformed.</exception>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public static ForagingTask Load(string directory, ConnectomeNetworkSettings? network = null, ForagingSettings? settings = null, long foodSeed = 1) =>
        new(ConnectomeGraph.Load(directory), network ?? new ConnectomeNetworkSettings(), settings ?? new ForagingSettings(), foodSeed);

    /// <summary>The connectome.</summary>
    public ConnectomeGraph Graph { get; }

    /// <summary>The network structure.</summary>
    public ConnectomeNetworkSpec Spec { get; }

    /// <summary>Arena, food and kinematics.</summary>
    public ForagingSettings Settings { get; }

    /// <summary>Seed of the random and cluster layouts.</summary>
    public long FoodSeed { get; }

    /// <summary>One food layout per pattern of <see cref="Settings"/>, in order.</summary>
    public ImmutableArray<ImmutableArray<ArenaPoint>> Layouts { get; }

    /// <summary>The biological weights (the untrained connectome).</summary>
    public ConnectomeWeights Biological => ConnectomeWeights.Biological(Spec);

    /// <summary>A new evaluator (one per thread).</summary>
    public ForagingEvaluator CreateEvaluator() => new(Spec, Settings, Layouts);

    /// <summary>The fitness of <paramref name="weights"/>: the rewards of one lifetime per layout, summed.</summary>
    public double Fitness(ConnectomeWeights weights) => CreateEvaluator().Run(weights);

    /// <summary>One trace per layout of a lifetime of <paramref name="weights"/>, and the fitness.</summary>
    public (double Fitness, IReadOnlyList<ForagingTrace> Traces) Trace(ConnectomeWeights weights)
    {
        var traces = new List<ForagingTrace>();
        double fitness = CreateEvaluator().Run(weights, traces);
        return (fitness, traces);
    }

    /// <summary>The weights of <paramref name="weights"/> that differ (raw) from the biological ones.</summary>
    public int EditedWeights(ConnectomeWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var biological = Biological.Raw;
        int edited = 0;
        for (int k = 0; k < biological.Length; k++)
        {
            edited += weights.Raw[k] != biological[k] ? 1 : 0;
        }

        return edited;
    }
}
