namespace Neuro.Rules.Linear;

/// <summary>The EMNN model <c>y = W·x + b</c> (one input, one output), the phenotype its GA evolves.</summary>
/// <param name="W">The weight.</param>
/// <param name="B">The bias.</param>
public sealed record LinearModel(double W, double B)
{
    /// <summary><c>W·x + b</c>.</summary>
    public double Output(double x) => (W * x) + B;
}
