using System.Collections.Immutable;

namespace Neuro.Rules.Evolution;

/// <summary>The evolvable numbers of a rule, immutable; a decoder turns them into a rule.</summary>
/// <param name="Genes">The genes, in the layout the decoder documents.</param>
public sealed record RuleGenome(ImmutableArray<double> Genes)
{
    /// <summary>A genome holding a copy of <paramref name="genes"/>.</summary>
    public static RuleGenome Of(ReadOnlySpan<double> genes) => new([.. genes]);

    /// <summary>Value equality over the genes.</summary>
    public bool Equals(RuleGenome? other) => other is not null && Genes.SequenceEqual(other.Genes);

    /// <inheritdoc/>
    public override int GetHashCode() => Genes.Length;
}
