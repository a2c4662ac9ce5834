using Neuro.Rules.Data;

namespace Neuro.Rules.Tasks;

/// <summary>A classification task of the pattern family: a training and a test <see cref="Dataset"/>, generated or read from files.</summary>
public interface IDatasetTask : ITask
{
    /// <summary>The sources <see cref="Load"/> needs beyond the seed and limit (none for a generated task).</summary>
    TaskSource Needs { get; }

    /// <summary>Generates or reads the training and test sets.</summary>
    /// <param name="sources">Where the data are (files, folder) and the data seed and limit.</param>
    /// <exception cref="TaskInputException">A source is missing, or a file is absent or malformed; the message says which.</exception>
    (Dataset Train, Dataset Test) Load(TaskSources sources);
}
