using System.Collections.Immutable;

namespace Neuro.Rules.Baxter;

/// <summary>One step of a trial, as <see cref="BaxterTrial"/> records it: what was presented and what it left.</summary>
/// <param name="Time">Step number within the trial, from 0.</param>
/// <param name="Training">True for a clamped training step, false for a test step.</param>
/// <param name="Case">The function's case being presented.</param>
/// <param name="Inputs">The ±1 inputs held.</param>
/// <param name="Target">The case's ±1 target (clamped on the output only while training).</param>
/// <param name="Presented">The activities the step read, <c>ã(t)</c>, one per node.</param>
/// <param name="Activities">The activities after the step, <c>a(t+1)</c>.</param>
/// <param name="Weights">The learnable weights after the step, in <see cref="BaxterNetwork.Learnable"/> order.</param>
public sealed record BaxterTraceStep(
    int Time,
    bool Training,
    int Case,
    ImmutableArray<int> Inputs,
    int Target,
    ImmutableArray<int> Presented,
    ImmutableArray<int> Activities,
    ImmutableArray<int> Weights);
