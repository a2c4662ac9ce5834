using System.Collections.Immutable;
using Neuro.Rules.Baxter;
using Neuro.Rules.Foraging;
using Neuro.Rules.Hebbian;
using Neuro.Rules.Linear;
using Neuro.Rules.Tasks.Csv;
using Neuro.Rules.Tasks.Halfspace;
using Neuro.Rules.Tasks.Idx;
using Neuro.Rules.Tasks.Synthetic;

namespace Neuro.Rules.Tasks;

/// <summary>
/// Every task of every family by name: the pattern family's dataset tasks (<see cref="IDatasetTask"/>, one folder each
/// under src/Rules/Tasks) and the other families' tasks (<see cref="RegisteredTask"/>), so that help text and the
/// unknown-task error come from one list. A new task is one more entry here, not a case in the CLI.
/// </summary>
public static class TaskCatalogue
{
    /// <summary>The name of the continual-learning protocol of the hebbian family (MNIST, then Fashion-MNIST).</summary>
    public const string ContinualName = "continual";

    /// <summary>Every task, the pattern family's first, in the order help text lists them.</summary>
    public static ImmutableArray<ITask> All { get; } =
    [
        new SyntheticTask(),
        new HalfspaceTask(),
        IdxFolderTask.Mnist,
        IdxFolderTask.Fashion,
        new CsvTask(),
        new IdxFilesTask(),
        .. BooleanTask.Names.Select(name => new RegisteredTask(name, BaxterRuleFile.Family, $"Baxter's local learner on the Boolean functions of {name[^1]} variable{(name[^1] == '1' ? "" : "s")}")),
        new RegisteredTask(LinearTask.Name, LinearModelFile.Family, "EMNN's evolved weights fitting y = 2x + 3"),
        new RegisteredTask(ForagingTask.Name, Connectome.ConnectomeRuleFile.Family, "the C. elegans connectome foraging for food, evolved with ENOMAD"),
        new RegisteredTask(ContinualName, HebbianRule.Family, "hebbian rules learning MNIST, then Fashion-MNIST, by neuro continual"),
    ];

    /// <summary>Every task name, in the order of <see cref="All"/>.</summary>
    public static ImmutableArray<string> Names { get; } = [.. All.Select(t => t.Name)];

    /// <summary>The pattern family's dataset tasks, in the order of <see cref="All"/>.</summary>
    public static ImmutableArray<IDatasetTask> DatasetTasks { get; } = [.. All.OfType<IDatasetTask>()];

    /// <summary>The task named <paramref name="name"/>, or null.</summary>
    public static ITask? TryFind(string name) => All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal));

    /// <summary>The task named <paramref name="name"/>.</summary>
    /// <exception cref="TaskInputException">No task has that name; the message lists every name.</exception>
    public static ITask Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return TryFind(name) ?? throw new TaskInputException(name, $"Unknown task '{name}'; expected one of {string.Join(", ", Names)}");
    }

    /// <summary>The dataset task named <paramref name="name"/>.</summary>
    /// <exception cref="TaskInputException">No task has that name, or the task is another family's.</exception>
    public static IDatasetTask FindDataset(string name)
    {
        var task = Find(name);
        return task as IDatasetTask ?? throw new TaskInputException(name,
            $"Task '{name}' is a {task.Family} task ({task.Description}); this needs a dataset task: {string.Join(", ", DatasetTasks.Select(t => t.Name))}");
    }
}
