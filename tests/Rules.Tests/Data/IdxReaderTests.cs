using System.Buffers.Binary;
using System.IO.Compression;
using Xunit;

namespace Neuro.Rules.Data;

public sealed class IdxReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("mnist", 5)]
    [InlineData("fashion-mnist", 9)]
    public void ReadDataset_ReadsTheRealTrainingSet(string set, int firstLabel)
    {
        string dir = RepoPaths.SharedData(set);
        Dataset d = IdxReader.ReadDataset(Path.Combine(dir, "train-images-idx3-ubyte.gz"), Path.Combine(dir, "train-labels-idx1-ubyte.gz"));
        Assert.Equal((60_000, 784, 10), (d.Count, d.Features, d.Classes));
        Assert.Equal(firstLabel, d.Label(0));
        AssertPixels(d.Values);
        Assert.All(d.CountPerClass(), c => Assert.InRange(c, 5000, 7000));

        Dataset first = IdxReader.ReadDataset(Path.Combine(dir, "train-images-idx3-ubyte.gz"), Path.Combine(dir, "train-labels-idx1-ubyte.gz"), limit: 100);
        Assert.Equal(100, first.Count);
        Assert.Equal(d.Values[..(100 * 784)].ToArray(), first.Values.ToArray());
        Assert.Equal(d.Labels[..100].ToArray(), first.Labels.ToArray());
    }

    [Theory]
    [InlineData("mnist")]
    [InlineData("fashion-mnist")]
    public void ReadDataset_ReadsTheRealTestSet(string set)
    {
        string dir = RepoPaths.SharedData(set);
        Dataset d = IdxReader.ReadDataset(Path.Combine(dir, "t10k-images-idx3-ubyte.gz"), Path.Combine(dir, "t10k-labels-idx1-ubyte.gz"));
        Assert.Equal((10_000, 784, 10), (d.Count, d.Features, d.Classes));
        AssertPixels(d.Values);
    }

    [Fact]
    public void ReadDataset_DetectsGzipByContentNotByName()
    {
        string dir = RepoPaths.SharedData("mnist");
        string images = Path.Combine(dir, "t10k-images-idx3-ubyte.gz");
        string labels = Path.Combine(dir, "t10k-labels-idx1-ubyte.gz");
        Dataset zipped = IdxReader.ReadDataset(images, labels, limit: 500);

        // The raw bytes under a misleading name, and the gzipped bytes under no extension.
        string rawImages = _dir.WriteBytes("images.gz", Gunzip(File.ReadAllBytes(images)));
        string zippedLabels = _dir.WriteBytes("labels", File.ReadAllBytes(labels));
        Dataset raw = IdxReader.ReadDataset(rawImages, zippedLabels, limit: 500);
        Assert.Equal(zipped.Values.ToArray(), raw.Values.ToArray());
        Assert.Equal(zipped.Labels.ToArray(), raw.Labels.ToArray());
    }

    [Fact]
    public void ReadDataset_ScalesPixelsByOneOver255()
    {
        (string images, string labels) = Write("scale", Images(2, 1, 3, [0, 51, 255, 1, 2, 128]), Labels([3, 9]), gzip: false);
        Dataset d = IdxReader.ReadDataset(images, labels);
        Assert.Equal((2, 3, 10), (d.Count, d.Features, d.Classes));
        Assert.Equal([0, 0.2, 1, 1 / 255.0, 2 / 255.0, 128 / 255.0], d.Values.ToArray());
        Assert.Equal([3, 9], d.Labels.ToArray());
        Assert.Equal(0, IdxReader.ReadDataset(images, labels, limit: 0).Count);
        Assert.Equal(2, IdxReader.ReadDataset(images, labels, limit: 7).Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadDataset_RejectsWrongMagic(bool gzip)
    {
        byte[] images = Images(2, 2, 2, new byte[8]);
        images[3] = 0x02;
        (string imagesPath, string labelsPath) = Write("magic", images, Labels([0, 1]), gzip);
        AssertFails(imagesPath, labelsPath, imagesPath, "magic number 0x00000802 is not 0x00000803 (unsigned-byte images, 3 dimensions)");

        // Images where labels belong.
        (imagesPath, labelsPath) = Write("swapped", Images(2, 2, 2, new byte[8]), Labels([0, 1]), gzip);
        AssertFails(labelsPath, imagesPath, imagesPath, "magic number 0x00000803 is not 0x00000801 (unsigned-byte labels, 1 dimension)");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadDataset_RejectsTruncatedPayload(bool gzip)
    {
        byte[] images = Images(3, 2, 2, new byte[12])[..^5];
        (string imagesPath, string labelsPath) = Write("short", images, Labels([0, 1, 2]), gzip);
        AssertFails(imagesPath, labelsPath, imagesPath, "is truncated: the header promises 3 images of 2 × 2 bytes (12 bytes) but the payload has 7");
        AssertFails(imagesPath, labelsPath, imagesPath, "is truncated: the header promises 3 images of 2 × 2 bytes (12 bytes) but the payload has 7", limit: 1);

        (imagesPath, labelsPath) = Write("shortlabels", Images(3, 2, 2, new byte[12]), Labels([0, 1, 2])[..^1], gzip);
        AssertFails(imagesPath, labelsPath, labelsPath, "is truncated: the header promises 3 labels (3 bytes) but the payload has 2");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadDataset_RejectsTruncatedHeaderAndTrailingBytes(bool gzip)
    {
        (string imagesPath, string labelsPath) = Write("header", Images(3, 2, 2, new byte[12])[..10], Labels([0, 1, 2]), gzip);
        AssertFails(imagesPath, labelsPath, imagesPath, "header is truncated: 10 of 16 bytes");

        (imagesPath, labelsPath) = Write("tiny", [0, 0], Labels([0, 1, 2]), gzip);
        AssertFails(imagesPath, labelsPath, imagesPath, "is too short for an IDX header (2 bytes)");

        (imagesPath, labelsPath) = Write("long", Images(3, 2, 2, new byte[14]), Labels([0, 1, 2]), gzip);
        AssertFails(imagesPath, labelsPath, imagesPath, "has 2 bytes after the 3 images of 2 × 2 bytes (12 bytes) the header promises");
    }

    [Fact]
    public void ReadDataset_RejectsCountMismatchAndBadLabels()
    {
        (string imagesPath, string labelsPath) = Write("count", Images(3, 2, 2, new byte[12]), Labels([0, 1]), gzip: false);
        AssertFails(imagesPath, labelsPath, imagesPath, $"has 3 images but {labelsPath} has 2 labels");

        (imagesPath, labelsPath) = Write("label", Images(3, 2, 2, new byte[12]), Labels([0, 10, 2]), gzip: false);
        AssertFails(imagesPath, labelsPath, labelsPath, "label 10 at index 1 is not 0..9");

        (imagesPath, labelsPath) = Write("empty", Images(3, 0, 2, []), Labels([0, 1, 2]), gzip: false);
        AssertFails(imagesPath, labelsPath, imagesPath, "image size 0 × 2 is not usable");
    }

    [Fact]
    public void ReadDataset_RejectsCorruptGzip()
    {
        byte[] zipped = Gzip(Images(3, 2, 2, new byte[12]));
        byte[] corrupt = [.. zipped[..10], .. Enumerable.Repeat((byte)0xFF, 20)];
        string images = _dir.WriteBytes("corrupt.gz", corrupt);
        string labels = _dir.WriteBytes("labels", Labels([0, 1, 2]));
        var e = Assert.Throws<DatasetFormatException>(() => IdxReader.ReadDataset(images, labels));
        Assert.Equal(images, e.Path);
        Assert.StartsWith($"{images}: is not a valid gzip stream", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadDataset_RejectsTruncatedGzip()
    {
        // Cut the compressed stream of a real file in the middle: whatever the decompressor says, the reader must fail.
        byte[] zipped = File.ReadAllBytes(Path.Combine(RepoPaths.SharedData("mnist"), "t10k-labels-idx1-ubyte.gz"));
        string labels = _dir.WriteBytes("cut.gz", zipped[..(zipped.Length / 2)]);
        string images = Path.Combine(RepoPaths.SharedData("mnist"), "t10k-images-idx3-ubyte.gz");
        var e = Assert.Throws<DatasetFormatException>(() => IdxReader.ReadDataset(images, labels, limit: 10));
        Assert.Equal(labels, e.Path);
    }

    [Fact]
    public void ReadDataset_RejectsNegativeLimit()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => IdxReader.ReadDataset("a", "b", limit: -1));
        Assert.StartsWith("Limit must be at least 0 or null, not -1", e.Message, StringComparison.Ordinal);
    }

    private static void AssertPixels(ReadOnlySpan<double> values)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (double v in values)
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        Assert.Equal(0.0, min);
        Assert.Equal(1.0, max);
    }

    private static void AssertFails(string images, string labels, string culprit, string detail, int? limit = null)
    {
        var e = Assert.Throws<DatasetFormatException>(() => IdxReader.ReadDataset(images, labels, limit));
        Assert.Equal(culprit, e.Path);
        Assert.Null(e.Line);
        Assert.Equal(detail, e.Detail);
        Assert.Equal($"{culprit}: {detail}", e.Message);
    }

    private (string Images, string Labels) Write(string name, byte[] images, byte[] labels, bool gzip) =>
        (_dir.WriteBytes(name + "-images", gzip ? Gzip(images) : images), _dir.WriteBytes(name + "-labels", gzip ? Gzip(labels) : labels));

    private static byte[] Images(int count, int rows, int columns, byte[] pixels)
    {
        var bytes = new byte[16 + pixels.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, IdxReader.ImagesMagic);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), count);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), rows);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(12), columns);
        pixels.CopyTo(bytes, 16);
        return bytes;
    }

    private static byte[] Labels(byte[] labels)
    {
        var bytes = new byte[8 + labels.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, IdxReader.LabelsMagic);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), labels.Length);
        labels.CopyTo(bytes, 8);
        return bytes;
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gz = new GZipStream(output, CompressionLevel.Optimal))
        {
            gz.Write(data);
        }

        return output.ToArray();
    }

    private static byte[] Gunzip(byte[] data)
    {
        using var input = new GZipStream(new MemoryStream(data), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}
