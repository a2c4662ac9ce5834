using System.Text.Json;
using System.Text.Json.Serialization;

namespace Neuro.Rules.Patterns;

/// <summary>Provenance as rule files of every family hold it: seed, algorithm, task, fitness, and any further members kept verbatim (read with <see cref="Neuro.Rules.Json.StrictJson"/>).</summary>
/// <param name="Seed">Run seed.</param>
/// <param name="Algorithm">Optimizer name.</param>
/// <param name="Task">Task name.</param>
/// <param name="Fitness">Fitness the run reported.</param>
public sealed record RuleProvenanceJson(long Seed, string Algorithm, string Task, double Fitness)
{
    /// <summary>Further facts, verbatim.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }

    /// <summary>The provenance record.</summary>
    public RuleProvenance ToProvenance()
    {
        var extra = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in Extra ?? [])
        {
            extra[key] = value.GetRawText();
        }

        return new RuleProvenance(Seed, Algorithm, Task, Fitness) { Extra = extra };
    }
}
