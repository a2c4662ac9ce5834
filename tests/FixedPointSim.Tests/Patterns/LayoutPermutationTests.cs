using System.Collections.Immutable;
using Neuro.Rules.Data;
using Neuro.Rules.Layouts;
using Neuro.Rules.Patterns;
using Xunit;

namespace Neuro.FixedPointSim.Patterns;

/// <summary>
/// Every engine reads its tables through the layout, never by a formula of its own (issue 15): a rule whose fields are
/// stored in another order, with its entries moved to match, is the same rule, and every engine (float reference, fixed
/// golden model, fast engines) must give bit-identical results; the same entries left in place under the permuted
/// fields are another rule, and every engine must notice. An engine that computed <c>pre·P + post</c> or
/// <c>2·pattern + role</c> itself would pass the second check and fail the first.
/// </summary>
public sealed class LayoutPermutationTests
{
    public static TheoryData<int> Seeds => new(Enumerable.Range(1, 8));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void FloatReference_ReadsTablesThroughTheLayout(int seed)
    {
        var (spec, rule, data) = LayoutPermutations.Case(seed);
        var (weights, predictions) = Float(spec, rule, data);

        Assert.Equal((weights, predictions), Float(spec, LayoutPermutations.Permuted(rule, moveEntries: true), data), Comparer.Instance);
        Assert.NotEqual(weights, Float(spec, LayoutPermutations.Permuted(rule, moveEntries: false), data).Weights);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void FixedEngines_ReadTablesThroughTheLayout(int seed)
    {
        var (spec, rule, data) = LayoutPermutations.Case(seed);
        var golden = Fixed(new FixedPatternNetwork(spec, rule, PrecisionConfig.Default), data);
        var permuted = LayoutPermutations.Permuted(rule, moveEntries: true);
        var reinterpreted = LayoutPermutations.Permuted(rule, moveEntries: false);

        Assert.Equal(golden, Fixed(new FixedPatternNetwork(spec, permuted, PrecisionConfig.Default), data));
        Assert.Equal(golden, Fixed(new FastFixedPatternNetwork(spec, permuted, PrecisionConfig.Default), data));
        Assert.Equal(golden, Fixed(new FastFixedPatternNetwork(spec, spec.BuildMasks(), permuted, PrecisionConfig.Default, vectorize: false), data));
        var other = Fixed(new FixedPatternNetwork(spec, reinterpreted, PrecisionConfig.Default), data);
        Assert.NotEqual(golden, other);
        Assert.Equal(other, Fixed(new FastFixedPatternNetwork(spec, reinterpreted, PrecisionConfig.Default), data));
    }

    private static (double[] Weights, int[] Predictions) Float(PatternNetworkSpec spec, PatternRule rule, Dataset data)
    {
        var net = new ReferencePatternNetwork(spec, rule);
        var predictions = Enumerable.Range(0, data.Count).Select(i => net.Learn(data.Row(i), data.Label(i))).ToArray();
        return ([.. net.RecurrentWeights, .. net.InputWeights, .. net.OutputWeights], predictions);
    }

    /// <summary>Every final raw weight and every prediction, as one string for <c>Assert.Equal</c>.</summary>
    private static string Fixed(IFixedPatternNetwork net, Dataset data)
    {
        var predictions = Enumerable.Range(0, data.Count).Select(i => net.Learn(data.Row(i), data.Label(i))).ToArray();
        return string.Join(",", [.. net.RecurrentWeightsRaw.ToArray(), .. net.InputWeightsRaw.ToArray(), .. net.OutputWeightsRaw.ToArray()])
            + "|" + string.Join(",", predictions);
    }

    private sealed class Comparer : IEqualityComparer<(double[] Weights, int[] Predictions)>
    {
        public static readonly Comparer Instance = new();

        public bool Equals((double[] Weights, int[] Predictions) x, (double[] Weights, int[] Predictions) y) =>
            x.Weights.SequenceEqual(y.Weights) && x.Predictions.SequenceEqual(y.Predictions);

        public int GetHashCode((double[] Weights, int[] Predictions) obj) => obj.Weights.Length;
    }
}
