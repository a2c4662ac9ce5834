using System.Text;
using Neuro.FixedPointSim;
using Neuro.FixedPointSim.Patterns;
using Neuro.Rules.Layouts;
using Neuro.Rules.Patterns;
using Neuro.Rules.Data;
using static Neuro.RtlExport.Emitters.PlasticityUnitEmitter;

namespace Neuro.RtlExport;

/// <summary>
/// Golden vectors written by the C# fixed-point model for the self-checking testbenches (docs/file-formats.md): single
/// updates over every ROM address with boundary weights (plasticity unit), and a whole lifetime (engine).
/// </summary>
internal sealed class GoldenVectors
{
    /// <summary>The plasticity unit's stochastic-rounding generator while its vectors are built.</summary>
    private uint unitRandom;
    private uint[] unitStates = [];

    private GoldenVectors()
    {
    }

    /// <summary>Plasticity-unit testbench: neurons (one per pattern), index bits, command and expected word widths.</summary>
    public int UnitNeurons { get; private init; }

    public int UnitIndexWidth { get; private init; }

    public int UnitCommandWidth { get; private init; }

    public int UnitExpectedWidth { get; private init; }

    public int UnitRomAddressWidth { get; private init; }

    public List<string> UnitCommands { get; } = [];

    public List<string> UnitExpected { get; } = [];

    public int UnitUpdates => UnitExpected.Count;

    /// <summary>Engine testbench: command width, commands, expected final weights per layer, and counts.</summary>
    public int EngineCommandWidth { get; private init; }

    public List<string> EngineCommands { get; } = [];

    public List<string> ExpectedHidden { get; } = [];

    public List<string> ExpectedInput { get; } = [];

    public List<string> ExpectedOutput { get; } = [];

    /// <summary>Per sample the clocks of its plastic step: from the edge that takes <c>start</c> to the first edge seeing
    /// <c>done</c> (<see cref="StepClocks"/>).</summary>
    public List<string> ExpectedStepClocks { get; } = [];

    public int Samples { get; private set; }

    public int UpdatingSamples { get; private set; }

    /// <summary>Synapse updates the model made over the lifetime (what the engine must write back).</summary>
    public long ExpectedUpdates { get; private set; }

    public static GoldenVectors Build(HardwareDesign d, Dataset data, int samples, int seed)
    {
        int p = d.Histories, pw = d.PatternWidth, w = d.WeightWidth;
        int unitNeurons = p;
        int unitIndex = pw;
        int romAddress = d.Tables.Max(t => t.AddressWidth);
        int updateFields = 2 + 2 * unitIndex + (d.HasOutput ? d.RowKindBits : 0) + d.UnitFields.Sum(f => f.Field.Bits) + w;
        int engineSampleFields = 1 + (d.HasOutput ? d.ClassWidth : 0) + (d.EnginePrediction ? d.ClassWidth : 0) + d.EngineSampleInputs.Sum(f => f.Bits);
        var v = new GoldenVectors
        {
            UnitNeurons = unitNeurons,
            UnitIndexWidth = unitIndex,
            UnitRomAddressWidth = romAddress,
            UnitCommandWidth = 1 + Math.Max(unitNeurons, updateFields),
            UnitExpectedWidth = 2 + romAddress + w,
            EngineCommandWidth = 1 + Math.Max(d.Spec.Hidden, engineSampleFields),
        };
        v.BuildUnit(d, new Random(seed));
        v.BuildLifetime(d, data, samples);
        return v;
    }

    /// <summary>
    /// The engine's clocks per plastic step, from the edge that takes <c>start</c> to the first edge seeing <c>done</c>:
    /// <c>synapses + 5</c> when it updates (one synapse per clock, then the read, two pipeline stages and done), 2 when it
    /// does not (docs/hardware.md).
    /// </summary>
    public static long StepClocks(bool update, long synapses) => update ? synapses + 5 : 2;

    /// <summary>One <c>$readmemh</c> file: the words, one per line.</summary>
    public static byte[] File(IEnumerable<string> words)
    {
        var text = new StringBuilder();
        foreach (string word in words)
        {
            text.Append(word).Append('\n');
        }

        return Encoding.ASCII.GetBytes(text.ToString());
    }

    private void BuildUnit(HardwareDesign d, Random random)
    {
        unitRandom = d.StochasticBits > 0 && !d.PerNeuronStreams ? d.RandomSeed : 0;
        unitStates = d.PerNeuronStreams ? XorShift32.NeuronSeeds(d.Spec.Seed, d.SeedNeurons) : [];
        int p = d.Histories, rounds = d.Rule.Rounds;
        int groups = d.Tables.Max(t => t.Layout.Entries) <= 1024 ? 2 : 1;
        int k = 0;
        for (int g = 0; g < groups; g++)
        {
            // Neuron n holds pattern perm[n]; a new permutation per group reloads every history.
            int[] perm = [.. Enumerable.Range(0, p)];
            random.Shuffle(perm);
            var neuronOf = new int[p];
            for (int n = 0; n < p; n++)
            {
                neuronOf[perm[n]] = n;
            }

            for (int round = 0; round <= rounds; round++)
            {
                var fire = new BitWord().Add(0, 1).Add(0, UnitCommandWidth - 1 - UnitNeurons);
                for (int n = UnitNeurons - 1; n >= 0; n--)
                {
                    fire.Add((perm[n] >> (rounds - round)) & 1, 1);
                }

                UnitCommands.Add(fire.Hex());
            }

            // Every address of every table, in address order: the neurons whose histories the address's history fields
            // name (the pre neuron otherwise the post neuron's successor), the row kind, the sample codes and pre level, and a weight
            // whose code is the address's weight field (an address whose weight code no weight has is skipped).
            foreach (var table in d.Tables)
            {
                var layout = table.Layout;
                var postField = layout.Synapses == PatternLayouts.Output ? Signal.PreHistory : Signal.PostHistory;
                bool hasPre = layout.Synapses == PatternLayouts.Recurrent && layout.Uses(Signal.PreHistory);
                var words = table.Image.Words;
                for (int address = 0; address < layout.Entries; address++)
                {
                    var values = layout.Decode(address);
                    int Value(Signal signal) => layout.IndexOf(signal) is int i and >= 0 ? values[i] : 0;
                    int post = Value(postField);
                    int pre = hasPre ? Value(Signal.PreHistory) : (post + 1) % p;
                    long[] sample = [.. d.UnitFields.Select(f => f.Table == table ? (long)Value(f.Field.Signal) : 0L)];
                    int? weightCode = layout.Uses(Signal.Weight) ? Value(Signal.Weight) : null;
                    Update(d, random, table.Code, layout.Synapses, neuronOf[pre], neuronOf[post], Value(Signal.Role), sample, weightCode, layout.Field(Signal.Weight), address, words[address], k++);
                }
            }
        }
    }

    private void Update(HardwareDesign d, Random random, int table, string synapses, int pre, int post, int rowKind, long[] sample, int? weightCode, LayoutField? weightField, int address, long entry, int k)
    {
        // The table's group's weight type, and its ROM words' (per-group types differ in their fractional bits).
        var weightType = d.Precision.WeightOf(synapses);
        var entryFormat = d.Precision.EntryOf(synapses).Format;
        int s = d.StochasticBits;
        long weight = Boundary(weightType.Format, s > 0 ? entry >> s : entry, k, random);
        if (weightField is not null)
        {
            var (lo, hi) = WeightsWithCode(weightField, weightType.Format, weightCode!.Value);
            if (lo > hi)
            {
                return;
            }

            if (weight < lo || weight > hi)
            {
                Int128 span = (Int128)hi - lo + 1;
                weight = span <= long.MaxValue ? lo + random.NextInt64((long)span) : Math.Clamp(random.NextInt64(long.MinValue, long.MaxValue), lo, hi);
            }
        }

        long expected;
        if (s > 0)
        {
            // The unit's generator (or, per neuron, the post neuron's: the output table's hidden neuron) runs over the whole
            // testbench from its reset, one draw per nonzero word.
            expected = weight;
            if (entry != 0)
            {
                ref uint state = ref unitStates.Length > 0 ? ref unitStates[post] : ref unitRandom;
                state = XorShift32.Next(state);
                var deltaFormat = new QFormat(true, weightType.Format.Width + 1, weightType.Format.FracBits);
                expected = (long)Fixed.Add(Fixed.FromRaw(weight, weightType.Format), Fixed.FromRaw(XorShift32.Delta(entry, state, s), deltaFormat), weightType).Raw;
            }
        }
        else
        {
            expected = (long)Fixed.Add(Fixed.FromRaw(weight, weightType.Format), Fixed.FromRaw(entry, entryFormat), weightType).Raw;
        }

        int sampleBits = d.UnitFields.Sum(f => f.Field.Bits);
        var cmd = new BitWord().Add(1, 1).Add(0, UnitCommandWidth - 1 - (2 + 2 * UnitIndexWidth + (d.HasOutput ? d.RowKindBits : 0) + sampleBits + d.WeightWidth))
            .Add(table, 2).Add(pre, UnitIndexWidth).Add(post, UnitIndexWidth);
        if (d.HasOutput)
        {
            cmd.Add(rowKind, d.RowKindBits);
        }

        int f = 0;
        foreach (var (_, field) in d.UnitFields)
        {
            cmd.Add(sample[f++], field.Bits);
        }

        cmd.Add(weight, d.WeightWidth);
        UnitCommands.Add(cmd.Hex());
        UnitExpected.Add(new BitWord().Add(table, 2).Add(address, UnitRomAddressWidth).Add(expected, d.WeightWidth).Hex());
    }

    /// <summary>
    /// The raw weights of <paramref name="format"/> whose code under <paramref name="field"/> is <paramref name="code"/>, as
    /// an interval (empty when lo &gt; hi): the code is monotone in the weight, so two binary searches find its ends.
    /// </summary>
    internal static (long Lo, long Hi) WeightsWithCode(LayoutField field, QFormat format, int code)
    {
        int n = field.Bits, frac = format.FracBits;
        long SignedCode(long raw)
        {
            long c = field.WeightCode(raw, frac);
            return c >= 1L << (n - 1) ? c - (1L << n) : c;
        }

        long target = code >= 1 << (n - 1) ? code - (1L << n) : code;
        long FirstAtLeast(long value)
        {
            // The smallest raw in [min, max] whose code is at least value, or max + 1 (as Int128) when none is.
            Int128 lo = format.MinRaw, hi = (Int128)format.MaxRaw + 1;
            while (lo < hi)
            {
                Int128 mid = lo + ((hi - lo) >> 1);
                if (SignedCode((long)mid) >= value)
                {
                    hi = mid;
                }
                else
                {
                    lo = mid + 1;
                }
            }

            return lo > format.MaxRaw ? long.MaxValue : (long)lo;
        }

        long first = FirstAtLeast(target);
        if (first == long.MaxValue && SignedCode(format.MaxRaw) != target)
        {
            return (1, 0);
        }

        long next = target == (1L << (n - 1)) - 1 ? long.MaxValue : FirstAtLeast(target + 1);
        long last = next == long.MaxValue ? format.MaxRaw : next - 1;
        return first <= last && SignedCode(first) == target ? (first, last) : (1, 0);
    }

    /// <summary>The k-th test weight for an entry: the format's edges, the weights whose sum with the entry lands on an
    /// edge or just past it, and a random weight, in turn.</summary>
    private static long Boundary(QFormat format, long entry, int k, Random random)
    {
        long min = format.MinRaw, max = format.MaxRaw;
        long randomWeight = format.Width == 64 ? random.NextInt64(long.MinValue, long.MaxValue) : random.NextInt64(min, max + 1);
        Int128[] candidates =
        [
            min, (Int128)min + 1, -1, 0, 1, (Int128)max - 1, max, -(Int128)entry, (Int128)min - entry, (Int128)max - entry,
            (Int128)max - entry + 1, (Int128)min - entry - 1, randomWeight,
        ];
        Int128 c = candidates[k % candidates.Length];
        return c >= min && c <= max ? (long)c : randomWeight;
    }

    private void BuildLifetime(HardwareDesign d, Dataset data, int samples)
    {
        var network = new FixedPatternNetwork(d.Spec, d.Masks, d.Rule, d.Precision);
        int rounds = d.Rule.Rounds, hidden = d.Spec.Hidden, cw = d.ClassWidth;
        bool withPrediction = d.EnginePrediction;
        int logitFrac = network.LogitFracBits;
        for (int s = 0; s < samples; s++)
        {
            int row = s % data.Count;
            int label = data.Label(row);
            int prediction = network.Learn(data.Row(row), label);
            bool update = !d.Rule.MisclassifiedOnly || prediction != label;
            var patterns = network.Patterns;
            for (int round = 0; round <= rounds; round++)
            {
                var fire = new BitWord().Add(0, 1).Add(0, EngineCommandWidth - 1 - hidden);
                for (int n = hidden - 1; n >= 0; n--)
                {
                    fire.Add((patterns[n] >> (rounds - round)) & 1, 1);
                }

                EngineCommands.Add(fire.Hex());
            }

            int fields = 1 + (d.HasOutput ? cw : 0) + (withPrediction ? cw : 0) + d.EngineSampleInputs.Sum(f => f.Bits);
            var sample = new BitWord().Add(1, 1).Add(0, EngineCommandWidth - 1 - fields).Add(update ? 1 : 0, 1);
            if (d.HasOutput)
            {
                sample.Add(label, cw);
            }

            if (withPrediction)
            {
                sample.Add(prediction, cw);
            }

            // The sample's codes as the model computes them: the margin of its exact logits, the samples seen before it.
            var margin = SampleMargins.Of<Int128>(network.LogitsRaw, label);
            foreach (var (_, field) in d.SampleFields)
            {
                sample.Add(field.Signal == Signal.Margin ? field.MarginCode(margin.Margin, margin.MaxAbs, field.RawThresholds(logitFrac).AsSpan()) : LayoutField.PhaseCode(s, field.Bits), field.Bits);
            }

            // Every hidden neuron's pre level, as the model computes it from its last-round activity (neuron Hidden − 1 first).
            if (d.LevelField is { } level)
            {
                var codes = new int[hidden];
                level.Field.PreCodes(network.HiddenRaw, codes);
                for (int n = hidden - 1; n >= 0; n--)
                {
                    sample.Add(codes[n], level.Field.Bits);
                }
            }

            EngineCommands.Add(sample.Hex());
            long synapses = 0;
            if (update)
            {
                UpdatingSamples++;
                int rows = !d.HasOutput ? 0 : d.AllEdges ? d.Spec.Classes : prediction == label ? 1 : 2;
                synapses = d.HiddenEdges + d.InputEdges + (long)rows * hidden;
                ExpectedUpdates += synapses;
            }

            ExpectedStepClocks.Add(VerilogTypes.Hex(StepClocks(update, synapses), 32));
        }

        Samples = samples;
        var recurrent = network.RecurrentWeightsRaw;
        for (int e = 0; e < d.HiddenEdges; e++)
        {
            ExpectedHidden.Add(VerilogTypes.Hex(recurrent[d.HiddenEdgePost[e] * hidden + d.HiddenEdgePre[e]], d.WeightWidth));
        }

        if (d.HasInput)
        {
            var input = network.InputWeightsRaw;
            for (int e = 0; e < d.InputEdges; e++)
            {
                ExpectedInput.Add(VerilogTypes.Hex(input[d.InputEdgePost[e] * d.Spec.Inputs + d.InputEdgeColumn[e]], d.WeightWidth));
            }
        }

        if (d.HasOutput)
        {
            foreach (long weight in network.OutputWeightsRaw)
            {
                ExpectedOutput.Add(VerilogTypes.Hex(weight, d.WeightWidth));
            }
        }
    }
}
