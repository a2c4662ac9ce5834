using System.Collections.Immutable;
using Neuro.FixedPointSim.Hebbian;
using Neuro.Rules.Data;

namespace Neuro.RtlExport.Hebbian;

/// <summary>
/// The golden vectors of a Hebbian engine, written by the C# model (<see cref="FixedHebbianNetwork"/>) over the samples
/// of a lifetime prefix: the hidden weights at reset, each sample's input levels, hidden levels (the model's forward
/// pass) and label, every weight after every sample in the walk order (so every synapse update), and the final weights.
/// </summary>
/// <remarks>Weights are hex words of the engine's host width holding the layer's weight masked to its width (the engine
/// zero-extends). Levels are hex words of their own width.</remarks>
internal sealed class HebbianVectors
{
    private HebbianVectors(
        ImmutableArray<string> initialHidden, ImmutableArray<string> inputs, ImmutableArray<string> hiddenLevels, ImmutableArray<string> labels,
        ImmutableArray<string> expected, ImmutableArray<string> final, int samples)
    {
        InitialHidden = initialHidden;
        Inputs = inputs;
        HiddenLevels = hiddenLevels;
        Labels = labels;
        Expected = expected;
        Final = final;
        Samples = samples;
    }

    public ImmutableArray<string> InitialHidden { get; }

    public ImmutableArray<string> Inputs { get; }

    public ImmutableArray<string> HiddenLevels { get; }

    public ImmutableArray<string> Labels { get; }

    /// <summary>Per sample, the hidden weights then the output weights after the sample: the value of every update in walk order.</summary>
    public ImmutableArray<string> Expected { get; }

    /// <summary>The hidden weights then the output weights after the last sample.</summary>
    public ImmutableArray<string> Final { get; }

    public int Samples { get; }

    public long Updates => Expected.Length;

    /// <summary>Runs the model from reset over <paramref name="stream"/> (its rows in order, labels being output units).</summary>
    public static HebbianVectors Build(HebbianHardwareDesign d, Dataset stream)
    {
        var model = new FixedHebbianNetwork(d.Spec, d.Rule, d.Precision);
        model.Reset();
        var input = d.Precision.Input;
        int hostWidth = d.HostWidth;
        string Weight(long raw, int width) => VerilogTypes.Hex(raw & ((1L << width) - 1), hostWidth);
        var initial = model.HiddenWeightsRaw.ToArray().Select(raw => Weight(raw, d.Hidden.WeightWidth)).ToImmutableArray();
        var inputs = ImmutableArray.CreateBuilder<string>(stream.Count * d.Spec.Inputs);
        var hiddenLevels = ImmutableArray.CreateBuilder<string>(stream.Count * d.Spec.Hidden);
        var labels = ImmutableArray.CreateBuilder<string>(stream.Count);
        var expected = ImmutableArray.CreateBuilder<string>(checked((int)(stream.Count * d.UpdatesPerSample)));
        for (int s = 0; s < stream.Count; s++)
        {
            var x = stream.Row(s);
            foreach (double v in x)
            {
                inputs.Add(VerilogTypes.Hex(input.Level(v), d.Precision.InputBits));
            }

            model.Learn(x, stream.Label(s));
            foreach (int level in model.HiddenLevels)
            {
                hiddenLevels.Add(VerilogTypes.Hex(level, d.Precision.HiddenBits));
            }

            labels.Add(VerilogTypes.Hex(stream.Label(s), d.LabelWidth));
            AddWeights(expected, model, d, Weight);
        }

        var final = ImmutableArray.CreateBuilder<string>(checked((int)d.UpdatesPerSample));
        AddWeights(final, model, d, Weight);
        return new HebbianVectors(initial, inputs.MoveToImmutable(), hiddenLevels.MoveToImmutable(), labels.MoveToImmutable(), expected.MoveToImmutable(), final.MoveToImmutable(), stream.Count);
    }

    private static void AddWeights(ImmutableArray<string>.Builder words, FixedHebbianNetwork model, HebbianHardwareDesign d, Func<long, int, string> weight)
    {
        foreach (long raw in model.HiddenWeightsRaw)
        {
            words.Add(weight(raw, d.Hidden.WeightWidth));
        }

        foreach (long raw in model.OutputWeightsRaw)
        {
            words.Add(weight(raw, d.Output.WeightWidth));
        }
    }
}
