using Neuro.Rules.Data;

namespace Neuro.Rules.Tasks.Synthetic;

/// <summary>
/// Joosten's synthetic classification task (<see cref="SyntheticClassification.GenerateJoosten"/>), generated from the
/// data seed; <see cref="TaskSources.ClustersPerClass"/> and <see cref="TaskSources.ClassSep"/> vary the generator (the
/// rest of <see cref="SyntheticClassificationSettings.Joosten"/> and the 4,000/1,000 split stay), so that a rule can be
/// judged on data of other settings than it was evolved on.
/// </summary>
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
        if (sources.ClustersPerClass is null && sources.ClassSep is null)
        {
            return SyntheticClassification.GenerateJoosten(sources.DataSeed);
        }

        var settings = Settings(sources);
        if (SyntheticClassification.Problem(settings) is { } problem)
        {
            throw new TaskInputException(TaskName, problem);
        }

        return SyntheticClassification.Generate(settings, sources.DataSeed).Split(SyntheticClassification.JoostenTrainCount);
    }

    /// <summary>Joosten's generator settings with the sources' clusters per class and class separation, where given.</summary>
    public static SyntheticClassificationSettings Settings(TaskSources sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var joosten = SyntheticClassificationSettings.Joosten;
        return joosten with
        {
            ClustersPerClass = sources.ClustersPerClass ?? joosten.ClustersPerClass,
            ClassSep = sources.ClassSep ?? joosten.ClassSep,
        };
    }
}
