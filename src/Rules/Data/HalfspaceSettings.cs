namespace Neuro.Rules.Data;

/// <summary>Parameters of <see cref="Halfspace"/>; vary them with <c>with</c>.</summary>
public sealed record HalfspaceSettings
{
    /// <summary>Number of rows, at least 1.</summary>
    public int Samples { get; init; } = 1000;

    /// <summary>Dimension of <c>x</c> and of the hidden normal <c>v</c>, at least 1.</summary>
    public int Features { get; init; } = 10;

    /// <summary>Probability, in <c>[0, 1]</c>, that a label is flipped (<c>1 − label</c>).</summary>
    public double Noise { get; init; }
}
