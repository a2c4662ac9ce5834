namespace Neuro.Rules.Tasks;

/// <summary>A task of any family, as <see cref="TaskCatalogue"/> lists it: its name, its family and what it is.</summary>
public interface ITask
{
    /// <summary>The name the task goes by (<c>--task NAME</c>), unique across every family.</summary>
    string Name { get; }

    /// <summary>The rule family that learns the task (<c>pattern</c>, <c>baxter</c>, <c>linear</c>, …).</summary>
    string Family { get; }

    /// <summary>One line on what the task is and what it needs.</summary>
    string Description { get; }
}
