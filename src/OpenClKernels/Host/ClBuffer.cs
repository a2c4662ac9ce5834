using Silk.NET.OpenCL;

namespace Neuro.OpenClKernels.Host;

/// <summary>A device buffer of <see cref="Count"/> elements of <typeparamref name="T"/>; owns the <c>cl_mem</c>.</summary>
/// <typeparam name="T">The element type (an unmanaged integer type matching the kernel's).</typeparam>
public sealed class ClBuffer<T> : IDisposable
    where T : unmanaged
{
    private readonly ClContext context;
    private nint buffer;

    internal unsafe ClBuffer(ClContext context, long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        this.context = context;
        Count = Math.Max(1, count);
        int code;
        buffer = OpenClRuntime.Api.CreateBuffer(context.Handle, MemFlags.ReadWrite, (nuint)(Count * sizeof(T)), null, &code);
        OpenClErrors.Check(code, "clCreateBuffer");
    }

    /// <summary>Elements in the buffer.</summary>
    public long Count { get; }

    /// <summary>Copies <paramref name="data"/> to the start of the buffer (blocking).</summary>
    public unsafe void Write(ReadOnlySpan<T> data)
    {
        if (data.Length > Count)
        {
            throw new ArgumentException($"{data.Length} elements do not fit a buffer of {Count}", nameof(data));
        }

        if (data.IsEmpty)
        {
            return;
        }

        fixed (T* p = data)
        {
            OpenClErrors.Check(
                OpenClRuntime.Api.EnqueueWriteBuffer(context.Queue, Handle, true, 0, (nuint)data.Length * (nuint)sizeof(T), p, 0, null, null),
                "clEnqueueWriteBuffer");
        }
    }

    /// <summary>Copies <paramref name="data"/>.Length elements from element <paramref name="offset"/> on into <paramref name="data"/> (blocking).</summary>
    public unsafe void Read(Span<T> data, long offset = 0)
    {
        if (offset < 0 || data.Length > Count - offset)
        {
            throw new ArgumentException($"{data.Length} elements from element {offset} exceed a buffer of {Count}", nameof(data));
        }

        if (data.IsEmpty)
        {
            return;
        }

        fixed (T* p = data)
        {
            OpenClErrors.Check(
                OpenClRuntime.Api.EnqueueReadBuffer(context.Queue, Handle, true, (nuint)offset * (nuint)sizeof(T), (nuint)data.Length * (nuint)sizeof(T), p, 0, null, null),
                "clEnqueueReadBuffer");
        }
    }

    /// <summary>The <c>cl_mem</c>.</summary>
    internal nint Handle => buffer != 0 ? buffer : throw new ObjectDisposedException(nameof(ClBuffer<T>));

    /// <inheritdoc/>
    public void Dispose()
    {
        if (buffer != 0)
        {
            OpenClRuntime.Api.ReleaseMemObject(buffer);
            buffer = 0;
        }
    }
}
