using Neuro.Rules.Data;
using Xunit;

namespace Neuro.Rules.Patterns;

public sealed class PatternLifetimeTests
{
    /// <summary>
    /// A perceptron written as an output rule: a neuron that fired in the last round (pattern bit set) strengthens its
    /// edge to the label's row and weakens its edge to the wrong prediction's row; silent neurons change nothing.
    /// </summary>
    private static PatternRule PerceptronRule() =>
        new(rounds: 0, eta: 0.01, hidden: [0, 0, 0, 0], input: null, output: [0, 0, 1, -1]);

    [Fact]
    public void Train_PerceptronOutputRuleLearnsHalfspaceAbove90Percent()
    {
        var data = Halfspace.Generate(new HalfspaceSettings { Samples = 3000, Features = 10, Noise = 0 }, seed: 5);
        var (train, test) = data.Split(2000);
        var net = new ReferencePatternNetwork(new PatternNetworkSpec(10, 2, Hidden: 200, Cap: 100, EdgeProbability: 0.5, Seed: 3), PerceptronRule());
        PatternLifetime.Train(net, train, passes: 5);
        double accuracy = PatternLifetime.Accuracy(net, test);
        Assert.True(accuracy > 0.90, $"test accuracy {accuracy:P1}");
    }

    [Fact]
    public void BatchFitness_ResetsBeforeEachBatch()
    {
        var data = Halfspace.Generate(new HalfspaceSettings { Samples = 200, Features = 10, Noise = 0 }, seed: 5);
        var net = new ReferencePatternNetwork(new PatternNetworkSpec(10, 2, Hidden: 50, Cap: 25, Seed: 3), PerceptronRule());
        double first = PatternLifetime.BatchFitness(net, data.Subset(0, 100));
        PatternLifetime.Train(net, data, 3); // state that a missing reset would carry over
        Assert.Equal(first, PatternLifetime.BatchFitness(net, data.Subset(0, 100)));
    }
}
