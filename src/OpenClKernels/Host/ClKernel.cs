using System.Text;

namespace Neuro.OpenClKernels.Host;

/// <summary>An OpenCL kernel of a built program; owns the <c>cl_kernel</c>.</summary>
public sealed class ClKernel : IDisposable
{
    private readonly ClContext context;
    private nint kernel;

    internal unsafe ClKernel(ClContext context, nint program, string name)
    {
        this.context = context;
        Name = name;
        int code;
        byte[] bytes = Encoding.ASCII.GetBytes(name + "\0");
        fixed (byte* n = bytes)
        {
            kernel = OpenClRuntime.Api.CreateKernel(program, n, &code);
        }

        OpenClErrors.Check(code, $"clCreateKernel({name})");
    }

    /// <summary>The kernel's name.</summary>
    public string Name { get; }

    /// <summary>Sets argument <paramref name="index"/> to a buffer.</summary>
    public unsafe void SetArgument<T>(uint index, ClBuffer<T> buffer)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(buffer);
        nint handle = buffer.Handle;
        OpenClErrors.Check(OpenClRuntime.Api.SetKernelArg(Handle, index, (nuint)sizeof(nint), &handle), $"clSetKernelArg({Name}, {index})");
    }

    /// <summary>Sets argument <paramref name="index"/> to a scalar.</summary>
    public unsafe void SetArgument<T>(uint index, T value)
        where T : unmanaged =>
        OpenClErrors.Check(OpenClRuntime.Api.SetKernelArg(Handle, index, (nuint)sizeof(T), &value), $"clSetKernelArg({Name}, {index})");

    /// <summary>Enqueues a one-dimensional launch of <paramref name="groups"/> work-groups of <paramref name="localSize"/> work-items.</summary>
    public unsafe void Launch(long groups, int localSize)
    {
        nuint global = (nuint)(groups * localSize), local = (nuint)localSize;
        OpenClErrors.Check(
            OpenClRuntime.Api.EnqueueNdrangeKernel(context.Queue, Handle, 1, null, &global, &local, 0, null, null),
            $"clEnqueueNDRangeKernel({Name})");
    }

    /// <summary>The <c>cl_kernel</c>.</summary>
    internal nint Handle => kernel != 0 ? kernel : throw new ObjectDisposedException(nameof(ClKernel));

    /// <inheritdoc/>
    public void Dispose()
    {
        if (kernel != 0)
        {
            OpenClRuntime.Api.ReleaseKernel(kernel);
            kernel = 0;
        }
    }
}
