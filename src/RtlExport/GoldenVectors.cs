using System.Text;
using Neuro.FixedPointSim;
using Neuro.FixedPointSim.Patterns;
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
        int romAddress = 2 * pw;
        int updateFields = 2 + 2 * unitIndex + (d.HasOutput ? 1 : 0) + w;
        int engineSampleFields = 1 + (d.HasOutput ? d.ClassWidth : 0) + (d.HasOutput && !d.AllEdges ? d.ClassWidth : 0);
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
        var rom = new RuleRom(d.Rule, d.Precision);
        int p = d.Histories, rounds = d.Rule.Rounds;
        int groups = p * p <= 1024 ? 2 : 1;
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

            for (int a = 0; a < p; a++)
            {
                for (int b = 0; b < p; b++)
                {
                    int address = d.HiddenTable.Address([a, b]);
                    Update(d, random, TableHidden, neuronOf[a], neuronOf[b], 0, address, rom.Hidden!.Value[address], k++);
                }
            }

            if (rom.Input is { } input)
            {
                for (int b = 0; b < p; b++)
                {
                    Update(d, random, TableInput, neuronOf[(b + 1) % p], neuronOf[b], 0, b, input[b], k++);
                }
            }

            if (rom.Output is { } output)
            {
                for (int a = 0; a < p; a++)
                {
                    for (int kind = 0; kind < 2; kind++)
                    {
                        int address = d.Rule.Layout.Find(PatternLayouts.Output)!.Address([a, kind]);
                        Update(d, random, TableOutput, neuronOf[(a + 1) % p], neuronOf[a], kind, address, output[address], k++);
                    }
                }
            }
        }
    }

    private void Update(HardwareDesign d, Random random, int table, int pre, int post, int rowKind, int address, long entry, int k)
    {
        var weightType = d.Precision.Weight;
        int s = d.StochasticBits;
        long weight = Boundary(weightType.Format, s > 0 ? entry >> s : entry, k, random);
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
            expected = (long)Fixed.Add(Fixed.FromRaw(weight, weightType.Format), Fixed.FromRaw(entry, d.Precision.RuleEntry.Format), weightType).Raw;
        }

        var cmd = new BitWord().Add(1, 1).Add(0, UnitCommandWidth - 1 - (2 + 2 * UnitIndexWidth + (d.HasOutput ? 1 : 0) + d.WeightWidth))
            .Add(table, 2).Add(pre, UnitIndexWidth).Add(post, UnitIndexWidth);
        if (d.HasOutput)
        {
            cmd.Add(rowKind, 1);
        }

        cmd.Add(weight, d.WeightWidth);
        UnitCommands.Add(cmd.Hex());
        UnitExpected.Add(new BitWord().Add(table, 2).Add(address, UnitRomAddressWidth).Add(expected, d.WeightWidth).Hex());
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
        bool labelAndPrediction = d.HasOutput && !d.AllEdges;
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

            int fields = 1 + (d.HasOutput ? cw : 0) + (labelAndPrediction ? cw : 0);
            var sample = new BitWord().Add(1, 1).Add(0, EngineCommandWidth - 1 - fields).Add(update ? 1 : 0, 1);
            if (d.HasOutput)
            {
                sample.Add(label, cw);
            }

            if (labelAndPrediction)
            {
                sample.Add(prediction, cw);
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
