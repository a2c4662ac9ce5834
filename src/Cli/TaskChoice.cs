using Neuro.Rules.Data;
using Neuro.Rules.Patterns;

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

    private bool? HasHeader => Header switch { "yes" => true, "no" => false, _ => null };

    /// <summary>Loads (or generates) the training and test sets; bad input becomes a <see cref="UsageException"/>.</summary>
    internal (Dataset Train, Dataset Test) Load()
    {
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

    private (Dataset Train, Dataset Test) LoadAll()
    {
        try
        {
            switch (Task)
            {
                case "synthetic":
                    return SyntheticClassification.GenerateJoosten(DataSeed);
                case "halfspace":
                    return Halfspace.Generate(new HalfspaceSettings { Samples = 5000, Features = 10 }, DataSeed).Split(4000);
                case "mnist" or "fashion":
                    string dir = Data ?? throw new UsageException($"--task {Task} needs --data DIR, the folder holding its four IDX files");
                    return (
                        IdxReader.ReadDataset(Path.Combine(dir, "train-images-idx3-ubyte.gz"), Path.Combine(dir, "train-labels-idx1-ubyte.gz"), Limit),
                        IdxReader.ReadDataset(Path.Combine(dir, "t10k-images-idx3-ubyte.gz"), Path.Combine(dir, "t10k-labels-idx1-ubyte.gz"), Limit is int l ? Math.Max(100, l / 6) : null));
                case "csv":
                    var train = CsvDatasetReader.Read(Train ?? throw new UsageException("--task csv needs --train A.csv and --test B.csv"), hasHeader: HasHeader);
                    var test = CsvDatasetReader.Read(Test ?? throw new UsageException("--task csv needs --test B.csv"), classes: train.Classes, hasHeader: HasHeader);
                    return (train, test);
                case "idx":
                    if (TrainIdx is not [var ti, var tl] || TestIdx is not [var si, var sl])
                    {
                        throw new UsageException("--task idx needs --train-idx IMAGES LABELS and --test-idx IMAGES LABELS");
                    }

                    return (IdxReader.ReadDataset(ti, tl, Limit), IdxReader.ReadDataset(si, sl));
                default:
                    throw new UsageException($"Unknown task '{Task}'; expected one of {string.Join(", ", TaskOptions.Tasks)}");
            }
        }
        catch (DatasetFormatException e)
        {
            throw new UsageException(e.Message, e);
        }
        catch (FileNotFoundException e)
        {
            throw new UsageException(e.Message, e);
        }
        catch (DirectoryNotFoundException e)
        {
            throw new UsageException(e.Message, e);
        }
    }
}
