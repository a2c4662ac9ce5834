using Neuro.Rules.Data;

namespace Neuro.Rules.Tasks;

/// <summary>Turns the errors of reading a task's files into <see cref="TaskInputException"/>s with the same message.</summary>
internal static class TaskFiles
{
    /// <summary>Runs <paramref name="read"/>, rethrowing a malformed or absent file as a <see cref="TaskInputException"/>.</summary>
    internal static T Read<T>(string task, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is DatasetFormatException or FileNotFoundException or DirectoryNotFoundException)
        {
            throw new TaskInputException(task, e.Message, TaskSource.None, e);
        }
    }
}
