namespace Neuro.Distributed;

/// <summary>How a worker silo runs the work it is given.</summary>
public sealed record WorkerSettings
{
    /// <summary>Calls run at once: the cores given to lifetimes (default: all), or 1 for an OpenCL device.</summary>
    public int Slots { get; init; } = Environment.ProcessorCount;

    /// <summary>Candidates per call: 1 on CPU cores (the finest load balance); a device launch's worth on OpenCL.</summary>
    public int Chunk { get; init; } = 1;

    /// <summary>The version this worker reports and requires of drivers (default: <see cref="WorkerVersion.Current"/>).</summary>
    public string Version { get; init; } = WorkerVersion.Current;

    /// <summary>Receives the worker's one-line messages (job loaded, driver refused); null for none.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        if (Slots < 1)
        {
            throw new ArgumentException($"Slots must be at least 1, not {Slots}");
        }

        if (Chunk < 1)
        {
            throw new ArgumentException($"Chunk must be at least 1, not {Chunk}");
        }

        ArgumentException.ThrowIfNullOrEmpty(Version);
    }
}
