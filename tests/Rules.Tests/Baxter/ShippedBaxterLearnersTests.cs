using Xunit;

namespace Neuro.Rules.Baxter;

/// <summary>
/// The learners shipped in <c>rules/baxter/</c>, and the explanation of <c>boolean1-seed2.json</c> that
/// docs/results.md gives: after training on g, the Hebbian weights hold g(+1) (bias and input to the output), the
/// hidden node's "was g constant?" bit c = g(−1)·g(+1) (bias and input to the hidden node), and g(−1) (output to hidden).
/// </summary>
public sealed class ShippedBaxterLearnersTests
{
    private static string Dir => Path.Combine(RepoPaths.Root, "rules", "baxter");

    public static TheoryData<string> Files() => [.. Directory.EnumerateFiles(Dir, "*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Files))]
    public void ShippedLearner_ReadsAndLearnsWhatItsProvenanceSays(string file)
    {
        var document = BaxterRuleFile.Read(Path.Combine(Dir, file));
        Assert.NotNull(document.Provenance);
        var trials = BaxterTrial.RunAll(document.Learner, document.Task);
        Assert.Equal(document.Provenance.Fitness, BaxterEvaluator.Fraction(trials));
        Assert.Equal(document.Provenance.LearnedAll, trials.All(t => t.Learned));
    }

    [Fact]
    public void Seed2_StoresTheTwoTargetsInItsWeights()
    {
        var document = BaxterRuleFile.Read(Path.Combine(Dir, "boolean1-seed2.json"));
        var network = document.Learner.Network;
        Assert.Equal(BaxterRule.Hebb, document.Learner.Rule);
        Assert.Equal(
            ["bias→out", "x→out", "bias→h1", "x→h1", "out→h1"],
            network.Learnable.Select(s => $"{network.NodeName(s.Pre)}→{network.NodeName(s.Post)}"));
        Assert.Equal([(3, 2, -1), (3, 3, -1)], network.Synapses.Where(s => !s.Learnable).Select(s => (s.Pre, s.Post, s.Weight)));
        var machine = new BaxterMachine(document.Learner);
        foreach (var g in document.Task.Functions)
        {
            var trial = BaxterTrial.Run(machine, document.Task, g, trace: true);
            int gMinus = g.Target(0), gPlus = g.Target(1), c = gMinus * gPlus;
            var trained = trial.Trace.Last(s => s.Training);
            Assert.Equal([gPlus, gPlus, c, c, gMinus], trained.Weights.ToArray());
            Assert.True(trial.Learned, g.Name);
        }
    }
}
