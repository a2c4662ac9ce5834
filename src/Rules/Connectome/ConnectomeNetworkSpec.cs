using System.Collections.Immutable;

namespace Neuro.Rules.Connectome;

/// <summary>
/// The fixed structure of a connectome network: neurons, motor muscles, which synapses exist, the inputs, the threshold
/// and the weight grid. The weights themselves are a <see cref="ConnectomeWeights"/>, laid out as the genome: one gene per
/// chemical synapse (in <see cref="Chemical"/> order), then one per gap junction (in <see cref="GapJunctions"/> order),
/// each in weight units.
/// </summary>
/// <remarks>
/// A gap junction is one gene that acts in both directions, so evolution keeps it symmetric. Chemical synapses onto
/// muscles outside the motor rows are left out: nothing reads those muscles, so their weights could not matter.
/// </remarks>
public sealed class ConnectomeNetworkSpec
{
    /// <summary>Builds a spec; node indices below the neuron count are neurons, the rest muscles in <paramref name="muscles"/> order.</summary>
    /// <param name="neurons">Neuron names, distinct.</param>
    /// <param name="muscles">Motor muscles and the output each feeds.</param>
    /// <param name="chemical">Chemical synapses from a neuron to a neuron or muscle, at most one per (pre, post).</param>
    /// <param name="gapJunctions">Gap junctions between distinct neurons, <c>A &lt; B</c>, at most one per pair.</param>
    /// <param name="settings">Threshold, weight grid and the names of the input neurons (missing names are an error).</param>
    /// <exception cref="ArgumentException">An index is out of range, a synapse repeats, an input neuron is missing, or the
    /// threshold is not a positive multiple of <c>2^-FractionBits</c>.</exception>
    public ConnectomeNetworkSpec(
        IReadOnlyList<string> neurons,
        IReadOnlyList<(string Name, MuscleSide Side)> muscles,
        IReadOnlyList<ChemicalSynapse> chemical,
        IReadOnlyList<GapJunction> gapJunctions,
        ConnectomeNetworkSettings settings)
    {
        ArgumentNullException.ThrowIfNull(neurons);
        ArgumentNullException.ThrowIfNull(muscles);
        ArgumentNullException.ThrowIfNull(chemical);
        ArgumentNullException.ThrowIfNull(gapJunctions);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.FractionBits is < 0 or > 16)
        {
            throw new ArgumentException($"FractionBits must be 0..16, not {settings.FractionBits}", nameof(settings));
        }

        double threshold = Math.ScaleB(settings.Threshold, settings.FractionBits);
        if (!(threshold >= 1) || threshold != Math.Floor(threshold) || threshold > int.MaxValue)
        {
            throw new ArgumentException($"Threshold must be a positive multiple of 2^-{settings.FractionBits}, not {settings.Threshold}", nameof(settings));
        }

        Settings = settings;
        Neurons = [.. neurons];
        MuscleNames = [.. muscles.Select(m => m.Name)];
        MuscleSides = [.. muscles.Select(m => m.Side)];
        ThresholdRaw = (long)threshold;
        if (Neurons.Distinct(StringComparer.Ordinal).Count() != Neurons.Length)
        {
            throw new ArgumentException("Neuron names must be distinct", nameof(neurons));
        }

        int nodes = Neurons.Length + MuscleNames.Length;
        var pairs = new HashSet<(int, int)>();
        foreach (var s in chemical)
        {
            if (s.Pre < 0 || s.Pre >= Neurons.Length || s.Post < 0 || s.Post >= nodes || s.Sign is not (1 or -1) || s.Count < 0)
            {
                throw new ArgumentException($"Chemical synapse {s} is out of range: pre must be a neuron (0..{Neurons.Length - 1}), post a node (0..{nodes - 1}), sign ±1, count ≥ 0", nameof(chemical));
            }

            if (!pairs.Add((s.Pre, s.Post)))
            {
                throw new ArgumentException($"Chemical synapse {s.Pre} -> {s.Post} is listed twice", nameof(chemical));
            }
        }

        pairs.Clear();
        foreach (var g in gapJunctions)
        {
            if (g.A < 0 || g.A >= g.B || g.B >= Neurons.Length || g.Count < 0)
            {
                throw new ArgumentException($"Gap junction {g} is out of range: 0 ≤ A < B < {Neurons.Length}, count ≥ 0", nameof(gapJunctions));
            }

            if (!pairs.Add((g.A, g.B)))
            {
                throw new ArgumentException($"Gap junction {g.A} -- {g.B} is listed twice", nameof(gapJunctions));
            }
        }

        Chemical = [.. chemical];
        GapJunctions = [.. gapJunctions];
        TouchInputs = Resolve(settings.TouchNeurons, "touch");
        FoodInputs = Resolve(settings.FoodNeurons, "food");
        FoodLeftInputs = [.. FoodInputs.Where(i => Neurons[i].EndsWith('L'))];
        FoodRightInputs = [.. FoodInputs.Where(i => Neurons[i].EndsWith('R'))];
    }

    /// <summary>The settings the spec was built with.</summary>
    public ConnectomeNetworkSettings Settings { get; }

    /// <summary>Neuron names; node <c>i</c> below <see cref="NeuronCount"/> is neuron <c>i</c>.</summary>
    public ImmutableArray<string> Neurons { get; }

    /// <summary>Neurons, the nodes that can fire.</summary>
    public int NeuronCount => Neurons.Length;

    /// <summary>Motor muscles; node <c>NeuronCount + k</c> is muscle <c>k</c>.</summary>
    public ImmutableArray<string> MuscleNames { get; }

    /// <summary>The output each muscle feeds.</summary>
    public ImmutableArray<MuscleSide> MuscleSides { get; }

    /// <summary>Chemical synapses: the first <see cref="ChemicalCount"/> genes.</summary>
    public ImmutableArray<ChemicalSynapse> Chemical { get; }

    /// <summary>Gap junctions: the genes after the chemical ones.</summary>
    public ImmutableArray<GapJunction> GapJunctions { get; }

    /// <summary>Chemical genes.</summary>
    public int ChemicalCount => Chemical.Length;

    /// <summary>Genes (weights): chemical synapses, then gap junctions.</summary>
    public int GeneCount => Chemical.Length + GapJunctions.Length;

    /// <summary>The firing threshold in raw units, <c>Threshold·2^FractionBits</c>.</summary>
    public long ThresholdRaw { get; }

    /// <summary>Fraction bits of the weight grid.</summary>
    public int FractionBits => Settings.FractionBits;

    /// <summary>Neurons stimulated by a touch.</summary>
    public ImmutableArray<int> TouchInputs { get; }

    /// <summary>Neurons stimulated by food.</summary>
    public ImmutableArray<int> FoodInputs { get; }

    /// <summary>The food neurons whose names end in <c>L</c> (left side).</summary>
    public ImmutableArray<int> FoodLeftInputs { get; }

    /// <summary>The food neurons whose names end in <c>R</c> (right side).</summary>
    public ImmutableArray<int> FoodRightInputs { get; }

    /// <summary>The name of node <paramref name="node"/> (a neuron or a muscle).</summary>
    public string NodeName(int node) => node < NeuronCount ? Neurons[node] : MuscleNames[node - NeuronCount];

    /// <summary>The biological weights in gene order: <c>Sign·Count</c> per chemical synapse, <c>Count</c> per gap junction.</summary>
    public double[] BiologicalGenes()
    {
        var genes = new double[GeneCount];
        for (int k = 0; k < Chemical.Length; k++)
        {
            genes[k] = Chemical[k].Weight;
        }

        for (int k = 0; k < GapJunctions.Length; k++)
        {
            genes[Chemical.Length + k] = GapJunctions[k].Count;
        }

        return genes;
    }

    /// <summary>The network on <paramref name="graph"/>: all its neurons, its synapses, and the muscles of the motor rows.</summary>
    /// <exception cref="ArgumentException">An input neuron of <paramref name="settings"/> is not in the graph, or a setting is invalid.</exception>
    public static ConnectomeNetworkSpec FromGraph(ConnectomeGraph graph, ConnectomeNetworkSettings settings)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.FirstMuscleRow > settings.LastMuscleRow)
        {
            throw new ArgumentException($"FirstMuscleRow {settings.FirstMuscleRow} is after LastMuscleRow {settings.LastMuscleRow}", nameof(settings));
        }

        var neurons = graph.Nodes.Take(graph.NeuronCount).ToList();
        var muscles = new List<(string, MuscleSide)>();
        var muscleNode = new Dictionary<int, int>();
        for (int node = graph.NeuronCount; node < graph.Nodes.Length; node++)
        {
            string name = graph.Nodes[node];
            int row = int.Parse(name[5..], System.Globalization.CultureInfo.InvariantCulture);
            if (row >= settings.FirstMuscleRow && row <= settings.LastMuscleRow)
            {
                muscleNode[node] = neurons.Count + muscles.Count;
                muscles.Add((name, name[4] == 'L' ? MuscleSide.Left : MuscleSide.Right));
            }
        }

        var chemical = new List<ChemicalSynapse>();
        foreach (var s in graph.Chemical)
        {
            if (s.Post < graph.NeuronCount)
            {
                chemical.Add(s);
            }
            else if (muscleNode.TryGetValue(s.Post, out int post))
            {
                chemical.Add(s with { Post = post });
            }
        }

        return new ConnectomeNetworkSpec(neurons, muscles, chemical, graph.GapJunctions, settings);
    }

    private ImmutableArray<int> Resolve(ImmutableArray<string> names, string what)
    {
        var indices = new List<int>();
        foreach (string name in names)
        {
            int i = Neurons.IndexOf(name);
            indices.Add(i >= 0 ? i : throw new ArgumentException($"The {what} input neuron '{name}' is not in the network", nameof(names)));
        }

        return [.. indices];
    }
}
