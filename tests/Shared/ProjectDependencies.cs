using System.Xml.Linq;

namespace Neuro;

/// <summary>Reads a src project's ProjectReferences, so each test project can check the dependency rules of DESIGN.md §1.</summary>
internal static class ProjectDependencies
{
    /// <summary>The names of the solution projects that <c>src/&lt;project&gt;</c> references, sorted.</summary>
    public static string[] Of(string project)
    {
        string path = Path.Combine(RepoPaths.Root, "src", project, project + ".csproj");
        return [.. XDocument.Load(path).Descendants("ProjectReference")
            .Select(e => Path.GetFileNameWithoutExtension(e.Attribute("Include")!.Value))
            .Order(StringComparer.Ordinal)];
    }
}
