using Neuro.Rules.Data;

namespace Neuro.Rules.Continual;

/// <summary>
/// One task of a continual sequence: its training stream, the data it is scored on, and where its classes sit in the
/// shared output layer (label <c>l</c> of this task is output unit <c>ClassOffset + l</c>).
/// </summary>
/// <param name="Name">Task name (<c>mnist</c>, <c>fashion</c>).</param>
/// <param name="Train">Samples streamed once while the task is learned.</param>
/// <param name="Test">Samples scored after every phase (the test set, or a validation split during evolution).</param>
/// <param name="ClassOffset">The task's first output unit.</param>
public sealed record ContinualTask(string Name, Dataset Train, Dataset Test, int ClassOffset)
{
    /// <summary>Classes of this task (its output units are <c>ClassOffset … ClassOffset + Classes − 1</c>).</summary>
    public int Classes => Train.Classes;
}
