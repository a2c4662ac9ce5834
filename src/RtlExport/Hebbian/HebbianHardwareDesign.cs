using System.Text;
using Neuro.FixedPointSim;
using Neuro.FixedPointSim.Hebbian;
using Neuro.Rules.Hebbian;

namespace Neuro.RtlExport.Hebbian;

/// <summary>
/// Everything the Hebbian emitters need, derived once from a rule, its precision and the network: names, the two layers
/// (<see cref="HebbianLayerDesign"/>), the stochastic-rounding seed and the clocks of one sample.
/// </summary>
internal sealed class HebbianHardwareDesign
{
    public HebbianHardwareDesign(string name, HebbianRule rule, HebbianPrecision precision, HebbianNetworkSpec spec)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(precision);
        ArgumentNullException.ThrowIfNull(spec);
        Name = VerilogNames.Validate(name);
        Rule = rule;
        Precision = precision;
        Spec = spec;
        RuleHash = "sha256:" + HardwareDesign.Sha256(Encoding.UTF8.GetBytes(HebbianRuleFile.Serialize(rule, null)));
        var model = new FixedHebbianNetwork(spec, rule, precision);
        Hidden = new HebbianLayerDesign("hidden", Name + "_hidden_plasticity", model.HiddenRom, rule.Hidden, precision, precision.HiddenWeight,
            spec.Hidden, spec.Inputs, precision.Input, precision.HiddenActivity, "the input feature's level", "the hidden neuron's activity level");
        Output = new HebbianLayerDesign("output", Name + "_output_plasticity", model.OutputRom, rule.Output, precision, precision.OutputWeight,
            spec.Classes, spec.Hidden, precision.HiddenActivity, HebbianPrecision.Teacher, "the hidden neuron's activity level", "the teacher (1 on the label's unit)");
    }

    public string Name { get; }

    public HebbianRule Rule { get; }

    public HebbianPrecision Precision { get; }

    public HebbianNetworkSpec Spec { get; }

    /// <summary><c>sha256:</c> + hex SHA-256 of the canonical rule file without provenance.</summary>
    public string RuleHash { get; }

    public HebbianLayerDesign Hidden { get; }

    public HebbianLayerDesign Output { get; }

    public IReadOnlyList<HebbianLayerDesign> Layers => [Hidden, Output];

    /// <summary>True when a layer rounds stochastically: then one xorshift32 generator advances on every synapse update of both layers.</summary>
    public bool UsesRandom => Hidden.StochasticBits > 0 || Output.StochasticBits > 0;

    /// <summary>
    /// <c>"stochasticDraws": "perPre"</c> with a generator: each row's first draw restarts from the state the layer's walk
    /// started with (<see cref="HebbianDraws.PerPre"/>), so column <c>j</c> takes the same draw in every row.
    /// </summary>
    public bool SharedDraws => UsesRandom && Precision.StochasticDraws == HebbianDraws.PerPre;

    /// <summary>What <see cref="SharedDraws"/> does, as the module header, the export README and the manifest say it.</summary>
    public const string SharedDrawsNote =
        "each row's first draw restarts from the state its layer's walk started with, so column j takes the layer's j-th draw in every row (stochasticDraws perPre)";

    /// <summary>The generator's state at reset: <see cref="XorShift32.Seed"/> of the network seed.</summary>
    public uint RandomSeed => XorShift32.Seed(Spec.Seed);

    public string Engine => Name + "_hebbian_engine";

    public string RomModule => Name + "_hebbian_rom";

    public string Testbench => Engine + "_tb";

    /// <summary>Bits of the widest weight (the engine's host and update ports).</summary>
    public int HostWidth => Math.Max(Hidden.WeightWidth, Output.WeightWidth);

    public int HostAddressWidth => Math.Max(Hidden.AddressWidth, Output.AddressWidth);

    /// <summary>Bits of the widest activity level (the engine's level port).</summary>
    public int LevelWidth => Math.Max(Precision.InputBits, Precision.HiddenBits);

    public int LevelAddressWidth => Math.Max(VerilogTypes.IndexWidth(Spec.Inputs), VerilogTypes.IndexWidth(Spec.Hidden));

    public int LabelWidth => VerilogTypes.IndexWidth(Spec.Classes);

    /// <summary>Synapse updates of one sample: every weight of both layers once.</summary>
    public long UpdatesPerSample => (long)Hidden.Weights + Output.Weights;

    /// <summary>Clocks from the edge that samples <c>start</c> to the edge after which <c>done</c> is high: the hidden walk,
    /// then the output walk, whose start is the hidden layer's done (sampled one edge later).</summary>
    public long ClocksPerSample => Hidden.Clocks + 1 + Output.Clocks;

    /// <summary>A ROM image path, relative to the export folder: <c>rom/NAME_hidden_add.mem</c>.</summary>
    public string RomPath(RomImage rom, string extension = "mem") => $"rom/{Name}_{rom.Name}.{extension}";
}
