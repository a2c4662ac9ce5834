using Neuro.FixedPointSim;
using Neuro.FixedPointSim.Hebbian;
using Neuro.Rules.Hebbian;
using Neuro.RtlExport.Hebbian;
using Xunit;

namespace Neuro.RtlExport;

/// <summary>
/// The Hebbian plasticity engine in RTL against the C# golden model (<see cref="FixedHebbianNetwork"/>): every synapse
/// update, every sample's clock count and the final weights equal in Icarus Verilog (and Verilator, heavy), for the
/// shipped rule and for rules and precisions that reach every overflow mode, with and without stochastic rounding.
/// </summary>
public sealed class HebbianExportTests
{
    public static TheoryData<Overflow, bool> OverflowCases => new()
    {
        { Overflow.Sat, true },
        { Overflow.SatZero, true },
        { Overflow.SatSym, false },
        { Overflow.Wrap, false },
    };

    [Fact]
    public void Iverilog_ShippedRule_MatchesTheModel()
    {
        // The evolved steps are about 1/400 of a weight LSB: 60 samples (5,040 updates) move a few weights, through the
        // stochastic rounding's carries.
        var r = Cosim(HebbianCases.Shipped, HebbianPrecision.Default, 60, Simulator.Iverilog, out var exported);
        Assert.Equal(60 * exported.UpdatesPerSample, r.Stats["updates"]);
        Assert.Equal(60 * exported.ClocksPerSample, r.Stats["cycles"]);
    }

    [Fact]
    public void ShippedRule_SixtySamples_MoveWeightsOfBothLayers()
    {
        // Keeps the shipped-rule co-simulation above from comparing weights that never change.
        var model = new FixedHebbianNetwork(HebbianCases.Spec, HebbianCases.Shipped, HebbianPrecision.Default);
        long[] hidden = model.HiddenWeightsRaw.ToArray();
        var stream = HebbianCases.Stream(60);
        for (int s = 0; s < stream.Count; s++)
        {
            model.Learn(stream.Row(s), stream.Label(s));
        }

        int movedHidden = hidden.Zip(model.HiddenWeightsRaw.ToArray()).Count(p => p.First != p.Second);
        int movedOutput = model.OutputWeightsRaw.ToArray().Count(w => w != 0);
        Assert.True(movedHidden > 0 && movedOutput > 0, $"{movedHidden} hidden and {movedOutput} output weights moved");
    }

    /// <summary>The default precision with one draw per presynaptic neuron (<see cref="HebbianDraws.PerPre"/>).</summary>
    internal static HebbianPrecision PerPre(HebbianPrecision p) => p with { StochasticDraws = HebbianDraws.PerPre };

    [Fact]
    public void Iverilog_PerPreDraws_MatchTheModel()
    {
        // The restart logic exists only in this mode; the two rules move both layers, with weights at their limits (Strong).
        Cosim(HebbianCases.Shipped, PerPre(HebbianPrecision.Default), 30, Simulator.Iverilog, out _);
        Cosim(HebbianCases.Strong, PerPre(HebbianCases.WithOverflow(Overflow.Sat)), 10, Simulator.Iverilog, out _);
    }

    [Fact]
    public void PerPreDraws_OnlyChangeTheGenerator()
    {
        // perSynapse exports carry none of the restart logic (their Verilog is what it was); perPre ones do.
        var plain = new HebbianHardwareDesign("neuro", HebbianCases.Shipped, HebbianPrecision.Default, HebbianCases.Spec);
        var shared = new HebbianHardwareDesign("neuro", HebbianCases.Shipped, PerPre(HebbianPrecision.Default), HebbianCases.Spec);
        Assert.False(plain.SharedDraws);
        Assert.True(shared.SharedDraws);
        string Engine(HebbianHardwareDesign d) => Verilog.VerilogWriter.Write(HebbianEngineEmitter.Build(d), d.RuleHash);
        Assert.DoesNotContain("rng_restart", Engine(plain), StringComparison.Ordinal);
        Assert.Contains("hid_rng_restart | out_rng_restart ? rng_base_reg : rng_reg", Engine(shared), StringComparison.Ordinal);
    }

    [Fact]
    public void Manifest_NamesPerPreDrawsOnlyWhenChosen()
    {
        // The manifest's precision echoes the config: "stochasticDraws" appears for perPre (and the generator's
        // description says how rows share draws), and is left out for the default, so old manifests are unchanged.
        using var plain = new TempFolder();
        using var shared = new TempFolder();
        HardwareExporter.Export(HebbianCases.Shipped, HebbianPrecision.Default, HebbianCases.Spec, HebbianCases.Stream(2), new HardwareExportSettings(), plain.Path);
        HardwareExporter.Export(HebbianCases.Shipped, PerPre(HebbianPrecision.Default), HebbianCases.Spec, HebbianCases.Stream(2), new HardwareExportSettings(), shared.Path);
        using var a = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(plain.Path, "manifest.json")));
        using var b = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(shared.Path, "manifest.json")));
        Assert.False(a.RootElement.GetProperty("precision").TryGetProperty("stochasticDraws", out _));
        Assert.Equal("perPre", b.RootElement.GetProperty("precision").GetProperty("stochasticDraws").GetString());
        static string Random(System.Text.Json.JsonDocument d) => d.RootElement.GetProperty("update").GetProperty("random").GetString()!;
        Assert.DoesNotContain("stochasticDraws perPre", Random(a), StringComparison.Ordinal);
        Assert.Contains("stochasticDraws perPre", Random(b), StringComparison.Ordinal);
    }

    [Fact]
    public void TraceThresholds_GiveTheModelsTraceLevel()
    {
        var d = new HebbianHardwareDesign("neuro", HebbianCases.Shipped, HebbianPrecision.Default, HebbianCases.Spec);
        foreach (var layer in d.Layers)
        {
            long top = (long)layer.TraceTop << FixedHebbianNetwork.TraceFracBits;
            for (long t = 0; t <= top; t++)
            {
                int rtl = layer.TraceThresholds.Count(threshold => t >= threshold);
                int model = FixedHebbianNetwork.TraceLevel(t, layer.TraceTop, layer.TraceLevels);
                if (rtl != model)
                {
                    Assert.Fail($"{layer.Name}: trace {t} is at level {model} in the model, {rtl} by the thresholds");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(OverflowCases))]
    public void Iverilog_StrongRule_EveryOverflowMode_MatchesTheModel(Overflow overflow, bool stochastic) =>
        Cosim(HebbianCases.Strong, HebbianCases.WithOverflow(overflow, stochastic), 10, Simulator.Iverilog, out _);

    [Fact]
    public void Iverilog_ZeroWords_MatchesTheModel() => Cosim(HebbianCases.ZeroWords, HebbianPrecision.Default, 10, Simulator.Iverilog, out _);

    [Fact]
    [Trait("Category", "Heavy")]
    public void Verilator_ShippedAndStrongRules_MatchTheModel()
    {
        Cosim(HebbianCases.Shipped, HebbianPrecision.Default, 60, Simulator.Verilator, out _);
        Cosim(HebbianCases.Strong, HebbianCases.WithOverflow(Overflow.SatSym, stochastic: false), 10, Simulator.Verilator, out _);
        Cosim(HebbianCases.ZeroWords, HebbianCases.WithOverflow(Overflow.Wrap), 10, Simulator.Verilator, out _);
        Cosim(HebbianCases.Shipped, PerPre(HebbianPrecision.Default), 30, Simulator.Verilator, out _);
    }

    [Theory]
    [Trait("Category", "Heavy")]
    [MemberData(nameof(OverflowCases))]
    public void Verilator_WallClean(Overflow overflow, bool stochastic) => WallClean(HebbianCases.WithOverflow(overflow, stochastic));

    [Fact]
    [Trait("Category", "Heavy")]
    public void Verilator_WallClean_PerPreDraws() => WallClean(PerPre(HebbianPrecision.Default));

    private static void WallClean(HebbianPrecision precision)
    {
        using var dir = new TempFolder();
        HardwareExporter.Export(HebbianCases.Strong, precision, HebbianCases.Spec, HebbianCases.Stream(2), new HardwareExportSettings(), dir.Path);
        string verilator = Tools.ExternalTool.Find("verilator", "verilator");
        var folder = ExportFolder.Open(dir.Path);
        foreach (var (module, testbench) in new[] { ("neuro_hidden_plasticity", ""), ("neuro_output_plasticity", ""), ("neuro_hebbian_engine", ""), ("neuro_hebbian_engine_tb", "tb/neuro_hebbian_engine_tb.v") })
        {
            string[] args = ["--lint-only", "-Wall", .. testbench.Length > 0 ? new[] { "--timing", testbench } : [], "--top-module", module, .. folder.Rtl];
            var (code, output) = Tools.ExternalTool.Run(verilator, args, dir.Path, TimeSpan.FromMinutes(2));
            Assert.True(code == 0 && output.Trim().Length == 0, $"verilator -Wall on {module}:\n{output}");
        }
    }

    [Fact]
    [Trait("Category", "Heavy")]
    public void Synthesizer_GenericAndIce40_MapTheMemoriesAndReportFmax()
    {
        using var dir = new TempFolder();
        HardwareExporter.Export(HebbianCases.Shipped, HebbianPrecision.Default, HebbianCases.Spec, HebbianCases.Stream(2), new HardwareExportSettings(), dir.Path);
        var generic = Synthesizer.Run(dir.Path, SynthTarget.Generic);
        Assert.Equal("neuro_hebbian_engine", generic.Top);
        Assert.Equal(10, generic.BlockRams); // per layer weights, traces, add and scale ROMs; input and hidden levels
        var ice40 = Synthesizer.Run(dir.Path, SynthTarget.Ice40);
        Assert.True(ice40.BlockRams >= 1, "the weight memories map to block RAM");
        Assert.NotNull(ice40.MaxFrequencyMhz);
    }

    [Fact]
    public void Export_IsDeterministicAndOpensAsAnExportFolder()
    {
        using var a = new TempFolder();
        using var b = new TempFolder();
        var first = HardwareExporter.Export(HebbianCases.Shipped, HebbianPrecision.Default, HebbianCases.Spec, HebbianCases.Stream(3), new HardwareExportSettings(), a.Path);
        var second = HardwareExporter.Export(HebbianCases.Shipped, HebbianPrecision.Default, HebbianCases.Spec, HebbianCases.Stream(3), new HardwareExportSettings(), b.Path);
        Assert.Equal(first.Files.Select(f => (f.Path, f.Sha256)), second.Files.Select(f => (f.Path, f.Sha256)));
        Assert.Equal(File.ReadAllText(Path.Combine(a.Path, "manifest.json")), File.ReadAllText(Path.Combine(b.Path, "manifest.json")));
        var folder = ExportFolder.Open(a.Path);
        Assert.Equal("neuro_hebbian_engine", folder.Top);
        Assert.Equal(["rtl/neuro_hebbian_rom.v", "rtl/neuro_hidden_plasticity.v", "rtl/neuro_output_plasticity.v", "rtl/neuro_hebbian_engine.v"], folder.Rtl.ToArray());
        Assert.Equal(folder.Rtl.ToArray(), File.ReadAllLines(Path.Combine(a.Path, "files.f")));
        var manifest = ExportManifest.Read(a.Path);
        Assert.Equal("hebbian", manifest.Family);
        Assert.Equal("neuro_hidden_plasticity", manifest.Modules.HiddenPlasticity);
        Assert.Equal(16, first.Files.Count(f => f.Path.StartsWith("rom/", StringComparison.Ordinal)));
    }

    [Fact]
    public void RomImages_AreTheModelsCompiledWords()
    {
        var d = new HebbianHardwareDesign("neuro", HebbianCases.Shipped, HebbianPrecision.Default, HebbianCases.Spec);
        var model = new FixedHebbianNetwork(HebbianCases.Spec, HebbianCases.Shipped, HebbianPrecision.Default);
        Assert.Equal(model.HiddenRom.Add.ToArray(), d.Hidden.AddRom.Words.ToArray());
        Assert.Equal(model.HiddenRom.Scale.ToArray(), d.Hidden.ScaleRom.Words.ToArray());
        Assert.Equal(model.OutputRom.Add.ToArray(), d.Output.AddRom.Words.ToArray());
        Assert.Equal(model.OutputRom.Scale.ToArray(), d.Output.ScaleRom.Words.ToArray());
        Assert.Equal(256, d.Hidden.AddRom.Depth); // [pre(4), post(4)]
        Assert.Equal(32, d.Output.AddRom.Depth); // [pre(4), teacher(1)]
        Assert.StartsWith("pre[3]: bit 3 of the pre neuron's activity level (the input feature's level)", d.Hidden.AddRom.AddressBits[0], StringComparison.Ordinal);
        Assert.StartsWith("post: the post neuron is active", d.Output.AddRom.AddressBits[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Manifest_HebbianWithoutItsModules_Refused()
    {
        using var dir = new TempFolder();
        HardwareExporter.Export(HebbianCases.Shipped, HebbianPrecision.Default, HebbianCases.Spec, HebbianCases.Stream(1), new HardwareExportSettings(), dir.Path);
        string path = Path.Combine(dir.Path, HardwareExporter.ManifestName);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"hiddenPlasticity\": \"neuro_hidden_plasticity\",", "", StringComparison.Ordinal));
        var e = Assert.Throws<RtlExportException>(() => ExportFolder.Open(dir.Path));
        Assert.EndsWith("manifest.json: modules.hiddenPlasticity: required for a hebbian export, missing", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RomCheck_ShippedRule_Passes() => Assert.Null(HebbianRomCheck.Problem(HebbianCases.Shipped, HebbianPrecision.Default));

    [Fact]
    public void RomCheck_AFrozenLayer_IsNotAnError() =>
        Assert.Null(HebbianRomCheck.Problem(HebbianCases.Shipped with { Hidden = HebbianLayerRule.Frozen }, HebbianPrecision.Default));

    [Fact]
    public void RomCheck_StepsBelowTheLsb_NameTheLayerAndTheBits()
    {
        var rule = HebbianCases.Shipped with { Output = new HebbianLayerRule(1e-12, 1, 1, 1, 1) };
        Assert.StartsWith("every word of the output layer's compiled ROMs is zero at ruleEntry ap_fixed<24,-2,AP_RND_CONV,AP_SAT>", HebbianRomCheck.Problem(rule, HebbianPrecision.Default), StringComparison.Ordinal);
        var e = Assert.Throws<RtlExportException>(() =>
            HardwareExporter.Export(rule, HebbianPrecision.Default, HebbianCases.Spec, HebbianCases.Stream(1), new HardwareExportSettings(), Path.Combine(Path.GetTempPath(), "never-written")));
        Assert.Contains("at least 38 fractional bits", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RomCheck_AllZeroRule_NothingToExport() =>
        Assert.StartsWith("every entry of the rule's compiled tables is zero in both layers",
            HebbianRomCheck.Problem(new HebbianRule(HebbianLayerRule.Frozen, HebbianLayerRule.Frozen), HebbianPrecision.Default), StringComparison.Ordinal);

    /// <summary>Exports, co-simulates and checks: a pass with one check per update, per sample and per final weight.</summary>
    internal static TestbenchResult Cosim(HebbianRule rule, HebbianPrecision precision, int samples, Simulator simulator, out HebbianExportResult exported)
    {
        using var dir = new TempFolder();
        exported = HardwareExporter.Export(rule, precision, HebbianCases.Spec, HebbianCases.Stream(samples), new HardwareExportSettings(), dir.Path);
        var r = Assert.Single(Cosimulator.Run(dir.Path, simulator));
        Assert.True(r.Passed, r.Log);
        Assert.Equal((samples * exported.UpdatesPerSample) + samples + exported.UpdatesPerSample, r.Checks);
        return r;
    }
}
