using System.Globalization;
using ScottPlot;

namespace Neuro.Experiments;

/// <summary>
/// <c>foraging-curves RUNS OUT.png UNTRAINED</c>: for every run folder <c>RUNS/ALGORITHM-SEED</c> with a <c>log.csv</c>,
/// the best fitness so far (the running maximum of the <c>validation</c> column, the optimizer's current rule) against
/// evaluations; per algorithm the mean over seeds as a line and the range as a band; the untrained connectome as a
/// dashed line. Values between two logged generations are the last logged value (a step function).
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length != 3 || !Directory.Exists(args[0]) || !double.TryParse(args[2], NumberStyles.Float, CultureInfo.InvariantCulture, out double untrained))
        {
            Console.Error.WriteLine("usage: foraging-curves RUNS_DIR OUT.png UNTRAINED_FITNESS");
            return 2;
        }

        var runs = new Dictionary<string, List<(long[] Evaluations, double[] Best)>>(StringComparer.Ordinal);
        foreach (string dir in Directory.GetDirectories(args[0]).Order(StringComparer.Ordinal))
        {
            string log = Path.Combine(dir, "log.csv");
            string name = Path.GetFileName(dir);
            int dash = name.LastIndexOf('-');
            if (!File.Exists(log) || dash < 1)
            {
                continue;
            }

            var rows = File.ReadAllLines(log).Skip(1).Select(l => l.Split(',')).ToArray();
            var evaluations = rows.Select(r => long.Parse(r[4], CultureInfo.InvariantCulture)).ToArray();
            double best = double.NegativeInfinity;
            var bestSoFar = rows.Select(r => best = Math.Max(best, double.Parse(r[6], CultureInfo.InvariantCulture))).ToArray();
            string algorithm = name[..dash];
            if (!runs.TryGetValue(algorithm, out var list))
            {
                runs[algorithm] = list = [];
            }

            list.Add((evaluations, bestSoFar));
        }

        long end = runs.Values.SelectMany(l => l).Min(r => r.Evaluations[^1]);
        double[] grid = [.. Enumerable.Range(0, 201).Select(i => (double)(end * i / 200))];
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        int colour = 0;
        foreach (var (algorithm, list) in runs.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var values = grid.Select(x => list.Select(r => At(r, x)).Where(double.IsFinite).ToArray()).ToArray();
            double[] xs = [.. grid.Where((_, i) => values[i].Length == list.Count)];
            var kept = values.Where(v => v.Length == list.Count).ToArray();
            var color = palette.GetColor(colour++);
            var band = plot.Add.FillY(xs, [.. kept.Select(v => v.Min())], [.. kept.Select(v => v.Max())]);
            band.FillColor = color.WithAlpha(0.15);
            band.LineColor = Colors.Transparent;
            var line = plot.Add.ScatterLine(xs, [.. kept.Select(v => v.Average())]);
            line.Color = color;
            line.LineWidth = 2;
            line.LegendText = $"{algorithm} (n = {list.Count})";
        }

        var baseline = plot.Add.HorizontalLine(untrained);
        baseline.LinePattern = LinePattern.Dashed;
        baseline.Color = Colors.Black;
        baseline.LegendText = "untrained connectome";
        plot.ShowLegend(Alignment.LowerRight);
        plot.Title("Foraging: best fitness so far (mean over seeds; band: min to max)", 14);
        plot.XLabel("fitness evaluations");
        plot.YLabel("fitness (square + triangle)");
        plot.SavePng(args[1], 900, 560);
        Console.WriteLine($"{args[1]}: {runs.Sum(r => r.Value.Count)} runs of {runs.Count} algorithms, evaluations 0..{end}");
        return 0;
    }

    /// <summary>The last logged best-so-far at or before <paramref name="x"/> evaluations (−∞ before the first).</summary>
    private static double At((long[] Evaluations, double[] Best) run, double x)
    {
        double value = double.NegativeInfinity;
        for (int i = 0; i < run.Evaluations.Length && run.Evaluations[i] <= x; i++)
        {
            value = run.Best[i];
        }

        return value;
    }
}
