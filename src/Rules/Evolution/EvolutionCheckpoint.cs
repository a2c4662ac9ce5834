using System.Text.Json;
using Neuro.Rules.Json;

namespace Neuro.Rules.Evolution;

/// <summary>
/// Everything needed to continue a run exactly: the optimizer's state, the best genes so far, the evaluation count, and
/// the caller's configuration (opaque JSON, e.g. the command line that started the run).
/// </summary>
public sealed record EvolutionCheckpoint
{
    /// <summary>The only <see cref="Version"/> this reader takes.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Format version of the checkpoint file.</summary>
    public int Version { get; init; } = CurrentVersion;

    /// <summary>Completed generations.</summary>
    public int Generation { get; init; }

    /// <summary>Rule evaluations so far.</summary>
    public long Evaluations { get; init; }

    /// <summary><see cref="IOptimizer.SaveState"/> output.</summary>
    public required string OptimizerState { get; init; }

    /// <summary>Genes of the best candidate evaluated so far.</summary>
    public required double[] BestGenes { get; init; }

    /// <summary>Its fitness.</summary>
    public double BestFitness { get; init; }

    /// <summary>The generation that found it.</summary>
    public int BestGeneration { get; init; }

    /// <summary>The caller's configuration, stored verbatim.</summary>
    public required string Config { get; init; }

    /// <summary>Writes the checkpoint atomically, so an interrupted write leaves the previous one intact.</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Options));

    /// <summary>Reads the checkpoint of the run in <paramref name="directory"/>.</summary>
    /// <exception cref="JsonInputException">The file is missing, malformed, or not a checkpoint of this version.</exception>
    public static EvolutionCheckpoint LoadFrom(string directory) => Load(Path.Combine(directory, "checkpoint.json"));

    /// <summary>Reads a checkpoint strictly (<see cref="StrictJson"/>: unknown or duplicate members, missing required
    /// members and non-finite numbers are errors naming the JSON path) and checks its version and counts.</summary>
    /// <exception cref="JsonInputException">The file is missing, malformed, or not a checkpoint of this version.</exception>
    public static EvolutionCheckpoint Load(string path)
    {
        var checkpoint = StrictJson.ReadFile<EvolutionCheckpoint>(path);
        if (checkpoint.Version != CurrentVersion)
        {
            throw new JsonInputException(path, "version", $"checkpoint version {checkpoint.Version} is not supported; this reader takes {CurrentVersion}");
        }

        if (checkpoint.Generation < 0 || checkpoint.Evaluations < 0 || checkpoint.BestGeneration < 0 || checkpoint.BestGeneration > checkpoint.Generation)
        {
            throw new JsonInputException(path, null,
                $"inconsistent counts: generation {checkpoint.Generation}, evaluations {checkpoint.Evaluations}, bestGeneration {checkpoint.BestGeneration}");
        }

        return checkpoint;
    }

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
}
