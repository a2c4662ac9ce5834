using Xunit;

namespace Neuro.Rules.Files;

public sealed class OutputFolderTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("neuro-outfolder-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private string At(string name) => Path.Combine(root, name);

    private static string[] Entries(string dir) =>
        [.. Directory.EnumerateFileSystemEntries(dir, "*", SearchOption.AllDirectories).Select(e => Path.GetRelativePath(dir, e)).Order(StringComparer.Ordinal)];

    [Fact]
    public void Stage_NewFolder_AppearsOnlyOnCommit()
    {
        string target = At("out");
        using (var folder = OutputFolder.Stage(target, "export", force: false))
        {
            File.WriteAllText(Path.Combine(folder.WorkPath, "a.txt"), "a");
            Assert.False(Directory.Exists(target));
            Assert.NotEqual(target, folder.WorkPath);
            folder.Commit();
            Assert.Equal(target, folder.WorkPath);
            Assert.True(folder.IsInPlace);
        }

        Assert.Equal([OutputFolder.MarkerFile, "a.txt"], Entries(target));
        Assert.Equal("export", OutputFolder.WrittenBy(target));
        Assert.Equal([target], Directory.EnumerateFileSystemEntries(root));
    }

    [Fact]
    public void Stage_DisposedWithoutCommit_LeavesTheOldFolderAndNoStaging()
    {
        string target = At("old");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "keep.txt"), "mine");
        using (var folder = OutputFolder.Stage(target, "sweep", force: true))
        {
            File.WriteAllText(Path.Combine(folder.WorkPath, "new.txt"), "new");
        }

        Assert.Equal(["old", Path.Combine("old", "keep.txt")], Entries(root));
    }

    [Fact]
    public void Stage_ForeignNonEmptyFolder_RefusedUnlessForced()
    {
        string target = At("mine");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "thesis.tex"), "years of work");
        var e = Assert.Throws<OutputFolderException>(() => OutputFolder.Stage(target, "export", force: false));
        Assert.Equal($"'{target}' is not empty and was not written by 'neuro export'", e.Message);
        Assert.True(e.ForceReplaces);
        Assert.Equal("years of work", File.ReadAllText(Path.Combine(target, "thesis.tex")));
        Assert.Equal(["mine", Path.Combine("mine", "thesis.tex")], Entries(root));

        using (var forced = OutputFolder.Stage(target, "export", force: true))
        {
            File.WriteAllText(Path.Combine(forced.WorkPath, "rom.mem"), "00");
            forced.Commit();
        }

        Assert.Equal([OutputFolder.MarkerFile, "rom.mem"], Entries(target));
    }

    [Fact]
    public void Stage_EmptyFolder_IsUsedWithoutForce()
    {
        string target = At("empty");
        Directory.CreateDirectory(target);
        using var folder = OutputFolder.Stage(target, "export", force: false);
        folder.Commit();
        Assert.Equal([OutputFolder.MarkerFile], Entries(target));
    }

    [Fact]
    public void Stage_OwnFolder_ReplacedUnlessItIsARunFolder()
    {
        string target = At("own");
        using (var first = OutputFolder.Stage(target, "export", force: false))
        {
            File.WriteAllText(Path.Combine(first.WorkPath, "old_name.v"), "x");
            first.Commit();
        }

        using (var second = OutputFolder.Stage(target, "export", force: false))
        {
            File.WriteAllText(Path.Combine(second.WorkPath, "new_name.v"), "y");
            second.Commit();
        }

        // The replaced folder keeps nothing of the first export (no stale files from another --name).
        Assert.Equal([OutputFolder.MarkerFile, "new_name.v"], Entries(target));
        var e = Assert.Throws<OutputFolderException>(() => OutputFolder.Stage(target, "export", force: false, replaceOwn: false));
        Assert.Equal($"'{target}' already holds a 'neuro export' run", e.Message);
        Assert.Throws<OutputFolderException>(() => OutputFolder.Stage(target, "sweep", force: false));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Stage_EmptyPath_Refused(string path)
    {
        var e = Assert.Throws<OutputFolderException>(() => OutputFolder.Stage(path, "evolve", force: false));
        Assert.Equal($"'{path}' is not a folder name", e.Message);
    }

    [Fact]
    public void Stage_FileTarget_RefusedEvenWhenForced()
    {
        string target = At("file");
        File.WriteAllText(target, "data");
        var e = Assert.Throws<OutputFolderException>(() => OutputFolder.Stage(target, "evolve", force: true));
        Assert.Equal($"'{target}' is a file, not a folder", e.Message);
        Assert.Equal("data", File.ReadAllText(target));
    }

    [Fact]
    public void Stage_UnwritablePlace_NamesTheFolder()
    {
        var e = Assert.Throws<OutputFolderException>(() => OutputFolder.Stage("/proc/neuro-out", "export", force: false));
        Assert.StartsWith("cannot write '/proc/neuro-out': ", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("staging", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Stage_MissingParents_CreatedOnCommitAndRemovedOtherwise()
    {
        string target = Path.Combine(root, "a", "b", "out");
        using (OutputFolder.Stage(target, "sweep", force: false))
        {
        }

        Assert.Empty(Entries(root));
        using (var folder = OutputFolder.Stage(target, "sweep", force: false))
        {
            folder.Commit();
        }

        Assert.True(Directory.Exists(target));
    }

    [Fact]
    public void Stage_WhileAnotherRunStagesTheSameFolder_Refused()
    {
        string target = At("busy");
        using var first = OutputFolder.Stage(target, "sweep", force: false);
        var e = Assert.Throws<OutputFolderException>(() => OutputFolder.Stage(target, "sweep", force: true));
        Assert.StartsWith($"'{target}' is in use by another neuro run", e.Message, StringComparison.Ordinal);
        first.Commit();
        // Committed but still held: the folder stays locked until the writer lets go.
        Assert.Throws<OutputFolderException>(() => OutputFolder.Stage(target, "sweep", force: true));
        first.Dispose();
        using var third = OutputFolder.Stage(target, "sweep", force: false);
    }

    [Fact]
    public void OpenInPlace_WhileHeld_RefusedAndAfterwardsAllowed()
    {
        string target = At("run");
        using (var staged = OutputFolder.Stage(target, "evolve", force: false, replaceOwn: false))
        {
            staged.Commit();
            Assert.Throws<OutputFolderException>(() => OutputFolder.OpenInPlace(target, "evolve"));
        }

        using var held = OutputFolder.OpenInPlace(target, "evolve");
        Assert.Equal(target, held.WorkPath);
        var e = Assert.Throws<OutputFolderException>(() => OutputFolder.OpenInPlace(target, "evolve"));
        Assert.StartsWith($"'{target}' is in use by another neuro run", e.Message, StringComparison.Ordinal);
        // A forced replacement of a folder in use is refused too.
        Assert.Throws<OutputFolderException>(() => OutputFolder.Stage(target, "evolve", force: true));
    }

    [Fact]
    public void OpenInPlace_RemovesTemporariesAKilledWriterLeft()
    {
        string target = At("killed");
        Directory.CreateDirectory(target);
        string stale = Path.Combine(target, $".rule.json.4242.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(stale, "half a rule");
        File.WriteAllText(Path.Combine(target, "notes.tmp"), "not ours");
        using (OutputFolder.OpenInPlace(target, "evolve"))
        {
        }

        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(Path.Combine(target, "notes.tmp")));
    }

    [Fact]
    public void Stage_StagingLeftByAKilledRun_IsEmptiedAndReused()
    {
        string target = At("again");
        string staging = At(".again.neuro-staging");
        Directory.CreateDirectory(Path.Combine(staging, "rtl"));
        File.WriteAllText(Path.Combine(staging, "rtl", "half.v"), "module");
        using (var folder = OutputFolder.Stage(target, "export", force: false))
        {
            Assert.Equal(staging, folder.WorkPath);
            Assert.Equal([OutputFolder.MarkerFile], Entries(staging));
            folder.Commit();
        }

        Assert.Equal(["again", Path.Combine("again", OutputFolder.MarkerFile)], Entries(root));
    }

    [Fact]
    public void Stage_CommitKilledBetweenItsRenames_RestoresTheOldFolder()
    {
        string target = At("swap");
        string old = At(".swap.neuro-old");
        Directory.CreateDirectory(old);
        File.WriteAllText(Path.Combine(old, "result.csv"), "1,2");
        using (OutputFolder.Stage(target, "sweep", force: true))
        {
            Assert.Equal("1,2", File.ReadAllText(Path.Combine(target, "result.csv")));
        }

        Assert.Equal(["swap", Path.Combine("swap", "result.csv")], Entries(root));
    }

    [Fact]
    public void RemoveStaleTemporaries_RemovesOnlyAtomicFileTemporaries()
    {
        string[] ours = [$".a.json.1.{Guid.NewGuid():N}.tmp", $".log.csv.99999.{Guid.NewGuid():N}.tmp"];
        string[] theirs = ["a.tmp", ".a.json.tmp", $".a.json.x.{Guid.NewGuid():N}.tmp", "keep.json"];
        foreach (string name in ours.Concat(theirs))
        {
            File.WriteAllText(At(name), "");
        }

        Assert.Equal(2, AtomicFile.RemoveStaleTemporaries(root));
        Assert.Equal(theirs.Order(StringComparer.Ordinal), Entries(root));
    }

    [Fact]
    public void WriteAllBytes_UnwritableFolder_NamesTheFileNotTheTemporary()
    {
        var e = Assert.ThrowsAny<IOException>(() => AtomicFile.WriteAllText("/proc/q.png", "x"));
        Assert.StartsWith("Cannot write '/proc/q.png': ", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(".tmp", e.Message, StringComparison.Ordinal);
    }
}
