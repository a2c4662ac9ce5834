namespace Neuro.Rules.Patterns;

/// <summary>The fixed random structure drawn from a <see cref="PatternNetworkSpec"/>; all arrays row-major.</summary>
/// <param name="Input">Input mask <c>Min</c>, Hidden × Inputs.</param>
/// <param name="Recurrent">Recurrent mask <c>G</c>, Hidden × Hidden (row = post, column = pre), zero diagonal.</param>
/// <param name="FixedInputWeights">Input weights N(0,1), used when the input rule is absent.</param>
/// <param name="FixedOutputWeights">Output weights N(0,1), used when the output rule is absent.</param>
/// <param name="InitialRecurrentWeights">Recurrent weights N(0,1), the start of multiplicative rules (zero is their fixed point).</param>
public sealed record PatternNetworkMasks(
    bool[] Input,
    bool[] Recurrent,
    double[] FixedInputWeights,
    double[] FixedOutputWeights,
    double[] InitialRecurrentWeights)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first array whose length does not match <paramref name="spec"/>.</summary>
    public void Validate(PatternNetworkSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Check(Input.Length, spec.Hidden * spec.Inputs, nameof(Input));
        Check(Recurrent.Length, spec.Hidden * spec.Hidden, nameof(Recurrent));
        Check(FixedInputWeights.Length, spec.Hidden * spec.Inputs, nameof(FixedInputWeights));
        Check(FixedOutputWeights.Length, spec.Classes * spec.Hidden, nameof(FixedOutputWeights));
        Check(InitialRecurrentWeights.Length, spec.Hidden * spec.Hidden, nameof(InitialRecurrentWeights));
        for (int i = 0; i < spec.Hidden; i++)
        {
            if (Recurrent[i * spec.Hidden + i])
            {
                throw new ArgumentException($"Recurrent mask has a self-edge at neuron {i}; the diagonal must be empty");
            }
        }
    }

    private static void Check(int actual, int expected, string name)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"{name} has {actual} entries; the spec needs {expected}");
        }
    }
}
