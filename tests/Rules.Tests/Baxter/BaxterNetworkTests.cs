using Xunit;

namespace Neuro.Rules.Baxter;

public sealed class BaxterNetworkTests
{
    [Fact]
    public void Constructor_SortsSynapsesAndListsTheLearnableOnes()
    {
        var network = new BaxterNetwork(4, 1,
        [
            new BaxterSynapse(3, 2, 1, true),
            new BaxterSynapse(0, 3, -1, false),
            new BaxterSynapse(1, 2, -1, true),
            new BaxterSynapse(3, 3, 1, false),
        ]);
        Assert.Equal([(1, 2), (3, 2), (0, 3), (3, 3)], network.Synapses.Select(s => (s.Pre, s.Post)));
        Assert.Equal([(1, 2), (3, 2)], network.Learnable.Select(s => (s.Pre, s.Post)));
        Assert.Equal(2, network.Output);
        Assert.Equal(1, network.Hidden);
        Assert.Equal(["bias", "x", "out", "h1"], Enumerable.Range(0, 4).Select(network.NodeName));
    }

    [Theory]
    [InlineData(7, 2, 1, false, "pre-synaptic node 7 does not exist (nodes 0..3)")]
    [InlineData(0, 4, 1, false, "post-synaptic node 4 does not exist (nodes 0..3)")]
    [InlineData(0, 1, 1, false, "post-synaptic node 1 is the input; only the output and hidden nodes (2..3) take synapses")]
    [InlineData(2, 0, 1, false, "post-synaptic node 0 is the bias; only the output and hidden nodes (2..3) take synapses")]
    [InlineData(0, 2, 2, false, "weight must be -1, 0 or +1, not 2")]
    [InlineData(0, 2, 0, true, "a learnable weight cannot be 0 (zero weights are fixed)")]
    public void Constructor_RejectsABadSynapse(int pre, int post, int weight, bool learnable, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => new BaxterNetwork(4, 1, [new BaxterSynapse(pre, post, weight, learnable)]));
        Assert.StartsWith($"Synapse [0] {pre} -> {post}: {message}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_RejectsDuplicatesAndBadSizes()
    {
        Assert.StartsWith("Synapse 1 -> 2 appears twice", Assert.Throws<ArgumentException>(() => new BaxterNetwork(3, 1, [new(1, 2, 1, false), new(1, 2, -1, true)])).Message, StringComparison.Ordinal);
        Assert.StartsWith("Nodes must be 3..32", Assert.Throws<ArgumentOutOfRangeException>(() => new BaxterNetwork(2, 1, [])).Message, StringComparison.Ordinal);
        Assert.StartsWith("Nodes must be 4..32", Assert.Throws<ArgumentOutOfRangeException>(() => new BaxterNetwork(33, 2, [])).Message, StringComparison.Ordinal);
    }
}
