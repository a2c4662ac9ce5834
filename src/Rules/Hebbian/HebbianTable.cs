using System.Collections.Immutable;

namespace Neuro.Rules.Hebbian;

/// <summary>
/// One lookup table compiled from a <see cref="HebbianLayerRule"/>: the rule's formula evaluated at the centres of
/// the activity levels of its fields, the form hardware stores in a ROM (DESIGN.md §4).
/// </summary>
/// <remarks>
/// The address is the fields' levels concatenated, the first field most significant: for fields [pre(n), post(n)]
/// entry <c>pre·2^n + post</c>. An <c>add</c> table holds <c>a(p, q)</c>, added to the weight; a <c>multiply</c>
/// table with fields [post(n), trace(m)] holds <c>−s(q, ā)</c>, the weight becoming <c>w·(1 + entry)</c>.
/// </remarks>
/// <param name="Mode"><c>add</c> or <c>multiply</c>.</param>
/// <param name="Fields">Field signals and widths, most significant first.</param>
/// <param name="Entries">One entry per address, <c>2^(Σ bits)</c>.</param>
public sealed record HebbianTable(string Mode, ImmutableArray<(string Signal, ActivityLevels Levels)> Fields, ImmutableArray<double> Entries)
{
    /// <summary>The <c>add</c> mode: <c>w ← w + entry</c>.</summary>
    public const string Add = "add";

    /// <summary>The <c>multiply</c> mode: <c>w ← w·(1 + entry)</c>.</summary>
    public const string Multiply = "multiply";

    /// <summary>
    /// The <c>add</c> table of <paramref name="rule"/> with fields [pre(<paramref name="pre"/>), post(<paramref name="post"/>)]:
    /// entry <c>ℓp·2^post.Bits + ℓq</c> is <c>a(centre(ℓp), centre(ℓq)) = eta·(A·p·q + B·p + C·q + D)</c>.
    /// </summary>
    public static HebbianTable CompileAdditive(HebbianLayerRule rule, ActivityLevels pre, ActivityLevels post)
    {
        ArgumentNullException.ThrowIfNull(rule);
        rule.Validate();
        var entries = ImmutableArray.CreateBuilder<double>(pre.Count * post.Count);
        for (int p = 0; p < pre.Count; p++)
        {
            for (int q = 0; q < post.Count; q++)
            {
                entries.Add(rule.Additive(pre.Centre(p), post.Centre(q)));
            }
        }

        return new HebbianTable(Add, [("pre", pre), ("post", post)], entries.MoveToImmutable());
    }

    /// <summary>
    /// The <c>multiply</c> table of <paramref name="rule"/> with fields [post(<paramref name="post"/>), trace(<paramref name="trace"/>)]:
    /// entry <c>ℓq·2^trace.Bits + ℓt</c> is <c>−s(centre(ℓq), centre(ℓt)) = −eta·(E·q² + F·ā + G)</c>.
    /// </summary>
    public static HebbianTable CompileScaling(HebbianLayerRule rule, ActivityLevels post, ActivityLevels trace)
    {
        ArgumentNullException.ThrowIfNull(rule);
        rule.Validate();
        var entries = ImmutableArray.CreateBuilder<double>(post.Count * trace.Count);
        for (int q = 0; q < post.Count; q++)
        {
            for (int t = 0; t < trace.Count; t++)
            {
                entries.Add(-rule.Scaling(post.Centre(q), trace.Centre(t)));
            }
        }

        return new HebbianTable(Multiply, [("post", post), ("trace", trace)], entries.MoveToImmutable());
    }

    /// <summary>The address of the levels of the two fields: <c>first·2^second.Bits + second</c>.</summary>
    public int Address(int first, int second) => (first << Fields[1].Levels.Bits) | second;

    /// <summary>The entry for two activities: each goes to its nearest level (<see cref="ActivityLevels.Level"/>).</summary>
    public double Lookup(double first, double second) => Entries[Address(Fields[0].Levels.Level(first), Fields[1].Levels.Level(second))];

    /// <summary>
    /// The compilation error of this table against the formula it was compiled from, over a grid of
    /// <paramref name="steps"/> + 1 evenly spaced activities per field in <c>[0, 1]</c>: the largest and the RMS of
    /// <c>formula(p, q) − Lookup(p, q)</c>. Zero at the level centres by construction; between them it is the price of
    /// quantizing the activities.
    /// </summary>
    public (double Max, double Rms) Error(Func<double, double, double> formula, int steps = 256)
    {
        ArgumentNullException.ThrowIfNull(formula);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        double max = 0, sum = 0;
        for (int i = 0; i <= steps; i++)
        {
            for (int j = 0; j <= steps; j++)
            {
                double a = (double)i / steps, b = (double)j / steps;
                double e = formula(a, b) - Lookup(a, b);
                max = Math.Max(max, Math.Abs(e));
                sum += e * e;
            }
        }

        return (max, Math.Sqrt(sum / ((steps + 1.0) * (steps + 1.0))));
    }
}
