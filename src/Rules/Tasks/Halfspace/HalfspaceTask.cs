using Neuro.Rules.Data;

namespace Neuro.Rules.Tasks.Halfspace;

/// <summary>A random halfspace in 10 features (<see cref="Data.Halfspace"/>): 5000 samples from the data seed, split 4000/1000.</summary>
public sealed class HalfspaceTask : IDatasetTask
{
    /// <summary>The task's name.</summary>
    public const string TaskName = "halfspace";

    /// <inheritdoc/>
    public string Name => TaskName;

    /// <inheritdoc/>
    public string Family => Patterns.PatternRuleFile.Family;

    /// <inheritdoc/>
    public string Description => "10 features, 4000/1000";

    /// <inheritdoc/>
    public TaskSource Needs => TaskSource.None;

    /// <inheritdoc/>
    public (Dataset Train, Dataset Test) Load(TaskSources sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        return Data.Halfspace.Generate(new HalfspaceSettings { Samples = 5000, Features = 10 }, sources.DataSeed).Split(4000);
    }
}
