using Neuro.Rules.Data;

namespace Neuro.Rules.Tasks.Idx;

/// <summary>
/// An MNIST-style dataset read from the four IDX files of a folder (<see cref="TaskSources.DataFolder"/>):
/// <c>mnist</c> and <c>fashion</c> (Fashion-MNIST) differ only in the folder the user gives.
/// </summary>
public sealed class IdxFolderTask : IDatasetTask
{
    /// <summary>A task named <paramref name="name"/>, described as <paramref name="description"/>.</summary>
    public IdxFolderTask(string name, string description)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        Name = name;
        Description = description;
    }

    /// <summary>MNIST's handwritten digits.</summary>
    public static IdxFolderTask Mnist { get; } = new("mnist", "MNIST digits, from the four IDX files of a data folder");

    /// <summary>Fashion-MNIST's clothing images.</summary>
    public static IdxFolderTask Fashion { get; } = new("fashion", "Fashion-MNIST, from the four IDX files of a data folder");

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public string Family => Patterns.PatternRuleFile.Family;

    /// <inheritdoc/>
    public string Description { get; }

    /// <inheritdoc/>
    public TaskSource Needs => TaskSource.DataFolder;

    /// <inheritdoc/>
    public (Dataset Train, Dataset Test) Load(TaskSources sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        string dir = sources.DataFolder
            ?? throw new TaskInputException(Name, $"Task '{Name}' needs a data folder holding its four IDX files", TaskSource.DataFolder);
        int? limit = sources.Limit;
        return TaskFiles.Read(Name, () => (
            IdxReader.ReadDataset(Path.Combine(dir, "train-images-idx3-ubyte.gz"), Path.Combine(dir, "train-labels-idx1-ubyte.gz"), limit),
            IdxReader.ReadDataset(Path.Combine(dir, "t10k-images-idx3-ubyte.gz"), Path.Combine(dir, "t10k-labels-idx1-ubyte.gz"), limit is int l ? Math.Max(100, l / 6) : null)));
    }
}
