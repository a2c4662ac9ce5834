namespace Neuro;

/// <summary>Locates the repository from a test assembly, so tests read sources, oracles and ../shared/data by path.</summary>
internal static class RepoPaths
{
    /// <summary>The repository root: the nearest ancestor of the test assembly holding <c>Neuro.sln</c>.</summary>
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Neuro.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException($"No Neuro.sln above {AppContext.BaseDirectory}");
        }
    }

    /// <summary>
    /// <c>../shared/data/<paramref name="set"/></c> beside the repository. Tests that read it require it (it exists on
    /// developers' machines and in CI), so a missing folder fails the test with its path rather than skipping it.
    /// </summary>
    public static string SharedData(string set)
    {
        string dir = Path.GetFullPath(Path.Combine(Root, "..", "shared", "data", set));
        return Directory.Exists(dir)
            ? dir
            : throw new DirectoryNotFoundException($"The shared data folder {dir} is missing; this test reads {set} from it");
    }
}
