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
