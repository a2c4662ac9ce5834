using Neuro.Rules.Data;
using Xunit;

namespace Neuro.Rules.Continual;

public sealed class MlpLearnerTests
{
    private static double Loss(MlpLearner learner, double[] x, int label)
    {
        var scores = new double[learner.Classes];
        learner.Scores(x, scores);
        double max = scores.Max();
        double sum = scores.Sum(s => Math.Exp(s - max));
        return -(scores[label] - max - Math.Log(sum));
    }

    [Fact]
    public void Learn_IsOneGradientStepOnTheCrossEntropy()
    {
        // A tiny step changes the loss by −lr·|∇|² to first order; compare with the loss drop measured by finite differences
        // of the same network: two learners from one seed, one stepped, agree with lr·|∇|² within 1 %.
        var settings = new MlpSettings { Hidden = 5, LearningRate = 1e-6, Seed = 3 };
        double[] x = [0.3, 0.9, 0, 0.5];
        var a = new MlpLearner(4, 3, settings);
        double before = Loss(a, x, 2);
        a.Learn(x, 2);
        double drop = before - Loss(a, x, 2);

        // |∇|² by central differences on a learner with a large step: step = lr·∇, so |step|²/lr = lr·|∇|².
        var b = new MlpLearner(4, 3, settings with { LearningRate = 1e-3 });
        double b0 = Loss(b, x, 2);
        b.Learn(x, 2);
        double bDrop = b0 - Loss(b, x, 2);
        Assert.True(drop > 0);
        Assert.Equal(bDrop / 1e-3, drop / 1e-6, 0.01 * (drop / 1e-6));
    }

    [Fact]
    public void Learn_SeparatesAToyProblem()
    {
        var learner = new MlpLearner(2, 2, new MlpSettings { Hidden = 8, LearningRate = 0.1, Seed = 1 });
        var random = new Random(2);
        for (int s = 0; s < 2000; s++)
        {
            int label = random.Next(2);
            learner.Learn([label + 0.1 * random.NextDouble(), 1 - label], label);
        }

        var scores = new double[2];
        learner.Scores([1, 0], scores);
        Assert.True(scores[1] > scores[0]);
        learner.Scores([0, 1], scores);
        Assert.True(scores[0] > scores[1]);
    }

    [Fact]
    public void EndTask_EwcHoldsTheFirstTasksSolution()
    {
        // Task A: label 0 when feature 0 is high; task B then teaches the opposite on the same units. Fine-tuning
        // flips the answer; EWC's penalty holds the weights A's answer depends on.
        double Run(double lambda)
        {
            var learner = new MlpLearner(2, 2, new MlpSettings { Hidden = 8, LearningRate = 0.05, EwcLambda = lambda, Seed = 1 });
            var random = new Random(4);
            double[][] xs = [.. Enumerable.Range(0, 400).Select(_ => new[] { random.NextDouble(), random.NextDouble() })];
            int[] a = [.. xs.Select(x => x[0] > 0.5 ? 0 : 1)];
            foreach (var (x, l) in xs.Zip(a))
            {
                learner.Learn(x, l);
            }

            learner.EndTask(new Dataset(2, 2, xs.SelectMany(x => x).ToArray(), a), 0);
            foreach (var x in xs)
            {
                learner.Learn(x, x[0] > 0.5 ? 1 : 0);
            }

            var scores = new double[2];
            int correct = 0;
            foreach (var (x, l) in xs.Zip(a))
            {
                learner.Scores(x, scores);
                correct += ContinualProtocol.ArgMax(scores, 0, 2) == l ? 1 : 0;
            }

            return correct / 400.0;
        }

        double fineTuning = Run(0), ewc = Run(1000);
        Assert.True(ewc > fineTuning + 0.3, $"EWC {ewc}, fine-tuning {fineTuning}");
    }

    [Theory]
    [InlineData(0, 0.01, 0, "Hidden must be at least 1, not 0")]
    [InlineData(4, 0, 0, "LearningRate must be finite and positive, not 0")]
    [InlineData(4, 0.01, -1, "EwcLambda must be finite and non-negative, not -1")]
    public void Settings_ProblemNamesTheBadField(int hidden, double lr, double lambda, string expected)
    {
        var settings = new MlpSettings { Hidden = hidden, LearningRate = lr, EwcLambda = lambda };
        Assert.Equal(expected, settings.Problem);
        Assert.StartsWith(expected, Assert.Throws<ArgumentException>(() => new MlpLearner(2, 2, settings)).Message, StringComparison.Ordinal);
    }
}
