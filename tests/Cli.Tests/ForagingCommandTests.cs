using System.Text.Json;
using Neuro.Rules.Connectome;
using Neuro.Rules.Foraging;
using Xunit;

namespace Neuro.Cli;

public sealed class ForagingCommandTests : IDisposable
{
    private static readonly string Data = RepoPaths.SharedData("connectome");
    private readonly string root = Path.Combine(Path.GetTempPath(), "neuro-cli-foraging-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static string[] Evolve(string dir, string algorithm, int evaluations, params string[] more) =>
        ["evolve", "--task", "foraging", "--data", Data, "--algorithm", algorithm, "--evaluations", $"{evaluations}", "--seed", "2", "--out", dir, .. more];

    [Fact]
    public void Simulate_ReportsTheUntrainedConnectomesFitness()
    {
        var r = NeuroRunner.Run("simulate", "--task", "foraging", "--data", Data, "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        var task = ForagingTask.Load(Data);
        Assert.Equal(task.Fitness(task.Biological), doc.RootElement.GetProperty("fitness").GetDouble());
        Assert.Equal(0, doc.RootElement.GetProperty("editedWeights").GetInt32());
        Assert.Equal(["square", "triangle"], doc.RootElement.GetProperty("lifetimes").EnumerateArray().Select(l => l.GetProperty("pattern").GetString()));
    }

    [Fact]
    public void Simulate_PlotWritesAPng()
    {
        Directory.CreateDirectory(root);
        string png = Path.Combine(root, "worm.png");
        var r = NeuroRunner.Run("simulate", "--task", "foraging", "--data", Data, "--patterns", "circle,random", "--seed", "4", "--plot", png);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("circle", r.Stdout, StringComparison.Ordinal);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(png)[..4]);
    }

    [Fact]
    public void Evolve_WritesARuleThatSimulateReproduces()
    {
        string dir = Path.Combine(root, "rea");
        var r = NeuroRunner.Run(Evolve(dir, "renomad", 100, "--population", "4", "--json"));
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var evolved = JsonDocument.Parse(r.Stdout);
        Assert.True(evolved.RootElement.GetProperty("evaluations").GetInt64() >= 100);
        Assert.True(File.Exists(Path.Combine(dir, "log.csv")) && File.Exists(Path.Combine(dir, "checkpoint.json")));
        var rule = ConnectomeRuleFile.Read(Path.Combine(dir, "rule.json"));
        Assert.Equal("renomad", rule.Provenance!.Algorithm);
        Assert.Equal(evolved.RootElement.GetProperty("editedWeights").GetInt32(), rule.Edits.Length);

        var s = NeuroRunner.Run("simulate", "--task", "foraging", "--rule", Path.Combine(dir, "rule.json"), "--json");
        Assert.True(s.ExitCode == 0, s.Stderr);
        using var simulated = JsonDocument.Parse(s.Stdout);
        Assert.Equal(evolved.RootElement.GetProperty("bestFitness").GetDouble(), simulated.RootElement.GetProperty("fitness").GetDouble());
        Assert.Equal(rule.Edits.Length, simulated.RootElement.GetProperty("editedWeights").GetInt32());

        // Without --task the rule file's family (connectome) picks the foraging simulation.
        var byFamily = NeuroRunner.Run("simulate", "--rule", Path.Combine(dir, "rule.json"), "--json");
        Assert.True(byFamily.ExitCode == 0, byFamily.Stderr);
        Assert.Equal(s.Stdout, byFamily.Stdout.Replace(FitnessSeconds(byFamily.Stdout), FitnessSeconds(s.Stdout), StringComparison.Ordinal));
    }

    /// <summary>The wall-clock member of simulate's JSON, the one part that differs between two runs.</summary>
    private static string FitnessSeconds(string json) => "\"seconds\": " + JsonDocument.Parse(json).RootElement.GetProperty("seconds").GetRawText();

    [Theory]
    [InlineData("enomad", 4)]
    [InlineData("mads", 24)]
    public void Evolve_ResumeGivesTheSameResultAsAnUninterruptedRun(string algorithm, int population)
    {
        string whole = Path.Combine(root, algorithm + "-whole"), split = Path.Combine(root, algorithm + "-split");
        Assert.Equal(0, NeuroRunner.Run(Evolve(whole, algorithm, 300, "--population", $"{population}")).ExitCode);
        Assert.Equal(0, NeuroRunner.Run(Evolve(split, algorithm, 120, "--population", $"{population}")).ExitCode);
        var resumed = NeuroRunner.Run("evolve", "--out", split, "--resume", "--evaluations", "300");
        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        Assert.Equal(File.ReadAllText(Path.Combine(whole, "checkpoint.json")), File.ReadAllText(Path.Combine(split, "checkpoint.json")));
        Assert.Equal(File.ReadAllText(Path.Combine(whole, "rule.json")), File.ReadAllText(Path.Combine(split, "rule.json")));
        Assert.Equal(FitnessColumns(whole), FitnessColumns(split));
    }

    [Fact]
    public void Evolve_IsIdenticalForAnyThreadCount()
    {
        string one = Path.Combine(root, "one"), two = Path.Combine(root, "two");
        Assert.Equal(0, NeuroRunner.Run(Evolve(one, "ga", 120, "--population", "10", "--threads", "1")).ExitCode);
        Assert.Equal(0, NeuroRunner.Run(Evolve(two, "ga", 120, "--population", "10", "--threads", "3")).ExitCode);
        Assert.Equal(File.ReadAllText(Path.Combine(one, "checkpoint.json")), File.ReadAllText(Path.Combine(two, "checkpoint.json")));
    }

    [Fact]
    public void Evolve_BadUsageIsExitTwoWithOneLine()
    {
        string dir = Path.Combine(root, "bad");
        Assert.Contains("--generations do not apply to --task foraging", NeuroRunner.Run([.. Evolve(dir, "ga", 10), "--generations", "3"]).SingleErrorLine(2), StringComparison.Ordinal);
        Assert.Contains("Unknown --algorithm 'oes' for --task foraging; expected one of enomad, renomad, ga, es, cmaes, mads", NeuroRunner.Run(Evolve(dir, "oes", 10)).SingleErrorLine(2), StringComparison.Ordinal);
        Assert.Contains("cmaes keeps an n×n covariance", NeuroRunner.Run([.. Evolve(dir, "cmaes", 10), "--genes", "2000"]).SingleErrorLine(2), StringComparison.Ordinal);
        Assert.Contains("--cluster do not apply to --task foraging", NeuroRunner.Run([.. Evolve(dir, "ga", 10), "--cluster", "redis://127.0.0.1:1"]).SingleErrorLine(2), StringComparison.Ordinal);
        Assert.Contains("--task foraging needs --data DIR", NeuroRunner.Run("evolve", "--task", "foraging", "--out", dir).SingleErrorLine(2), StringComparison.Ordinal);
        Assert.Contains("--evaluations apply only to --task foraging", NeuroRunner.Run("evolve", "--task", "synthetic", "--evaluations", "5", "--out", dir).SingleErrorLine(2), StringComparison.Ordinal);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "notes.txt"), "mine");
        Assert.Contains($"--out {dir} is not empty", NeuroRunner.Run(Evolve(dir, "ga", 10)).SingleErrorLine(2), StringComparison.Ordinal);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(dir, "notes.txt")));
    }

    [Fact]
    public void Evolve_ResumeRejectsChangedSettings()
    {
        string dir = Path.Combine(root, "r");
        Assert.Equal(0, NeuroRunner.Run(Evolve(dir, "ga", 60, "--population", "10")).ExitCode);
        string line = NeuroRunner.Run("evolve", "--out", dir, "--resume", "--evaluations", "100", "--seed", "5").SingleErrorLine(2);
        Assert.Contains("--seed cannot be changed on --resume", line, StringComparison.Ordinal);

        // A damaged run configuration in the checkpoint is one line naming the checkpoint and the member (strict reading).
        string checkpoint = Path.Combine(dir, "checkpoint.json");
        var node = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(checkpoint))!;
        node["config"] = node["config"]!.GetValue<string>().Replace("\"population\":10", "\"population\":\"10\"", StringComparison.Ordinal);
        File.WriteAllText(checkpoint, node.ToJsonString());
        line = NeuroRunner.Run("evolve", "--out", dir, "--resume", "--evaluations", "100").SingleErrorLine(2);
        Assert.Contains($"{checkpoint}: config: population: ", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_MalformedDataIsExitTwoNamingFileAndLine()
    {
        Directory.CreateDirectory(root);
        foreach (string name in new[] { NeuronClassesReader.FileName, NeurotransmitterReader.FileName })
        {
            File.Copy(Path.Combine(Data, name), Path.Combine(root, name));
        }

        string edges = Path.Combine(root, EdgeListReader.FileName);
        File.WriteAllText(edges, "Source,Target,Weight,Type\nAVAL,AVAR,2,chemical\nAVAL,AVBL,two,chemical\n");
        string line = NeuroRunner.Run("simulate", "--task", "foraging", "--data", root).SingleErrorLine(2);
        Assert.Equal($"neuro: error: {edges}:3: Weight must be a positive integer, not 'two'", line);
    }

    [Fact]
    public void Simulate_RejectsARuleForOtherDataOrFamily()
    {
        string dir = Path.Combine(root, "sha");
        Assert.Equal(0, NeuroRunner.Run(Evolve(dir, "ga", 60, "--population", "10")).ExitCode);
        string path = Path.Combine(dir, "rule.json");
        var rule = ConnectomeRuleFile.Read(path);
        ConnectomeRuleFile.Write(path, rule with { ConnectomeSha256 = new string('0', 64) });
        Assert.Contains("connectome.sha256: the rule was evolved on connectome data 000000000000", NeuroRunner.Run("simulate", "--task", "foraging", "--rule", path).SingleErrorLine(2), StringComparison.Ordinal);
        string pattern = Path.Combine(RepoPaths.Root, "rules", "synthetic-es.json");
        Assert.Contains($"{pattern}: ", NeuroRunner.Run("simulate", "--task", "foraging", "--data", Data, "--rule", pattern).SingleErrorLine(2), StringComparison.Ordinal);
        Assert.Contains($"{path}: family: 'connectome' is not a pattern rule", NeuroRunner.Run("simulate", "--task", "synthetic", "--rule", path).SingleErrorLine(2), StringComparison.Ordinal);
        Assert.Contains("--plot apply only to --task foraging", NeuroRunner.Run("simulate", "--task", "synthetic", "--rule", pattern, "--plot", "x.png").SingleErrorLine(2), StringComparison.Ordinal);
    }

    /// <summary>The log without its wall-clock column.</summary>
    private static string[] FitnessColumns(string dir) =>
        [.. File.ReadAllLines(Path.Combine(dir, "log.csv")).Select(l => string.Join(',', l.Split(',').Where((_, i) => i != 5)))];
}
