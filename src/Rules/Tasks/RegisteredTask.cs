namespace Neuro.Rules.Tasks;

/// <summary>
/// A catalogue entry for a task whose family runs it through its own types (Baxter's Boolean tasks, EMNN's linear task,
/// foraging, continual learning): it names the task so that every family's names come from <see cref="TaskCatalogue"/>.
/// </summary>
/// <param name="Name">The task's name.</param>
/// <param name="Family">The family that learns it.</param>
/// <param name="Description">One line on what it is.</param>
public sealed record RegisteredTask(string Name, string Family, string Description) : ITask;
