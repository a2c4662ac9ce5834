using System.Security.Cryptography;
using System.Text.Json;
using Xunit;

namespace Neuro.Cli;

/// <summary>
/// Run folders across processes' lifetimes (DESIGN.md §7; docs/command-line.md): the lock that refuses a second run
/// while the first writes, Ctrl-C (exit 130) leaving a resumable run, <c>--resume</c> refusing data that changed, and a
/// finished run left alone.
/// </summary>
public sealed class RunFolderTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("neuro-cli-runs-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static string[] Tiny(string dir, int generations, params string[] more) =>
        ["evolve", "--task", "synthetic", "--generations", $"{generations}", "--population", "4", "--hidden", "6", "--cap", "3",
         "--batches", "1", "--batch-size", "20", "--limit", "100", "--seed", "2", "--out", dir, .. more];

    private static Dictionary<string, string> Hashes(string dir) =>
        Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(dir, f), f => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f))));

    [Fact]
    public async Task SecondRun_WhileTheFirstHoldsTheFolder_IsRefused_AndCtrlCLeavesItResumable()
    {
        string dir = Path.Combine(root, "run");
        using var interrupt = new CancellationTokenSource();
        var first = Task.Run(() => NeuroRunner.Run(interrupt.Token, Tiny(dir, 100_000)));
        string checkpoint = Path.Combine(dir, "checkpoint.json");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!File.Exists(checkpoint) && !first.IsCompleted && clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            // Polled on this thread: an awaited delay's continuation can wait behind the run's parallel generations
            // (on an idle machine the run then finished all its generations before the test looked again).
            Thread.Sleep(20);
        }

        Assert.True(File.Exists(checkpoint), first.IsCompleted ? (await first).Stderr : "no checkpoint after 2 minutes");
        Assert.False(first.IsCompleted);

        // While the first run writes the folder, every other writer is turned away, forced or not.
        string[][] others =
        [
            ["evolve", "--out", dir, "--resume"],
            Tiny(dir, 3, "--force"),
            ["export", "--rule", Path.Combine(RepoPaths.Root, "rules", "synthetic-es.json"), "--out", dir, "--force"],
        ];
        foreach (string[] other in others)
        {
            string line = NeuroRunner.Run(other).SingleErrorLine(2);
            Assert.Contains($"'{dir}' is in use by another neuro run", line, StringComparison.Ordinal);
        }

        interrupt.Cancel();
        var interrupted = await first;
        Assert.Equal(Program.Interrupted, interrupted.ExitCode);
        Assert.Contains("neuro evolve: interrupted; the checkpoint after generation ", interrupted.Stderr, StringComparison.Ordinal);

        // The lock went with the run; the interrupted run continues from its checkpoint.
        using var doc = JsonDocument.Parse(File.ReadAllText(checkpoint));
        int done = doc.RootElement.GetProperty("generation").GetInt32();
        var resumed = NeuroRunner.Run("evolve", "--out", dir, "--resume", "--generations", $"{done + 1}");
        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        Assert.Contains($"generation {done + 1}/{done + 1}", resumed.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void CtrlC_DuringTheFirstGeneration_LeavesNothing()
    {
        string dir = Path.Combine(root, "early");
        using var interrupt = new CancellationTokenSource();
        interrupt.Cancel();
        var r = NeuroRunner.Run(interrupt.Token, Tiny(dir, 5));
        Assert.Equal(Program.Interrupted, r.ExitCode);
        Assert.Contains("interrupted before the first generation finished; nothing was written", r.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(root));
    }

    [Fact]
    public void Resume_WithOtherData_IsRefused()
    {
        string train = Path.Combine(root, "train.csv"), test = Path.Combine(root, "test.csv");
        string rows = string.Concat(Enumerable.Range(0, 80).Select(i => FormattableString.Invariant($"{i % 7 * 0.5},{i % 5 - 2},{i % 3},{i % 2}\n")));
        File.WriteAllText(train, "a,b,c,label\n" + rows);
        File.WriteAllText(test, "a,b,c,label\n" + rows);
        string dir = Path.Combine(root, "csv-run");
        // A relative path on the command line is recorded absolute, so --resume from anywhere reads the same file.
        string relativeTrain = Path.GetRelativePath(Environment.CurrentDirectory, train);
        var first = NeuroRunner.Run("evolve", "--train", relativeTrain, "--test", test, "--hidden", "6", "--cap", "3", "--generations", "1",
            "--population", "4", "--batches", "1", "--batch-size", "20", "--out", dir);
        Assert.True(first.ExitCode == 0, first.Stderr);
        using (var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "checkpoint.json"))))
        using (var config = JsonDocument.Parse(doc.RootElement.GetProperty("config").GetString()!))
        {
            Assert.Equal(train, config.RootElement.GetProperty("task").GetProperty("train").GetString());
            Assert.Matches("^[0-9a-f]{64}$", config.RootElement.GetProperty("dataSha256").GetString()!);
        }

        var before = Hashes(dir);
        File.WriteAllText(train, "a,b,c,label\n" + rows.Replace("0.5,", "0.25,", StringComparison.Ordinal));
        string line = NeuroRunner.Run("evolve", "--out", dir, "--resume", "--generations", "2").SingleErrorLine(2);
        Assert.StartsWith($"neuro: error: Cannot resume '{dir}': the data differ from the data the run started on", line, StringComparison.Ordinal);
        Assert.EndsWith($"{train} or {test} changed since", line, StringComparison.Ordinal);
        Assert.Equal(before, Hashes(dir));

        File.WriteAllText(train, "a,b,c,label\n" + rows);
        var resumed = NeuroRunner.Run("evolve", "--out", dir, "--resume", "--generations", "2");
        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
    }

    [Fact]
    public void Resume_FinishedRun_DoesNothingAndSaysSo()
    {
        string dir = Path.Combine(root, "done");
        Assert.Equal(0, NeuroRunner.Run(Tiny(dir, 2)).ExitCode);
        var before = Hashes(dir);
        var again = NeuroRunner.Run("evolve", "--out", dir, "--resume");
        Assert.Equal(0, again.ExitCode);
        Assert.Equal("", again.Stdout);
        Assert.Contains("has already completed 2 of 2 generations; nothing to do (pass a larger --generations to continue it)", again.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, Hashes(dir));

        var longer = NeuroRunner.Run("evolve", "--out", dir, "--resume", "--generations", "3");
        Assert.True(longer.ExitCode == 0, longer.Stderr);
        Assert.Contains("generation 3/3", longer.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void NewRun_OverAnExistingRun_NeedsForce_AndForceReplacesIt()
    {
        string dir = Path.Combine(root, "again");
        Assert.Equal(0, NeuroRunner.Run(Tiny(dir, 1)).ExitCode);
        File.WriteAllText(Path.Combine(dir, "notes.txt"), "mine");
        Assert.Contains("already holds a 'neuro evolve' run", NeuroRunner.Run(Tiny(dir, 1)).SingleErrorLine(2), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(dir, "notes.txt")));
        var forced = NeuroRunner.Run(Tiny(dir, 1, "--force"));
        Assert.True(forced.ExitCode == 0, forced.Stderr);
        Assert.False(File.Exists(Path.Combine(dir, "notes.txt")));
        Assert.Equal([".neuro-output", "checkpoint.json", "log.csv", "rule.json"], Directory.EnumerateFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Resume_RemovesTemporariesAKilledRunLeft()
    {
        string dir = Path.Combine(root, "killed");
        Assert.Equal(0, NeuroRunner.Run(Tiny(dir, 1)).ExitCode);
        string stale = Path.Combine(dir, $".rule.json.31337.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(stale, "{ half a rule");
        var resumed = NeuroRunner.Run("evolve", "--out", dir, "--resume", "--generations", "2");
        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        Assert.False(File.Exists(stale));
    }

    [Fact]
    public void Export_WithAnotherName_LeavesNoStaleFiles()
    {
        string rule = Path.Combine(RepoPaths.Root, "rules", "synthetic-es.json");
        string dir = Path.Combine(root, "hw");
        Assert.Equal(0, NeuroRunner.Run("export", "--rule", rule, "--hidden", "6", "--cap", "3", "--samples", "4", "--out", dir).ExitCode);
        Assert.True(File.Exists(Path.Combine(dir, "rtl", "neuro_engine.v")));
        var renamed = NeuroRunner.Run("export", "--rule", rule, "--hidden", "6", "--cap", "3", "--samples", "4", "--out", dir, "--name", "other");
        Assert.True(renamed.ExitCode == 0, renamed.Stderr);
        Assert.Empty(Directory.EnumerateFiles(dir, "neuro_*", SearchOption.AllDirectories));
        Assert.True(File.Exists(Path.Combine(dir, "rtl", "other_engine.v")));
        Assert.Equal(0, NeuroRunner.Run("cosim", dir, "--json").ExitCode);
    }
}
