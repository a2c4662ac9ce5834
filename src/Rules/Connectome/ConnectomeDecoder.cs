using Neuro.Rules.Evolution;

namespace Neuro.Rules.Connectome;

/// <summary>
/// Genome → <see cref="ConnectomeWeights"/>: each gene is a weight in weight units, rounded to the grid
/// (<c>raw = round(gene·2^f)</c>, half to even) and saturated to ±(2^31 − 1). Optionally the genome covers only some
/// genes (<c>genes</c>), the rest keeping a base value, so an optimizer can search a subset of the weights.
/// </summary>
/// <remarks>
/// Saturation at the 32-bit range keeps the integer network exact: a tick adds at most one weight per synapse, about
/// 600 per neuron, into a 64-bit potential that was within the threshold (or reset) before the tick, so no potential can
/// overflow.
/// </remarks>
public sealed class ConnectomeDecoder : IRuleDecoder<RuleGenome, ConnectomeWeights>
{
    private readonly ConnectomeNetworkSpec _spec;
    private readonly int[] _genes;
    private readonly double[] _base;

    /// <summary>A decoder whose genome holds every gene of <paramref name="spec"/>.</summary>
    public ConnectomeDecoder(ConnectomeNetworkSpec spec)
        : this(spec, null, null)
    {
    }

    /// <summary>
    /// A decoder whose genome holds the genes listed in <paramref name="genes"/> (distinct, in range; null means all, in
    /// order); every other gene keeps its value from <paramref name="baseGenes"/> (the biological weights when null).
    /// </summary>
    /// <exception cref="ArgumentException">A gene index is out of range or repeats, or the base has the wrong length.</exception>
    public ConnectomeDecoder(ConnectomeNetworkSpec spec, IReadOnlyList<int>? genes, IReadOnlyList<double>? baseGenes)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _spec = spec;
        _genes = genes is null ? [.. Enumerable.Range(0, spec.GeneCount)] : [.. genes];
        if (_genes.Any(g => g < 0 || g >= spec.GeneCount) || _genes.Distinct().Count() != _genes.Length)
        {
            throw new ArgumentException($"Gene indices must be distinct and in 0..{spec.GeneCount - 1}", nameof(genes));
        }

        _base = baseGenes is null ? spec.BiologicalGenes() : [.. baseGenes];
        if (_base.Length != spec.GeneCount)
        {
            throw new ArgumentException($"Base genes must have {spec.GeneCount} entries, not {_base.Length}", nameof(baseGenes));
        }
    }

    /// <summary>Genes in the genome.</summary>
    public int GenomeLength => _genes.Length;

    /// <summary>The genome's values at the base weights (the start of a search), a copy.</summary>
    public double[] StartGenome() => [.. _genes.Select(g => _base[g])];

    /// <summary>The full gene vector (every weight of the spec) that <paramref name="genome"/> stands for.</summary>
    public double[] FullGenes(ReadOnlySpan<double> genome)
    {
        if (genome.Length != _genes.Length)
        {
            throw new ArgumentException($"Expected a genome of {_genes.Length} genes, not {genome.Length}", nameof(genome));
        }

        var full = (double[])_base.Clone();
        for (int k = 0; k < _genes.Length; k++)
        {
            full[_genes[k]] = genome[k];
        }

        return full;
    }

    /// <summary>The weights, or null when a gene is NaN.</summary>
    public ConnectomeWeights? Decode(RuleGenome genome)
    {
        ArgumentNullException.ThrowIfNull(genome);
        var genes = genome.Genes.AsSpan();
        foreach (double g in genes)
        {
            if (double.IsNaN(g))
            {
                return null;
            }
        }

        return Decode(FullGenes(genes));
    }

    /// <summary>The weights for a full gene vector (every gene of the spec).</summary>
    internal ConnectomeWeights Decode(double[] full)
    {
        var raw = new int[full.Length];
        for (int k = 0; k < full.Length; k++)
        {
            double scaled = Math.Round(Math.ScaleB(full[k], _spec.FractionBits), MidpointRounding.ToEven);
            raw[k] = (int)Math.Clamp(scaled, -int.MaxValue, int.MaxValue);
        }

        return new ConnectomeWeights(_spec, raw);
    }
}
