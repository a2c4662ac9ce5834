namespace Neuro.Distributed;

/// <summary>How a driver dispatches candidates to a cluster, and when it gives up on a worker or on the cluster.</summary>
/// <remarks>
/// A candidate is dispatched again when its call fails (the worker's connection dropped, or Orleans rejected the call
/// because the worker's silo was declared dead), when the worker's silo leaves the membership's active list (polled
/// every <see cref="PollInterval"/>), or when the call has run longer than <see cref="CallTimeout"/>. Results do not
/// depend on any of this: every fitness depends only on the candidate and its evaluation context.
/// </remarks>
public sealed record ClusterSettings
{
    /// <summary>The version workers must report (default: <see cref="WorkerVersion.Current"/>).</summary>
    public string Version { get; init; } = WorkerVersion.Current;

    /// <summary>How often the membership is read for workers that joined or left (default 1 s).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest a call (one chunk of lifetimes) may run before its candidates go to another worker (default 10 min).</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Longest a new worker may take to answer its first call (default 10 s).</summary>
    public TimeSpan HelloTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest candidates may wait with no usable worker before the evaluation fails (default 2 min).</summary>
    public TimeSpan NoWorkerTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How often <see cref="Progress"/> is called while candidates are outstanding (default 5 s).</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Receives one-line events: a worker joined, left or was refused; candidates dispatched again.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>Receives progress every <see cref="ProgressInterval"/>.</summary>
    public Action<ClusterProgress>? Progress { get; init; }

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(Version);
        foreach (var (name, value) in new[] { (nameof(PollInterval), PollInterval), (nameof(CallTimeout), CallTimeout), (nameof(HelloTimeout), HelloTimeout), (nameof(NoWorkerTimeout), NoWorkerTimeout), (nameof(ProgressInterval), ProgressInterval) })
        {
            if (value <= TimeSpan.Zero)
            {
                throw new ArgumentException($"{name} must be positive, not {value}");
            }
        }
    }
}
