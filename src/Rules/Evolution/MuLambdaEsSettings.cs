namespace Neuro.Rules.Evolution;

/// <summary>
/// Settings of <see cref="MuLambdaEsOptimizer"/>. Vary them with <c>with</c>:
/// <c>new MuLambdaEsSettings() with { Population = 50 }</c>.
/// </summary>
public sealed record MuLambdaEsSettings
{
    /// <summary>Offspring per generation, λ ≥ 2; null means the usual <c>4 + ⌊3 ln n⌋</c>.</summary>
    public int? Population { get; init; }

    /// <summary>Parents μ recombined into the new mean, 1..λ; null means <c>⌊λ/2⌋</c>.</summary>
    public int? Parents { get; init; }

    /// <summary>Initial step size σ0. Default 0.1.</summary>
    public double InitialSigma { get; init; } = 0.1;

    /// <summary>λ for a problem of <paramref name="dimension"/> genes.</summary>
    public int PopulationFor(int dimension) => Population ?? DefaultPopulation(dimension);

    /// <summary>μ for a problem of <paramref name="dimension"/> genes.</summary>
    public int ParentsFor(int dimension) => Parents ?? PopulationFor(dimension) / 2;

    /// <summary>The default population <c>4 + ⌊3 ln n⌋</c> shared by the ES family (Hansen 2016, Table 1).</summary>
    public static int DefaultPopulation(int dimension) => 4 + (int)Math.Floor(3 * Math.Log(dimension));
}
