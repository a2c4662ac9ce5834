using Xunit;

namespace Neuro.Rules.Data;

public sealed class StandardNormalTests
{
    [Fact]
    public void Next_HasMeanZeroAndVarianceOne()
    {
        var normal = new StandardNormal(new Random(2024));
        const int N = 200_000;
        double sum = 0, squares = 0, fourth = 0;
        int beyondTwo = 0;
        for (int i = 0; i < N; i++)
        {
            double z = normal.Next();
            sum += z;
            squares += z * z;
            fourth += z * z * z * z;
            beyondTwo += Math.Abs(z) > 2 ? 1 : 0;
        }

        Assert.InRange(sum / N, -0.01, 0.01);
        Assert.InRange(squares / N, 0.98, 1.02);
        Assert.InRange(fourth / N, 2.9, 3.1); // the normal's kurtosis
        Assert.InRange(beyondTwo / (double)N, 0.0435, 0.0475); // P(|Z| > 2) = 0.0455
    }

    [Fact]
    public void Next_IsAFunctionOfTheSeed()
    {
        var a = new double[101];
        var b = new double[101];
        var c = new double[101];
        new StandardNormal(new Random(9)).Fill(a);
        new StandardNormal(new Random(9)).Fill(b);
        new StandardNormal(new Random(10)).Fill(c);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.All(a, z => Assert.True(double.IsFinite(z)));
    }
}
