using Xunit;

namespace Neuro.Rules.Data;

public sealed class DatasetTests
{
    private static Dataset Small() =>
        new(2, 3, [0.0, 0.1, 1.0, 1.1, 2.0, 2.1, 3.0, 3.1, 4.0, 4.1], [0, 1, 2, 1, 0]);

    [Fact]
    public void Constructor_ExposesRowsAndLabels()
    {
        Dataset d = Small();
        Assert.Equal(2, d.Features);
        Assert.Equal(3, d.Classes);
        Assert.Equal(5, d.Count);
        Assert.Equal([3.0, 3.1], d.Row(3).ToArray());
        Assert.Equal(2, d.Label(2));
        Assert.Equal([2, 2, 1], d.CountPerClass());
    }

    [Fact]
    public void Constructor_CopiesItsArrays()
    {
        double[] values = [1, 2];
        int[] labels = [0];
        var d = new Dataset(2, 1, values, labels);
        values[0] = 99;
        labels[0] = 5;
        Assert.Equal(1, d.Row(0)[0]);
        Assert.Equal(0, d.Label(0));
    }

    [Theory]
    [InlineData(0, 1, "Features must be at least 1, not 0")]
    [InlineData(1, 0, "Classes must be at least 1, not 0")]
    public void Constructor_RejectsBadSizes(int features, int classes, string message)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Dataset(features, classes, [], []));
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_RejectsLengthMismatch()
    {
        var e = Assert.Throws<ArgumentException>(() => new Dataset(3, 2, [1, 2, 3, 4, 5, 6, 7], [0, 1]));
        Assert.StartsWith("Values length 7 is not Count 2 × Features 3 = 6", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(-1)]
    public void Constructor_RejectsLabelOutOfRange(int label)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Dataset(1, 3, [0, 0], [0, label]));
        Assert.StartsWith($"Label {label} of row 1 must be 0..2", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void Constructor_RejectsNonFiniteNamingRowAndColumn(double bad, string shown)
    {
        var e = Assert.Throws<ArgumentException>(() => new Dataset(3, 2, [0, 0, 0, 0, 0, bad], [0, 1]));
        Assert.StartsWith($"Feature at row 1, column 2 is {shown}; features must be finite", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(5)]
    public void Row_RejectsIndexOutOfRange(int i)
    {
        Dataset d = Small();
        Assert.Throws<ArgumentOutOfRangeException>(() => d.Row(i).Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => d.Label(i));
    }

    [Fact]
    public void Split_KeepsOrderAndClasses()
    {
        (Dataset first, Dataset rest) = Small().Split(2);
        Assert.Equal([0.0, 0.1, 1.0, 1.1], first.Values.ToArray());
        Assert.Equal([0, 1], first.Labels.ToArray());
        Assert.Equal([2.0, 2.1, 3.0, 3.1, 4.0, 4.1], rest.Values.ToArray());
        Assert.Equal([2, 1, 0], rest.Labels.ToArray());
        Assert.Equal(3, first.Classes);
        Assert.Equal(3, rest.Classes);
    }

    [Fact]
    public void Split_AllowsEmptyParts()
    {
        Assert.Equal(0, Small().Split(0).First.Count);
        Assert.Equal(0, Small().Split(5).Remainder.Count);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Small().Split(6));
        Assert.StartsWith("Split point must be 0..5, not 6", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Subset_TakesTheRange()
    {
        Dataset s = Small().Subset(1, 3);
        Assert.Equal([1.0, 1.1, 2.0, 2.1, 3.0, 3.1], s.Values.ToArray());
        Assert.Equal([1, 2, 1], s.Labels.ToArray());
    }

    [Theory]
    [InlineData(-1, 1)]
    [InlineData(0, 6)]
    [InlineData(4, 2)]
    [InlineData(1, -1)]
    public void Subset_RejectsRangesOutside(int start, int count)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Small().Subset(start, count));
        Assert.StartsWith($"Subset of {count} rows from row {start} does not fit in 5 rows", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Shuffled_PermutesRowsWithTheirLabelsDeterministically()
    {
        Dataset d = Small();
        Dataset a = d.Shuffled(new Random(7));
        Dataset b = d.Shuffled(new Random(7));
        Assert.Equal(a.Values.ToArray(), b.Values.ToArray());
        Assert.Equal(a.Labels.ToArray(), b.Labels.ToArray());

        // Every row keeps its label, and every row appears once.
        var seen = new HashSet<double>();
        for (int i = 0; i < a.Count; i++)
        {
            int original = (int)a.Row(i)[0];
            Assert.Equal(original + 0.1, a.Row(i)[1]);
            Assert.Equal(d.Label(original), a.Label(i));
            Assert.True(seen.Add(original));
        }

        Assert.Equal(5, seen.Count);
    }

    [Fact]
    public void Shuffled_DifferentSeedsGiveDifferentOrders()
    {
        Dataset d = new(1, 1, Enumerable.Range(0, 100).Select(i => (double)i).ToArray(), new int[100]);
        Assert.NotEqual(d.Shuffled(new Random(1)).Values.ToArray(), d.Shuffled(new Random(2)).Values.ToArray());
        Assert.NotEqual(d.Values.ToArray(), d.Shuffled(new Random(1)).Values.ToArray());
    }
}
