using Neuro.Rules.Tasks.Idx;

namespace Neuro.Rules.Tasks;

/// <summary>Where a dataset task's data come from; each task reads the members its <see cref="IDatasetTask.Needs"/> names.</summary>
public sealed record TaskSources
{
    /// <summary>Seed of generated data (synthetic, halfspace).</summary>
    public int DataSeed { get; init; } = 1;

    /// <summary>Synthetic task only: Gaussian clusters per class of the generator (<c>n_clusters_per_class</c>); null keeps Joosten's 2.</summary>
    public int? ClustersPerClass { get; init; }

    /// <summary>Synthetic task only: the generator's class separation (<c>class_sep</c>, half the hypercube's side); null keeps Joosten's 1.</summary>
    public double? ClassSep { get; init; }

    /// <summary>Read at most this many training samples (and at least 100, or a sixth of it, test samples) where the format allows; null reads all.</summary>
    public int? Limit { get; init; }

    /// <summary>Folder holding <c>train-images-idx3-ubyte.gz</c>, <c>train-labels-idx1-ubyte.gz</c>, <c>t10k-images-idx3-ubyte.gz</c> and <c>t10k-labels-idx1-ubyte.gz</c>.</summary>
    public string? DataFolder { get; init; }

    /// <summary>Training CSV: numeric features, then an integer label.</summary>
    public string? TrainCsv { get; init; }

    /// <summary>Test CSV, same columns as <see cref="TrainCsv"/>.</summary>
    public string? TestCsv { get; init; }

    /// <summary>Whether the CSV files start with a header line; null detects it (see <see cref="Data.CsvDatasetReader"/>).</summary>
    public bool? CsvHeader { get; init; }

    /// <summary>Training IDX images and labels files.</summary>
    public IdxFiles? TrainIdx { get; init; }

    /// <summary>Test IDX images and labels files.</summary>
    public IdxFiles? TestIdx { get; init; }
}
