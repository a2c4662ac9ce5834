using System.Buffers.Binary;
using Neuro.Rules.Data;
using Neuro.Rules.Tasks.Csv;
using Neuro.Rules.Tasks.Idx;
using Xunit;

namespace Neuro.Rules.Tasks;

public sealed class TaskCatalogueTests : IDisposable
{
    private const string AllNames = "synthetic, halfspace, mnist, fashion, csv, idx, boolean1, boolean2, linear, foraging, continual";

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Names_EveryFamilysTasksOnceInHelpOrder() => Assert.Equal(AllNames, string.Join(", ", TaskCatalogue.Names));

    [Fact]
    public void Find_EveryNameResolvesToItsTask()
    {
        Assert.Equal(TaskCatalogue.Names.Length, TaskCatalogue.Names.Distinct(StringComparer.Ordinal).Count());
        foreach (string name in TaskCatalogue.Names)
        {
            var task = TaskCatalogue.Find(name);
            Assert.Equal(name, task.Name);
            Assert.False(string.IsNullOrWhiteSpace(task.Family));
            Assert.False(string.IsNullOrWhiteSpace(task.Description));
        }
    }

    [Fact]
    public void Find_FamiliesOfTheOtherTasks()
    {
        Assert.Equal(
            "synthetic:pattern halfspace:pattern mnist:pattern fashion:pattern csv:pattern idx:pattern boolean1:baxter boolean2:baxter linear:linear foraging:connectome continual:hebbian",
            string.Join(" ", TaskCatalogue.All.Select(t => $"{t.Name}:{t.Family}")));
        Assert.Equal(["synthetic", "halfspace", "mnist", "fashion", "csv", "idx"], TaskCatalogue.DatasetTasks.Select(t => t.Name));
    }

    [Fact]
    public void Find_UnknownName_ListsEveryName()
    {
        var e = Assert.Throws<TaskInputException>(() => TaskCatalogue.Find("nope"));
        Assert.Equal($"Unknown task 'nope'; expected one of {AllNames}", e.Message);
        Assert.Equal(TaskSource.None, e.Missing);
        Assert.Null(TaskCatalogue.TryFind("Synthetic")); // names are case-sensitive
    }

    [Fact]
    public void FindDataset_OtherFamilysTask_SaysWhoseItIs()
    {
        var e = Assert.Throws<TaskInputException>(() => TaskCatalogue.FindDataset("boolean1"));
        Assert.StartsWith("Task 'boolean1' is a baxter task (", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("); this needs a dataset task: synthetic, halfspace, mnist, fashion, csv, idx", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_Synthetic_IsJoostensGeneratorOnTheDataSeed()
    {
        var (train, test) = TaskCatalogue.FindDataset("synthetic").Load(new TaskSources { DataSeed = 7 });
        var (expectedTrain, expectedTest) = SyntheticClassification.GenerateJoosten(7);
        AssertSame(expectedTrain, train);
        AssertSame(expectedTest, test);
        var (other, _) = TaskCatalogue.FindDataset("synthetic").Load(new TaskSources { DataSeed = 8 });
        Assert.NotEqual(train.Row(0).ToArray(), other.Row(0).ToArray());
    }

    [Fact]
    public void Load_Synthetic_OtherGeneratorSettingsKeepTheRestOfJoostens()
    {
        var task = TaskCatalogue.FindDataset("synthetic");
        var sources = new TaskSources { DataSeed = 7, ClustersPerClass = 4, ClassSep = 0.5 };
        var (train, test) = task.Load(sources);
        var (expectedTrain, expectedTest) = SyntheticClassification.Generate(
            SyntheticClassificationSettings.Joosten with { ClustersPerClass = 4, ClassSep = 0.5 }, 7).Split(SyntheticClassification.JoostenTrainCount);
        AssertSame(expectedTrain, train);
        AssertSame(expectedTest, test);
        var (joosten, _) = SyntheticClassification.GenerateJoosten(7);
        Assert.NotEqual(joosten.Row(0).ToArray(), train.Row(0).ToArray());

        // One setting alone keeps the other's default.
        var (sepOnly, _) = task.Load(new TaskSources { DataSeed = 7, ClassSep = 2 });
        var (expectedSepOnly, _) = SyntheticClassification.Generate(SyntheticClassificationSettings.Joosten with { ClassSep = 2 }, 7)
            .Split(SyntheticClassification.JoostenTrainCount);
        AssertSame(expectedSepOnly, sepOnly);
    }

    [Theory]
    [InlineData(0, 1.0, "ClustersPerClass must be at least 1, not 0")]
    [InlineData(2, 0.0, "ClassSep must be finite and above 0, not 0")]
    [InlineData(2, double.NaN, "ClassSep must be finite and above 0, not NaN")]
    [InlineData(300, 1.0, "Classes 4 × ClustersPerClass 300 = 1200 clusters need distinct hypercube vertices")]
    public void Load_Synthetic_ImpossibleGeneratorSettings_OneClearLine(int clusters, double classSep, string fragment)
    {
        var e = Assert.Throws<TaskInputException>(
            () => TaskCatalogue.FindDataset("synthetic").Load(new TaskSources { ClustersPerClass = clusters, ClassSep = classSep }));
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_Halfspace_SplitsFiveThousandSamplesAtFourThousand()
    {
        var (train, test) = TaskCatalogue.FindDataset("halfspace").Load(new TaskSources { DataSeed = 3 });
        var (expectedTrain, expectedTest) = Data.Halfspace.Generate(new HalfspaceSettings { Samples = 5000, Features = 10 }, 3).Split(4000);
        Assert.Equal((4000, 1000, 10), (train.Count, test.Count, train.Features));
        AssertSame(expectedTrain, train);
        AssertSame(expectedTest, test);
    }

    [Fact]
    public void Load_MnistWithLimit_ReadsTheLimitAndASixthAtLeastOneHundredTest()
    {
        var (train, test) = IdxFolderTask.Mnist.Load(new TaskSources { DataFolder = RepoPaths.SharedData("mnist"), Limit = 900 });
        Assert.Equal((900, 150, 784, 10), (train.Count, test.Count, train.Features, train.Classes));
        var (small, smallTest) = IdxFolderTask.Fashion.Load(new TaskSources { DataFolder = RepoPaths.SharedData("fashion-mnist"), Limit = 60 });
        Assert.Equal((60, 100), (small.Count, smallTest.Count));
    }

    [Fact]
    public void Load_Csv_TestSetTakesTheTrainingClasses()
    {
        string train = _dir.WriteText("train.csv", "0.5,1\n0.25,2\n");
        string test = _dir.WriteText("test.csv", "x,label\n0.75,0\n");
        var (trainSet, testSet) = new CsvTask().Load(new TaskSources { TrainCsv = train, TestCsv = test });
        Assert.Equal((2, 1, 3, 3), (trainSet.Count, testSet.Count, trainSet.Classes, testSet.Classes));
        var e = Assert.Throws<TaskInputException>(() => new CsvTask().Load(new TaskSources { TrainCsv = train, TestCsv = test, CsvHeader = false }));
        Assert.Contains("test.csv", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_IdxFiles_TrainLimitedTestWhole()
    {
        var train = WriteIdx("train", 5);
        var test = WriteIdx("test", 3);
        var (trainSet, testSet) = new IdxFilesTask().Load(new TaskSources { TrainIdx = train, TestIdx = test, Limit = 2 });
        Assert.Equal((2, 3, 4), (trainSet.Count, testSet.Count, trainSet.Features));
    }

    public static TheoryData<string, Func<string, TaskSources>, TaskSource> MissingSources { get; } = new()
    {
        { "mnist", _ => new TaskSources(), TaskSource.DataFolder },
        { "fashion", _ => new TaskSources(), TaskSource.DataFolder },
        { "csv", _ => new TaskSources(), TaskSource.TrainCsv },
        { "csv", _ => new TaskSources { TestCsv = "b.csv" }, TaskSource.TrainCsv },
        { "csv", d => new TaskSources { TrainCsv = WriteFile(d, "a.csv", "1,0\n") }, TaskSource.TestCsv },
        { "idx", _ => new TaskSources(), TaskSource.TrainIdx },
        { "idx", _ => new TaskSources { TrainIdx = new IdxFiles("i", "l") }, TaskSource.TestIdx },
    };

    [Theory]
    [MemberData(nameof(MissingSources))]
    public void Load_MissingSource_NamesIt(string name, Func<string, TaskSources> sources, TaskSource missing)
    {
        var e = Assert.Throws<TaskInputException>(() => TaskCatalogue.FindDataset(name).Load(sources(_dir.Path)));
        Assert.Equal(missing, e.Missing);
        Assert.Equal(name, e.Task);
        Assert.StartsWith($"Task '{name}' needs ", e.Message, StringComparison.Ordinal);
        Assert.True(TaskCatalogue.FindDataset(name).Needs.HasFlag(missing));
    }

    [Fact]
    public void Load_BadFiles_OneLineErrorNamingTheFile()
    {
        string nowhere = Path.Combine(_dir.Path, "nowhere");
        var folder = Assert.Throws<TaskInputException>(() => IdxFolderTask.Fashion.Load(new TaskSources { DataFolder = nowhere }));
        Assert.Contains(Path.Combine(nowhere, "train-"), folder.Message, StringComparison.Ordinal);
        Assert.Equal(TaskSource.None, folder.Missing);

        string bad = _dir.WriteText("bad.csv", "1,0\nx,y,z\n");
        var csv = Assert.Throws<TaskInputException>(() => new CsvTask().Load(new TaskSources { TrainCsv = bad, TestCsv = bad }));
        Assert.IsType<DatasetFormatException>(csv.InnerException);
        Assert.Equal(csv.InnerException!.Message, csv.Message);
        Assert.StartsWith(bad, csv.Message, StringComparison.Ordinal);

        var idx = Assert.Throws<TaskInputException>(() => new IdxFilesTask().Load(new TaskSources { TrainIdx = new IdxFiles(Path.Combine(_dir.Path, "i"), Path.Combine(_dir.Path, "l")), TestIdx = new IdxFiles("i", "l") }));
        Assert.StartsWith($"Could not find file '{_dir.Path}/", idx.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', csv.Message + folder.Message + idx.Message);
    }

    private static string WriteFile(string dir, string name, string text)
    {
        string path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static void AssertSame(Dataset expected, Dataset actual)
    {
        Assert.Equal((expected.Count, expected.Features, expected.Classes), (actual.Count, actual.Features, actual.Classes));
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected.Row(i).ToArray(), actual.Row(i).ToArray());
            Assert.Equal(expected.Label(i), actual.Label(i));
        }
    }

    private IdxFiles WriteIdx(string name, int count)
    {
        var images = new byte[16 + (count * 4)];
        BinaryPrimitives.WriteInt32BigEndian(images, IdxReader.ImagesMagic);
        BinaryPrimitives.WriteInt32BigEndian(images.AsSpan(4), count);
        BinaryPrimitives.WriteInt32BigEndian(images.AsSpan(8), 2);
        BinaryPrimitives.WriteInt32BigEndian(images.AsSpan(12), 2);
        var labels = new byte[8 + count];
        BinaryPrimitives.WriteInt32BigEndian(labels, IdxReader.LabelsMagic);
        BinaryPrimitives.WriteInt32BigEndian(labels.AsSpan(4), count);
        for (int i = 0; i < count; i++)
        {
            labels[8 + i] = (byte)(i % 2);
        }

        return new IdxFiles(_dir.WriteBytes(name + "-images", images), _dir.WriteBytes(name + "-labels", labels));
    }
}
