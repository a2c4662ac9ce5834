namespace Neuro.FixedPointSim.Patterns;

/// <summary>Which arithmetic a <see cref="FastFixedPatternNetwork"/> chose from its formats at construction.</summary>
internal enum FastFixedEngine
{
    /// <summary>Weights, inputs and activations in <see cref="int"/> lanes, exact sums in <see cref="long"/>, SIMD where available.</summary>
    Int32Lanes,

    /// <summary>Raw <see cref="long"/> values and sums over compressed edge lists.</summary>
    Int64,

    /// <summary>Raw <see cref="long"/> values, <see cref="Int128"/> sums over compressed edge lists (the reference's arithmetic).</summary>
    Int128,
}
