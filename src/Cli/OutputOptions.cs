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
