using Xunit;

namespace Neuro.Distributed;

public sealed class ClusterAddressTests
{
    [Theory]
    [InlineData("redis://127.0.0.1:6379", "127.0.0.1", 6379)]
    [InlineData("redis://redis.lab:7000/", "redis.lab", 7000)]
    public void Parse_RedisUri_GivesHostAndPort(string text, string host, int port)
    {
        var address = ClusterAddress.Parse(text);
        Assert.Equal(new ClusterAddress(host, port), address);
        Assert.Equal($"redis://{host}:{port}", address.ToString());
    }

    [Theory]
    [InlineData("127.0.0.1:6379")]
    [InlineData("redis://127.0.0.1")]
    [InlineData("http://127.0.0.1:6379")]
    [InlineData("redis://user:pw@127.0.0.1:6379")]
    [InlineData("redis://127.0.0.1:6379/0")]
    public void Parse_OtherText_FailsNamingTheForm(string text)
    {
        var e = Assert.Throws<FormatException>(() => ClusterAddress.Parse(text));
        Assert.Equal($"A cluster address is redis://HOST:PORT (e.g. redis://127.0.0.1:6379), not '{text}'", e.Message);
    }

    [Fact]
    public async Task ConnectAsync_NothingListening_FailsWithOneLine()
    {
        var address = new ClusterAddress("127.0.0.1", FreePort());
        var e = await Assert.ThrowsAsync<ClusterUnavailableException>(() => ClusterConnection.ConnectAsync(address, null, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(20)));
        Assert.StartsWith($"Cannot reach the cluster at {address}: ", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
