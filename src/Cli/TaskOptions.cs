using System.CommandLine;
using Neuro.Rules.Data;
using Neuro.Rules.Patterns;
using Neuro.Rules.Tasks;
using Neuro.Rules.Tasks.Csv;
using Neuro.Rules.Tasks.Idx;

namespace Neuro.Cli;

/// <summary>
/// The options that name a task's data and the network that lives on it, shared by <c>evolve</c> and <c>simulate</c>,
/// and the one place that turns them into datasets and a <see cref="PatternNetworkSpec"/>.
/// </summary>
internal sealed class TaskOptions
{
    internal Option<string?> Task { get; } = new("--task") { Description = TaskHelp() };

    internal Option<string?> Data { get; } = new("--data")
    {
        Description = "Folder holding the four IDX files (train-images-idx3-ubyte.gz, …) for --task mnist|fashion",
        HelpName = "DIR",
    };

    internal Option<string?> Train { get; } = new("--train") { Description = "Training CSV: numeric features, then an integer label", HelpName = "FILE" };

    internal Option<string?> Test { get; } = new("--test") { Description = "Test CSV, same columns as --train", HelpName = "FILE" };

    internal Option<string> Header { get; } = MakeHeader();

    internal Option<string[]?> TrainIdx { get; } = new("--train-idx")
    {
        Description = "Training IDX images and labels files",
        Arity = new ArgumentArity(2, 2),
        AllowMultipleArgumentsPerToken = true,
        HelpName = "IMAGES LABELS",
    };

    internal Option<string[]?> TestIdx { get; } = new("--test-idx")
    {
        Description = "Test IDX images and labels files",
        Arity = new ArgumentArity(2, 2),
        AllowMultipleArgumentsPerToken = true,
        HelpName = "IMAGES LABELS",
    };

    internal Option<int?> Limit { get; } = new("--limit") { Description = "Use at most N training samples (and N/6 test samples, at least 100)", HelpName = "N" };

    internal Option<int> Hidden { get; } = new("--hidden") { Description = "Hidden neurons numV", DefaultValueFactory = _ => 20 };

    internal Option<int> Cap { get; } = new("--cap") { Description = "Neurons kept by the cap, k", DefaultValueFactory = _ => 10 };

    internal Option<double> EdgeProbability { get; } = new("--p") { Description = "Edge probability of the input and recurrent masks", DefaultValueFactory = _ => 0.5 };

    internal Option<int> Seed { get; } = new("--seed") { Description = "Seed of the run (network masks, generated data, evolution)", DefaultValueFactory = _ => 1 };

    internal Option<int?> DataSeed { get; } = new("--data-seed") { Description = "Seed of generated data (synthetic, halfspace); defaults to --seed" };

    internal Option<int?> ClustersPerClass { get; } = new("--clusters-per-class")
    {
        Description = "--task synthetic: Gaussian clusters per class of the generator (default 2, Joosten's), to judge a rule on data of other settings",
        HelpName = "N",
    };

    internal Option<double?> ClassSep { get; } = new("--class-sep")
    {
        Description = "--task synthetic: class separation of the generator, half the hypercube's side (default 1, Joosten's)",
        HelpName = "X",
    };

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    internal void AddTo(Command command)
    {
        foreach (Option option in new Option[] { Task, Data, Train, Test, Header, TrainIdx, TestIdx, Limit, Hidden, Cap, EdgeProbability, Seed, DataSeed, ClustersPerClass, ClassSep })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The task's settings as given on the command line; <paramref name="unnamed"/> is the task when none is named (null: an error).</summary>
    internal TaskChoice Read(ParseResult result, string? unnamed = null) => new(
        result.GetValue(Task) ?? (result.GetValue(Train) is not null ? CsvTask.TaskName : result.GetValue(TrainIdx) is { Length: > 0 } ? IdxFilesTask.TaskName : unnamed)
            ?? throw new UsageException("Name the data: --task synthetic|halfspace|mnist|fashion, or --train A.csv --test B.csv, or --train-idx/--test-idx"),
        result.GetValue(Data),
        result.GetValue(Train),
        result.GetValue(Test),
        result.GetValue(TrainIdx),
        result.GetValue(TestIdx),
        result.GetValue(Limit),
        result.GetValue(Hidden),
        result.GetValue(Cap),
        result.GetValue(EdgeProbability),
        result.GetValue(Seed),
        result.GetValue(DataSeed) ?? result.GetValue(Seed))
    {
        Header = result.GetValue(Header) ?? "auto",
        ClustersPerClass = result.GetValue(ClustersPerClass),
        ClassSep = result.GetValue(ClassSep),
    };

    /// <summary>The <c>--task</c> help: every task of <see cref="TaskCatalogue"/>, the dataset tasks with the flags their sources need.</summary>
    internal static string TaskHelp()
    {
        static string Flags(TaskSource needs) =>
            needs.HasFlag(TaskSource.DataFolder) ? ", with --data DIR"
            : needs.HasFlag(TaskSource.TrainCsv) ? ", with --train/--test"
            : needs.HasFlag(TaskSource.TrainIdx) ? ", with --train-idx/--test-idx"
            : "";

        var pattern = TaskCatalogue.DatasetTasks.Select(t => $"{t.Name} ({t.Description}{Flags(t.Needs)})");
        var others = TaskCatalogue.All.Where(t => t is not IDatasetTask).Select(t => $"{t.Name} ({t.Family}: {t.Description})");
        return $"{string.Join(", ", pattern)}; other families: {string.Join(", ", others)}";
    }

    private static Option<string> MakeHeader()
    {
        var option = new Option<string>("--header")
        {
            Description = "Whether --train/--test CSV files start with a header line: auto (a first line of only text is one, of only numbers is data, of both is an error), yes or no",
            DefaultValueFactory = _ => "auto",
        };
        option.AcceptOnlyFromAmong("auto", "yes", "no");
        return option;
    }
}
