namespace Neuro.Rules.Evolution;

/// <summary>
/// Settings of <see cref="EnomadOptimizer"/>. <see cref="Ea"/> and <see cref="Rea"/> are the two variants with the
/// paper code's constants (box ±4 and 250 evaluations per refinement for EA; 5 mutations in ±20, box ±2, 25 evaluations
/// and the penalty <c>0.1·k^1.3</c> for rEA); vary them with <c>with</c>: <c>EnomadSettings.Ea with { Population = 8 }</c>.
/// </summary>
public sealed record EnomadSettings
{
    /// <summary>EA: MADS on a random subset of 49 weights per individual, box ±4, 250 evaluations, no mutation, no penalty.</summary>
    public static EnomadSettings Ea { get; } = new();

    /// <summary>rEA: 5 mutations in ±20, MADS on the changed weights (when 1..49 changed), box ±2, 25 evaluations, penalty 0.1·k^1.3.</summary>
    public static EnomadSettings Rea { get; } = new()
    {
        Variant = EnomadVariant.ChangedWeights,
        Box = 2,
        RefineEvaluations = 25,
        Mutations = 5,
        PenaltyWeight = 0.1,
    };

    /// <summary>Which weights each individual's MADS refines. Default <see cref="EnomadVariant.RandomSubset"/> (EA).</summary>
    public EnomadVariant Variant { get; init; } = EnomadVariant.RandomSubset;

    /// <summary>Individuals per generation, at least 2. Default 16 (the paper code used 64).</summary>
    public int Population { get; init; } = 16;

    /// <summary>EA: weights in each individual's random subset, at least 1 (capped at the dimension). Default 49.</summary>
    public int SubsetSize { get; init; } = 49;

    /// <summary>rEA: an individual is refined only when 1..MaxRefined of its weights differ from the start genome. Default 49.</summary>
    public int MaxRefined { get; init; } = 49;

    /// <summary>Half-width of the MADS box around an individual's current weights, positive (a multiple of the granularity). Default 4.</summary>
    public double Box { get; init; } = 4;

    /// <summary>MADS evaluations per refinement, start point included, at least 1. Default 250.</summary>
    public long RefineEvaluations { get; init; } = 250;

    /// <summary>Points each refinement asks at a time (<see cref="MadsSettings.BlockSize"/>), at least 1. Default 8.</summary>
    public int BlockSize { get; init; } = 8;

    /// <summary>The MADS granularity, 0 or a power of two (<see cref="MadsSettings.Granularity"/>); mutated values are rounded to it. Default 0.</summary>
    public double Granularity { get; init; }

    /// <summary>rEA: weights each child (and each initial individual but the last) sets to a random value, ≥ 0 (capped at the dimension). Default 0.</summary>
    public int Mutations { get; init; }

    /// <summary>A mutated weight becomes <c>U(−MutationRange, MutationRange)</c>, rounded to the granularity. Default 20.</summary>
    public double MutationRange { get; init; } = 20;

    /// <summary>Penalty weight <c>λ</c> in the objective <c>f − λ·k^PenaltyExponent</c>, k = weights that differ from the start genome, ≥ 0. Default 0.</summary>
    public double PenaltyWeight { get; init; }

    /// <summary>Exponent of the penalty, positive. Default 1.3.</summary>
    public double PenaltyExponent { get; init; } = 1.3;
}
