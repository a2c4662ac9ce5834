using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Neuro.Rules.Connectome;

/// <summary>
/// The C. elegans hermaphrodite connectome as the foraging model uses it: neurons and body-wall muscles, directed signed
/// chemical synapses, and undirected gap junctions, loaded from a folder holding <c>herm_full_edgelist.csv</c>,
/// <c>neuron_classes.csv</c> and <c>Modified_celegans_db_dump.csv</c> (see <c>../shared/data/README.md</c>).
/// </summary>
/// <remarks>
/// <para><b>Names.</b> Edge-list names are trimmed (they are space-padded) and neurons are renamed to their WormAtlas
/// spelling through <c>neuron_classes.csv</c> (<c>AS01</c> → <c>AS1</c>); muscles keep their names (<c>dBWML7</c>).</para>
/// <para><b>Filter.</b> A row is kept when both ends are neurons of <c>neuron_classes.csv</c> (chemical: directed; electrical:
/// a gap junction), or when it is a chemical synapse from a neuron to a body-wall muscle (<c>[dv]BWM[LR]n</c>). Every other
/// row touches a non-neuronal end organ (pharyngeal or vulval muscles, marginal cells, <c>hyp</c>, …), is a gap junction
/// with a muscle, or joins a cell to itself, and is dropped.</para>
/// <para><b>Gap junctions.</b> The edge list lists most of them in both directions with equal weight; each unordered pair
/// of distinct neurons becomes one <see cref="GapJunction"/> whose strength is the larger of its listings (13 pairs list
/// two different weights, which differ by 1, and 6 are listed one way only).</para>
/// <para><b>Sign rule.</b> A chemical synapse is inhibitory (weight <c>−Count</c>) exactly when its presynaptic neuron has a
/// <c>Neurotransmitter</c> row <c>GABA</c> in the db dump (26 neurons: AVL, DVB, RIS, RMED/L/R/V, DD1–6, VD1–13; none of
/// them lists a second transmitter); every other chemical synapse, and every gap junction, is excitatory. This is the
/// convention of the paper's code (GABA rows negated) on the WormAtlas annotations; it ignores inhibitory glutamate and
/// acetylcholine receptors, which the data do not resolve per synapse.</para>
/// <para><b>Order.</b> Nodes are the neurons that keep at least one synapse, in <c>neuron_classes.csv</c> order, then the
/// muscles ordered by name with numbers compared as numbers. Synapses are sorted by (pre, post), gap junctions by (a, b).</para>
/// </remarks>
public sealed partial class ConnectomeGraph
{
    private readonly Dictionary<string, int> _index;

    private ConnectomeGraph(
        ImmutableArray<string> nodes,
        int neuronCount,
        ImmutableArray<ChemicalSynapse> chemical,
        ImmutableArray<GapJunction> gapJunctions,
        ImmutableArray<string> inhibitoryNeurons,
        ConnectomeSummary summary,
        string fingerprint)
    {
        Nodes = nodes;
        NeuronCount = neuronCount;
        Chemical = chemical;
        GapJunctions = gapJunctions;
        InhibitoryNeurons = inhibitoryNeurons;
        Summary = summary;
        Fingerprint = fingerprint;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < nodes.Length; i++)
        {
            _index[nodes[i]] = i;
        }
    }

    /// <summary>Node names: <see cref="NeuronCount"/> neurons (WormAtlas names), then the body-wall muscles.</summary>
    public ImmutableArray<string> Nodes { get; }

    /// <summary>Neurons among <see cref="Nodes"/>; they come first.</summary>
    public int NeuronCount { get; }

    /// <summary>Chemical synapses, sorted by (pre, post).</summary>
    public ImmutableArray<ChemicalSynapse> Chemical { get; }

    /// <summary>Gap junctions between distinct neurons, sorted by (a, b) with a &lt; b.</summary>
    public ImmutableArray<GapJunction> GapJunctions { get; }

    /// <summary>The GABAergic neurons whose chemical synapses are inhibitory (WormAtlas names, sorted ordinally).</summary>
    public ImmutableArray<string> InhibitoryNeurons { get; }

    /// <summary>Counts over the raw edge list and the kept graph.</summary>
    public ConnectomeSummary Summary { get; }

    /// <summary>SHA-256 (lower-case hex) over the three files' SHA-256s, in the order edge list, classes, db dump.</summary>
    public string Fingerprint { get; }

    /// <summary>The index of node <paramref name="name"/>, or −1.</summary>
    public int IndexOf(string name) => _index.TryGetValue(name, out int i) ? i : -1;

    /// <summary>True when <paramref name="name"/> is a body-wall muscle (<c>dBWML7</c>, <c>vBWMR24</c>, …).</summary>
    public static bool IsBodyWallMuscle(string name) => MusclePattern().IsMatch(name);

    /// <summary>Loads the connectome from <paramref name="directory"/>.</summary>
    /// <exception cref="ConnectomeFormatException">A file is missing or malformed (the message names the file and line), or the
    /// files disagree (an edge-list neuron spelled differently from <c>neuron_classes.csv</c>).</exception>
    public static ConnectomeGraph Load(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        string edgePath = Path.Combine(directory, EdgeListReader.FileName);
        string classesPath = Path.Combine(directory, NeuronClassesReader.FileName);
        string dumpPath = Path.Combine(directory, NeurotransmitterReader.FileName);
        var rows = EdgeListReader.Read(edgePath);
        var classes = NeuronClassesReader.Read(classesPath);
        var transmitters = NeurotransmitterReader.Read(dumpPath);

        var byEdgeName = classes.ToDictionary(c => c.EdgeListName, StringComparer.Ordinal);
        var inhibitory = classes
            .Where(c => transmitters.TryGetValue(c.Name, out var t) && t.Contains("GABA", StringComparer.OrdinalIgnoreCase))
            .Select(c => c.Name)
            .Order(StringComparer.Ordinal)
            .ToImmutableArray();
        var inhibitorySet = inhibitory.ToHashSet(StringComparer.Ordinal);

        // Edge-list names that are neither a neuron's edge-list spelling nor a neuron's WormAtlas spelling are end organs.
        var atlasNames = classes.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            foreach (string name in new[] { row.Source, row.Target })
            {
                if (!byEdgeName.ContainsKey(name) && atlasNames.Contains(name))
                {
                    throw new ConnectomeFormatException(edgePath, row.Line, $"neuron '{name}' is spelled as in WormAtlas; {NeuronClassesReader.FileName} spells it '{classes.First(c => c.Name == name).EdgeListName}' in the edge list");
                }
            }
        }

        string? Neuron(string edgeName) => byEdgeName.TryGetValue(edgeName, out var c) ? c.Name : null;

        var chemical = new Dictionary<(string Pre, string Post), int>();
        var gap = new Dictionary<(string A, string B), int>();
        int dropped = 0, self = 0;
        foreach (var row in rows)
        {
            string? pre = Neuron(row.Source), post = Neuron(row.Target);
            if (row.Type == SynapseType.Chemical && pre is not null && (post is not null || IsBodyWallMuscle(row.Target)))
            {
                chemical[(pre, post ?? row.Target)] = row.Weight;
            }
            else if (row.Type == SynapseType.Electrical && pre is not null && post is not null && pre != post)
            {
                var key = string.CompareOrdinal(pre, post) < 0 ? (pre, post) : (post, pre);
                gap[key] = Math.Max(gap.GetValueOrDefault(key), row.Weight);
            }
            else
            {
                dropped++;
                self += row.Type == SynapseType.Electrical && row.Source == row.Target ? 1 : 0;
            }
        }

        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (pre, post) in chemical.Keys)
        {
            used.Add(pre);
            used.Add(post);
        }

        foreach (var (a, b) in gap.Keys)
        {
            used.Add(a);
            used.Add(b);
        }

        var neurons = classes.Select(c => c.Name).Where(used.Contains).ToList();
        var muscles = used.Where(IsBodyWallMuscle).OrderBy(m => m[..5], StringComparer.Ordinal).ThenBy(m => int.Parse(m[5..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var nodes = neurons.Concat(muscles).ToImmutableArray();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < nodes.Length; i++)
        {
            index[nodes[i]] = i;
        }

        var synapses = chemical
            .Select(p => new ChemicalSynapse(index[p.Key.Pre], index[p.Key.Post], p.Value, inhibitorySet.Contains(p.Key.Pre) ? -1 : 1))
            .OrderBy(s => s.Pre).ThenBy(s => s.Post)
            .ToImmutableArray();
        var junctions = gap
            .Select(p => (A: index[p.Key.A], B: index[p.Key.B], Count: p.Value))
            .Select(j => new GapJunction(Math.Min(j.A, j.B), Math.Max(j.A, j.B), j.Count))
            .OrderBy(j => j.A).ThenBy(j => j.B)
            .ToImmutableArray();

        var summary = new ConnectomeSummary(
            Rows: rows.Count,
            ChemicalRows: rows.Count(r => r.Type == SynapseType.Chemical),
            ElectricalRows: rows.Count(r => r.Type == SynapseType.Electrical),
            WeightSum: rows.Sum(r => (long)r.Weight),
            FileNodes: rows.SelectMany(r => new[] { r.Source, r.Target }).Distinct(StringComparer.Ordinal).Count(),
            FileNeurons: rows.SelectMany(r => new[] { r.Source, r.Target }).Distinct(StringComparer.Ordinal).Count(byEdgeName.ContainsKey),
            UnmatchedGapListings: UnmatchedGapListings(rows),
            SelfGapListings: self,
            NeuronSynapses: synapses.Count(s => s.Post < neurons.Count),
            MuscleSynapses: synapses.Count(s => s.Post >= neurons.Count),
            GapJunctionPairs: junctions.Length,
            InhibitorySynapses: synapses.Count(s => s.Sign < 0),
            DroppedRows: dropped);
        return new ConnectomeGraph(nodes, neurons.Count, synapses, junctions, inhibitory, summary, FilesHash(edgePath, classesPath, dumpPath));
    }

    /// <summary>Electrical rows between distinct cells whose reverse row is missing or has a different weight.</summary>
    private static int UnmatchedGapListings(IReadOnlyList<EdgeListRow> rows)
    {
        var electrical = rows.Where(r => r.Type == SynapseType.Electrical).ToDictionary(r => (r.Source, r.Target), r => r.Weight);
        return electrical.Count(p => p.Key.Source != p.Key.Target
            && (!electrical.TryGetValue((p.Key.Target, p.Key.Source), out int reverse) || reverse != p.Value));
    }

    private static string FilesHash(params string[] paths)
    {
        var hashes = string.Join('\n', paths.Select(p => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(p)))));
        return Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(hashes)));
    }

    [GeneratedRegex("^[dv]BWM[LR][0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex MusclePattern();
}
