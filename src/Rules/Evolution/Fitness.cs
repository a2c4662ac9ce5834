namespace Neuro.Rules.Evolution;

/// <summary>The result of evaluating a rule: the value evolution maximizes, here an accuracy in [0, 1].</summary>
/// <param name="Value">Fitness; higher is better.</param>
public readonly record struct Fitness(double Value)
{
    /// <summary>The fitness of a genome that decodes to no rule.</summary>
    public static Fitness NonViable => new(0);
}
