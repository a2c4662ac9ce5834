using Neuro.Rules.Data;
using Neuro.Rules.Patterns;

namespace Neuro.Experiments;

/// <summary>
/// One lifetime of a rule on the synthetic task, then the frozen network's last-round hidden state and firing patterns
/// for every training sample (in the lifetime's order) and every test sample.
/// </summary>
/// <param name="Hidden">The hidden size.</param>
/// <param name="Classes">The number of classes.</param>
/// <param name="RuleTestAccuracy">The rule's own test accuracy after the lifetime (what <c>neuro simulate</c> reports).</param>
/// <param name="TrainStates">The last-round hidden state of every training sample, frozen weights, in the lifetime's order.</param>
/// <param name="TrainPatterns">The firing patterns of every training sample, same order.</param>
/// <param name="TrainLabels">The training labels.</param>
/// <param name="TestStates">The last-round hidden state of every test sample.</param>
/// <param name="TestLabels">The test labels.</param>
internal sealed record FrozenLifetime(
    int Hidden, int Classes, double RuleTestAccuracy,
    double[][] TrainStates, int[][] TrainPatterns, int[] TrainLabels, double[][] TestStates, int[] TestLabels)
{
    /// <summary>Data seed and network seed <paramref name="seed"/>, one pass, as <c>neuro simulate --task synthetic --seed</c>.</summary>
    public static FrozenLifetime Run(PatternRule rule, int hidden, int cap, int seed)
    {
        var (train, test) = SyntheticClassification.GenerateJoosten(seed);
        var network = new ReferencePatternNetwork(new PatternNetworkSpec(train.Features, train.Classes, hidden, cap, Seed: seed), rule);
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
