namespace Neuro.Rules.Connectome;

/// <summary>
/// Reads the <c>Neurotransmitter</c> rows of <c>Modified_celegans_db_dump.csv</c> (WormAtlas / Altun et al. 2009;
/// header <c>Entity1,Relationship,Entity2,Evidence,Evidence URL</c>): which transmitters each neuron releases. Other
/// relationships are read (so a malformed row anywhere fails) but not kept. Errors name the file and line.
/// </summary>
public static class NeurotransmitterReader
{
    /// <summary>The file name inside a connectome folder.</summary>
    public const string FileName = "Modified_celegans_db_dump.csv";

    /// <summary>The header the file must start with.</summary>
    public const string Header = "Entity1,Relationship,Entity2,Evidence,Evidence URL";

    /// <summary>Neuron (WormAtlas name) → its transmitters, each listed once, in file order.</summary>
    /// <exception cref="ConnectomeFormatException">The file is missing, or its header or a row is malformed.</exception>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Read(string path)
    {
        var transmitters = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (line, fields) in CsvRecords.Read(path, Header))
        {
            string entity = fields[0].Trim(), relationship = fields[1].Trim(), value = fields[2].Trim();
            if (entity.Length == 0 || relationship.Length == 0)
            {
                throw new ConnectomeFormatException(path, line, $"empty {(entity.Length == 0 ? "Entity1" : "Relationship")}");
            }

            if (relationship != "Neurotransmitter")
            {
                continue;
            }

            if (value.Length == 0)
            {
                throw new ConnectomeFormatException(path, line, $"empty neurotransmitter for {entity}");
            }

            if (!transmitters.TryGetValue(entity, out var list))
            {
                transmitters[entity] = list = [];
            }

            if (!list.Contains(value, StringComparer.Ordinal))
            {
                list.Add(value);
            }
        }

        return transmitters.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value, StringComparer.Ordinal);
    }
}
