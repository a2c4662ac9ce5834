using Neuro.Rules.Data;

namespace Neuro.Rules.Continual;

/// <summary>
/// The image tasks of the continual protocol, read from one data folder: <c>mnist</c> (folder <c>mnist</c>) and
/// <c>fashion</c> (folder <c>fashion-mnist</c>), each with the four IDX files of the originals. Task <c>k</c> of a sequence
/// gets output units <c>10·k … 10·k + 9</c>.
/// </summary>
public static class ContinualTasks
{
    /// <summary>The task names this loader knows, with the folder each is read from.</summary>
    public static IReadOnlyDictionary<string, string> Folders { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["fashion"] = "fashion-mnist",
        ["mnist"] = "mnist",
    };

    /// <summary>Training images file name inside a task folder.</summary>
    public const string TrainImages = "train-images-idx3-ubyte.gz";

    /// <summary>Training labels file name inside a task folder.</summary>
    public const string TrainLabels = "train-labels-idx1-ubyte.gz";

    /// <summary>Test images file name inside a task folder.</summary>
    public const string TestImages = "t10k-images-idx3-ubyte.gz";

    /// <summary>Test labels file name inside a task folder.</summary>
    public const string TestLabels = "t10k-labels-idx1-ubyte.gz";

    /// <summary>
    /// Loads the named tasks from <paramref name="dataRoot"/>, in order, with their class offsets. Each task's training
    /// and test sets are read whole (<paramref name="limit"/> keeps the first rows of each, for quick runs).
    /// </summary>
    /// <exception cref="ArgumentException">A task name is unknown or repeated, or a set's image size differs from the first task's (the message names the file).</exception>
    /// <exception cref="DatasetFormatException">A file is malformed.</exception>
    /// <exception cref="FileNotFoundException">A file is missing.</exception>
    /// <exception cref="DirectoryNotFoundException">A folder is missing.</exception>
    public static IReadOnlyList<ContinualTask> Load(string dataRoot, IReadOnlyList<string> names, int? limit = null)
    {
        ArgumentNullException.ThrowIfNull(dataRoot);
        ArgumentNullException.ThrowIfNull(names);
        CheckNames(names);
        var tasks = new List<ContinualTask>(names.Count);
        int offset = 0;
        foreach (string name in names)
        {
            string dir = Path.Combine(dataRoot, Folders[name]);
            var train = IdxReader.ReadDataset(Path.Combine(dir, TrainImages), Path.Combine(dir, TrainLabels), limit);
            string testImages = Path.Combine(dir, TestImages);
            var test = IdxReader.ReadDataset(testImages, Path.Combine(dir, TestLabels), limit);
            if (tasks.Count > 0 && (train.Features != tasks[0].Train.Features || test.Features != tasks[0].Train.Features))
            {
                string file = train.Features != tasks[0].Train.Features ? Path.Combine(dir, TrainImages) : testImages;
                int features = train.Features != tasks[0].Train.Features ? train.Features : test.Features;
                throw new ArgumentException($"{file}: images of {features} pixels, but task '{tasks[0].Name}' has {tasks[0].Train.Features}; every task needs the same image size");
            }

            tasks.Add(new ContinualTask(name, train, test, offset));
            offset += train.Classes;
        }

        return tasks;
    }

    /// <summary>Throws when a name is unknown (listing the known ones) or repeated, or when there are none.</summary>
    /// <exception cref="ArgumentException">The message names the offending task.</exception>
    public static void CheckNames(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names.Count == 0)
        {
            throw new ArgumentException("At least one task is needed");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string name in names)
        {
            if (!Folders.ContainsKey(name))
            {
                throw new ArgumentException($"Unknown task '{name}'; expected {string.Join(" or ", Folders.Keys)}");
            }

            if (!seen.Add(name))
            {
                throw new ArgumentException($"Task '{name}' appears twice");
            }
        }
    }

    /// <summary>
    /// The evolution view of <paramref name="tasks"/>: each task's training set split into the first
    /// <c>Count − validation</c> rows (learned from) and the last <paramref name="validation"/> rows (scored), so that
    /// fitness never sees a test set.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="validation"/> is not below a training set's size.</exception>
    public static IReadOnlyList<ContinualTask> ValidationSplit(IReadOnlyList<ContinualTask> tasks, int validation)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        return [.. tasks.Select(t =>
        {
            if (validation < 1 || validation >= t.Train.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(validation), $"Validation split must be 1..{t.Train.Count - 1} for task '{t.Name}', not {validation}");
            }

            var (learn, held) = t.Train.Split(t.Train.Count - validation);
            return t with { Train = learn, Test = held };
        })];
    }
}
