using System.Globalization;

namespace Neuro.Rules.Connectome;

/// <summary>
/// Reads the Cook et al. (2019) edge list <c>herm_full_edgelist.csv</c> (header <c>Source,Target,Weight,Type</c>):
/// trims the space-padded names, requires a positive integer weight and a type of <c>chemical</c> or <c>electrical</c>,
/// and rejects a repeated (Source, Target, Type) key. A malformed row throws <see cref="ConnectomeFormatException"/>
/// naming the file and line.
/// </summary>
public static class EdgeListReader
{
    /// <summary>The file name inside a connectome folder.</summary>
    public const string FileName = "herm_full_edgelist.csv";

    /// <summary>The header the file must start with.</summary>
    public const string Header = "Source,Target,Weight,Type";

    /// <summary>Every data row, in file order.</summary>
    /// <exception cref="ConnectomeFormatException">The file is missing, or its header or a row is malformed.</exception>
    public static IReadOnlyList<EdgeListRow> Read(string path)
    {
        var rows = new List<EdgeListRow>();
        var keys = new Dictionary<(string, string, SynapseType), int>();
        foreach (var (line, fields) in CsvRecords.Read(path, Header))
        {
            string source = fields[0].Trim();
            string target = fields[1].Trim();
            if (source.Length == 0 || target.Length == 0)
            {
                throw new ConnectomeFormatException(path, line, $"empty {(source.Length == 0 ? "Source" : "Target")} name");
            }

            if (!int.TryParse(fields[2].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int weight) || weight < 1)
            {
                throw new ConnectomeFormatException(path, line, $"Weight must be a positive integer, not '{fields[2]}'");
            }

            var type = fields[3].Trim() switch
            {
                "chemical" => SynapseType.Chemical,
                "electrical" => SynapseType.Electrical,
                var other => throw new ConnectomeFormatException(path, line, $"Type must be 'chemical' or 'electrical', not '{other}'"),
            };
            if (!keys.TryAdd((source, target, type), line))
            {
                throw new ConnectomeFormatException(path, line, $"{source} -> {target} ({fields[3].Trim()}) repeats line {keys[(source, target, type)]}");
            }

            rows.Add(new EdgeListRow(source, target, weight, type, line));
        }

        return rows;
    }
}
