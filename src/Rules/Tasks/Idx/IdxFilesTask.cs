using Neuro.Rules.Data;

namespace Neuro.Rules.Tasks.Idx;

/// <summary>Any IDX dataset: training and test images and labels files named one by one (<see cref="TaskSources.TrainIdx"/>, <see cref="TaskSources.TestIdx"/>).</summary>
public sealed class IdxFilesTask : IDatasetTask
{
    /// <summary>The task's name.</summary>
    public const string TaskName = "idx";

    /// <inheritdoc/>
    public string Name => TaskName;

    /// <inheritdoc/>
    public string Family => Patterns.PatternRuleFile.Family;

    /// <inheritdoc/>
    public string Description => "IDX images and labels files for training and for test";

    /// <inheritdoc/>
    public TaskSource Needs => TaskSource.TrainIdx | TaskSource.TestIdx;

    /// <inheritdoc/>
    public (Dataset Train, Dataset Test) Load(TaskSources sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        if (sources.TrainIdx is not { } train || sources.TestIdx is not { } test)
        {
            throw new TaskInputException(Name, "Task 'idx' needs training and test IDX images and labels files", sources.TrainIdx is null ? TaskSource.TrainIdx : TaskSource.TestIdx);
        }

        return TaskFiles.Read(Name, () => (IdxReader.ReadDataset(train.Images, train.Labels, sources.Limit), IdxReader.ReadDataset(test.Images, test.Labels)));
    }
}
