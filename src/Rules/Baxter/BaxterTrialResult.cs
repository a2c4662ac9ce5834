using System.Collections.Immutable;

namespace Neuro.Rules.Baxter;

/// <summary>What one trial left: the unclamped output for every case of the function.</summary>
/// <param name="Function">The function trained and tested.</param>
/// <param name="Outputs">The output after each case's test, case 0 first.</param>
/// <param name="Trace">Every step of the trial, when it was asked for; else empty.</param>
public sealed record BaxterTrialResult(BooleanFunction Function, ImmutableArray<int> Outputs, ImmutableArray<BaxterTraceStep> Trace)
{
    /// <summary>Cases whose output equals the target.</summary>
    public int Correct => Enumerable.Range(0, Outputs.Length).Count(k => Outputs[k] == Function.Target(k));

    /// <summary>True when every case is right.</summary>
    public bool Learned => Correct == Outputs.Length;
}
