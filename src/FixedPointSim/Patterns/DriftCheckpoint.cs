namespace Neuro.FixedPointSim.Patterns;

/// <summary>The weight drift of the three matrices after <paramref name="Samples"/> samples of the lifetime.</summary>
/// <param name="Samples">Samples learned so far (over all passes); 0 is the start of the lifetime.</param>
/// <param name="Input">Drift of <c>Win</c>.</param>
/// <param name="Recurrent">Drift of <c>Wg</c>.</param>
/// <param name="Output">Drift of <c>Wout</c>.</param>
public sealed record DriftCheckpoint(int Samples, WeightDrift Input, WeightDrift Recurrent, WeightDrift Output);
