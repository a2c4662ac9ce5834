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
}
