using System.Globalization;
using System.Text;
using Neuro.Rules;
using Neuro.Rules.Evolution;

namespace Neuro.Cli.SmallTasks;

/// <summary>
/// <c>best.csv</c> in a run folder: the best candidate of every generation (fitness, evaluations so far, genes), for
/// tasks whose fitness ignores the context, so a candidate's fitness is exact and comparable across generations.
/// Kept beside <c>log.csv</c> and cut back with it on <c>--resume</c>.
/// </summary>
internal static class GenerationHistory
{
    /// <summary>The file name inside the run folder.</summary>
    internal const string FileName = "best.csv";

    private const string Header = "generation,fitness,evaluations,genes";

    /// <summary>One generation's best candidate.</summary>
    internal sealed record Row(int Generation, double Fitness, long Evaluations, double[] Genes);

    /// <summary>Starts an empty history (replacing any).</summary>
    internal static void Create(string dir) => AtomicFile.WriteAllText(Path(dir), Header + "\n");

    /// <summary>Appends the record's best candidate.</summary>
    internal static Row Append(string dir, GenerationRecord record)
    {
        var row = new Row(record.Generation, record.Best, record.Evaluations, [.. record.BestGenes ?? throw new InvalidOperationException("The generation record carries no genes")]);
        File.AppendAllText(Path(dir), Format(row) + "\n");
        return row;
    }

    /// <summary>Cuts the history back to its first <paramref name="generations"/> rows (for a resume from that checkpoint).</summary>
    /// <exception cref="InvalidDataException">The file is missing or has fewer rows.</exception>
    internal static void Truncate(string dir, int generations)
    {
        var rows = Read(dir);
        if (rows.Count < generations)
        {
            throw new InvalidDataException($"{Path(dir)} has {rows.Count} generations; the checkpoint has {generations}");
        }

        var text = new StringBuilder(Header + "\n");
        foreach (var row in rows.Take(generations))
        {
            text.Append(Format(row)).Append('\n');
        }

        AtomicFile.WriteAllText(Path(dir), text.ToString());
    }

    /// <summary>Every row, in generation order.</summary>
    /// <exception cref="InvalidDataException">The file is missing or malformed.</exception>
    internal static List<Row> Read(string dir)
    {
        string path = Path(dir);
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{path} is missing");
        }

        var rows = new List<Row>();
        foreach (string line in File.ReadAllLines(path).Skip(1))
        {
            string[] parts = line.Split(',');
            if (parts.Length != 4
                || !int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int generation)
                || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double fitness)
                || !long.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out long evaluations))
            {
                throw new InvalidDataException($"{path}: malformed line '{line}'");
            }

            var genes = parts[3].Split(';').Select(g => double.TryParse(g, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : throw new InvalidDataException($"{path}: malformed gene '{g}'")).ToArray();
            rows.Add(new Row(generation, fitness, evaluations, genes));
        }

        return rows;
    }

    /// <summary>The best row (the first of equals: the earliest generation to reach the best fitness).</summary>
    internal static Row Best(IReadOnlyList<Row> rows)
    {
        var best = rows[0];
        foreach (var row in rows)
        {
            if (row.Fitness > best.Fitness)
            {
                best = row;
            }
        }

        return best;
    }

    private static string Format(Row row) => string.Create(CultureInfo.InvariantCulture,
        $"{row.Generation},{row.Fitness:R},{row.Evaluations},{string.Join(';', row.Genes.Select(g => g.ToString("R", CultureInfo.InvariantCulture)))}");

    private static string Path(string dir) => System.IO.Path.Combine(dir, FileName);
}
