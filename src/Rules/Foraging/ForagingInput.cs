namespace Neuro.Rules.Foraging;

/// <summary>Which sensory neurons a tick stimulates.</summary>
public enum ForagingInput
{
    /// <summary>None.</summary>
    None,

    /// <summary>The touch neurons (near a wall; takes precedence over food).</summary>
    Touch,

    /// <summary>Every food neuron (<see cref="SensingMode.Presence"/>), or both sides (<see cref="SensingMode.Lateral"/>).</summary>
    Food,

    /// <summary>The left food neurons (<see cref="SensingMode.Lateral"/>).</summary>
    FoodLeft,

    /// <summary>The right food neurons (<see cref="SensingMode.Lateral"/>).</summary>
    FoodRight,
}
