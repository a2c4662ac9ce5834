using System.Text.Json;
using Neuro.Rules.Patterns;
using Xunit;

namespace Neuro.Cli;

/// <summary><c>neuro export</c>, <c>neuro cosim</c> and <c>neuro synth</c> end to end, and their errors.</summary>
public sealed class ExportCommandTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("neuro-cli-export-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static string Rule() => Path.Combine(RepoPaths.Root, "rules", "synthetic-es.json");

    private static string Precision() => Path.Combine(RepoPaths.Root, "configs", "precision-w8-e6.json");

    private static readonly string[] Small = ["--hidden", "8", "--cap", "4", "--samples", "6"];

    [Fact]
    public void ExportThenCosim_PassesWithUpdatesPerClock()
    {
        string outDir = Path.Combine(dir, "hw");
        var export = NeuroRunner.Run(["export", "--rule", Rule(), "--precision", Precision(), "--out", outDir, .. Small, "--json"]);
        Assert.True(export.ExitCode == 0, export.Stderr);
        using var exported = JsonDocument.Parse(export.Stdout);
        Assert.Equal("neuro_learner", exported.RootElement.GetProperty("top").GetString());
        Assert.Equal("neuro_engine", exported.RootElement.GetProperty("engine").GetString());
        Assert.True(File.Exists(Path.Combine(outDir, "manifest.json")));

        var cosim = NeuroRunner.Run("cosim", outDir, "--json");
        Assert.True(cosim.ExitCode == 0, cosim.Stdout + cosim.Stderr);
        using var doc = JsonDocument.Parse(cosim.Stdout);
        Assert.True(doc.RootElement.GetProperty("passed").GetBoolean());
        var tbs = doc.RootElement.GetProperty("testbenches").EnumerateArray().ToList();
        Assert.Equal(["neuro_plasticity_unit_tb", "neuro_engine_tb", "neuro_requantize_tb", "neuro_learner_tb"], tbs.Select(t => t.GetProperty("module").GetString()));
        Assert.True(tbs[3].GetProperty("cyclesPerSample").GetDouble() > exported.RootElement.GetProperty("forwardClocks").GetInt64());
        Assert.All(tbs, t => Assert.True(t.GetProperty("checks").GetInt64() > 0));
        var engine = tbs[1];
        Assert.Equal(exported.RootElement.GetProperty("expectedUpdates").GetInt64(), engine.GetProperty("updates").GetInt64());
        Assert.InRange(engine.GetProperty("updatesPerClock").GetDouble(), 0.9, 1.0);
    }

    /// <summary>The text summary names a per-group weight type (here the recurrent weights' <c>ap_fixed&lt;16,0&gt;</c>).</summary>
    [Fact]
    public void Export_TextNamesPerGroupWeightTypes()
    {
        string config = Path.Combine(RepoPaths.Root, "configs", "precision-default-sr8-fine-recurrent.json");
        var r = NeuroRunner.Run(["export", "--rule", Rule(), "--precision", config, "--out", Path.Combine(dir, "hw"), .. Small]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("weights ap_fixed<16,4,AP_RND_CONV,AP_SAT>, recurrentWeight ap_fixed<16,0,AP_RND_CONV,AP_SAT>, rule entries", r.Stdout);
    }

    [Fact]
    public void Export_Twice_SameHashes()
    {
        var a = NeuroRunner.Run(["export", "--rule", Rule(), "--out", Path.Combine(dir, "a"), .. Small, "--json"]);
        var b = NeuroRunner.Run(["export", "--rule", Rule(), "--out", Path.Combine(dir, "b"), .. Small, "--json"]);
        Assert.True(a.ExitCode == 0, a.Stderr);
        using var da = JsonDocument.Parse(a.Stdout);
        using var db = JsonDocument.Parse(b.Stdout);
        Assert.Equal(da.RootElement.GetProperty("files").GetRawText(), db.RootElement.GetProperty("files").GetRawText());
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir, "a", "manifest.json")), File.ReadAllBytes(Path.Combine(dir, "b", "manifest.json")));
    }

    [Fact]
    public void Export_UnsafeName_UsageError()
    {
        var r = NeuroRunner.Run(["export", "--rule", Rule(), "--out", dir, "--name", "wire", .. Small]);
        Assert.Equal("neuro: error: 'wire' is not a safe Verilog module name: it is a Verilog/SystemVerilog keyword", r.SingleErrorLine(2));
    }

    [Fact]
    public void Export_MultiplicativeRule_UsageError()
    {
        var (rule, _) = PatternRuleFile.Read(Rule());
        string path = Path.Combine(dir, "mult.json");
        PatternRuleFile.Write(path, new PatternRule(rule.Rounds, rule.Eta, rule.Hidden!.Value, rule.Input, rule.Output, PatternUpdateMode.Multiplicative), null);
        var r = NeuroRunner.Run(["export", "--rule", path, "--out", Path.Combine(dir, "m"), .. Small]);
        Assert.StartsWith("neuro: error: The rule is multiplicative", r.SingleErrorLine(2), StringComparison.Ordinal);
    }

    [Fact]
    public void Export_StochasticRoundingWithLanes_UsageError()
    {
        // SR with one lane exports (RtlExport.Tests co-simulate it); with several lanes the walk is no longer sequential.
        string sr = Path.Combine(RepoPaths.Root, "configs", "precision-w8-sr.json");
        var r = NeuroRunner.Run(["export", "--rule", Rule(), "--precision", sr, "--out", Path.Combine(dir, "sr"), "--lanes", "2", .. Small]);
        Assert.Equal(
            "neuro: error: The precision config asks for stochastic rounding (stochasticBits 7) from one stream with --lanes 2; one generator advanced in the golden walk order allows one lane only. Use --lanes 1, or add \"stochasticStreams\": \"perNeuron\" to the precision config (one generator per hidden neuron: any number of lanes)",
            r.SingleErrorLine(2));
        Assert.False(Directory.Exists(Path.Combine(dir, "sr")) && Directory.EnumerateFileSystemEntries(Path.Combine(dir, "sr")).Any());
    }

    [Fact]
    public void Export_PerNeuronStreamsWithLanes_ExportsTheSeedImages()
    {
        // The per-neuron twin of the same config exports with several lanes (RtlExport.Tests co-simulate it).
        string sr = Path.Combine(RepoPaths.Root, "configs", "precision-w8-sr-neurons.json");
        string outDir = Path.Combine(dir, "srn");
        var r = NeuroRunner.Run(["export", "--rule", Rule(), "--precision", sr, "--out", outDir, "--lanes", "4", .. Small]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal(2, File.ReadAllLines(Path.Combine(outDir, "rom", "neuro_learner_seeds.mem")).Length);
        Assert.True(File.Exists(Path.Combine(outDir, "rom", "neuro_neuron_seeds.mem")));
    }

    [Fact]
    public void Export_UnknownStochasticStreams_UsageError()
    {
        string path = Path.Combine(dir, "streams.json");
        File.WriteAllText(path, File.ReadAllText(Path.Combine(RepoPaths.Root, "configs", "precision-w8-sr-neurons.json")).Replace("perNeuron", "perRow", StringComparison.Ordinal));
        var r = NeuroRunner.Run(["export", "--rule", Rule(), "--precision", path, "--out", Path.Combine(dir, "bad"), .. Small]);
        Assert.Equal($"neuro: error: --precision: {path}: stochasticStreams: expected one of single, perNeuron, not \"perRow\"", r.SingleErrorLine(2));
    }

    [Fact]
    public void Cosim_NotAnExportFolder_UsageError()
    {
        var r = NeuroRunner.Run("cosim", dir);
        Assert.Equal($"neuro: error: '{dir}' has no manifest.json; it is not a 'neuro export' folder", r.SingleErrorLine(2));
        var s = NeuroRunner.Run("synth", Path.Combine(dir, "missing"));
        Assert.StartsWith("neuro: error: Export folder '", s.SingleErrorLine(2), StringComparison.Ordinal);
    }

    [Fact]
    public void Cosim_CorruptedVector_ExitsOneWithMismatch()
    {
        // A vector changed after the export is refused by the manifest check (exit 2); with the manifest's hash updated too,
        // the testbench itself must catch the wrong expected word (exit 1).
        string outDir = Path.Combine(dir, "bad");
        Assert.Equal(0, NeuroRunner.Run(["export", "--rule", Rule(), "--out", outDir, .. Small]).ExitCode);
        string relative = "vectors/neuro_engine_expected_output.mem";
        string path = Path.Combine(outDir, relative);
        string[] lines = File.ReadAllLines(path);
        string before = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));
        lines[0] = lines[0] == "0001" ? "0002" : "0001";
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
        var refused = NeuroRunner.Run("cosim", outDir);
        Assert.Equal($"neuro: error: 'vectors/neuro_engine_expected_output.mem' in '{outDir}' does not match its SHA-256 in manifest.json (changed after the export); export again", refused.SingleErrorLine(2));

        // With the manifest following the edit (as a deliberate corruption), the testbench itself catches it.
        string manifest = Path.Combine(outDir, "manifest.json");
        string after = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));
        string json = File.ReadAllText(manifest);
        int sha = json.IndexOf(before, json.IndexOf("\"path\": \"vectors/neuro_engine_expected_output.mem\"", StringComparison.Ordinal), StringComparison.Ordinal);
        File.WriteAllText(manifest, json[..sha] + after + json[(sha + before.Length)..]);
        var r = NeuroRunner.Run("cosim", outDir);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("mismatch: neuro_engine output addr=0 expected=", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("co-simulation FAILED", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Synth_Generic_Json()
    {
        string outDir = Path.Combine(dir, "s");
        Assert.Equal(0, NeuroRunner.Run(["export", "--rule", Rule(), "--out", outDir, .. Small]).ExitCode);
        var r = NeuroRunner.Run("synth", outDir, "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.True(doc.RootElement.GetProperty("luts").GetInt64() > 0);
        Assert.True(doc.RootElement.GetProperty("flipFlops").GetInt64() > 0);
        Assert.True(doc.RootElement.GetProperty("memoryBits").GetInt64() > 0);
    }
}
