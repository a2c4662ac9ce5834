namespace Neuro.FixedPointSim.Hebbian;

/// <summary>How a <see cref="FixedHebbianNetwork"/> spends its stochastic-rounding draws (precision config <c>"stochasticDraws"</c>).</summary>
public enum HebbianDraws
{
    /// <summary>
    /// <c>"perSynapse"</c>: every synapse update takes the generator's next draw, in walk order (row by row, then column
    /// by column). The RTL export implements this one.
    /// </summary>
    PerSynapse,

    /// <summary>
    /// <c>"perPre"</c>: per layer and sample, column <c>j</c>'s synapses in every row take the same draw, the <c>j</c>-th
    /// after the layer's first (the generator restarts from the layer's starting state at each row, and ends the layer
    /// advanced once per column). Updates that are equal in every row (the rule's <c>B·p</c> and <c>D</c> terms, which
    /// move every row alike and cannot change an argmax or a k-winners choice in float) then round alike, instead of each
    /// adding its own rounding noise; at 8-bit output weights that noise otherwise drowns the class signal.
    /// </summary>
    PerPre,
}
