using Neuro.Rules.Data;
using Xunit;

namespace Neuro.Rules.Connectome;

public sealed class ConnectomeGraphTests
{
    internal static readonly Lazy<ConnectomeGraph> Shared = new(() => ConnectomeGraph.Load(RepoPaths.SharedData("connectome")));

    private static ConnectomeGraph Graph => Shared.Value;

    [Fact]
    public void Load_RawCountsMatchTheDataReadme()
    {
        // ../shared/data/README.md: 7,379 rows (4,681 chemical, 2,698 electrical), weights summing to 39,702, 448 nodes of
        // which 300 are neurons, and 32 directed gap-junction listings without an equal reverse row.
        var s = Graph.Summary;
        Assert.Equal(7379, s.Rows);
        Assert.Equal(4681, s.ChemicalRows);
        Assert.Equal(2698, s.ElectricalRows);
        Assert.Equal(39702, s.WeightSum);
        Assert.Equal(448, s.FileNodes);
        Assert.Equal(300, s.FileNeurons);
        Assert.Equal(32, s.UnmatchedGapListings);
    }

    [Fact]
    public void Load_KeepsNeuronsGapPairsAndBodyWallSynapses()
    {
        // Counted independently with a short Python script over the same files (csv module, strip, the same filter):
        // 3,638 neuron→neuron and 924 neuron→body-wall chemical synapses, 268 of them from the 26 GABAergic neurons;
        // 1,080 unordered pairs of distinct neurons with a gap junction; 662 rows dropped, 14 of them self gap junctions.
        var s = Graph.Summary;
        Assert.Equal(3638, s.NeuronSynapses);
        Assert.Equal(924, s.MuscleSynapses);
        Assert.Equal(1080, s.GapJunctionPairs);
        Assert.Equal(268, s.InhibitorySynapses);
        Assert.Equal(662, s.DroppedRows);
        Assert.Equal(14, s.SelfGapListings);
        Assert.Equal(s.Rows, s.NeuronSynapses + s.MuscleSynapses + s.DroppedRows + KeptElectricalRows());
        Assert.Equal(300, Graph.NeuronCount);
        Assert.Equal(300 + 95, Graph.Nodes.Length);
        Assert.Equal(3638 + 924, Graph.Chemical.Length);
        Assert.Equal(1080, Graph.GapJunctions.Length);
    }

    private static int KeptElectricalRows() => 2155; // 2,698 electrical rows less 543 dropped (self, muscle or end-organ partners)

    [Fact]
    public void Load_NormalisesNamesToWormAtlasSpelling()
    {
        Assert.True(Graph.IndexOf("AS1") >= 0);
        Assert.True(Graph.IndexOf("VB11") >= 0);
        Assert.Equal(-1, Graph.IndexOf("AS01"));
        Assert.Equal(-1, Graph.IndexOf("hyp"));
        Assert.All(Graph.Nodes, n => Assert.Equal(n.Trim(), n));
        Assert.Equal("dBWML1", Graph.Nodes[Graph.NeuronCount]);
        Assert.Equal("dBWML2", Graph.Nodes[Graph.NeuronCount + 1]); // numbers sort as numbers, not as text
        Assert.All(Graph.Nodes.Skip(Graph.NeuronCount), n => Assert.True(ConnectomeGraph.IsBodyWallMuscle(n)));
    }

    [Fact]
    public void Load_GapJunctionsAreUndirectedDeduplicatedPairs()
    {
        Assert.All(Graph.GapJunctions, j => Assert.True(j.A < j.B && j.B < Graph.NeuronCount));
        Assert.Equal(Graph.GapJunctions.Length, Graph.GapJunctions.Select(j => (j.A, j.B)).Distinct().Count());
        // AVAL–VA05 is listed as 4 one way and 5 the other: the larger wins. DVA–VB04 is listed only as VB04→DVA, weight 1.
        Assert.Equal(5, Gap("AVAL", "VA5").Count);
        Assert.Equal(1, Gap("VB4", "DVA").Count);
        Assert.Equal(Gap("AVAL", "AVAR"), Gap("AVAR", "AVAL"));
    }

    [Fact]
    public void Load_NegatesTheSynapsesOfGabaergicNeurons()
    {
        Assert.Equal(
            ["AVL", "DD1", "DD2", "DD3", "DD4", "DD5", "DD6", "DVB", "RIS", "RMED", "RMEL", "RMER", "RMEV",
             "VD1", "VD10", "VD11", "VD12", "VD13", "VD2", "VD3", "VD4", "VD5", "VD6", "VD7", "VD8", "VD9"],
            Graph.InhibitoryNeurons.ToArray());
        Assert.All(Graph.Chemical, s => Assert.Equal(Graph.InhibitoryNeurons.Contains(Graph.Nodes[s.Pre]) ? -1 : 1, s.Sign));
        Assert.Equal(10, Synapse("I1L", "I2L").Weight); // the first row: "I1L , I2L           ,10,chemical"
        Assert.True(Synapse("DD1", "VB2").Weight < 0);
    }

    private static GapJunction Gap(string a, string b)
    {
        int i = Graph.IndexOf(a), j = Graph.IndexOf(b);
        return Graph.GapJunctions.Single(g => g.A == Math.Min(i, j) && g.B == Math.Max(i, j));
    }

    private static ChemicalSynapse Synapse(string pre, string post)
    {
        int i = Graph.IndexOf(pre), j = Graph.IndexOf(post);
        return Graph.Chemical.Single(s => s.Pre == i && s.Post == j);
    }

    [Theory]
    [InlineData("Source,Target,Weight\nI1L,I2L,1\n", 1, "expected the header 'Source,Target,Weight,Type', found 'Source,Target,Weight'")]
    [InlineData("Source,Target,Weight,Type\nI1L,I2L,1,chemical\nI1L,I3,x,chemical\n", 3, "Weight must be a positive integer, not 'x'")]
    [InlineData("Source,Target,Weight,Type\nI1L,I2L,0,chemical\n", 2, "Weight must be a positive integer, not '0'")]
    [InlineData("Source,Target,Weight,Type\nI1L,I2L,2,electric\n", 2, "Type must be 'chemical' or 'electrical', not 'electric'")]
    [InlineData("Source,Target,Weight,Type\nI1L,I2L,2\n", 2, "expected 4 fields, found 3")]
    [InlineData("Source,Target,Weight,Type\n ,I2L,2,chemical\n", 2, "empty Source name")]
    [InlineData("Source,Target,Weight,Type\nI1L ,I2L,2,chemical\nI1L,I2L ,3,chemical\n", 3, "I1L -> I2L (chemical) repeats line 2")]
    [InlineData("Source,Target,Weight,Type\nI1L,I2L,2,chemical\n\n", 3, "empty line")]
    public void Load_MalformedEdgeListNamesFileAndLine(string text, int line, string message)
    {
        using var dir = CopyOfData();
        string path = dir.WriteText(EdgeListReader.FileName, text);
        var e = Assert.Throws<ConnectomeFormatException>(() => ConnectomeGraph.Load(dir.Path));
        Assert.Equal(path, e.File);
        Assert.Equal(line, e.Line);
        Assert.Equal($"{path}:{line}: {message}", e.Message);
    }

    [Fact]
    public void Load_MalformedClassesAndDumpNameFileAndLine()
    {
        using var dir = CopyOfData();
        string classes = File.ReadAllText(Path.Combine(dir.Path, NeuronClassesReader.FileName));
        string path = dir.WriteText(NeuronClassesReader.FileName, classes.Replace("ADAR,ADAR,0,1,0", "ADAR,ADAR,0,2,0", StringComparison.Ordinal));
        var e = Assert.Throws<ConnectomeFormatException>(() => ConnectomeGraph.Load(dir.Path));
        Assert.Equal($"{path}:3: interneuron must be 0 or 1, not '2'", e.Message);

        dir.WriteText(NeuronClassesReader.FileName, classes);
        string dump = File.ReadAllText(Path.Combine(dir.Path, NeurotransmitterReader.FileName));
        path = dir.WriteText(NeurotransmitterReader.FileName, dump.Replace("\"Sensory neuron (mechanosensory, possible pheromone-sensory)\"", "\"Sensory neuron", StringComparison.Ordinal));
        e = Assert.Throws<ConnectomeFormatException>(() => ConnectomeGraph.Load(dir.Path));
        Assert.Matches(@":\d+: unterminated quoted field$", e.Message);
        Assert.Equal(path, e.File);
    }

    [Fact]
    public void Load_MissingFileIsAFormatError()
    {
        using var dir = new TempDirectory();
        var e = Assert.Throws<ConnectomeFormatException>(() => ConnectomeGraph.Load(dir.Path));
        Assert.Equal($"{Path.Combine(dir.Path, EdgeListReader.FileName)}: file not found", e.Message);
    }

    [Fact]
    public void Load_RejectsAnEdgeListThatSpellsMotorNeuronsWithoutPadding()
    {
        using var dir = CopyOfData();
        dir.WriteText(EdgeListReader.FileName, "Source,Target,Weight,Type\nAVAL,AS1,3,chemical\n");
        var e = Assert.Throws<ConnectomeFormatException>(() => ConnectomeGraph.Load(dir.Path));
        Assert.EndsWith(":2: neuron 'AS1' is spelled as in WormAtlas; neuron_classes.csv spells it 'AS01' in the edge list", e.Message, StringComparison.Ordinal);
    }

    /// <summary>A temporary folder holding copies of the three data files.</summary>
    internal static TempDirectory CopyOfData()
    {
        var dir = new TempDirectory();
        foreach (string name in new[] { EdgeListReader.FileName, NeuronClassesReader.FileName, NeurotransmitterReader.FileName })
        {
            File.Copy(Path.Combine(RepoPaths.SharedData("connectome"), name), Path.Combine(dir.Path, name));
        }

        return dir;
    }
}
