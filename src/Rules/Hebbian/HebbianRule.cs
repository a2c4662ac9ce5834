namespace Neuro.Rules.Hebbian;

/// <summary>
/// A rule of the <c>hebbian</c> family for the network input → plastic hidden layer → plastic output layer
/// (<see cref="HebbianNetwork"/>): one <see cref="HebbianLayerRule"/> per synapse group.
/// </summary>
/// <param name="Hidden">Input → hidden synapses: pre is the input feature, post the hidden neuron's activity.</param>
/// <param name="Output">Hidden → output synapses: pre is the hidden activity, post the teacher (1 on the label's unit, 0 elsewhere).</param>
public sealed record HebbianRule(HebbianLayerRule Hidden, HebbianLayerRule Output)
{
    /// <summary>The <c>family</c> value of rule files of this family.</summary>
    public const string Family = "hebbian";

    /// <summary>Says what is wrong with the rule (naming the layer), or null when it is valid.</summary>
    public string? Problem =>
        Hidden is null ? "hidden: the layer rule is missing"
        : Output is null ? "output: the layer rule is missing"
        : Hidden.Problem is { } h ? $"hidden: {h}"
        : Output.Problem is { } o ? $"output: {o}"
        : null;

    /// <summary>Throws <see cref="ArgumentException"/> with <see cref="Problem"/> when the rule is invalid.</summary>
    public void Validate()
    {
        if (Problem is { } problem)
        {
            throw new ArgumentException(problem);
        }
    }
}
