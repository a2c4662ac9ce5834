using System.Reflection;

namespace Neuro.Distributed;

/// <summary>
/// The version a driver and its workers must share: the informational version of this assembly, which the .NET SDK
/// builds from the project version and the git commit (<c>1.0.0+7f3fefb…</c>).
/// </summary>
/// <remarks>
/// Bit-identical results across machines need identical code: a worker built from another commit may compute other
/// fitnesses, so a driver refuses it (and a worker refuses work from another version) instead of mixing their results.
/// </remarks>
public static class WorkerVersion
{
    /// <summary>This build's version.</summary>
    public static string Current { get; } =
        typeof(WorkerVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(WorkerVersion).Assembly.GetName().Version?.ToString()
        ?? "unknown";
}
