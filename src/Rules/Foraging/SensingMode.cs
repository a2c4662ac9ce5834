namespace Neuro.Rules.Foraging;

/// <summary>How the worm's food sense stimulates the chemosensory neurons.</summary>
public enum SensingMode
{
    /// <summary>
    /// As in the paper's code: every food neuron is stimulated when any food item is within the vision range; the sense
    /// says nothing about where the food is.
    /// </summary>
    Presence,

    /// <summary>
    /// The left food neurons (names ending in L) are stimulated when a visible item lies to the left of the heading, the
    /// right ones when one lies to the right (both for an item straight ahead): a directional sense, not in the paper.
    /// </summary>
    Lateral,
}
