using System.Text;

namespace Neuro.OpenClKernels.Host;

/// <summary>A built OpenCL program; owns the <c>cl_program</c>.</summary>
public sealed class ClProgram : IDisposable
{
    private const uint ProgramBuildLog = 0x1183;
    private readonly ClContext context;
    private nint program;

    /// <summary>Creates the program from source and builds it; a failed build throws with the full build log.</summary>
    internal unsafe ClProgram(ClContext context, string source, string options)
    {
        this.context = context;
        Options = options;
        var cl = OpenClRuntime.Api;
        byte[] text = Encoding.UTF8.GetBytes(source);
        int code;
        fixed (byte* s = text)
        {
            byte* strings = s;
            nuint length = (nuint)text.Length;
            program = cl.CreateProgramWithSource(context.Handle, 1, &strings, &length, &code);
        }

        OpenClErrors.Check(code, "clCreateProgramWithSource");
        nint device = context.Device.Handle;
        code = cl.BuildProgram(program, 1, &device, options, null, null);
        if (code != 0)
        {
            string log = BuildLog(device);
            Dispose();
            throw new OpenClException("clBuildProgram", code, log);
        }
    }

    /// <summary>The build options.</summary>
    public string Options { get; }

    /// <summary>Creates the kernel <paramref name="name"/>.</summary>
    public ClKernel Kernel(string name) => new(context, Handle, name);

    /// <summary>The <c>cl_program</c>.</summary>
    internal nint Handle => program != 0 ? program : throw new ObjectDisposedException(nameof(ClProgram));

    /// <inheritdoc/>
    public void Dispose()
    {
        if (program != 0)
        {
            OpenClRuntime.Api.ReleaseProgram(program);
            program = 0;
        }
    }

    private unsafe string BuildLog(nint device)
    {
        var cl = OpenClRuntime.Api;
        nuint size;
        if (cl.GetProgramBuildInfo(program, device, (Silk.NET.OpenCL.ProgramBuildInfo)ProgramBuildLog, 0, null, &size) != 0)
        {
            return "(the build log could not be read)";
        }

        var bytes = new byte[(int)size];
        fixed (byte* b = bytes)
        {
            OpenClErrors.Check(cl.GetProgramBuildInfo(program, device, (Silk.NET.OpenCL.ProgramBuildInfo)ProgramBuildLog, size, b, null), "clGetProgramBuildInfo");
        }

        return OpenClPlatforms.Text(bytes);
    }
}
