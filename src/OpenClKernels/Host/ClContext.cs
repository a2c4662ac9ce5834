using Silk.NET.OpenCL;

namespace Neuro.OpenClKernels.Host;

/// <summary>An OpenCL context and an in-order command queue on one device; owns both and releases them on dispose.</summary>
public sealed class ClContext : IDisposable
{
    private nint context;
    private nint queue;

    /// <summary>Creates the context and queue for <paramref name="device"/>.</summary>
    /// <exception cref="OpenClException">A call fails.</exception>
    public unsafe ClContext(OpenClDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        Device = device;
        var cl = OpenClRuntime.Api;
        nint id = device.Handle;
        int code;
        context = cl.CreateContext(null, 1, &id, null, null, &code);
        OpenClErrors.Check(code, "clCreateContext");
        queue = cl.CreateCommandQueue(context, id, (CommandQueueProperties)0, &code);
        if (code != 0)
        {
            cl.ReleaseContext(context);
            context = 0;
            OpenClErrors.Check(code, "clCreateCommandQueue");
        }
    }

    /// <summary>The device.</summary>
    public OpenClDevice Device { get; }

    /// <summary>The <c>cl_context</c>.</summary>
    internal nint Handle => context != 0 ? context : throw new ObjectDisposedException(nameof(ClContext));

    /// <summary>The <c>cl_command_queue</c>.</summary>
    internal nint Queue => queue != 0 ? queue : throw new ObjectDisposedException(nameof(ClContext));

    /// <summary>Compiles <paramref name="source"/> with <paramref name="options"/> (e.g. <c>-D N=10</c>) for the device.</summary>
    /// <exception cref="OpenClException">The build fails; the exception carries the compiler's log.</exception>
    public ClProgram Build(string source, string options) => new(this, source, options);

    /// <summary>Allocates a device buffer of <paramref name="count"/> elements of <typeparamref name="T"/> (at least one).</summary>
    public ClBuffer<T> Allocate<T>(long count)
        where T : unmanaged => new(this, count);

    /// <summary>Blocks until every queued command has finished.</summary>
    public void Finish() => OpenClErrors.Check(OpenClRuntime.Api.Finish(Queue), "clFinish");

    /// <inheritdoc/>
    public void Dispose()
    {
        var cl = OpenClRuntime.Api;
        if (queue != 0)
        {
            cl.ReleaseCommandQueue(queue);
            queue = 0;
        }

        if (context != 0)
        {
            cl.ReleaseContext(context);
            context = 0;
        }
    }
}
