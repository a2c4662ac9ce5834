using System.Globalization;
using System.Text;

namespace Neuro.OpenClKernels.Host;

/// <summary>Enumerates the installed OpenCL platforms and devices, and selects a device by index.</summary>
public static class OpenClPlatforms
{
    private const uint PlatformName = 0x0902;
    private const uint PlatformVendor = 0x0903;
    private const uint PlatformVersion = 0x0901;
    private const uint DeviceType = 0x1000;
    private const uint DeviceMaxComputeUnits = 0x1002;
    private const uint DeviceMaxWorkGroupSize = 0x1004;
    private const uint DeviceMaxMemAllocSize = 0x1010;
    private const uint DeviceGlobalMemSize = 0x101F;
    private const uint DeviceLocalMemSize = 0x1023;
    private const uint DeviceName = 0x102B;
    private const uint DeviceVersion = 0x102F;
    private const ulong AllDeviceTypes = 0xFFFFFFFF;

    /// <summary>Every platform with its devices; an empty list when the loader finds no platform.</summary>
    /// <exception cref="OpenClException">No loader is installed, or a query fails.</exception>
    public static unsafe IReadOnlyList<OpenClPlatform> List()
    {
        var cl = OpenClRuntime.Api;
        uint count;
        int code = cl.GetPlatformIDs(0, null, &count);
        if (code == OpenClErrors.PlatformNotFound || (code == 0 && count == 0))
        {
            return [];
        }

        OpenClErrors.Check(code, "clGetPlatformIDs");
        var ids = new nint[count];
        fixed (nint* p = ids)
        {
            OpenClErrors.Check(cl.GetPlatformIDs(count, p, null), "clGetPlatformIDs");
        }

        var platforms = new List<OpenClPlatform>();
        int index = 0;
        foreach (nint platform in ids)
        {
            string name = PlatformString(platform, PlatformName);
            var devices = new List<OpenClDevice>();
            uint deviceCount;
            code = cl.GetDeviceIDs(platform, (Silk.NET.OpenCL.DeviceType)AllDeviceTypes, 0, null, &deviceCount);
            if (code != OpenClErrors.DeviceNotFound)
            {
                OpenClErrors.Check(code, "clGetDeviceIDs");
                var deviceIds = new nint[deviceCount];
                fixed (nint* d = deviceIds)
                {
                    OpenClErrors.Check(cl.GetDeviceIDs(platform, (Silk.NET.OpenCL.DeviceType)AllDeviceTypes, deviceCount, d, null), "clGetDeviceIDs");
                }

                foreach (nint device in deviceIds)
                {
                    devices.Add(new OpenClDevice(
                        index++,
                        name,
                        DeviceString(device, DeviceName),
                        TypeName(DeviceValue<ulong>(device, DeviceType)),
                        (int)DeviceValue<uint>(device, DeviceMaxComputeUnits),
                        (long)DeviceValue<ulong>(device, DeviceGlobalMemSize),
                        (long)DeviceValue<ulong>(device, DeviceLocalMemSize),
                        (long)DeviceValue<ulong>(device, DeviceMaxMemAllocSize),
                        (int)DeviceValue<nuint>(device, DeviceMaxWorkGroupSize),
                        DeviceString(device, DeviceVersion))
                    {
                        Handle = device,
                        PlatformHandle = platform,
                    });
                }
            }

            platforms.Add(new OpenClPlatform(name, PlatformString(platform, PlatformVendor), PlatformString(platform, PlatformVersion), devices));
        }

        return platforms;
    }

    /// <summary>Every device of every platform, in <see cref="OpenClDevice.Index"/> order.</summary>
    /// <exception cref="OpenClException">No loader is installed, or a query fails.</exception>
    public static IReadOnlyList<OpenClDevice> Devices() => [.. List().SelectMany(p => p.Devices)];

    /// <summary>The device <c>--device <paramref name="index"/></c> names.</summary>
    /// <exception cref="OpenClException">There is no OpenCL platform or device at all (the message says what to install), or
    /// <paramref name="index"/> is not one of them (the message lists the valid range).</exception>
    public static OpenClDevice Device(int index)
    {
        var devices = Devices();
        if (devices.Count == 0)
        {
            throw new OpenClException($"No OpenCL platform or device found; {OpenClRuntime.InstallHint}");
        }

        if (index < 0 || index >= devices.Count)
        {
            throw new OpenClException(string.Create(CultureInfo.InvariantCulture,
                $"There is no OpenCL device {index}: {devices.Count} device(s) found, numbered 0..{devices.Count - 1} (see 'neuro devices')"));
        }

        return devices[index];
    }

    private static string TypeName(ulong type)
    {
        var names = new List<string>();
        foreach (var (bit, name) in new[] { (1UL, "default"), (2UL, "CPU"), (4UL, "GPU"), (8UL, "accelerator"), (16UL, "custom") })
        {
            if ((type & bit) != 0)
            {
                names.Add(name);
            }
        }

        return names.Count == 0 ? "unknown" : string.Join("|", names);
    }

    private static unsafe string PlatformString(nint platform, uint param)
    {
        var cl = OpenClRuntime.Api;
        nuint size;
        OpenClErrors.Check(cl.GetPlatformInfo(platform, (Silk.NET.OpenCL.PlatformInfo)param, 0, null, &size), "clGetPlatformInfo");
        var bytes = new byte[(int)size];
        fixed (byte* b = bytes)
        {
            OpenClErrors.Check(cl.GetPlatformInfo(platform, (Silk.NET.OpenCL.PlatformInfo)param, size, b, null), "clGetPlatformInfo");
        }

        return Text(bytes);
    }

    private static unsafe string DeviceString(nint device, uint param)
    {
        var cl = OpenClRuntime.Api;
        nuint size;
        OpenClErrors.Check(cl.GetDeviceInfo(device, (Silk.NET.OpenCL.DeviceInfo)param, 0, null, &size), "clGetDeviceInfo");
        var bytes = new byte[(int)size];
        fixed (byte* b = bytes)
        {
            OpenClErrors.Check(cl.GetDeviceInfo(device, (Silk.NET.OpenCL.DeviceInfo)param, size, b, null), "clGetDeviceInfo");
        }

        return Text(bytes);
    }

    private static unsafe T DeviceValue<T>(nint device, uint param)
        where T : unmanaged
    {
        T value = default;
        OpenClErrors.Check(OpenClRuntime.Api.GetDeviceInfo(device, (Silk.NET.OpenCL.DeviceInfo)param, (nuint)sizeof(T), &value, null), "clGetDeviceInfo");
        return value;
    }

    /// <summary>A NUL-terminated ASCII/UTF-8 string from an info query, trimmed.</summary>
    internal static string Text(byte[] bytes)
    {
        int end = Array.IndexOf(bytes, (byte)0);
        return Encoding.UTF8.GetString(bytes, 0, end < 0 ? bytes.Length : end).Trim();
    }
}
