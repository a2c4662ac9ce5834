namespace Neuro.Rules.Foraging;

/// <summary>Where the worm is and where it faces.</summary>
/// <param name="Position">Position in the arena.</param>
/// <param name="Heading">Heading in radians, in [−π, π), counter-clockwise from +x.</param>
public readonly record struct WormState(ArenaPoint Position, double Heading);
