using Neuro.Rules.Data;

namespace Neuro.Rules.Continual;

/// <summary>
/// A learner that lives one lifetime over a sequence of tasks (<see cref="ContinualProtocol"/>): samples arrive one at a
/// time with their label in the shared output layer, and it is scored with one score per output unit.
/// </summary>
public interface IContinualLearner
{
    /// <summary>Output units (classes of all tasks together).</summary>
    int Classes { get; }

    /// <summary>Starts a new lifetime: every weight back to its initial value.</summary>
    void Reset();

    /// <summary>Learns from one sample whose label (in the shared output layer) is <paramref name="label"/>.</summary>
    void Learn(ReadOnlySpan<double> x, int label);

    /// <summary>Writes one score per output unit for <paramref name="x"/> (higher is more likely) without learning.
    /// A learner whose weights diverged writes NaN.</summary>
    void Scores(ReadOnlySpan<double> x, Span<double> destination);

    /// <summary>
    /// Called after the last sample of a task, with that task's training data and its first output unit (EWC computes
    /// its Fisher information here); learners that keep no per-task state do nothing.
    /// </summary>
    void EndTask(Dataset train, int classOffset);
}
