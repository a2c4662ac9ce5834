namespace Neuro.Rules.Evolution;

/// <summary>
/// Settings of <see cref="CmaEsOptimizer"/>. Every learning rate follows from λ and n as in Hansen's tutorial (2016),
/// so only the population, the initial step size and two switches are settable. Vary them with <c>with</c>:
/// <c>new CmaEsSettings() with { Population = 50 }</c> (for example to give every optimizer the same budget).
/// </summary>
public sealed record CmaEsSettings
{
    /// <summary>Offspring per generation, λ ≥ 2; null means <c>4 + ⌊3 ln n⌋</c>. The parent number is <c>μ = ⌊λ/2⌋</c>.</summary>
    public int? Population { get; init; }

    /// <summary>Initial step size σ0. Default 0.1.</summary>
    public double InitialSigma { get; init; } = 0.1;

    /// <summary>
    /// Whether the worst <c>λ - μ</c> candidates get the tutorial's negative recombination weights in the covariance
    /// update (active CMA), which shrinks variance in bad directions faster. Default true, as in the tutorial.
    /// </summary>
    public bool ActiveCovariance { get; init; } = true;

    /// <summary>
    /// Generations between eigendecompositions of <c>C</c>, at least 1; null means the usual lazy interval
    /// <c>⌊1/(10·n·(c_1 + c_μ))⌋ + 1</c>, which keeps the <c>O(n³)</c> work below the <c>O(λn²)</c> sampling.
    /// </summary>
    public int? EigenInterval { get; init; }

    /// <summary>λ for a problem of <paramref name="dimension"/> genes.</summary>
    public int PopulationFor(int dimension) => Population ?? MuLambdaEsSettings.DefaultPopulation(dimension);
}
