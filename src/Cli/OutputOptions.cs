using System.CommandLine;
using Neuro.Rules.Files;

namespace Neuro.Cli;

/// <summary>
/// <c>--force</c> and the one way the verbs that write a folder (<c>evolve</c>, <c>sweep</c>, <c>export</c>, <c>demo</c>)
/// open it: through <see cref="OutputFolder"/> (staged, renamed into place, locked), with its problems reported as usage
/// errors that name <c>--out</c>.
/// </summary>
internal static class OutputOptions
{
    /// <summary>Makes the <c>--force</c> option.</summary>
    internal static Option<bool> Force() => new("--force")
    {
        Description = "Replace --out even when it is not empty and this verb did not write it (the old folder stays until the new one is complete)",
    };

    /// <summary>Begins writing <paramref name="dir"/> through a staging folder (see <see cref="OutputFolder.Stage"/>).</summary>
    /// <exception cref="UsageException">The folder cannot be used; the message names --out and, where it helps, --force.</exception>
    internal static OutputFolder Stage(string? dir, string verb, bool force, bool replaceOwn = true) =>
        Guard(() => OutputFolder.Stage(dir ?? "", verb, force, replaceOwn));

    /// <summary>Opens an existing run folder in place, locked (see <see cref="OutputFolder.OpenInPlace"/>).</summary>
    /// <exception cref="UsageException">The folder does not exist or another run holds it.</exception>
    internal static OutputFolder OpenInPlace(string dir, string verb) => Guard(() => OutputFolder.OpenInPlace(dir, verb));

    /// <summary>Renames the staged folder into place.</summary>
    /// <exception cref="UsageException">The target was taken meanwhile.</exception>
    internal static void Commit(OutputFolder folder) => Guard(() =>
    {
        folder.Commit();
        return folder;
    });

    /// <summary>
    /// Checks before any work that a single output file (such as <c>quantize --plot</c>'s) can be written: not a folder,
    /// and its folder (or, when that is still to be created, its nearest existing parent) accepts new files (probed with a
    /// temporary file that is removed at once).
    /// </summary>
    /// <exception cref="UsageException">It cannot; the message names <paramref name="flag"/> and the path.</exception>
    internal static void CheckWritableFile(string path, string flag)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new UsageException($"{flag}: '{path}' is not a file name");
        }

        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new UsageException($"{flag}: '{path}' is a folder, not a file");
        }

        string dir = Path.GetDirectoryName(full) ?? ".";
        while (!Directory.Exists(dir))
        {
            if (File.Exists(dir))
            {
                throw new UsageException($"{flag}: cannot write '{path}': '{dir}' is a file, not a folder");
            }

            dir = Path.GetDirectoryName(dir) ?? throw new UsageException($"{flag}: cannot write '{path}': no part of its folder exists");
        }

        string probe = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{flag}: cannot write '{path}': files cannot be created in '{dir}'", e);
        }
    }

    private static OutputFolder Guard(Func<OutputFolder> open)
    {
        try
        {
            return open();
        }
        catch (OutputFolderException e)
        {
            throw new UsageException($"--out: {e.Message}{(e.ForceReplaces ? "; choose another --out, or pass --force to replace it" : "")}", e);
        }
    }
}
