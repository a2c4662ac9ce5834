using System.Globalization;
using Neuro.FixedPointSim.Patterns;
using Neuro.Rules.Layouts;
using Neuro.Rules.Patterns;

namespace Neuro.OpenClKernels.Patterns;

/// <summary>
/// The compile-time contract of <c>pattern_lifetime.cl</c> for one group of lifetimes: sizes, rule options and signal
/// types as <c>-D</c> defines (docs/opencl.md lists them). Lifetimes that share a define set run in one launch; they may
/// differ in rule tables, masks, network seed and data.
/// </summary>
/// <remarks>
/// Sums accumulate in 64-bit <c>long</c> (<c>ACC64</c>) when <see cref="PrecisionConfig.AccumulatorBits"/> proves every
/// exact sum fits 64 bits, as the fast CPU network decides; otherwise in a 128-bit integer made of two 64-bit words,
/// up to the golden model's own 128-bit limit. A multiplicative update with a weight LSB of 1 or more
/// (<c>fw ≤ 0</c>) scales the exact product up by <c>2^-fw</c>; the kernel holds that in 128 bits, so
/// <c>Ww + We − fw ≤ 128</c> is required.
/// </remarks>
public sealed record PatternKernelDefines
{
    /// <summary>The kernel's name in the program.</summary>
    public const string KernelName = "pattern_lifetimes";

    /// <summary>Integers each lifetime's <c>meta</c> entry holds.</summary>
    internal const int MetaWords = 9;

    private PatternKernelDefines(IReadOnlyList<KeyValuePair<string, string>> defines, bool wideWeights, bool wideInputs, bool accumulator64, bool neuronMinor)
    {
        Defines = defines;
        NeuronMinor = neuronMinor;
        WideWeights = wideWeights;
        WideInputs = wideInputs;
        Accumulator64 = accumulator64;
        Options = string.Join(' ', defines.Select(d => $"-D {d.Key}={d.Value}"));
    }

    /// <summary>The defines, in a fixed order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Defines { get; }

    /// <summary>The build options: every define as <c>-D NAME=VALUE</c>.</summary>
    public string Options { get; }

    /// <summary>Weights travel as 64-bit integers (<c>WTYPE long</c>); else as 32-bit.</summary>
    public bool WideWeights { get; }

    /// <summary>Inputs travel as 64-bit integers (<c>XTYPE long</c>); else as 32-bit.</summary>
    public bool WideInputs { get; }

    /// <summary>
    /// The input and recurrent weights and masks are in the neuron-minor device layout (<c>NEURON_MINOR</c>; set when
    /// several work-items share a lifetime, so neighbouring work-items read neighbouring words); else row-major as in
    /// the golden model (a lone work-item, on a CPU or an FPGA, then streams each row).
    /// </summary>
    public bool NeuronMinor { get; }

    /// <summary>Sums accumulate in 64 bits (<c>ACC64</c>); else in 128.</summary>
    public bool Accumulator64 { get; }

    /// <summary>Stochastic rounding draws from one generator per hidden neuron (<c>PER_NEURON</c>,
    /// <see cref="StochasticStreams.PerNeuron"/>), whose states travel in a buffer of Hidden words per lifetime; the
    /// update then runs neuron-parallel like a deterministic one.</summary>
    public bool PerNeuron => Defines.Any(d => d.Key == "PER_NEURON");

    /// <summary>The rule keeps a moving average of the output weights (<c>OUT_AVG_SHIFT</c>, <see cref="PatternRule.OutputAverageShift"/>):
    /// each lifetime's scratch then holds the averages and the readout weights too.</summary>
    public bool AveragesOutput => Defines.Any(d => d.Key == "OUT_AVG_SHIFT");

    /// <summary>The defines for lifetimes of <paramref name="spec"/>'s shape with <paramref name="rule"/>'s options at <paramref name="precision"/>.</summary>
    /// <param name="spec">Network shape (inputs, hidden, classes, cap); its seed and edge probability do not matter.</param>
    /// <param name="rule">Rounds, update mode, options and which tables exist; its table entries do not matter.</param>
    /// <param name="precision">The signal types, valid for <paramref name="spec"/>.</param>
    /// <param name="localSize">Work-items per lifetime (1 or more).</param>
    /// <exception cref="ArgumentException">The config needs more than the kernel's 128-bit arithmetic (see remarks).</exception>
    public static PatternKernelDefines For(PatternNetworkSpec spec, PatternRule rule, PrecisionConfig precision, int localSize)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(precision);
        ArgumentOutOfRangeException.ThrowIfLessThan(localSize, 1);
        if (rule.AveragesOutput && FixedOutputAverage.WidthProblem(precision.WeightOf(PatternLayouts.Output).Format.Width, rule.OutputAverageShift) is { } problem)
        {
            throw new ArgumentException(problem, nameof(rule));
        }

        int accumulator = precision.AccumulatorBits(spec);
        var entry = precision.RuleEntry.Format;
        foreach (var table in rule.Layout.Tables.Where(t => t.Mode == TableMode.Multiply))
        {
            var weight = precision.WeightOf(table.Synapses).Format;
            if (weight.FracBits <= 0 && weight.Width + entry.Width - weight.FracBits > 128)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"The OpenCL kernel holds a multiplicative update's scaled product in 128 bits: weight width {weight.Width} + rule-entry width {entry.Width} − weight fractional bits {weight.FracBits} must be at most 128"));
            }
        }

        // Each group's weight type (per-group types; all three are the config's weight type unless it names them), and
        // one storage type that holds every group's raws.
        var groups = new[] { ("IN", PatternLayouts.Input), ("REC", PatternLayouts.Recurrent), ("OUT", PatternLayouts.Output) };

        string Int(int value) => OpenClTypes.Number(value);
        var defines = new List<KeyValuePair<string, string>>
        {
            new("N", Int(spec.Inputs)),
            new("V", Int(spec.Hidden)),
            new("M", Int(spec.Classes)),
            new("K", Int(spec.Cap)),
            new("ROUNDS", Int(rule.Rounds)),
            new("LOCAL_SIZE", Int(localSize)),
            new("IN_FRAC", Int(precision.Input.Format.FracBits)),
            new("ROM_WORDS", Int(rule.Layout.TotalEntries)),
        };
        foreach (var (prefix, synapses) in groups)
        {
            defines.AddRange(OpenClTypes.Define(prefix + "_WGT", precision.WeightOf(synapses)));
        }

        defines.AddRange(OpenClTypes.Define("ACT", precision.Activation));
        string wtype = precision.WeightTypes.Any(t => OpenClTypes.RawType(t.Format) == "long") ? "long" : "int", xtype = OpenClTypes.RawType(precision.Input.Format);
        defines.Add(new("WTYPE", wtype));
        defines.Add(new("XTYPE", xtype));
        if (precision.StochasticBits > 0)
        {
            defines.Add(new("STOCH_BITS", Int(precision.StochasticBits)));
        }

        bool acc64 = accumulator <= 64;
        foreach (var (name, on) in new[]
        {
            ("ACC64", acc64),
            ("MISCLASSIFIED_ONLY", rule.MisclassifiedOnly),
            ("ALL_EDGES", rule.OutputEdges == OutputEdges.AllEdges),
            ("NEURON_MINOR", localSize > 1),
            ("PER_NEURON", precision.StochasticBits > 0 && precision.StochasticStreams == StochasticStreams.PerNeuron),
        })
        {
            if (on)
            {
                defines.Add(new(name, "1"));
            }
        }

        int Frac(string synapses) => precision.WeightOf(synapses).Format.FracBits;
        int logitFrac = Frac(PatternLayouts.Output) + precision.Activation.Format.FracBits;
        var plan = new PatternUpdatePlan(rule);
        AddTable(defines, "REC", plan.Recurrent, rule.Layout, Frac(PatternLayouts.Recurrent), logitFrac);
        AddTable(defines, "IN", plan.Input, rule.Layout, Frac(PatternLayouts.Input), logitFrac);
        AddTable(defines, "OUT", plan.Output, rule.Layout, Frac(PatternLayouts.Output), logitFrac);
        if (plan.Output is { } output)
        {
            // The role of a row that is neither the label's nor the prediction's (updated only with ALL_EDGES).
            defines.Add(new("OUT_OTHER_ROLE", Int(plan.OutputRole(2, 0, 1))));
        }

        if (rule.AveragesOutput)
        {
            // The output weights' moving average (FixedOutputAverage): its shift s; A and the readout live in scratch.
            defines.Add(new("OUT_AVG_SHIFT", Int(rule.OutputAverageShift)));
        }

        return new PatternKernelDefines(defines, wtype == "long", xtype == "long", acc64, localSize > 1);
    }

    /// <summary>
    /// A table's defines under <paramref name="prefix"/>, from its layout: <c>HAS_T</c>, <c>T_ROM</c> (offset), <c>T_MUL</c>,
    /// and each field's shift (−1 when absent) with its parameters: the weight code's right shift and bits, the phase's
    /// bits, the margin thresholds as (lo, hi) word pairs at the logits' fractional bits, the pre level's right shifts.
    /// </summary>
    private static void AddTable(List<KeyValuePair<string, string>> defines, string prefix, PatternTablePlan? plan, RuleLayout layout, int weightFrac, int logitFrac)
    {
        if (plan is null)
        {
            return;
        }

        var table = plan.Layout;
        string Int(int value) => OpenClTypes.Number(value);
        int Shift(Signal signal) => table.IndexOf(signal) is int i and >= 0 ? table.ShiftOf(i) : -1;
        defines.Add(new($"HAS_{prefix}", "1"));
        defines.Add(new($"{prefix}_ROM", Int(layout.Offset(plan.Index))));
        defines.Add(new($"{prefix}_MUL", plan.Mode == TableMode.Multiply ? "1" : "0"));
        defines.Add(new($"{prefix}_PRE_SHIFT", Int(Shift(Signal.PreHistory))));
        defines.Add(new($"{prefix}_POST_SHIFT", Int(Shift(Signal.PostHistory))));
        defines.Add(new($"{prefix}_ROLE_SHIFT", Int(Shift(Signal.Role))));
        defines.Add(new($"{prefix}_WEIGHT_SHIFT", Int(Shift(Signal.Weight))));
        var weightField = table.Field(Signal.Weight);
        defines.Add(new($"{prefix}_WEIGHT_BITS", Int(weightField?.Bits ?? 1)));
        defines.Add(new($"{prefix}_WEIGHT_RSHIFT", Int(weightField is null ? 0 : weightFrac + Math.ILogB(weightField.Range) - (weightField.Bits - 1))));
        defines.Add(new($"{prefix}_PHASE_SHIFT", Int(Shift(Signal.Phase))));
        defines.Add(new($"{prefix}_PHASE_BITS", Int(table.Field(Signal.Phase)?.Bits ?? 1)));
        defines.Add(new($"{prefix}_LEVEL_SHIFT", Int(table.Field(Signal.Pre) is { HasPreLevels: true } ? Shift(Signal.Pre) : -1)));
        if (table.Field(Signal.Pre) is { HasPreLevels: true } level)
        {
            // The pre neuron's level: per threshold the right shift of the largest activity (−1 for the threshold 0).
            defines.Add(new($"{prefix}_LEVEL_COUNT", Int(level.Thresholds.Length)));
            defines.Add(new($"{prefix}_LEVEL_RSHIFTS", string.Join(",", level.PreShifts().Select(Int))));
        }

        defines.Add(new($"{prefix}_MARGIN_SHIFT", Int(Shift(Signal.Margin))));
        if (table.Field(Signal.Margin) is { } margin)
        {
            // Absolute: each threshold as its raw at the logits' fractional bits, (lo, hi) words; relative: (sign, exponent).
            defines.Add(new($"{prefix}_MARGIN_RELATIVE", margin.Relative ? "1" : "0"));
            defines.Add(new($"{prefix}_MARGIN_COUNT", Int(margin.Thresholds.Length)));
            var words = margin.Relative
                ? margin.Thresholds.SelectMany(t => new[] { OpenClTypes.Long(Math.Sign(t)), OpenClTypes.Long(t == 0 ? 0 : Math.ILogB(Math.Abs(t))) })
                : margin.RawThresholds(logitFrac).SelectMany(t => new[] { OpenClTypes.Long((long)(ulong)(t & ulong.MaxValue)), OpenClTypes.Long((long)(t >> 64)) });
            defines.Add(new($"{prefix}_MARGIN_THRESHOLDS", string.Join(",", words)));
        }
    }

    /// <summary>Mask bytes per lifetime: input <c>V·N</c>, recurrent <c>V·V</c>.</summary>
    internal static long MaskWords(PatternNetworkSpec spec) => ((long)spec.Hidden * spec.Inputs) + ((long)spec.Hidden * spec.Hidden);

    /// <summary>Weights per lifetime: <c>Win</c>, <c>Wg</c>, <c>Wout</c>.</summary>
    internal static long WeightWords(PatternNetworkSpec spec) => MaskWords(spec) + ((long)spec.Classes * spec.Hidden);

    /// <summary>Scratch longs per lifetime: projection, hidden, operand, next, the logits as two words each, and with an
    /// output average (<paramref name="averagesOutput"/>) the averages <c>A</c> and the readout weights, Classes × Hidden each.</summary>
    internal static long ScratchWords(PatternNetworkSpec spec, bool averagesOutput) =>
        (4L * spec.Hidden) + (2L * spec.Classes) + (averagesOutput ? 2L * spec.Classes * spec.Hidden : 0);

    /// <inheritdoc/>
    public bool Equals(PatternKernelDefines? other) => other is not null && Options == other.Options;

    /// <inheritdoc/>
    public override int GetHashCode() => Options.GetHashCode(StringComparison.Ordinal);
}
