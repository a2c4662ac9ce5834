using Neuro.FixedPointSim;
using Neuro.FixedPointSim.Hebbian;
using Neuro.Rules.Data;
using Neuro.Rules.Hebbian;

namespace Neuro.RtlExport;

/// <summary>Small Hebbian engines for the RTL tests: a network of a few neurons, a seeded random stream, and rules and
/// precisions that exercise each path of the update (stochastic rounding or none, every overflow mode, zero words).</summary>
internal static class HebbianCases
{
    /// <summary>10 inputs, 4 classes, 6 hidden of which 2 active.</summary>
    public static HebbianNetworkSpec Spec { get; } = new(10, 4, Hidden: 6, Active: 2, Seed: 3);

    /// <summary>The shipped evolved rule (rules/hebbian-continual.json).</summary>
    public static HebbianRule Shipped => HebbianRuleFile.Read(Path.Combine(RepoPaths.Root, "rules", "hebbian-continual.json")).Rule;

    /// <summary>A strong rule: steps of several weight LSBs, so weights reach their limits within a few samples.</summary>
    public static HebbianRule Strong { get; } = new(
        new HebbianLayerRule(0.02, 1.5, -0.4, 0.3, 0.05, E: 0.6, F: -0.3, G: 0.1, TraceShift: 2),
        new HebbianLayerRule(0.05, 2.0, -0.5, 0.2, -0.1, E: 0.4, F: 0.5, G: 0.2, TraceShift: 3));

    /// <summary>C = D = 0 and no scaling: every add word with pre level 0 is zero, as are all multiply words.</summary>
    public static HebbianRule ZeroWords { get; } = new(
        new HebbianLayerRule(0.001, 1.0, 0.5, 0, 0, TraceShift: 4),
        new HebbianLayerRule(0.002, 1.0, -0.5, 0, 0, TraceShift: 4));

    /// <summary>The default precision with both weights' overflow set to <paramref name="overflow"/>.</summary>
    public static HebbianPrecision WithOverflow(Overflow overflow, bool stochastic = true)
    {
        var p = HebbianPrecision.Default;
        p = p with
        {
            HiddenWeight = p.HiddenWeight with { Overflow = overflow },
            OutputWeight = p.OutputWeight with { Overflow = overflow },
        };
        if (!stochastic)
        {
            // Add words in the weights' LSB scale: the hidden weight has 10 fractional bits, the output weight 7; give
            // both 10 so ruleEntry (10 fractional bits) rounds neither stochastically.
            p = p with
            {
                OutputWeight = FixedType.Parse($"ap_fixed<11,1,AP_RND_CONV,{Ap(overflow)}>"),
                RuleEntry = FixedType.Parse("ap_fixed<16,6,AP_RND_CONV,AP_SAT>"),
                ScaleEntry = FixedType.Parse("ap_fixed<24,-2,AP_RND_CONV,AP_SAT>"),
            };
        }

        return p;
    }

    /// <summary>A seeded stream of <paramref name="count"/> samples: features uniform in [0, 1], labels uniform.</summary>
    public static Dataset Stream(int count, int seed = 5)
    {
        var random = new Random(seed);
        var values = new double[count * Spec.Inputs];
        var labels = new int[count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = random.NextDouble();
        }

        for (int i = 0; i < count; i++)
        {
            labels[i] = random.Next(Spec.Classes);
        }

        return new Dataset(Spec.Inputs, Spec.Classes, values, labels);
    }

    private static string Ap(Overflow o) => o switch
    {
        Overflow.Sat => "AP_SAT",
        Overflow.SatZero => "AP_SAT_ZERO",
        Overflow.SatSym => "AP_SAT_SYM",
        _ => "AP_WRAP",
    };
}
