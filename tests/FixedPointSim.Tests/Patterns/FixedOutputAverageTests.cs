using Xunit;

namespace Neuro.FixedPointSim.Patterns;

public sealed class FixedOutputAverageTests
{
    [Fact]
    public void Step_FollowsTheWorkedExample()
    {
        // Shift 2, one weight starting at 0 that jumps to 7: A = 14, 24, 32 (s + 1 = 3 extra bits); readout rounds A/8:
        // 2, 3, 4, as the float average 1.75, 3.06, 4.05 rounds.
        var average = new FixedOutputAverage(1, 2, 8);
        average.Reset([0]);
        long[] expectedA = [14, 24, 32], expectedReadout = [2, 3, 4];
        for (int t = 0; t < 3; t++)
        {
            average.Step([7]);
            Assert.Equal(expectedA[t], average.ExtendedRaw[0]);
            Assert.Equal(expectedReadout[t], average.WeightsRaw[0]);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(12)]
    public void Step_AWeightThatStopsReadsBackExactlyFromBelowAndAbove(int shift)
    {
        // The guard bit's job: a floor-only average would stall one LSB below a positive weight reached from below.
        foreach (long w in new long[] { -128, -7, -1, 0, 1, 7, 127 })
        {
            foreach (long start in new long[] { -128, 127 })
            {
                var average = new FixedOutputAverage(1, shift, 8);
                average.Reset([start]);
                for (int t = 0; t < 64 << shift; t++)
                {
                    average.Step([w]);
                    Assert.InRange(average.WeightsRaw[0], -128, 127);
                }

                Assert.Equal(w, average.WeightsRaw[0]);
            }
        }
    }

    [Fact]
    public void Step_StaysWithinOneLsbOfTheExactAverage()
    {
        var random = new Random(5);
        foreach (int shift in new[] { 1, 3, 8, 12 })
        {
            var average = new FixedOutputAverage(16, shift, 16);
            var weights = new long[16];
            for (int k = 0; k < weights.Length; k++)
            {
                weights[k] = random.Next(-32768, 32768);
            }

            average.Reset(weights);
            double[] exact = [.. weights.Select(w => (double)w)];
            double factor = Math.ScaleB(1.0, -shift);
            for (int t = 0; t < 3000; t++)
            {
                for (int k = 0; k < weights.Length; k++)
                {
                    weights[k] = Math.Clamp(weights[k] + random.Next(-300, 301), -32768, 32767);
                    exact[k] += (weights[k] - exact[k]) * factor;
                }

                average.Step(weights);
                for (int k = 0; k < weights.Length; k++)
                {
                    Assert.True(Math.Abs(average.WeightsRaw[k] - exact[k]) <= 1, $"shift {shift}, step {t}, weight {k}: readout {average.WeightsRaw[k]}, exact {exact[k]}");
                }
            }
        }
    }

    [Fact]
    public void Predict_IsTheExactArgmaxOfTheReadoutLogitsLowerClassOnTies()
    {
        var average = new FixedOutputAverage(6, 3, 16);
        average.Reset([1, 2, 3, 3, 2, 1]); // 2 classes × 3 hidden
        var logits = new Int128[2];
        Assert.Equal(0, average.Predict([1, 0, 1], logits)); // 4 against 4: the lower class
        Assert.Equal([(Int128)4, 4], logits);
        Assert.Equal(1, average.Predict([5, 0, 0], logits)); // 5 against 15
        Assert.Equal([(Int128)5, 15], logits);
    }

    [Fact]
    public void Constructor_RefusesAnAverageWiderThan62Bits() =>
        Assert.Contains("more than 62", Assert.Throws<ArgumentException>(() => new FixedOutputAverage(1, 12, 50)).Message, StringComparison.Ordinal);
}
