using Xunit;

namespace Neuro.Rules.Connectome;

public sealed class FastConnectomeNetworkTests : ConnectomeNetworkConformanceTests
{
    protected override IConnectomeNetwork Create(ConnectomeNetworkSpec spec) => new FastConnectomeNetwork(spec);

    [Fact]
    public void Constructor_MergesAChemicalSynapseAndAGapJunctionOfThePair()
    {
        // Tiny: A→B, B→A chemical and B–C gap (both ways): A→B, B→A, B→C, C→B, C→A = 5 connections.
        Assert.Equal(5, new FastConnectomeNetwork(Tiny()).Connections);
    }
}
