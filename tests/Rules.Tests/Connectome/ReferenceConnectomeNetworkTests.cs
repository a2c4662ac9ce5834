namespace Neuro.Rules.Connectome;

public sealed class ReferenceConnectomeNetworkTests : ConnectomeNetworkConformanceTests
{
    protected override IConnectomeNetwork Create(ConnectomeNetworkSpec spec) => new ReferenceConnectomeNetwork(spec);
}
