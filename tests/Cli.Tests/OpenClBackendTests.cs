using System.Collections.Immutable;
using System.Text.Json;
using Neuro.OpenClKernels;
using Neuro.OpenClKernels.Host;
using Neuro.Rules.Patterns;
using Xunit;

namespace Neuro.Cli;

/// <summary>
/// <c>--backend opencl</c> and <c>neuro devices</c> end to end: the OpenCL kernel reports the same SHA-256 of the final raw
/// weights and of the prediction sequence as the C# fixed-point network, and every misuse is a clear error.
/// </summary>
public sealed class OpenClBackendTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("neuro-cli-opencl-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string WriteRule(PatternUpdateMode mode = PatternUpdateMode.Additive)
    {
        var normal = new Rules.Data.StandardNormal(new Random(11));
        ImmutableArray<double> Table(int count) => [.. Enumerable.Range(0, count).Select(_ => normal.Next())];
        var rule = new PatternRule(2, 0.05, Table(64), Table(8), Table(16), mode);
        string path = Path.Combine(dir, $"rule-{mode}.json");
        PatternRuleFile.Write(path, rule, new RuleProvenance(0, "hand", "synthetic", 0));
        return path;
    }

    private static string[] Simulate(string rule, string precision, params string[] more) =>
        ["simulate", "--rule", rule, "--task", "synthetic", "--limit", "300", "--hidden", "16", "--cap", "6", "--passes", "2", "--seed", "5", "--precision", precision, "--json", .. more];

    [OpenClTheory]
    [InlineData(PatternUpdateMode.Additive, "default")]
    [InlineData(PatternUpdateMode.Multiplicative, "default")]
    [InlineData(null, "default")]
    [InlineData(null, "precision-default-sr8-fine-recurrent")]
    public void Simulate_OpenClAndCpu_ReportTheSameHashes(PatternUpdateMode? mode, string config)
    {
        // null: the shipped rule whose predictions read the output weights' moving average (update.outputAverageShift) and
        // whose output table reads the hidden neuron's pre level, also at the config it is judged at (stochastic rounding,
        // a recurrent weight type of its own).
        string rule = mode is { } m ? WriteRule(m) : Path.Combine(RepoPaths.Root, "rules", "synthetic-best-20hidden.json");
        string precision = config == "default" ? config : Path.Combine(RepoPaths.Root, "configs", config + ".json");
        var cpu = NeuroRunner.Run(Simulate(rule, precision, "--backend", "cpu"));
        var gpu = NeuroRunner.Run(Simulate(rule, precision, "--backend", "opencl", "--device", Device));
        Assert.True(cpu.ExitCode == 0, cpu.Stderr);
        Assert.True(gpu.ExitCode == 0, gpu.Stderr);
        var c = JsonDocument.Parse(cpu.Stdout).RootElement;
        var g = JsonDocument.Parse(gpu.Stdout).RootElement;
        Assert.Equal("fixed", c.GetProperty("backend").GetString());
        Assert.Equal("opencl", g.GetProperty("backend").GetString());
        Assert.Equal(OpenClDeviceFixture.Device.Name, g.GetProperty("device").GetString());
        Assert.Matches("^[0-9a-f]{64}$", c.GetProperty("weightsSha256").GetString());
        Assert.Equal(c.GetProperty("weightsSha256").GetString(), g.GetProperty("weightsSha256").GetString());
        Assert.Equal(c.GetProperty("predictionsSha256").GetString(), g.GetProperty("predictionsSha256").GetString());
        foreach (string key in new[] { "onlineAccuracy", "trainAccuracy", "testAccuracy" })
        {
            Assert.Equal(c.GetProperty(key).GetDouble(), g.GetProperty(key).GetDouble());
        }
    }

    [OpenClFact]
    public void Evolve_OpenClAndCpu_FindTheSameRule()
    {
        string[] Args(string outDir, string backend) =>
            ["evolve", "--task", "synthetic", "--algorithm", "es", "--generations", "2", "--population", "4", "--hidden", "8", "--cap", "4",
             "--rounds", "1", "--batches", "2", "--batch-size", "30", "--limit", "300", "--seed", "3", "--precision", "default", "--out", outDir, "--json", "--backend", backend, .. (backend == "opencl" ? new[] { "--device", Device } : [])];
        var cpu = NeuroRunner.Run(Args(Path.Combine(dir, "cpu"), "cpu"));
        var gpu = NeuroRunner.Run(Args(Path.Combine(dir, "opencl"), "opencl"));
        Assert.True(cpu.ExitCode == 0, cpu.Stderr);
        Assert.True(gpu.ExitCode == 0, gpu.Stderr);
        Assert.Equal(
            JsonDocument.Parse(cpu.Stdout).RootElement.GetProperty("bestFitness").GetDouble(),
            JsonDocument.Parse(gpu.Stdout).RootElement.GetProperty("bestFitness").GetDouble());
        Assert.Equal(File.ReadAllLines(Path.Combine(dir, "cpu", "log.csv")).Select(Fitnesses), File.ReadAllLines(Path.Combine(dir, "opencl", "log.csv")).Select(Fitnesses));
        Assert.Equal(File.ReadAllText(Path.Combine(dir, "cpu", "rule.json")), File.ReadAllText(Path.Combine(dir, "opencl", "rule.json")));
    }

    /// <summary>The device the OpenCL tests run on (<c>NEURO_OPENCL_DEVICE</c>, default 0), as a <c>--device</c> argument.</summary>
    private static string Device => OpenClDeviceFixture.Device.Index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A log row without its timing column (the sixth, <c>seconds</c>).</summary>
    private static string Fitnesses(string row) => string.Join(',', row.Split(',').Where((_, i) => i != 5));

    [OpenClFact]
    public void Devices_ListsDeviceZero()
    {
        var r = NeuroRunner.Run("devices", "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        var device = JsonDocument.Parse(r.Stdout).RootElement.GetProperty("platforms")[0].GetProperty("devices")[0];
        Assert.Equal(0, device.GetProperty("index").GetInt32());
        Assert.Equal(OpenClPlatforms.Device(0).Name, device.GetProperty("name").GetString());
        Assert.True(device.GetProperty("computeUnits").GetInt32() >= 1);
        Assert.StartsWith("OpenCL ", device.GetProperty("version").GetString(), StringComparison.Ordinal);
        var text = NeuroRunner.Run("devices");
        Assert.Equal(0, text.ExitCode);
        Assert.Contains(OpenClDeviceFixture.Device.Name, text.Stdout, StringComparison.Ordinal);
    }

    [OpenClFact]
    public void Simulate_MissingDevice_IsAClearError()
    {
        string line = NeuroRunner.Run(Simulate(WriteRule(), "default", "--backend", "opencl", "--device", "99")).SingleErrorLine(1);
        Assert.Contains("There is no OpenCL device 99", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_OpenClWithoutPrecision_IsAUsageError()
    {
        string line = NeuroRunner.Run("simulate", "--rule", WriteRule(), "--task", "synthetic", "--backend", "opencl").SingleErrorLine(2);
        Assert.Contains("--backend opencl runs the fixed-point model", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_DeviceWithoutOpenCl_IsAUsageError()
    {
        string line = NeuroRunner.Run(Simulate(WriteRule(), "default", "--device", "0")).SingleErrorLine(2);
        Assert.Contains("--device selects an OpenCL device; it needs --backend opencl", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Sweep_UnknownBackend_IsAUsageError()
    {
        string line = NeuroRunner.Run("sweep", "--rule", WriteRule(), "--task", "synthetic", "--backend", "cuda").SingleErrorLine(2);
        Assert.Contains("Unknown --backend 'cuda'; expected cpu or opencl", line, StringComparison.Ordinal);
    }
}
