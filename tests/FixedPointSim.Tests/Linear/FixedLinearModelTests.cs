using Neuro.Rules.Evolution;
using Neuro.Rules.Linear;
using Xunit;

namespace Neuro.FixedPointSim.Linear;

public sealed class FixedLinearModelTests
{
    private static readonly LinearPrecision Default = LinearPrecision.Default;

    /// <summary>W and b only reach ±2 in steps of 1/16: 2 and 3 are not representable; the nearest is 1.9375 for both.</summary>
    private static readonly LinearPrecision Saturating = Default with { Weight = FixedType.Parse("ap_fixed<6,2,AP_RND_CONV,AP_SAT>") };

    [Fact]
    public void Output_IsTheExactProductPlusBiasNarrowedOnce()
    {
        var model = FixedLinearModel.Quantize(new LinearModel(2, 3), Default);
        Assert.Equal((Int128)512, model.W.Raw); // 8 fractional bits
        Assert.Equal((Int128)768, model.B.Raw);
        var x = Fixed.FromDouble(-1.75, Default.Input); // 5 fractional bits: raw −56
        Assert.Equal((Int128)(-56), x.Raw);
        var y = model.Output(x);
        Assert.Equal(Default.Output.Format, y.Format);
        Assert.Equal((Int128)(-32768), y.Raw); // −0.5 with 16 fractional bits
    }

    [Fact]
    public void Output_SaturatesIntoTheOutputType()
    {
        var narrow = Default with { Output = FixedType.Parse("ap_fixed<8,3,AP_RND_CONV,AP_SAT>") }; // at most 3.96875
        var model = FixedLinearModel.Quantize(new LinearModel(2, 3), narrow);
        Assert.Equal((Int128)127, model.Output(Fixed.FromDouble(2, narrow.Input)).Raw); // 7 saturates to 127/32
        Assert.Equal((Int128)(-32), model.Output(Fixed.FromDouble(-2, narrow.Input)).Raw); // −1 exactly
    }

    [Fact]
    public void Quantize_UsesTheWeightTypesRounding()
    {
        Assert.Equal((Int128)512, FixedLinearModel.Quantize(new LinearModel(2 + (1.0 / 512), 0), Default).W.Raw); // a tie: to even
        Assert.Equal((Int128)513, FixedLinearModel.Quantize(new LinearModel(2 + (3.0 / 1024), 0), Default).W.Raw);
        var truncating = Default with { Weight = FixedType.Parse("ap_fixed<12,4,AP_TRN,AP_SAT>") };
        Assert.Equal((Int128)512, FixedLinearModel.Quantize(new LinearModel(2 + (3.0 / 1024), 0), truncating).W.Raw);
    }

    [Fact]
    public void Nearest_IsTheRepresentableSlopeAndIntercept()
    {
        var task = new LinearTask();
        var exact = FixedLinearModel.Nearest(task, Default);
        Assert.Equal(((Int128)512, (Int128)768), (exact.W.Raw, exact.B.Raw));
        Assert.Equal(0, exact.MeanSquaredError(task));
        var saturated = FixedLinearModel.Nearest(task, Saturating);
        Assert.Equal(((Int128)31, (Int128)31), (saturated.W.Raw, saturated.B.Raw));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void GeneticSettings_EndOnTheNearestRepresentableModel(long seed)
    {
        // The GA searches doubles; fitness is computed in fixed point. After 30 generations the best quantizes to exactly
        // the nearest representable (W, b), for a format that holds (2, 3) and for one that must saturate them.
        var task = new LinearTask();
        foreach (var precision in new[] { Default, Saturating })
        {
            var optimizer = OptimizerFactory.Create("ga", LinearModelDecoder.GeneCount, seed, genetic: LinearModelDecoder.GeneticSettings);
            for (int g = 0; g < 30; g++)
            {
                var candidates = optimizer.Ask();
                optimizer.Tell(PopulationEvaluator.Evaluate(candidates, new LinearModelDecoder(), () => new FixedLinearEvaluator(task, precision), new EvaluationContext(seed, g)));
            }

            var best = FixedLinearModel.Quantize(new LinearModelDecoder().Decode(RuleGenome.Of(optimizer.Current))!, precision);
            var nearest = FixedLinearModel.Nearest(task, precision);
            Assert.Equal((nearest.W.Raw, nearest.B.Raw), (best.W.Raw, best.B.Raw));
        }
    }

    [Fact]
    public void Evaluate_IsMinusTheFixedPointError()
    {
        var task = new LinearTask();
        var evaluator = new FixedLinearEvaluator(task, Default);
        var model = new LinearModel(1.9, 3.1);
        Assert.Equal(-FixedLinearModel.Quantize(model, Default).MeanSquaredError(task), evaluator.Evaluate(model, default).Value);
        Assert.NotEqual(-task.MeanSquaredError(model), evaluator.Evaluate(model, default).Value); // 1.9 is not representable
        Assert.Equal(double.NegativeInfinity, evaluator.Evaluate(new LinearModel(double.PositiveInfinity, 0), default).Value);
    }

    [Fact]
    public void Constructor_RejectsOtherFormats()
    {
        var x = Fixed.FromDouble(1, Default.Input);
        var w = Fixed.FromDouble(1, Default.Weight);
        Assert.Throws<ArgumentException>(() => new FixedLinearModel(x, w, Default));
        Assert.Throws<ArgumentException>(() => FixedLinearModel.Quantize(new LinearModel(1, 1), Default).Output(w));
    }
}
