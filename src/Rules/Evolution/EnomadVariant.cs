namespace Neuro.Rules.Evolution;

/// <summary>The two ENOMAD variants of Churchland &amp; Garcia-Ojalvo (2025): which weights each individual's MADS refines.</summary>
public enum EnomadVariant
{
    /// <summary>
    /// EA (<c>enomad</c>): many small edits. Every individual is refined by MADS on a fresh random subset of
    /// <see cref="EnomadSettings.SubsetSize"/> weights; crossover recombines the refined individuals; no mutation.
    /// </summary>
    RandomSubset,

    /// <summary>
    /// rEA (<c>renomad</c>): few large edits. A GA mutates a few weights to random values; MADS then refines just the
    /// weights that differ from the start genome, and the objective is penalized by the number of changed weights.
    /// </summary>
    ChangedWeights,
}
