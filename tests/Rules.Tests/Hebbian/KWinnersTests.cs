using Xunit;

namespace Neuro.Rules.Hebbian;

public sealed class KWinnersTests
{
    [Fact]
    public void Threshold_IsTheKPlusFirstLargestForRandomValues()
    {
        var random = new Random(5);
        for (int trial = 0; trial < 500; trial++)
        {
            int n = random.Next(2, 60);
            int k = random.Next(1, n);
            // Few distinct values, so ties are common.
            var values = Enumerable.Range(0, n).Select(_ => (long)random.Next(-4, 5)).ToArray();
            var (threshold, max) = KWinners.Threshold<long>(values, k, new long[n]);
            var sorted = values.OrderDescending().ToArray();
            Assert.Equal(sorted[k], threshold);
            Assert.Equal(sorted[0], max);
        }
    }

    [Fact]
    public void Threshold_DoesNotChangeTheValues()
    {
        double[] values = [3, 1, 2, 5, 4];
        var (threshold, max) = KWinners.Threshold<double>(values, 2, new double[5]);
        Assert.Equal(3, threshold);
        Assert.Equal(5, max);
        Assert.Equal([3, 1, 2, 5, 4], values);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void Threshold_RejectsKOutsideOneToLengthMinusOne(int k)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => KWinners.Threshold<double>(new double[5], k, new double[5]));
        Assert.StartsWith($"k must be 1..4, not {k}", e.Message, StringComparison.Ordinal);
    }
}
