using System.Text.Json;

namespace Neuro.Rules.Evolution;

/// <summary>
/// Everything needed to continue a run exactly: the optimizer's state, the best genes so far, the evaluation count, and
/// the caller's configuration (opaque JSON, e.g. the command line that started the run).
/// </summary>
public sealed record EvolutionCheckpoint
{
    /// <summary>Format version of the checkpoint file.</summary>
    public int Version { get; init; } = 1;

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
    public static EvolutionCheckpoint LoadFrom(string directory) => Load(Path.Combine(directory, "checkpoint.json"));

    /// <summary>Reads a checkpoint.</summary>
    /// <exception cref="InvalidDataException">The file is not a checkpoint of this version.</exception>
    public static EvolutionCheckpoint Load(string path)
    {
        try
        {
            var checkpoint = JsonSerializer.Deserialize<EvolutionCheckpoint>(File.ReadAllText(path), Options)
                ?? throw new InvalidDataException($"{path}: empty checkpoint");
            return checkpoint.Version == 1 ? checkpoint : throw new InvalidDataException($"{path}: checkpoint version {checkpoint.Version} is not supported");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a valid checkpoint: {e.Message}", e);
        }
    }

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
}
