using Neuro.Rules.Data;
using Neuro.Rules.Patterns;

namespace Neuro.Experiments;

/// <summary>
/// One lifetime of a rule on the synthetic task, then the frozen network's last-round hidden state and firing patterns
/// for every training sample (in the lifetime's order) and every test sample.
/// </summary>
internal sealed class FrozenLifetime
{
    private FrozenLifetime(int hidden, int classes, double ruleTestAccuracy, double[][] trainStates, int[][] trainPatterns, int[] trainLabels, double[][] testStates, int[] testLabels)
    {
        Hidden = hidden;
        Classes = classes;
        RuleTestAccuracy = ruleTestAccuracy;
        TrainStates = trainStates;
        TrainPatterns = trainPatterns;
        TrainLabels = trainLabels;
        TestStates = testStates;
        TestLabels = testLabels;
    }

    public int Hidden { get; }

    public int Classes { get; }

    /// <summary>The rule's own test accuracy after the lifetime (what <c>neuro simulate</c> reports).</summary>
    public double RuleTestAccuracy { get; }

    public double[][] TrainStates { get; }

    public int[][] TrainPatterns { get; }

    public int[] TrainLabels { get; }

    public double[][] TestStates { get; }

    public int[] TestLabels { get; }

    /// <summary>Data seed and network seed <paramref name="seed"/>, one pass, as <c>neuro simulate --task synthetic --seed</c>.</summary>
    public static FrozenLifetime Run(PatternRule rule, int hidden, int cap, int seed)
    {
        var (train, test) = SyntheticClassification.GenerateJoosten(seed);
        var network = new ReferencePatternNetwork(new PatternNetworkSpec(train.Features, train.Classes, hidden, cap, 0.5, seed), rule);
        PatternLifetime.Train(network, train, 1);
        double accuracy = PatternLifetime.Accuracy(network, test);

        var patterns = new int[train.Count][];
        var states = new double[train.Count][];
        for (int i = 0; i < train.Count; i++)
        {
            network.Predict(train.Row(i));
            states[i] = network.HiddenState.ToArray();
            patterns[i] = network.Patterns.ToArray();
        }

        return new FrozenLifetime(hidden, train.Classes, accuracy, states, patterns, train.Labels.ToArray(),
            RidgeReadout.HiddenStates(network, test), test.Labels.ToArray());
    }
}
