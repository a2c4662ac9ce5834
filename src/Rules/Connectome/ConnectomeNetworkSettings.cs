using System.Collections.Immutable;

namespace Neuro.Rules.Connectome;

/// <summary>
/// How a <see cref="ConnectomeGraph"/> becomes a <see cref="ConnectomeNetworkSpec"/>: the firing threshold, the weight grid,
/// the input neurons and the motor rows. The defaults are the paper code's (threshold 30; touch and food neurons of the
/// GoPiGo connectome robot; body-wall muscle rows 7–23). Vary them with <c>with</c>.
/// </summary>
public sealed record ConnectomeNetworkSettings
{
    /// <summary>Firing threshold in weight units: a neuron fires when <c>|V| &gt; Threshold</c>. Default 30.</summary>
    public double Threshold { get; init; } = 30;

    /// <summary>
    /// Fraction bits f of the weight grid, 0..16: weights and potentials are integers in units of <c>2^-f</c>, so weights are
    /// multiples of <c>2^-f</c> and <c>Threshold·2^f</c> must be an integer. Default 4.
    /// </summary>
    public int FractionBits { get; init; } = 4;

    /// <summary>Neurons stimulated when the worm is near a wall (nose touch). Default FLPR, FLPL, ASHL, ASHR, IL1VL, IL1VR, OLQDL, OLQDR, OLQVR, OLQVL.</summary>
    public ImmutableArray<string> TouchNeurons { get; init; } = ["FLPR", "FLPL", "ASHL", "ASHR", "IL1VL", "IL1VR", "OLQDL", "OLQDR", "OLQVR", "OLQVL"];

    /// <summary>Neurons stimulated when the worm senses food (chemosensory). Default ADFL, ADFR, ASGR, ASGL, ASIL, ASIR, ASJR, ASJL.</summary>
    public ImmutableArray<string> FoodNeurons { get; init; } = ["ADFL", "ADFR", "ASGR", "ASGL", "ASIL", "ASIR", "ASJR", "ASJL"];

    /// <summary>The first body-wall muscle row summed into the motor outputs. Default 7.</summary>
    public int FirstMuscleRow { get; init; } = 7;

    /// <summary>The last body-wall muscle row summed into the motor outputs. Default 23.</summary>
    public int LastMuscleRow { get; init; } = 23;
}
