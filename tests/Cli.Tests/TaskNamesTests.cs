using Neuro.Rules.Tasks;
using Xunit;

namespace Neuro.Cli;

/// <summary>The CLI finds tasks through <see cref="TaskCatalogue"/>: no switch on the dataset tasks' names comes back.</summary>
public sealed class TaskNamesTests
{
    [Fact]
    public void CliSources_NameNoDatasetTaskInAStringLiteral()
    {
        // "csv" is also a JSON member name (sweep --json), so it is left out.
        string[] names = [.. TaskCatalogue.DatasetTasks.Select(t => t.Name).Where(n => n != "csv")];
        var hits = Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "src", "Cli"), "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => names.Where(name => File.ReadAllText(file).Contains($"\"{name}\"", StringComparison.Ordinal)).Select(name => $"{Path.GetFileName(file)}: \"{name}\""))
            .ToList();
        Assert.Empty(hits);
    }

    [Fact]
    public void TaskHelp_ListsEveryCatalogueName()
    {
        string help = TaskOptions.TaskHelp();
        Assert.All(TaskCatalogue.Names, name => Assert.Contains(name + " (", help, StringComparison.Ordinal));
        Assert.StartsWith("synthetic (Joosten: 4 classes, 10 features, 4000/1000), halfspace (10 features, 4000/1000), mnist (", help, StringComparison.Ordinal);
    }
}
