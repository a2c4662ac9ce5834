using Neuro.Rules.Hebbian;
using Xunit;

namespace Neuro.FixedPointSim.Hebbian;

public sealed class HebbianRomTests
{
    private static readonly HebbianLayerRule Rule = new(0.002, A: 1.3, B: -0.2, C: 0.4, D: -0.01, E: 0.8, F: -0.5, G: 0.03, TraceShift: 6);

    [Fact]
    public void Words_AreTheEntriesQuantizedOnce()
    {
        var precision = HebbianPrecision.Default;
        var rom = new HebbianRom(Rule, precision, new ActivityLevels(4), new ActivityLevels(4));
        Assert.Equal(256, rom.Add.Length);
        Assert.Equal(256, rom.Scale.Length);
        for (int i = 0; i < rom.Add.Length; i++)
        {
            Assert.Equal((long)Fixed.FromDouble(rom.AddTable.Entries[i], precision.RuleEntry).Raw, rom.Add[i]);
            Assert.Equal((long)Fixed.FromDouble(rom.ScaleTable.Entries[i], precision.ScaleEntry).Raw, rom.Scale[i]);
        }

        // Entry at pre level 15 (1.0), post level 0 (0): eta·(B + D) = −0.00042, in units of 2^-26.
        Assert.Equal((long)Math.Round(-0.00042 * (1 << 26)), rom.Add[15 << 4]);
    }

    [Fact]
    public void AddTable_ErrorAtTheLevelCentresIsExactlyZero()
    {
        var levels = new ActivityLevels(4);
        var rom = new HebbianRom(Rule, HebbianPrecision.Default, levels, levels);
        for (int p = 0; p < 16; p++)
        {
            for (int q = 0; q < 16; q++)
            {
                Assert.Equal(0.0, Rule.Additive(levels.Centre(p), levels.Centre(q)) - rom.AddTable.Lookup(levels.Centre(p), levels.Centre(q)));
            }
        }
    }

    [Fact]
    public void ZeroedWords_CountsStepsBelowTheWordsLsb()
    {
        var tiny = new HebbianLayerRule(1e-12, 1, 0, 0, 0);
        var rom = new HebbianRom(tiny, HebbianPrecision.Default, new ActivityLevels(2), new ActivityLevels(2));
        // Every non-zero add entry (p > 0 and q > 0: 9 of 16) rounds to 0.
        Assert.Equal(9, rom.ZeroedWords);
        Assert.All(rom.Add, w => Assert.Equal(0, w));
    }
}
