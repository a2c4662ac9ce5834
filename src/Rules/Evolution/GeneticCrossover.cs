namespace Neuro.Rules.Evolution;

/// <summary>How <see cref="GeneticOptimizer"/> combines two parents <c>a</c> and <c>b</c> when a child crosses over.</summary>
public enum GeneticCrossover
{
    /// <summary>Each gene from <c>b</c> with probability 1/2, else from <c>a</c>.</summary>
    Uniform,

    /// <summary>Each gene <c>a + u·(b − a)</c> with its own <c>u ~ U[0, 1)</c>: a point between the parents (continuous genes only).</summary>
    Arithmetic,
}
