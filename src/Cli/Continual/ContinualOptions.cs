using System.CommandLine;
using System.Globalization;
using Neuro.Rules.Continual;
using Neuro.Rules.Data;
using Neuro.Rules.Hebbian;

namespace Neuro.Cli.Continual;

/// <summary>
/// The options <c>neuro continual</c> and <c>neuro continual evolve</c> share: the task sequence, its data folder, the
/// network size and the seed, and the one place that turns them into tasks and a <see cref="HebbianNetworkSpec"/>.
/// </summary>
internal sealed class ContinualOptions
{
    /// <summary>The protocol's task sequence: MNIST, then Fashion-MNIST.</summary>
    internal const string DefaultTasks = "mnist,fashion";

    internal Option<string> Tasks { get; } = new("--tasks")
    {
        Description = "The tasks in the order they are learned, comma-separated (mnist, fashion); task k gets output units 10k..10k+9",
        DefaultValueFactory = _ => DefaultTasks,
    };

    internal Option<string?> Data { get; } = new("--data")
    {
        Description = "Folder holding mnist/ and fashion-mnist/, each with the four IDX files (train-images-idx3-ubyte.gz, …); required",
        HelpName = "DIR",
    };

    internal Option<int> Hidden { get; } = new("--hidden") { Description = "Hidden neurons (every learner: Hebbian, MLP, pattern)", DefaultValueFactory = _ => 256 };

    internal Option<int> Active { get; } = new("--active") { Description = "Hebbian network: hidden neurons active per sample (k-winners-take-all)", DefaultValueFactory = _ => 64 };

    internal Option<int> Seed { get; } = new("--seed") { Description = "Seed: the network's initial weights and the stream order (evolve: also the optimizer)", DefaultValueFactory = _ => 1 };

    internal Option<int?> Limit { get; } = new("--limit") { Description = "Read only the first N training and N test images of each task (quick runs)", HelpName = "N" };

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    internal void AddTo(Command command)
    {
        foreach (Option option in new Option[] { Tasks, Data, Hidden, Active, Seed, Limit })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The task names of <c>--tasks</c>, checked (unknown or repeated names are usage errors).</summary>
    internal string[] TaskNames(ParseResult result)
    {
        string[] names = result.GetRequiredValue(Tasks).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        try
        {
            ContinualTasks.CheckNames(names);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--tasks: {e.Message}", e);
        }

        return names;
    }

    /// <summary>Loads the tasks; a missing or malformed file, or an image size that differs between tasks, is a usage error naming the file.</summary>
    internal IReadOnlyList<ContinualTask> Load(ParseResult result)
    {
        string[] names = TaskNames(result);
        string data = DataFolder(result);
        int? limit = result.GetValue(Limit);
        if (limit is < 1)
        {
            throw new UsageException($"--limit must be at least 1, not {limit}");
        }

        return LoadTasks(data, names, limit);
    }

    /// <summary>Loads <paramref name="names"/> from <paramref name="data"/>; a missing or malformed file, or an image size that differs between tasks, is a usage error naming the file.</summary>
    internal static IReadOnlyList<ContinualTask> LoadTasks(string data, IReadOnlyList<string> names, int? limit)
    {
        try
        {
            return ContinualTasks.Load(data, names, limit);
        }
        catch (Exception e) when (e is DatasetFormatException or FileNotFoundException or DirectoryNotFoundException or ArgumentException or UnauthorizedAccessException)
        {
            throw new UsageException(e is FileNotFoundException f && f.FileName is { } file ? $"Data file '{file}' does not exist (--data {data})" : e.Message, e);
        }
    }

    /// <summary>The <c>--data</c> folder; its absence is a usage error.</summary>
    internal string DataFolder(ParseResult result) =>
        result.GetValue(Data) ?? throw new UsageException("--data DIR is required: the folder holding mnist/ and fashion-mnist/");

    /// <summary>The Hebbian network for <paramref name="tasks"/> with the chosen size and seed.</summary>
    internal HebbianNetworkSpec Network(ParseResult result, IReadOnlyList<ContinualTask> tasks, int? seed = null)
    {
        var spec = new HebbianNetworkSpec(tasks[0].Train.Features, tasks.Sum(t => t.Classes), result.GetValue(Hidden), result.GetValue(Active), Seed: seed ?? result.GetValue(Seed));
        return spec.Problem is { } problem ? throw new UsageException($"--hidden/--active: {problem}") : spec;
    }

    /// <summary>The command line as typed (for provenance), <c>neuro</c> followed by the tokens, quoted where needed.</summary>
    internal static string CommandLine(ParseResult result) =>
        "neuro " + string.Join(' ', result.Tokens.Select(t => t.Value.Any(char.IsWhiteSpace) ? $"'{t.Value}'" : t.Value));

    /// <summary>A number as invariant text.</summary>
    internal static string Num(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
