using Xunit;

namespace Neuro.Rules.Hebbian;

public sealed class HebbianLayerRuleTests
{
    private static readonly HebbianLayerRule Rule = new(0.5, A: 2, B: -1, C: 3, D: 0.25, E: 4, F: -2, G: 1);

    [Fact]
    public void Additive_IsTheAbcdFormula()
    {
        // eta(A·p·q + B·p + C·q + D) at p = 0.5, q = 0.25: 0.5·(2·0.125 − 0.5 + 0.75 + 0.25) = 0.5·0.75
        Assert.Equal(0.375, Rule.Additive(0.5, 0.25));
        Assert.Equal(0.125, Rule.Additive(0, 0)); // eta·D
        Assert.Equal(0.5 * (2 - 1 + 3 + 0.25), Rule.Additive(1, 1));
    }

    [Fact]
    public void Scaling_IsTheHomeostaticFormula()
    {
        // eta(E·q² + F·ā + G) at q = 0.5, ā = 0.25: 0.5·(1 − 0.5 + 1)
        Assert.Equal(0.75, Rule.Scaling(0.5, 0.25));
        Assert.Equal(0.5, Rule.Scaling(0, 0)); // eta·G: pure decay
    }

    [Fact]
    public void Delta_CombinesBothTerms()
    {
        // Δw = a(p, q) − s(q, ā)·w with s(0.25, 0.25) = 0.5·(4/16 − 2/4 + 1) = 0.375: 0.375 − 0.375·2
        Assert.Equal(-0.375, Rule.Delta(0.5, 0.25, 0.25, 2));
    }

    [Fact]
    public void Delta_OjaFormIsTheInstarRuleForAClampedTeacher()
    {
        var oja = new HebbianLayerRule(0.1, A: 1, B: 0, C: 0, D: 0, E: 1);
        // q = 1: w moves toward p by eta·(p − w); q = 0: unchanged.
        Assert.Equal(0.1 * (0.8 - 0.3), oja.Delta(0.8, 1, 0, 0.3), 15);
        Assert.Equal(0, oja.Delta(0.8, 0, 0, 0.3));
    }

    [Theory]
    [InlineData(double.NaN, 0, 10, "eta must be finite and non-negative, not NaN")]
    [InlineData(-0.1, 0, 10, "eta must be finite and non-negative, not -0.1")]
    [InlineData(0.1, double.PositiveInfinity, 10, "A must be finite, not Infinity")]
    [InlineData(0.1, 0, 25, "TraceShift must be 0..24, not 25")]
    [InlineData(0.1, 0, -1, "TraceShift must be 0..24, not -1")]
    public void Problem_NamesTheBadField(double eta, double a, int shift, string expected)
    {
        var rule = new HebbianLayerRule(eta, a, 0, 0, 0, TraceShift: shift);
        Assert.Equal(expected, rule.Problem);
        Assert.Equal(expected, Assert.Throws<ArgumentException>(rule.Validate).Message);
    }

    [Fact]
    public void Problem_NamesACoefficientAfterA()
    {
        Assert.Equal("G must be finite, not NaN", new HebbianLayerRule(0.1, 0, 0, 0, 0, 0, 0, double.NaN).Problem);
    }

    [Fact]
    public void TraceRate_IsAPowerOfTwo()
    {
        Assert.Equal(1.0 / 1024, new HebbianLayerRule(0, 0, 0, 0, 0, TraceShift: 10).TraceRate);
    }
}
