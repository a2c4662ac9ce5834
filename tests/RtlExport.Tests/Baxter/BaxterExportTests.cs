using System.Text;
using Neuro.Rules.Baxter;
using Neuro.Rules.Evolution;
using Neuro.RtlExport.Baxter;
using Xunit;

namespace Neuro.RtlExport;

/// <summary>
/// The Baxter learner in RTL against the C# model (<see cref="BaxterMachine"/>): every clock's activities and learnable
/// weights equal in Icarus Verilog and Verilator, the test answers and the functions learned equal, a corrupted vector
/// fails, the Verilog is lint-clean and pinned by snapshots.
/// </summary>
public sealed class BaxterExportTests
{
    private static string ShippedPath => Path.Combine(RepoPaths.Root, "rules", "baxter", "boolean1-seed2.json");

    private static BaxterRuleDocument Shipped => BaxterRuleFile.Read(ShippedPath);

    private static string SnapshotFolder => Path.Combine(Snapshot.Folder, "Baxter");

    /// <summary>Random learners: every gene drawn from its alleles with a seeded generator (at least one learnable synapse).</summary>
    internal static BaxterRuleDocument RandomLearner(int seed, string task, int nodes)
    {
        var booleanTask = BooleanTask.Named(task);
        var decoder = new BaxterDecoder(nodes, booleanTask.Inputs);
        var rng = new Random(seed);
        while (true)
        {
            double[] genes = [.. decoder.Alleles.Select(a => (double)rng.Next(a))];
            var learner = decoder.Decode(RuleGenome.Of(genes))!;
            if (!learner.Network.Learnable.IsEmpty)
            {
                return new BaxterRuleDocument(learner, booleanTask, null);
            }
        }
    }

    [Fact]
    public void Export_MatchesVerifiedFiles()
    {
        Directory.CreateDirectory(SnapshotFolder);
        foreach (var (path, text) in Artifacts())
        {
            Snapshot.Verify(SnapshotName(path), Path.GetExtension(path)[1..], text);
        }
    }

    [Fact]
    public void Snapshots_NoneDangling()
    {
        var expected = Artifacts().Select(a => $"{Path.GetFileName(SnapshotName(a.Path))}.verified{Path.GetExtension(a.Path)}").ToHashSet(StringComparer.Ordinal);
        var dangling = Directory.EnumerateFiles(SnapshotFolder, "*.verified.*").Select(f => Path.GetFileName(f)).Where(f => !expected.Contains(f)).ToList();
        Assert.True(dangling.Count == 0, $"Snapshots no test produces: {string.Join(", ", dangling)}");
    }

    [Fact]
    public void Export_IsDeterministicAndListsEveryFileInTheManifest()
    {
        using var a = new TempFolder();
        using var b = new TempFolder();
        var first = HardwareExporter.Export(Shipped, new HardwareExportSettings(), a.Path);
        var second = HardwareExporter.Export(Shipped, new HardwareExportSettings(), b.Path);
        Assert.Equal(first.Files.Select(f => (f.Path, f.Sha256)), second.Files.Select(f => (f.Path, f.Sha256)));
        Assert.Equal(File.ReadAllText(Path.Combine(a.Path, "manifest.json")), File.ReadAllText(Path.Combine(b.Path, "manifest.json")));
        Assert.Equal("neuro_learner", first.Top);
        var folder = ExportFolder.Open(a.Path);
        Assert.Equal("neuro_learner", folder.Top);
        Assert.Equal(["rtl/neuro_rule_lut.v", "rtl/neuro_learner.v"], folder.Rtl.ToArray());
        // files.f: the manifest's RTL in dependency order (the LUT before the learner that instantiates it).
        Assert.Equal(folder.Rtl.ToArray(), File.ReadAllLines(Path.Combine(a.Path, "files.f")));
        Assert.Contains(first.Files, f => f.Path == "README.md");
    }

    [Fact]
    public void Vectors_AreTheModelsTrials()
    {
        var d = new BaxterHardwareDesign("neuro", Shipped);
        var v = BaxterVectors.Build(d);
        var task = d.Task;
        // Per function: a reset clock, the training steps, then per case a clear clock and the test steps.
        int perFunction = 1 + (task.Epochs * 2 * task.Steps) + (2 * (1 + task.Steps));
        Assert.Equal(task.Functions.Length * perFunction, v.Cycles);
        Assert.Equal(task.Functions.Length * task.Epochs * 2 * task.Steps, v.Writes);
        // After the reset clock: bias +1, others −1, and the reset weights: {activities 0001, weights 10111} = 0x037.
        Assert.Equal("037", v.Expected[0]);
        Assert.Equal([1L, 0L, 0L, 1L], d.Rom.Words.ToArray()); // Hebb: +1 where pre = post
    }

    [Fact]
    public void Iverilog_ShippedLearner_MatchesTheModelAndLearnsAllFour()
    {
        var r = Cosim(Shipped, Simulator.Iverilog);
        Assert.Equal(4, r.Stats["learned"]);
        Assert.Equal(8, r.Stats["answers"]);
        Assert.Equal(8, r.Stats["right"]);
        foreach (string f in new[] { "identity", "not", "zero", "one" })
        {
            Assert.Equal(1, r.Stats[$"learned_{f}"]);
        }
    }

    [Fact]
    public void Verilator_ShippedLearner_MatchesTheModel() => Assert.Equal(4, Cosim(Shipped, Simulator.Verilator).Stats["learned"]);

    public static TheoryData<int, string, int> RandomCases => new()
    {
        { 1, "boolean1", 3 },
        { 2, "boolean1", 5 },
        { 3, "boolean1", 7 },
        { 4, "boolean2", 4 },
        { 5, "boolean2", 6 },
    };

    [Theory]
    [MemberData(nameof(RandomCases))]
    public void Iverilog_RandomLearner_MatchesTheModel(int seed, string task, int nodes) => Cosim(RandomLearner(seed, task, nodes), Simulator.Iverilog);

    [Fact]
    [Trait("Category", "Heavy")]
    public void Iverilog_ManyRandomLearners_MatchTheModel()
    {
        for (int seed = 100; seed < 130; seed++)
        {
            Cosim(RandomLearner(seed, seed % 2 == 0 ? "boolean1" : "boolean2", 4 + (seed % 6)), Simulator.Iverilog);
        }
    }

    [Fact]
    public void Iverilog_CorruptedVectorFails()
    {
        using var dir = new TempFolder();
        HardwareExporter.Export(Shipped, new HardwareExportSettings(), dir.Path);
        string path = Path.Combine(dir.Path, "vectors", "neuro_learner_expected.mem");
        string original = File.ReadAllText(path);
        var lines = File.ReadAllLines(path);
        lines[20] = lines[20] == "00" ? "01" : "00";
        File.WriteAllText(path, string.Join('\n', lines) + "\n");

        // A vector changed behind the manifest's back is refused before any simulation; with its hash updated too, the
        // testbench itself must catch it.
        var refused = Assert.Throws<RtlExportException>(() => Cosimulator.Run(dir.Path, Simulator.Iverilog));
        Assert.Contains("vectors/neuro_learner_expected.mem", refused.Message, StringComparison.Ordinal);
        Assert.Contains("SHA-256", refused.Message, StringComparison.Ordinal);

        File.WriteAllText(path, original);
        ExportPatch.Rewrite(dir.Path, "vectors/neuro_learner_expected.mem", string.Join('\n', lines) + "\n");
        var r = Cosimulator.Run(dir.Path, Simulator.Iverilog)[0];
        Assert.False(r.Passed);
        Assert.Equal(1, r.Mismatches);
        Assert.Contains("clock=20", r.MismatchLines[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(4)]
    public void Verilator_WallClean(int seed)
    {
        using var dir = new TempFolder();
        var document = seed == 0 ? Shipped : RandomLearner(seed, seed == 4 ? "boolean2" : "boolean1", 5);
        HardwareExporter.Export(document, new HardwareExportSettings(), dir.Path);
        string verilator = Tools.ExternalTool.Find("verilator", "verilator");
        string[] rtl = ["rtl/neuro_rule_lut.v", "rtl/neuro_learner.v"];
        foreach (var (module, file, testbench) in new[] { ("neuro_rule_lut", "", false), ("neuro_learner", "", false), ("neuro_learner_tb", "tb/neuro_learner_tb.v", true) })
        {
            string[] args = ["--lint-only", "-Wall", .. testbench ? new[] { "--timing", file } : [], "--top-module", module, .. rtl];
            var (code, output) = Tools.ExternalTool.Run(verilator, args, dir.Path, TimeSpan.FromMinutes(2));
            Assert.True(code == 0 && output.Trim().Length == 0, $"verilator -Wall on {module}:\n{output}");
        }
    }

    [Fact]
    public void Synthesizer_Ice40_ReportsTensOfLuts()
    {
        using var dir = new TempFolder();
        HardwareExporter.Export(Shipped, new HardwareExportSettings(), dir.Path);
        var report = Synthesizer.Run(dir.Path, SynthTarget.Ice40);
        Assert.InRange(report.Luts, 5, 60);
        Assert.InRange(report.FlipFlops, 5, 9); // at most 4 activities and 5 weights; the bias register is a constant
        Assert.NotNull(report.MaxFrequencyMhz);
    }

    [Fact]
    public void Export_RefusesALearnerWithNothingToLearn()
    {
        var document = new BaxterRuleDocument(new BaxterLearner(new BaxterNetwork(3, 1, [new(1, 2, 1, false)]), BaxterRule.Hebb), BooleanTask.Named("boolean1"), null);
        using var dir = new TempFolder();
        var e = Assert.Throws<RtlExportException>(() => HardwareExporter.Export(document, new HardwareExportSettings(), dir.Path));
        Assert.StartsWith("The learner has no learnable synapse", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Exports, co-simulates and checks: a pass with one check per clock, and the functions learned as the C# model learns them.</summary>
    private static TestbenchResult Cosim(BaxterRuleDocument document, Simulator simulator)
    {
        using var dir = new TempFolder();
        var exported = HardwareExporter.Export(document, new HardwareExportSettings(), dir.Path);
        var r = Assert.Single(Cosimulator.Run(dir.Path, simulator));
        Assert.True(r.Passed, r.Log);
        Assert.Equal(exported.Cycles, r.Checks);
        var trials = BaxterTrial.RunAll(document.Learner, document.Task);
        Assert.Equal(trials.Count(t => t.Learned), r.Stats["learned"]);
        Assert.Equal(trials.Sum(t => t.Correct), r.Stats["right"]);
        foreach (var t in trials)
        {
            Assert.Equal(t.Learned ? 1 : 0, r.Stats[$"learned_{t.Function.Name.Replace(' ', '_')}"]);
        }

        return r;
    }

    private static string SnapshotName(string path) =>
        Path.Combine("Baxter", $"{nameof(BaxterExportTests)}.{nameof(Export_MatchesVerifiedFiles)}_boolean1-seed2_{Path.GetFileNameWithoutExtension(path)}");

    private static IEnumerable<(string Path, string Text)> Artifacts()
    {
        var (files, _) = BaxterExport.BuildAll(new BaxterHardwareDesign("neuro", Shipped));
        foreach (var (path, _, bytes) in files.Where(f => Path.GetExtension(f.Path) is ".v" or ".mem" or ".json" or ".md" or ".f"))
        {
            yield return (path, Encoding.ASCII.GetString(bytes));
        }
    }
}
