namespace Neuro.Rules.Layouts;

/// <summary>
/// A signal local to a synapse when it updates, which a table field turns into address bits (DESIGN.md §4). Each value
/// is a small unsigned integer of the field's width; <see cref="LayoutField"/> documents how each is computed.
/// </summary>
public enum Signal
{
    /// <summary>The presynaptic neuron's firing history over the rounds, round 0 the most significant bit (pattern family).</summary>
    PreHistory,

    /// <summary>The postsynaptic neuron's firing history over the rounds, round 0 the most significant bit (pattern family).</summary>
    PostHistory,

    /// <summary>The presynaptic neuron's activity quantized to the field's bits (levels documented per network; 1 bit: fired / +1).</summary>
    Pre,

    /// <summary>The postsynaptic neuron's activity quantized to the field's bits (levels documented per network; 1 bit: fired / +1).</summary>
    Post,

    /// <summary>Which output row the synapse is in: 0 the label's, 1 the prediction's (1 bit: any updated non-label row), 2 another.</summary>
    Role,

    /// <summary>The synapse's current weight bucketed into the field's bits, sign first (<see cref="LayoutField.WeightCode(double)"/>).</summary>
    Weight,

    /// <summary>The teacher value clamped on the post neuron (Baxter).</summary>
    Target,

    /// <summary>The sample's margin, label logit minus the best other logit, bucketed by thresholds (<see cref="LayoutField.MarginCode(double, double)"/>).</summary>
    Margin,

    /// <summary><c>min(2^n − 1, floor(log2(1 + samples seen in this lifetime)))</c>: lets a step shrink over a lifetime.</summary>
    Phase,
}
