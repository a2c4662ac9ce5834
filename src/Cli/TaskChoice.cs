using Neuro.Rules.Data;
using Neuro.Rules.Patterns;
using Neuro.Rules.Tasks;
using Neuro.Rules.Tasks.Idx;

namespace Neuro.Cli;

/// <summary>A task's data and network settings: what <see cref="TaskOptions"/> read, stored in checkpoints as JSON.</summary>
internal sealed record TaskChoice(
    string Task,
    string? Data,
    string? Train,
    string? Test,
    string[]? TrainIdx,
    string[]? TestIdx,
    int? Limit,
    int Hidden,
    int Cap,
    double EdgeProbability,
    int Seed,
    int DataSeed)
{
    /// <summary>Whether the CSV files start with a header line: <c>auto</c> (see <see cref="CsvDatasetReader"/>), <c>yes</c> or <c>no</c>.</summary>
    public string Header { get; init; } = "auto";

    /// <summary><c>--clusters-per-class</c> (synthetic only); null keeps the generator's default and is not written to checkpoints.</summary>
    public int? ClustersPerClass { get; init; }

    /// <summary><c>--class-sep</c> (synthetic only); null keeps the generator's default and is not written to checkpoints.</summary>
    public double? ClassSep { get; init; }

    private bool? HasHeader => Header switch { "yes" => true, "no" => false, _ => null };

    /// <summary>Loads (or generates) the training and test sets; bad input becomes a <see cref="UsageException"/>.</summary>
    internal (Dataset Train, Dataset Test) Load()
    {
        if ((ClustersPerClass is not null || ClassSep is not null) && Task != Rules.Tasks.Synthetic.SyntheticTask.TaskName)
        {
            throw new UsageException($"--clusters-per-class and --class-sep vary the synthetic task's generator; --task {Task} has none");
        }

        var (train, test) = LoadAll();
        if (Limit is int limit)
        {
            if (limit < 1)
            {
                throw new UsageException($"--limit must be at least 1, not {limit}");
            }

            train = train.Subset(0, Math.Min(limit, train.Count));
            test = test.Subset(0, Math.Min(Math.Max(100, limit / 6), test.Count));
        }

        if (train.Features != test.Features)
        {
            throw new UsageException($"The training set has {train.Features} features but the test set has {test.Features}");
        }

        return (train, test);
    }

    /// <summary>The network on <paramref name="data"/>'s shape with this choice's size and seed.</summary>
    internal PatternNetworkSpec Network(Dataset data, int? seed = null)
    {
        var spec = new PatternNetworkSpec(data.Features, data.Classes, Hidden, Cap, EdgeProbability, seed ?? Seed);
        return spec.Problem is { } problem ? throw new UsageException(problem) : spec;
    }

    /// <summary>The sources the catalogue's task reads: this choice's files, folder, seed and limit.</summary>
    internal TaskSources Sources() => new()
    {
        DataSeed = DataSeed,
        ClustersPerClass = ClustersPerClass,
        ClassSep = ClassSep,
        Limit = Limit,
        DataFolder = Data,
        TrainCsv = Train,
        TestCsv = Test,
        CsvHeader = HasHeader,
        TrainIdx = TrainIdx is [var images, var labels] ? new IdxFiles(images, labels) : null,
        TestIdx = TestIdx is [var testImages, var testLabels] ? new IdxFiles(testImages, testLabels) : null,
    };

    /// <summary>The task named <see cref="Task"/> in <see cref="TaskCatalogue"/> loads its data; its errors become usage errors.</summary>
    private (Dataset Train, Dataset Test) LoadAll()
    {
        try
        {
            return TaskCatalogue.FindDataset(Task).Load(Sources());
        }
        catch (TaskInputException e)
        {
            throw new UsageException(e.Missing == TaskSource.None ? e.Message : Needs(e.Missing), e);
        }
    }

    /// <summary>The error for a source the task needs and was not given, in terms of the flags that give it.</summary>
    private string Needs(TaskSource missing) => missing switch
    {
        TaskSource.DataFolder => $"--task {Task} needs --data DIR, the folder holding its four IDX files",
        TaskSource.TrainCsv => $"--task {Task} needs --train A.csv and --test B.csv",
        TaskSource.TestCsv => $"--task {Task} needs --test B.csv",
        _ => $"--task {Task} needs --train-idx IMAGES LABELS and --test-idx IMAGES LABELS",
    };
}
