namespace Neuro.Rules.Tasks;

/// <summary>The inputs a dataset task may need beyond its seed (<see cref="IDatasetTask.Needs"/>).</summary>
[Flags]
public enum TaskSource
{
    /// <summary>Nothing: the task generates its data.</summary>
    None = 0,

    /// <summary>A folder holding the four IDX files of an MNIST-style dataset (<see cref="TaskSources.DataFolder"/>).</summary>
    DataFolder = 1,

    /// <summary>The training CSV file (<see cref="TaskSources.TrainCsv"/>).</summary>
    TrainCsv = 2,

    /// <summary>The test CSV file (<see cref="TaskSources.TestCsv"/>).</summary>
    TestCsv = 4,

    /// <summary>The training IDX images and labels files (<see cref="TaskSources.TrainIdx"/>).</summary>
    TrainIdx = 8,

    /// <summary>The test IDX images and labels files (<see cref="TaskSources.TestIdx"/>).</summary>
    TestIdx = 16,
}
