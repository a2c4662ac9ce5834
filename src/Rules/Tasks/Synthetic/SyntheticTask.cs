using Neuro.Rules.Data;

namespace Neuro.Rules.Tasks.Synthetic;

/// <summary>Joosten's synthetic classification task (<see cref="SyntheticClassification.GenerateJoosten"/>), generated from the data seed.</summary>
public sealed class SyntheticTask : IDatasetTask
{
    /// <summary>The task's name.</summary>
    public const string TaskName = "synthetic";

    /// <inheritdoc/>
    public string Name => TaskName;

    /// <inheritdoc/>
    public string Family => Patterns.PatternRuleFile.Family;

    /// <inheritdoc/>
    public string Description => "Joosten: 4 classes, 10 features, 4000/1000";

    /// <inheritdoc/>
    public TaskSource Needs => TaskSource.None;

    /// <inheritdoc/>
    public (Dataset Train, Dataset Test) Load(TaskSources sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        return SyntheticClassification.GenerateJoosten(sources.DataSeed);
    }
}
