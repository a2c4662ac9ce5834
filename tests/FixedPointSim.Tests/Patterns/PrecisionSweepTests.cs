using Neuro.Rules.Data;
using Neuro.Rules.Patterns;
using Xunit;

namespace Neuro.FixedPointSim.Patterns;

public sealed class PrecisionSweepTests
{
    private static PatternRule ShippedRule() => PatternRuleFile.Read(Path.Combine(RepoPaths.Root, "rules", "synthetic-es.json")).Rule;

    private static SweepCell Cell(int entry, int weight, double? loss) =>
        new(entry, weight, null, loss is null ? null : 0.5, loss, loss is null ? "invalid" : null);

    [Fact]
    public void Derive_KeepsTheBaseWeightIntegerBitsAndModes()
    {
        var config = PrecisionSweep.Derive(PrecisionConfig.Default, entryBits: 6, weightBits: 8);
        Assert.Equal("ap_fixed<8,4,AP_RND_CONV,AP_SAT>", config.Weight.ToString());
        Assert.Equal("ap_fixed<6,2,AP_RND_CONV,AP_SAT>", config.RuleEntry.ToString());
        Assert.Equal(PrecisionConfig.Default.Input, config.Input);
        Assert.Equal(PrecisionConfig.Default.Activation, config.Activation);
    }

    [Fact]
    public void Derive_EntryWiderThanWeight_Throws()
    {
        var e = Assert.Throws<PrecisionConfigException>(() => PrecisionSweep.Derive(PrecisionConfig.Default, entryBits: 8, weightBits: 6));
        Assert.Equal("ruleEntry", e.Field);
        Assert.Equal("ruleEntry: must be at most the weight's 6 bits wide, not 8", e.Message);
    }

    [Fact]
    public void SmallestWithinBudget_FewestTotalBitsThenFewerWeightBits()
    {
        SweepCell[] cells =
        [
            Cell(2, 4, 20),    // 6 bits, over budget
            Cell(5, 4, null),  // invalid
            Cell(3, 6, 0.9),   // 9 bits, within
            Cell(4, 5, 1.0),   // 9 bits, within, fewer weight bits: the choice
            Cell(2, 6, 1.01),  // 8 bits, just over
            Cell(6, 8, -2),    // 14 bits, better than float
        ];
        Assert.Equal((4, 5), Pick(cells, 1.0));
        Assert.Equal((6, 8), Pick(cells, 0));
        Assert.Equal((2, 6), Pick(cells, 1.01));
        Assert.Equal((2, 4), Pick(cells, 25));
        Assert.Null(PrecisionSweep.SmallestWithinBudget(cells.Where(c => c.LossPoints is null or > 5), 1.0));
    }

    [Fact]
    public void SmallestWithinBudget_NegativeBudget_Throws()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => PrecisionSweep.SmallestWithinBudget([], -1));
        Assert.StartsWith("The budget must be at least 0 percentage points, not -1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_TinyGrid_CellsInOrderInvalidMarkedAndDeterministic()
    {
        var (train, test) = SyntheticClassification.GenerateJoosten(5);
        train = train.Subset(0, 150);
        test = test.Subset(0, 100);
        var spec = new PatternNetworkSpec(train.Features, train.Classes, Hidden: 12, Cap: 6, EdgeProbability: 0.5, Seed: 2);
        var settings = new PrecisionSweepSettings { EntryBits = new BitRange(3, 5), WeightBits = new BitRange(4, 5), Threads = 1 };
        var seen = new List<SweepCell>();
        var a = PrecisionSweep.Run(spec, ShippedRule(), train, test, settings, seen.Add);
        var b = PrecisionSweep.Run(spec, ShippedRule(), train, test, settings with { Threads = 2 });

        Assert.Equal([(3, 4), (3, 5), (4, 4), (4, 5), (5, 4), (5, 5)], a.Cells.Select(c => (c.EntryBits, c.WeightBits)));
        Assert.Equal(6, seen.Count);
        var invalid = a.Cell(5, 4);
        Assert.False(invalid.Valid);
        Assert.Null(invalid.Accuracy);
        Assert.Equal("ruleEntry: must be at most the weight's 4 bits wide, not 5", invalid.Problem);
        Assert.All(a.Cells.Where(c => c != invalid), c => Assert.True(c.Valid));
        Assert.Equal(a.Cells.Select(c => c.Accuracy), b.Cells.Select(c => c.Accuracy));
        Assert.Equal(a.FloatAccuracy, b.FloatAccuracy);

        var floatNet = new ReferencePatternNetwork(spec, ShippedRule());
        PatternLifetime.Train(floatNet, train, 1);
        Assert.Equal(PatternLifetime.Accuracy(floatNet, test), a.FloatAccuracy);
        var cell = a.Cell(4, 5);
        var fixedNet = new FixedPatternNetwork(spec, ShippedRule(), cell.Precision!);
        PatternLifetime.Train(fixedNet, train, 1);
        Assert.Equal(PatternLifetime.Accuracy(fixedNet, test), cell.Accuracy);
        Assert.Equal(QuantizationAnalysis.LossPoints(a.FloatAccuracy, cell.Accuracy!.Value), cell.LossPoints);
        Assert.Equal(PrecisionSweep.SmallestWithinBudget(a.Cells, 1.0), a.Smallest);
    }

    [Theory]
    [InlineData("2..10", 2, 10)]
    [InlineData("8", 8, 8)]
    [InlineData("1..64", 1, 64)]
    public void BitRangeParse_ReadsRangesAndSingleWidths(string text, int min, int max)
    {
        var range = BitRange.Parse(text);
        Assert.Equal((min, max), (range.Min, range.Max));
        Assert.Equal(max - min + 1, range.Count);
        Assert.Equal(range, BitRange.Parse(range.ToString()));
    }

    [Theory]
    [InlineData("9..3", "the range 9..3 is empty: the low end must not exceed the high end")]
    [InlineData("0..3", "bit widths must be 1..64, not 0..3")]
    [InlineData("4..65", "bit widths must be 1..64, not 4..65")]
    [InlineData("a..b", "'a..b' is not a range of bit widths; expected LOW..HIGH such as 2..10, or one width such as 8")]
    [InlineData("-2..4", "'-2..4' is not a range of bit widths; expected LOW..HIGH such as 2..10, or one width such as 8")]
    [InlineData("2...4", "'2...4' is not a range of bit widths; expected LOW..HIGH such as 2..10, or one width such as 8")]
    public void BitRangeParse_BadText_ThrowsWithTheReason(string text, string message)
    {
        Assert.Equal(message, Assert.Throws<FormatException>(() => BitRange.Parse(text)).Message);
    }

    private static (int, int)? Pick(IEnumerable<SweepCell> cells, double budget) =>
        PrecisionSweep.SmallestWithinBudget(cells, budget) is { } c ? (c.EntryBits, c.WeightBits) : null;
}
