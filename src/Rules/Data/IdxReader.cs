using System.Buffers.Binary;
using System.IO.Compression;

namespace Neuro.Rules.Data;

/// <summary>
/// Reads MNIST-style IDX files: unsigned-byte images (<c>N × rows × columns</c>) and unsigned-byte labels (<c>N</c>),
/// gzipped or raw.
/// </summary>
/// <remarks>
/// An IDX file is a big-endian header (a magic number <c>0x0000TTDD</c>, type <c>TT</c> = 08 for unsigned bytes and
/// <c>DD</c> dimensions, then one 32-bit size per dimension) followed by the values in row-major order. Gzip is
/// recognised by its magic bytes <c>1F 8B</c>, not by the file name. The whole payload is always read, even under a
/// limit, so a truncated or overlong file is reported rather than half-read.
/// </remarks>
public static class IdxReader
{
    /// <summary>Magic number of an unsigned-byte, three-dimensional IDX file (images).</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>Magic number of an unsigned-byte, one-dimensional IDX file (labels).</summary>
    public const int LabelsMagic = 0x00000801;

    /// <summary>Classes of MNIST and Fashion-MNIST; every label byte must be below it.</summary>
    public const int Classes = 10;

    private const int ChunkBytes = 1 << 16;

    /// <summary>
    /// Reads an images file and a labels file into a dataset of <c>rows × columns</c> features, each pixel scaled to
    /// <c>pixel / 255.0</c> in <c>[0, 1]</c>, and <see cref="Classes"/> classes.
    /// </summary>
    /// <param name="imagesPath">Images: magic <c>0x00000803</c>, e.g. <c>train-images-idx3-ubyte.gz</c>.</param>
    /// <param name="labelsPath">Labels: magic <c>0x00000801</c>, e.g. <c>train-labels-idx1-ubyte.gz</c>.</param>
    /// <param name="limit">Keep only the first this many rows (all when null or larger than the file).</param>
    /// <exception cref="DatasetFormatException">A file is malformed, or the two files disagree on the count; the message names the file.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is negative.</exception>
    public static Dataset ReadDataset(string imagesPath, string labelsPath, int? limit = null)
    {
        ArgumentNullException.ThrowIfNull(imagesPath);
        ArgumentNullException.ThrowIfNull(labelsPath);
        if (limit is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), $"Limit must be at least 0 or null, not {limit}");
        }

        (int labelCount, byte[] labels) = ReadLabels(labelsPath, limit);
        using Stream images = Open(imagesPath);
        int[] dims = ReadHeader(images, imagesPath, ImagesMagic, "unsigned-byte images", 3);
        int count = dims[0];
        if (dims[1] < 1 || dims[2] < 1 || (long)dims[1] * dims[2] > Array.MaxLength)
        {
            throw new DatasetFormatException(imagesPath, null, $"image size {dims[1]} × {dims[2]} is not usable");
        }

        if (count != labelCount)
        {
            throw new DatasetFormatException(imagesPath, null, $"has {count} images but {labelsPath} has {labelCount} labels");
        }

        int features = dims[1] * dims[2];
        int take = labels.Length;
        if ((long)take * features > Dataset.MaxValues)
        {
            throw new DatasetFormatException(imagesPath, null, $"{take} images of {features} pixels are more than the {Dataset.MaxValues} values a dataset may hold; pass a smaller limit");
        }

        var values = new double[take * features];
        long payload = (long)count * features;
        var chunk = new byte[ChunkBytes];
        long read = 0;
        Guard(imagesPath, () =>
        {
            while (read < values.Length)
            {
                int got = images.Read(chunk, 0, (int)Math.Min(chunk.Length, values.Length - read));
                if (got == 0)
                {
                    break;
                }

                for (int i = 0; i < got; i++)
                {
                    values[read + i] = chunk[i] / 255.0;
                }

                read += got;
            }

            read += Drain(images, chunk);
        });
        CheckPayload(imagesPath, read, payload, $"{count} images of {dims[1]} × {dims[2]} bytes");

        var y = new int[take];
        for (int i = 0; i < take; i++)
        {
            y[i] = labels[i];
        }

        return new Dataset(features, Classes, values, y, owned: true);
    }

    /// <summary>Reads the labels file: the count in its header and the first <paramref name="limit"/> labels, each checked below 10.</summary>
    private static (int Count, byte[] Labels) ReadLabels(string path, int? limit)
    {
        using Stream stream = Open(path);
        int count = ReadHeader(stream, path, LabelsMagic, "unsigned-byte labels", 1)[0];
        if (Math.Min(count, limit ?? int.MaxValue) > Dataset.MaxValues)
        {
            throw new DatasetFormatException(path, null, $"promises {count} labels, more than the {Dataset.MaxValues} a dataset may hold; pass a smaller limit");
        }

        var labels = new byte[Math.Min(count, limit ?? int.MaxValue)];
        long read = 0;
        Guard(path, () =>
        {
            read = stream.ReadAtLeast(labels, labels.Length, throwOnEndOfStream: false);
            read += Drain(stream, new byte[ChunkBytes]);
        });
        CheckPayload(path, read, count, $"{count} labels");
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] >= Classes)
            {
                throw new DatasetFormatException(path, null, $"label {labels[i]} at index {i} is not 0..{Classes - 1}");
            }
        }

        return (count, labels);
    }

    /// <summary>Opens <paramref name="path"/>, decompressing it when it starts with the gzip magic bytes <c>1F 8B</c>.</summary>
    private static Stream Open(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, ChunkBytes);
        try
        {
            Span<byte> magic = stackalloc byte[2];
            int got = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
            file.Position = 0;
            return got == 2 && magic[0] == 0x1F && magic[1] == 0x8B ? new GZipStream(file, CompressionMode.Decompress) : file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Reads and checks the magic number and the <paramref name="dimensions"/> sizes that follow it.</summary>
    private static int[] ReadHeader(Stream stream, string path, int magic, string kind, int dimensions)
    {
        var header = new byte[4 * (1 + dimensions)];
        int got = 0;
        Guard(path, () => got = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false));
        if (got < 4)
        {
            throw new DatasetFormatException(path, null, $"is too short for an IDX header ({got} bytes)");
        }

        int found = BinaryPrimitives.ReadInt32BigEndian(header);
        if (found != magic)
        {
            throw new DatasetFormatException(path, null, $"magic number 0x{found:X8} is not 0x{magic:X8} ({kind}, {dimensions} dimension{(dimensions == 1 ? "" : "s")})");
        }

        if (got < header.Length)
        {
            throw new DatasetFormatException(path, null, $"header is truncated: {got} of {header.Length} bytes");
        }

        var sizes = new int[dimensions];
        for (int d = 0; d < dimensions; d++)
        {
            uint size = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4 * (d + 1)));
            if (size > int.MaxValue)
            {
                throw new DatasetFormatException(path, null, $"dimension {d} has size {size}, above {int.MaxValue}");
            }

            sizes[d] = (int)size;
        }

        return sizes;
    }

    private static void CheckPayload(string path, long read, long expected, string what)
    {
        if (read < expected)
        {
            throw new DatasetFormatException(path, null, $"is truncated: the header promises {what} ({expected} bytes) but the payload has {read}");
        }

        if (read > expected)
        {
            throw new DatasetFormatException(path, null, $"has {read - expected} bytes after the {what} ({expected} bytes) the header promises");
        }
    }

    /// <summary>Reads <paramref name="stream"/> to its end and returns how many bytes that was.</summary>
    private static long Drain(Stream stream, byte[] buffer)
    {
        long total = 0;
        int got;
        while ((got = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            total += got;
        }

        return total;
    }

    /// <summary>Runs a read, turning a corrupt gzip stream into a <see cref="DatasetFormatException"/> naming the file.</summary>
    private static void Guard(string path, Action read)
    {
        try
        {
            read();
        }
        catch (InvalidDataException e)
        {
            throw new DatasetFormatException(path, null, $"is not a valid gzip stream: {e.Message}", e);
        }
    }
}
