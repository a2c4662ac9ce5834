using System.Collections.Immutable;
using Neuro.Rules.Data;
using Neuro.Rules.Json;
using Neuro.Rules.Layouts;
using Xunit;

namespace Neuro.Rules.Patterns;

/// <summary><see cref="PatternRule.OutputAverageShift"/>: the file member, and the float network's readout.</summary>
public sealed class OutputAverageTests
{
    private static PatternRule Rule(int shift, bool misclassifiedOnly = false)
    {
        var random = new Random(42);
        ImmutableArray<double> Table(int n) => [.. Enumerable.Range(0, n).Select(_ => (random.NextDouble() * 2) - 1)];
        return new PatternRule(3, 0.5, Table(256), null, Table(32), PatternUpdateMode.Additive, misclassifiedOnly).WithOutputAverage(shift);
    }

    [Fact]
    public void File_RoundTripsTheShiftAndOldFilesStayAsTheyWere()
    {
        var averaged = Rule(12);
        string json = PatternRuleFile.Serialize(averaged, null);
        Assert.Contains("\"outputAverageShift\": 12", json, StringComparison.Ordinal);
        Assert.Equal(averaged, PatternRuleFile.Parse(json).Rule);
        Assert.NotEqual(Rule(0), averaged);

        // Without the member the rule is off, and writing it back adds nothing.
        string plain = PatternRuleFile.Serialize(Rule(0), null);
        Assert.DoesNotContain("outputAverageShift", plain, StringComparison.Ordinal);
        Assert.Equal(0, PatternRuleFile.Parse(plain).Rule.OutputAverageShift);

        // The canonical text (the rule hash) of a classic rule stays the first format; an averaging one cannot be that.
        Assert.DoesNotContain("\"format\"", PatternRuleFile.Canonical(Rule(0)), StringComparison.Ordinal);
        Assert.Contains("\"outputAverageShift\": 12", PatternRuleFile.Canonical(averaged), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(21, "rule JSON: update.outputAverageShift: must be 0 (off) or 1..20, not 21")]
    [InlineData(-1, "rule JSON: update.outputAverageShift: must be 0 (off) or 1..20, not -1")]
    public void File_RefusesAShiftOutOfRange(int shift, string message)
    {
        string json = PatternRuleFile.Serialize(Rule(12), null).Replace("\"outputAverageShift\": 12", $"\"outputAverageShift\": {shift}", StringComparison.Ordinal);
        Assert.Equal(message, Assert.Throws<JsonInputException>(() => PatternRuleFile.Parse(json)).Message);
    }

    [Fact]
    public void File_RefusesAnAverageWithoutAnOutputTable()
    {
        var rule = new PatternRule(1, 0.01, [.. new double[16]], null, null);
        string json = PatternRuleFile.Serialize(rule, null).Replace("\"outputEdges\": \"labelAndPrediction\"", "\"outputEdges\": \"labelAndPrediction\", \"outputAverageShift\": 3", StringComparison.Ordinal);
        Assert.Equal(
            "rule JSON: update.outputAverageShift: needs a table with \"synapses\": \"output\": without one the output weights never move",
            Assert.Throws<JsonInputException>(() => PatternRuleFile.Parse(json)).Message);
        Assert.Throws<ArgumentException>(() => rule.WithOutputAverage(3));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Network_LearnsAsWithoutTheAverageAndPredictsFromIt(bool misclassifiedOnly)
    {
        // Learning must not see the average: weights and online predictions equal the same rule's without it. Predictions
        // with frozen weights read the average, recomputed here from the weights after every learned sample (updated or not).
        var (train, test) = SyntheticClassification.GenerateJoosten(3);
        var spec = new PatternNetworkSpec(train.Features, train.Classes, 20, 10, Seed: 3);
        const int shift = 4;
        var plain = new ReferencePatternNetwork(spec, Rule(0, misclassifiedOnly));
        var averaged = new ReferencePatternNetwork(spec, Rule(shift, misclassifiedOnly));
        var expected = plain.OutputWeights.ToArray();
        double factor = Math.ScaleB(1.0, -shift);
        int differing = 0;
        for (int i = 0; i < 300; i++)
        {
            Assert.Equal(plain.Learn(train.Row(i), train.Label(i)), averaged.Learn(train.Row(i), train.Label(i)));
            Assert.Equal(plain.RecurrentWeights.ToArray(), averaged.RecurrentWeights.ToArray());
            Assert.Equal(plain.OutputWeights.ToArray(), averaged.OutputWeights.ToArray());
            for (int k = 0; k < expected.Length; k++)
            {
                expected[k] += (plain.OutputWeights[k] - expected[k]) * factor;
            }

            Assert.Equal(expected, averaged.ReadoutWeights.ToArray());
        }

        for (int t = 0; t < 200; t++)
        {
            int prediction = averaged.Predict(test.Row(t));
            var logits = new double[spec.Classes];
            for (int c = 0; c < logits.Length; c++)
            {
                for (int j = 0; j < spec.Hidden; j++)
                {
                    logits[c] += expected[(c * spec.Hidden) + j] * averaged.HiddenState[j];
                }
            }

            Assert.Equal(logits, averaged.Logits.ToArray());
            Assert.Equal(Array.IndexOf(logits, logits.Max()), prediction);
            differing += prediction != plain.Predict(test.Row(t)) ? 1 : 0;
        }

        Assert.True(differing > 0, "the average never changed a prediction");

        averaged.Reset();
        Assert.Equal(averaged.OutputWeights.ToArray(), averaged.ReadoutWeights.ToArray());
    }
}
