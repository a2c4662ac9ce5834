namespace Neuro.Rules.Evolution;

/// <summary>Why a <see cref="MadsOptimizer"/> stopped asking.</summary>
public enum MadsStopReason
{
    /// <summary>Still searching.</summary>
    None,

    /// <summary>A poll failed with every frame size at its minimum (<see cref="MadsSettings.MinFrameSize"/> or the granularity).</summary>
    Converged,

    /// <summary>The evaluation budget (<see cref="MadsSettings.MaxEvaluations"/>) is spent.</summary>
    Budget,
}
