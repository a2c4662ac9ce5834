using Xunit;

namespace Neuro.Rules.Layouts;

public sealed class LayoutFieldTests
{
    [Theory]
    [InlineData(0.0, 2, 1.0, 0b00)]
    [InlineData(0.49, 2, 1.0, 0b00)]
    [InlineData(0.5, 2, 1.0, 0b01)]
    [InlineData(0.99, 2, 1.0, 0b01)]
    [InlineData(7.0, 2, 1.0, 0b01)]
    [InlineData(-0.01, 2, 1.0, 0b11)]
    [InlineData(-0.5, 2, 1.0, 0b11)]
    [InlineData(-0.51, 2, 1.0, 0b10)]
    [InlineData(-9.0, 2, 1.0, 0b10)]
    [InlineData(1.5, 3, 4.0, 0b001)]
    [InlineData(-4.0, 3, 4.0, 0b100)]
    [InlineData(0.2, 1, 1.0, 0)]
    [InlineData(-0.2, 1, 1.0, 1)]
    public void WeightCode_BucketsTheWeightSignFirst(double weight, int bits, double range, int code)
    {
        var field = new LayoutField(Signal.Weight, bits, range: range);

        Assert.Equal(code, field.WeightCode(weight));
    }

    [Fact]
    public void WeightCode_IntegerEqualsFloatForEveryRawOfSeveralFormats()
    {
        // The fixed-point code must be the float code of the value the raw stands for, whatever the format's range.
        foreach (int frac in new[] { -2, 0, 3, 7, 12 })
        {
            foreach (int bits in new[] { 1, 2, 3, 5 })
            {
                foreach (double range in new[] { 0.25, 1, 8 })
                {
                    var field = new LayoutField(Signal.Weight, bits, range: range);
                    for (long raw = -600; raw <= 600; raw += 7)
                    {
                        Assert.Equal(field.WeightCode(Math.ScaleB(raw, -frac)), field.WeightCode(raw, frac));
                    }

                    Assert.Equal(field.WeightCode(Math.ScaleB(long.MaxValue, -frac)), field.WeightCode(long.MaxValue, frac));
                    Assert.Equal(field.WeightCode(Math.ScaleB(long.MinValue, -frac)), field.WeightCode(long.MinValue, frac));
                }
            }
        }
    }

    [Fact]
    public void WeightCode_IsTheTopBitsWhenTheRangeIsTheFormats()
    {
        // sQ2.6 (8 bits, range ±2): the top 3 bits of the raw's two's complement.
        var field = new LayoutField(Signal.Weight, 3, range: 2);
        for (long raw = -128; raw < 128; raw++)
        {
            Assert.Equal((int)((raw & 0xff) >> 5), field.WeightCode(raw, 6));
        }
    }

    [Theory]
    [InlineData(-2.0, 0)]
    [InlineData(-1.0, 0)]
    [InlineData(-0.5, 1)]
    [InlineData(0.0, 1)]
    [InlineData(0.001, 2)]
    [InlineData(1.0, 2)]
    [InlineData(1.01, 3)]
    public void MarginCode_CountsTheThresholdsStrictlyBelow(double margin, int code)
    {
        var field = new LayoutField(Signal.Margin, 2);

        Assert.Equal([-1.0, 0.0, 1.0], field.Thresholds.ToArray());
        Assert.Equal(code, field.MarginCode(margin, maxAbs: 123));
    }

    [Fact]
    public void MarginCode_IntegerEqualsFloatAtAnyFractionalBits()
    {
        var field = new LayoutField(Signal.Margin, 2, [-0.3, 0.0, 0.7]);
        foreach (int frac in new[] { 0, 4, 20 })
        {
            var raw = field.RawThresholds(frac);
            for (long m = -3000; m <= 3000; m += 13)
            {
                Assert.Equal(field.MarginCode(Math.ScaleB(m, -frac), 0), field.MarginCode(m, 0, raw.AsSpan()));
            }
        }
    }

    [Fact]
    public void MarginCode_RelativeScalesWithTheLargestLogitAndIsExactInIntegers()
    {
        var field = new LayoutField(Signal.Margin, 2, relative: true);
        Assert.Equal([-0.125, 0.0, 0.125], field.Thresholds.ToArray());
        Assert.Empty(field.RawThresholds(10));
        foreach (long l in new long[] { 0, 1, 7, 8, 9, 800, 801, 1L << 40 })
        {
            for (long m = -2 * l - 3; m <= 2 * l + 3; m += Math.Max(1, l / 50))
            {
                Assert.Equal(field.MarginCode(m, (double)l), field.MarginCode(m, l, []));
            }
        }

        Assert.Equal(0, field.MarginCode(-100, 800, []));  // −100 = −L/8: not above −L/8
        Assert.Equal(1, field.MarginCode(-99, 800, []));
        Assert.Equal(2, field.MarginCode(100, 800, []));   // 100 = L/8: not above
        Assert.Equal(3, field.MarginCode(101, 800, []));
    }

    [Fact]
    public void DefaultRelativeThresholds_ArePowersOfTwoAroundZero()
    {
        Assert.Equal([0.0], LayoutField.DefaultRelativeMarginThresholds(1, 0.5).ToArray());
        Assert.Equal([-0.5, -0.125, -0.03125, 0, 0.03125, 0.125, 0.5], LayoutField.DefaultRelativeMarginThresholds(3, 0.5).ToArray());
    }

    [Fact]
    public void DefaultPreThresholds_HalveDownFromTheTop()
    {
        Assert.Equal([0.5], LayoutField.DefaultPreThresholds(1).ToArray());
        Assert.Equal([0.125, 0.25, 0.5], LayoutField.DefaultPreThresholds(2).ToArray());
        Assert.Equal([0.0625, 0.125, 0.25], LayoutField.DefaultPreThresholds(2, 0.25).ToArray());
        Assert.Throws<ArgumentException>(() => LayoutField.DefaultPreThresholds(2, 1));
    }

    [Fact]
    public void PreCode_CountsTheLevelsStrictlyBelowTheActivity()
    {
        var field = new LayoutField(Signal.Pre, 2, [0, 0.25, 0.5]);

        Assert.Equal(0, field.PreCode(0.0, 8));     // silent
        Assert.Equal(1, field.PreCode(2.0, 8));     // 2 = A/4: not above
        Assert.Equal(2, field.PreCode(2.5, 8));
        Assert.Equal(2, field.PreCode(4.0, 8));     // 4 = A/2: not above
        Assert.Equal(3, field.PreCode(8.0, 8));     // the largest itself
        Assert.Equal(0, field.PreCode(0.0, 0.0));   // a silent layer
        Assert.Equal(0, field.PreCode(0L, 0L));
        Assert.Equal(1, field.PreCode(2L, 8L));
        Assert.Equal(2, field.PreCode(3L, 8L));
        Assert.Equal(3, field.PreCode(5L, 8L));
    }

    [Fact]
    public void PreCode_IntegerEqualsFloatForEveryActivityOfSeveralLayers()
    {
        // The integer code (shifts of the largest activity) must equal the float definition a > t·A for every raw a ≤ A,
        // including the odd A whose fractions 2^-k·A are not integers (where a floor in the wrong place would differ).
        var field = new LayoutField(Signal.Pre, 2, [0.0625, 0.25, 0.5]);
        foreach (long largest in new long[] { 0, 1, 3, 7, 16, 17, 255, 1023, 4097 })
        {
            for (long a = 0; a <= largest; a++)
            {
                Assert.Equal(field.PreCode(a, (double)largest), field.PreCode(a, largest));
            }
        }
    }

    [Fact]
    public void PreField_WithoutLevels_HasNoCode()
    {
        var field = new LayoutField(Signal.Pre, 1);

        Assert.False(field.HasPreLevels);
        Assert.Throws<InvalidOperationException>(() => field.PreCode(1.0, 1.0));
        Assert.True(new LayoutField(Signal.Pre, 1, [0.5]).HasPreLevels);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(6, 2)]
    [InlineData(7, 3)]
    [InlineData(1000, 3)]
    public void PhaseCode_IsTheLogOfSamplesSeenCapped(long seen, int code) => Assert.Equal(code, LayoutField.PhaseCode(seen, 2));

    [Theory]
    [InlineData(Signal.Role, 0, null, null, false, "Field 'role' must have 1..16 bits, not 0")]
    [InlineData(Signal.Margin, 7, null, null, false, "Field 'margin' must have 1..6 bits, not 7")]
    [InlineData(Signal.Phase, 2, new[] { 0.0 }, null, false, "Only margin and pre fields have thresholds, not 'phase'")]
    [InlineData(Signal.Pre, 2, new[] { 0.25, 0.5 }, null, false, "A 2-bit pre field needs 3 thresholds, not 2")]
    [InlineData(Signal.Pre, 1, new[] { 1.0 }, null, false, "Pre threshold [0] is 1; each must be 0 or 2^e with e in -100..-1")]
    [InlineData(Signal.Pre, 1, new[] { -0.5 }, null, false, "Pre threshold [0] is -0.5; each must be 0 or 2^e")]
    [InlineData(Signal.Pre, 1, new[] { 0.3 }, null, false, "Pre threshold [0] is 0.3; each must be 0 or 2^e")]
    [InlineData(Signal.Pre, 2, new[] { 0.0, 0.5, 0.25 }, null, false, "Pre thresholds must be strictly ascending; [2] = 0.25 is not above [1]")]
    [InlineData(Signal.Pre, 5, new[] { 0.5 }, null, false, "Field 'pre' must have 1..4 bits, not 5")]
    [InlineData(Signal.Margin, 2, new[] { 0.0, 1.0 }, null, false, "A 2-bit margin field needs 3 thresholds, not 2")]
    [InlineData(Signal.Margin, 2, new[] { 0.0, 1.0, 1.0 }, null, false, "Margin thresholds must be strictly ascending; [2] = 1 is not above [1]")]
    [InlineData(Signal.Margin, 2, new[] { -0.5, 0.0, 0.3 }, null, true, "Relative margin threshold [2] is 0.3; each must be 0 or ±2^e with e in -100..4")]
    [InlineData(Signal.Weight, 2, null, 3.0, false, "Field 'weight' needs a range that is a power of two (…, 0.5, 1, 2, …), not 3")]
    [InlineData(Signal.Pre, 1, null, 2.0, false, "Only a weight field has a range, not 'pre'")]
    [InlineData(Signal.Phase, 1, null, null, true, "Only a margin field is relative, not 'phase'")]
    public void Constructor_RejectsWithExactMessages(Signal signal, int bits, double[]? thresholds, double? range, bool relative, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => new LayoutField(signal, bits, thresholds is null ? default : [.. thresholds], range, relative));

        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseFields_ReadsTheCommandLineSpelling()
    {
        var fields = RuleLayout.ParseFields("preHistory:4,role:1,margin:2:0.5,weight:2:2,phase:3,margin:1:relative:0.25,pre:1,pre:2:0.25,pre:2:0/0.25/0.5");

        Assert.Equal(new LayoutField(Signal.PreHistory, 4), fields[0]);
        Assert.Equal(new LayoutField(Signal.Role, 1), fields[1]);
        Assert.Equal([-0.5, 0, 0.5], fields[2].Thresholds.ToArray());
        Assert.Equal(2.0, fields[3].Range);
        Assert.Equal(3, fields[4].Bits);
        Assert.True(fields[5].Relative);
        Assert.Equal([0.0], fields[5].Thresholds.ToArray());
        Assert.Equal([0.5], fields[6].Thresholds.ToArray());
        Assert.Equal([0.0625, 0.125, 0.25], fields[7].Thresholds.ToArray());
        Assert.Equal("pre:2:0.25", fields[7].ToString());
        Assert.Equal([0.0, 0.25, 0.5], fields[8].Thresholds.ToArray());
        Assert.Equal("pre:2:0/0.25/0.5", fields[8].ToString());
        Assert.Equal(fields[6..].ToArray(), RuleLayout.ParseFields(string.Join(",", fields[6..])).ToArray());
    }

    [Theory]
    [InlineData("preHistory", "'preHistory' is not a field; write signal:bits[:option] with a signal of preHistory, postHistory, pre, post, role, weight, target, margin, phase")]
    [InlineData("colour:2", "'colour:2' is not a field")]
    [InlineData("role:x", "'role:x' is not a field")]
    [InlineData("role:1:2", "'role:1:2': 'role' takes no option")]
    [InlineData("phase:1:relative", "'phase:1:relative': only a margin field is relative, not 'phase'")]
    [InlineData("margin:2:abc", "'margin:2:abc': the option 'abc' is not a finite number")]
    [InlineData("weight:2:3", "'weight:2:3': Field 'weight' needs a range that is a power of two")]
    [InlineData("pre:1:0.3", "'pre:1:0.3': Pre threshold [0] is 0.3")]
    [InlineData("pre:5", "'pre:5': Field 'pre' must have 1..4 bits, not 5")]
    [InlineData("pre:1:0/x", "'pre:1:0/x': the level 'x' is not a finite number")]
    [InlineData("pre:2:0/0.5", "'pre:2:0/0.5': A 2-bit pre field needs 3 thresholds, not 2")]
    public void ParseFields_NamesTheBadItem(string text, string message)
    {
        var e = Assert.Throws<FormatException>(() => RuleLayout.ParseFields(text));

        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }
}
