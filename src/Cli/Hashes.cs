using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Neuro.Rules.Data;

namespace Neuro.Cli;

/// <summary>SHA-256 digests of simulation results, so users can check that two backends agree on their own data.</summary>
internal static class Hashes
{
    /// <summary>Lower-case hex SHA-256 of three arrays' values as little-endian 64-bit integers, in order.</summary>
    internal static string Of(ReadOnlySpan<long> a, ReadOnlySpan<long> b, ReadOnlySpan<long> c)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, a);
        Append(hash, b);
        Append(hash, c);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Lower-case hex SHA-256 of three arrays' IEEE-754 bit patterns as little-endian 64-bit integers, in order.</summary>
    internal static string Of(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> c)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, a);
        Append(hash, b);
        Append(hash, c);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Lower-case hex SHA-256 of the predictions as little-endian 32-bit integers, in order.</summary>
    internal static string Of(IReadOnlyList<int> predictions)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> buffer = stackalloc byte[4];
        foreach (int p in predictions)
        {
            BinaryPrimitives.WriteInt32LittleEndian(buffer, p);
            hash.AppendData(buffer);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>
    /// Lower-case hex SHA-256 of datasets as a run sees them, in order: per dataset its features, classes and count as
    /// little-endian 32-bit integers, then its values' IEEE-754 bits and its labels, little-endian. Two runs learn from
    /// the same data exactly when these agree, whatever the files were called.
    /// </summary>
    internal static string OfData(params Dataset[] datasets)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> header = stackalloc byte[12];
        foreach (var data in datasets)
        {
            BinaryPrimitives.WriteInt32LittleEndian(header, data.Features);
            BinaryPrimitives.WriteInt32LittleEndian(header[4..], data.Classes);
            BinaryPrimitives.WriteInt32LittleEndian(header[8..], data.Count);
            hash.AppendData(header);
            if (BitConverter.IsLittleEndian)
            {
                hash.AppendData(MemoryMarshal.AsBytes(data.Values));
                hash.AppendData(MemoryMarshal.AsBytes(data.Labels));
            }
            else
            {
                Append(hash, data.Values);
                foreach (int label in data.Labels)
                {
                    BinaryPrimitives.WriteInt32LittleEndian(header, label);
                    hash.AppendData(header[..4]);
                }
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void Append(IncrementalHash hash, ReadOnlySpan<long> values)
    {
        Span<byte> buffer = stackalloc byte[8];
        foreach (long v in values)
        {
            BinaryPrimitives.WriteInt64LittleEndian(buffer, v);
            hash.AppendData(buffer);
        }
    }

    private static void Append(IncrementalHash hash, ReadOnlySpan<double> values)
    {
        Span<byte> buffer = stackalloc byte[8];
        foreach (double v in values)
        {
            BinaryPrimitives.WriteInt64LittleEndian(buffer, BitConverter.DoubleToInt64Bits(v));
            hash.AppendData(buffer);
        }
    }
}
