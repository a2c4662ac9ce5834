namespace Neuro.Rules.Baxter;

/// <summary>
/// A Boolean function of <see cref="Inputs"/> ±1 variables, as a truth table: case <c>k</c> (0..2^Inputs−1) presents
/// input <c>m</c> (from 1) as bit <c>Inputs − m</c> of <c>k</c> (the first input most significant; bit 1 → +1, 0 → −1),
/// and its target is +1 when bit <c>k</c> of <see cref="Table"/> is set, else −1.
/// </summary>
/// <param name="Name">Its name (<c>identity</c>, <c>xor</c>, …).</param>
/// <param name="Inputs">Number of variables, 1 or 2.</param>
/// <param name="Table">The truth table, <c>0..2^(2^Inputs)−1</c>.</param>
public readonly record struct BooleanFunction(string Name, int Inputs, int Table)
{
    /// <summary>Input cases, <c>2^Inputs</c>.</summary>
    public int Cases => 1 << Inputs;

    /// <summary>The ±1 inputs of case <paramref name="k"/>, first input first.</summary>
    public int[] InputsOf(int k)
    {
        var x = new int[Inputs];
        for (int m = 0; m < Inputs; m++)
        {
            x[m] = BaxterRule.Activity((k >> (Inputs - 1 - m)) & 1);
        }

        return x;
    }

    /// <summary>The ±1 target of case <paramref name="k"/>.</summary>
    public int Target(int k) => BaxterRule.Activity((Table >> k) & 1);
}
