using Neuro.Rules.Evolution;
using Xunit;

namespace Neuro.Rules.Linear;

public sealed class LinearTaskTests
{
    [Fact]
    public void Constructor_DefaultIsTwoXPlusThreeOnSeventeenQuarterSteps()
    {
        var task = new LinearTask();
        Assert.Equal(17, task.Inputs.Length);
        Assert.Equal(-2, task.Inputs[0]);
        Assert.Equal(-1.75, task.Inputs[1]);
        Assert.Equal(0, task.Inputs[8]);
        Assert.Equal(2, task.Inputs[^1]);
        Assert.Equal(-1, task.Targets[0]);
        Assert.Equal(7, task.Targets[^1]);
    }

    [Theory]
    [InlineData(2, 3)]
    [InlineData(1.5, 3)]
    [InlineData(2, -1)]
    [InlineData(-0.25, 7.5)]
    public void MeanSquaredError_SeparatesIntoTheTwoErrors(double w, double b)
    {
        // Inputs symmetric about 0: MSE = (w − 2)²·mean(x²) + (b − 3)².
        var task = new LinearTask();
        double meanSquare = task.Inputs.Select(x => x * x).Average();
        Assert.Equal(((w - 2) * (w - 2) * meanSquare) + ((b - 3) * (b - 3)), task.MeanSquaredError(new LinearModel(w, b)), 12);
    }

    [Fact]
    public void Evaluate_IsMinusTheErrorAndMinusInfinityForNonFiniteModels()
    {
        var evaluator = new LinearModelEvaluator(new LinearTask());
        Assert.Equal(0, evaluator.Evaluate(new LinearModel(2, 3), default).Value);
        Assert.Equal(-1, evaluator.Evaluate(new LinearModel(2, 4), default).Value);
        Assert.Equal(double.NegativeInfinity, evaluator.Evaluate(new LinearModel(double.NaN, 3), default).Value);
        Assert.Equal(double.NegativeInfinity, evaluator.Evaluate(new LinearModel(1e200, 3), default).Value);
    }

    [Fact]
    public void Constructor_RejectsBadRanges()
    {
        Assert.StartsWith("XMax must be above XMin (1), not 1", Assert.Throws<ArgumentException>(() => new LinearTask(xMin: 1, xMax: 1)).Message, StringComparison.Ordinal);
        Assert.StartsWith("Points must be at least 2, not 1", Assert.Throws<ArgumentOutOfRangeException>(() => new LinearTask(points: 1)).Message, StringComparison.Ordinal);
        Assert.StartsWith("Slope must be finite", Assert.Throws<ArgumentException>(() => new LinearTask(slope: double.NaN)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GeneticSettings_ReachTwoAndThreeWithinTenToTheMinusThreeIn30Generations()
    {
        // The EMNN claim for one seed (docs/results.md has 50); seed 1 measured within 1e-5 by generation 20.
        var task = new LinearTask();
        var optimizer = OptimizerFactory.Create("ga", LinearModelDecoder.GeneCount, 1, genetic: LinearModelDecoder.GeneticSettings);
        var decoder = new LinearModelDecoder();
        for (int g = 0; g < 30; g++)
        {
            var candidates = optimizer.Ask();
            optimizer.Tell(PopulationEvaluator.Evaluate(candidates, decoder, () => new LinearModelEvaluator(task), new EvaluationContext(1, g)));
        }

        double[] best = optimizer.Current;
        Assert.InRange(best[0], 2 - 1e-3, 2 + 1e-3);
        Assert.InRange(best[1], 3 - 1e-3, 3 + 1e-3);
    }
}
