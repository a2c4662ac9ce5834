using Neuro.Rules.Data;

namespace Neuro.Rules.Tasks.Csv;

/// <summary>A dataset from two CSV files (<see cref="CsvDatasetReader"/>); the test set has the training set's classes.</summary>
public sealed class CsvTask : IDatasetTask
{
    /// <summary>The task's name.</summary>
    public const string TaskName = "csv";

    /// <inheritdoc/>
    public string Name => TaskName;

    /// <inheritdoc/>
    public string Family => Patterns.PatternRuleFile.Family;

    /// <inheritdoc/>
    public string Description => "training and test CSV files: numeric features, then an integer label";

    /// <inheritdoc/>
    public TaskSource Needs => TaskSource.TrainCsv | TaskSource.TestCsv;

    /// <inheritdoc/>
    public (Dataset Train, Dataset Test) Load(TaskSources sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        string trainPath = sources.TrainCsv ?? throw new TaskInputException(Name, "Task 'csv' needs a training and a test CSV file", TaskSource.TrainCsv);
        var train = TaskFiles.Read(Name, () => CsvDatasetReader.Read(trainPath, hasHeader: sources.CsvHeader));
        string testPath = sources.TestCsv ?? throw new TaskInputException(Name, "Task 'csv' needs a test CSV file", TaskSource.TestCsv);
        var test = TaskFiles.Read(Name, () => CsvDatasetReader.Read(testPath, classes: train.Classes, hasHeader: sources.CsvHeader));
        return (train, test);
    }
}
