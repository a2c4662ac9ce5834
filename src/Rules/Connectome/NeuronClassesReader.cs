namespace Neuro.Rules.Connectome;

/// <summary>
/// Reads <c>neuron_classes.csv</c> (one row per neuron of the hermaphrodite, 302 rows): the neuron filter and the
/// WormAtlas ↔ edge-list name map. A malformed row throws <see cref="ConnectomeFormatException"/> naming the file and line.
/// </summary>
public static class NeuronClassesReader
{
    /// <summary>The file name inside a connectome folder.</summary>
    public const string FileName = "neuron_classes.csv";

    /// <summary>The header the file must start with.</summary>
    public const string Header = "neuron,edgelist_name,sensory,interneuron,motor,classes,in_herm_full_edgelist,wormatlas_type";

    /// <summary>Every neuron, in file order.</summary>
    /// <exception cref="ConnectomeFormatException">The file is missing, or its header or a row is malformed, or a name repeats.</exception>
    public static IReadOnlyList<NeuronClass> Read(string path)
    {
        var neurons = new List<NeuronClass>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var edgeNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (line, fields) in CsvRecords.Read(path, Header))
        {
            string name = fields[0].Trim(), edgeName = fields[1].Trim();
            if (name.Length == 0 || edgeName.Length == 0)
            {
                throw new ConnectomeFormatException(path, line, $"empty {(name.Length == 0 ? "neuron" : "edgelist_name")}");
            }

            if (!names.Add(name) || !edgeNames.Add(edgeName))
            {
                throw new ConnectomeFormatException(path, line, $"neuron {name} ({edgeName}) is listed twice");
            }

            neurons.Add(new NeuronClass(name, edgeName, Flag(fields[2], "sensory"), Flag(fields[3], "interneuron"), Flag(fields[4], "motor")));

            bool Flag(string text, string column) => text.Trim() switch
            {
                "0" => false,
                "1" => true,
                _ => throw new ConnectomeFormatException(path, line, $"{column} must be 0 or 1, not '{text}'"),
            };
        }

        return neurons;
    }
}
