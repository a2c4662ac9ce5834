using Xunit;

namespace Neuro.Rules.Hebbian;

public sealed class HebbianTableTests
{
    private static readonly HebbianLayerRule Rule = new(0.013, A: 1.7, B: -0.4, C: 0.9, D: -0.05, E: 0.6, F: -1.3, G: 0.02, TraceShift: 8);

    [Fact]
    public void CompileAdditive_ErrorAtTheLevelCentresIsExactlyZero()
    {
        var pre = new ActivityLevels(4);
        var post = new ActivityLevels(3);
        var table = HebbianTable.CompileAdditive(Rule, pre, post);
        Assert.Equal(HebbianTable.Add, table.Mode);
        Assert.Equal(16 * 8, table.Entries.Length);
        for (int p = 0; p < pre.Count; p++)
        {
            for (int q = 0; q < post.Count; q++)
            {
                double a = pre.Centre(p), b = post.Centre(q);
                Assert.Equal(0.0, Rule.Additive(a, b) - table.Lookup(a, b));
                Assert.Equal(Rule.Additive(a, b), table.Entries[p * 8 + q]);
            }
        }
    }

    [Fact]
    public void CompileScaling_HoldsMinusTheScalingAtTheCentres()
    {
        var post = new ActivityLevels(2);
        var trace = new ActivityLevels(4);
        var table = HebbianTable.CompileScaling(Rule, post, trace);
        Assert.Equal(HebbianTable.Multiply, table.Mode);
        for (int q = 0; q < post.Count; q++)
        {
            for (int t = 0; t < trace.Count; t++)
            {
                double a = post.Centre(q), b = trace.Centre(t);
                Assert.Equal(0.0, -Rule.Scaling(a, b) - table.Lookup(a, b));
                Assert.Equal(table.Address(q, t), (q << 4) | t);
            }
        }
    }

    [Fact]
    public void Error_IsZeroOnTheCentresAndNotBetweenThem()
    {
        var levels = new ActivityLevels(4);
        var table = HebbianTable.CompileAdditive(Rule, levels, levels);
        // A grid of 15 steps hits exactly the 16 centres.
        Assert.Equal((0.0, 0.0), table.Error(Rule.Additive, steps: 15));
        var (max, rms) = table.Error(Rule.Additive, steps: 256);
        Assert.True(max > 0 && rms > 0 && rms <= max);
        // Between centres an activity is at most half a step (1/30) from its level: |∂a/∂p|, |∂a/∂q| ≤ eta·(|A| + |B|), eta·(|A| + |C|).
        double bound = Rule.Eta * ((1.7 + 0.4) + (1.7 + 0.9)) / 30;
        Assert.True(max <= bound, $"{max} > {bound}");
    }

    [Fact]
    public void Compile_WiderLevelsGiveASmallerError()
    {
        double Max(int bits) => HebbianTable.CompileAdditive(Rule, new ActivityLevels(bits), new ActivityLevels(bits)).Error(Rule.Additive).Max;
        Assert.True(Max(6) < Max(4));
        Assert.True(Max(4) < Max(2));
    }
}
