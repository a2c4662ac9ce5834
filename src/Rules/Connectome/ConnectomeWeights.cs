using System.Collections.Immutable;

namespace Neuro.Rules.Connectome;

/// <summary>
/// The evolvable weights of a connectome network (the rule of the <c>connectome</c> family): one raw integer per gene of
/// <see cref="Spec"/>, in units of <c>2^-FractionBits</c>.
/// </summary>
public sealed class ConnectomeWeights
{
    /// <summary>Wraps <paramref name="raw"/> (a copy), one entry per gene of <paramref name="spec"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="raw"/> does not have one entry per gene.</exception>
    public ConnectomeWeights(ConnectomeNetworkSpec spec, IReadOnlyList<int> raw)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(raw);
        if (raw.Count != spec.GeneCount)
        {
            throw new ArgumentException($"Expected {spec.GeneCount} weights (one per gene), not {raw.Count}", nameof(raw));
        }

        Spec = spec;
        Raw = [.. raw];
    }

    /// <summary>The network the weights belong to.</summary>
    public ConnectomeNetworkSpec Spec { get; }

    /// <summary>Raw weights in gene order: chemical synapses, then gap junctions.</summary>
    public ImmutableArray<int> Raw { get; }

    /// <summary>The biological weights of <paramref name="spec"/> (each an integer, so exact on any grid).</summary>
    public static ConnectomeWeights Biological(ConnectomeNetworkSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new ConnectomeDecoder(spec).Decode(spec.BiologicalGenes());
    }

    /// <summary>Weight <paramref name="gene"/> in weight units, <c>Raw·2^-FractionBits</c>.</summary>
    public double Weight(int gene) => Math.ScaleB((double)Raw[gene], -Spec.FractionBits);
}
