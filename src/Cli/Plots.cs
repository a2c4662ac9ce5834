using System.Globalization;
using Neuro.FixedPointSim;
using Neuro.FixedPointSim.Patterns;
using Neuro.Rules;
using ScottPlot;

namespace Neuro.Cli;

/// <summary>The PNG figures of <c>quantize --plot</c>, <c>sweep</c> and <c>demo</c> (ScottPlot, rendered off-screen), written atomically.</summary>
internal static class Plots
{
    private const int PanelWidth = 640;
    private const int PanelHeight = 480;

    /// <summary>
    /// A warning when the machine has no fonts: ScottPlot (SkiaSharp) then draws every plot without any text (no
    /// titles, labels or ticks) and reports no error. Null when fonts are found.
    /// </summary>
    internal static string? MissingFontsWarning() =>
        SkiaSharp.SKTypeface.Default.GlyphCount == 0
            ? "neuro: warning: no fonts found on this machine, so the plot has no text; install some (Debian: apt-get install fonts-dejavu-core)"
            : null;

    /// <summary>
    /// One panel per rule table (the quantized ROM value against <c>eta·table[i]</c>, with the line <c>y = x</c> where a
    /// word would be exact), an error panel (each word's error in LSBs against its address, tables side by side) and a
    /// drift panel (RMS difference of each weight matrix against samples learned).
    /// </summary>
    internal static void Quantization(QuantizationReport report, string path)
    {
        int panels = report.Tables.Count + 2;
        int rows = (panels + 1) / 2;
        var multiplot = new Multiplot();
        multiplot.AddPlots(panels);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(rows, 2);
        for (int t = 0; t < report.Tables.Count; t++)
        {
            TablePanel(multiplot.GetPlot(t), report.Tables[t]);
        }

        ErrorPanel(multiplot.GetPlot(report.Tables.Count), report);
        DriftPanel(multiplot.GetPlot(report.Tables.Count + 1), report);
        using var image = multiplot.Render(2 * PanelWidth, rows * PanelHeight);
        AtomicFile.WriteAllBytes(path, image.GetImageBytes(ImageFormat.Png, 100));
    }

    /// <summary>A heat map of test accuracy over entry bits (rows) × weight bits (columns), each cell labelled; invalid cells grey, the smallest cell within budget outlined.</summary>
    internal static void Sweep(SweepResult result, string path)
    {
        var (entry, weight) = (result.Settings.EntryBits, result.Settings.WeightBits);
        var intensities = new double[entry.Count, weight.Count];
        foreach (var cell in result.Cells)
        {
            // Row 0 is drawn at the top: put the widest entry there so entry bits grow upwards.
            intensities[entry.Max - cell.EntryBits, cell.WeightBits - weight.Min] = cell.Accuracy is { } a ? 100 * a : double.NaN;
        }

        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(intensities);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.NaNCellColor = Colors.LightGray;
        heatmap.Rectangle = new CoordinateRect(weight.Min - 0.5, weight.Max + 0.5, entry.Min - 0.5, entry.Max + 0.5);
        var bar = plot.Add.ColorBar(heatmap);
        bar.Label = "test accuracy (%)";
        foreach (var cell in result.Cells)
        {
            string label = cell.Accuracy is { } a ? (100 * a).ToString("F1", CultureInfo.InvariantCulture) : "-";
            var text = plot.Add.Text(label, cell.WeightBits, cell.EntryBits);
            text.Alignment = Alignment.MiddleCenter;
            text.LabelFontSize = Math.Clamp(200f / Math.Max(entry.Count, weight.Count), 7f, 14f);
            text.LabelFontColor = cell.Accuracy is { } v && 100 * v > Midpoint(result) ? Colors.Black : Colors.White;
        }

        if (result.Smallest is { } best)
        {
            var box = plot.Add.Rectangle(best.WeightBits - 0.5, best.WeightBits + 0.5, best.EntryBits - 0.5, best.EntryBits + 0.5);
            box.FillStyle.Color = Colors.Transparent;
            box.LineStyle.Color = Colors.Red;
            box.LineStyle.Width = 3;
        }

        plot.Title(string.Create(CultureInfo.InvariantCulture,
            $"Test accuracy (%) after {result.Settings.Passes} pass(es); float reference {100 * result.FloatAccuracy:F1} %\nred box: smallest within {result.Settings.BudgetPoints:0.###} points of it"), 14);
        plot.XLabel("weight bits");
        plot.YLabel("rule-entry bits");
        plot.Axes.SetLimits(weight.Min - 0.5, weight.Max + 0.5, entry.Min - 0.5, entry.Max + 0.5);
        plot.Axes.Bottom.TickGenerator = IntegerTicks(weight.Widths);
        plot.Axes.Left.TickGenerator = IntegerTicks(entry.Widths);
        int width = Math.Clamp(160 + (60 * weight.Count), 640, 1600);
        int height = Math.Clamp(140 + (45 * entry.Count), 400, 1200);
        AtomicFile.WriteAllBytes(path, plot.GetImageBytes(width, height, ImageFormat.Png));
    }

    /// <summary>
    /// Online accuracy over a lifetime: for each network, the fraction of the last <paramref name="window"/> training
    /// samples it predicted right before learning from them, against samples seen; dashed lines mark each network's test
    /// accuracy after the lifetime.
    /// </summary>
    internal static void Lifetime(IReadOnlyList<(string Name, bool[] Correct, double TestAccuracy)> curves, int window, double chance, string path)
    {
        var plot = new Plot();
        foreach (var (name, correct, test) in curves)
        {
            var xs = new List<double>();
            var ys = new List<double>();
            int sum = 0;
            for (int i = 0; i < correct.Length; i++)
            {
                sum += correct[i] ? 1 : 0;
                if (i >= window)
                {
                    sum -= correct[i - window] ? 1 : 0;
                }

                if (i + 1 >= window)
                {
                    xs.Add(i + 1);
                    ys.Add(100.0 * sum / window);
                }
            }

            var line = plot.Add.Scatter(xs.ToArray(), ys.ToArray());
            line.MarkerSize = 0;
            line.LegendText = string.Create(CultureInfo.InvariantCulture, $"{name}: online (last {window}); test {100 * test:F1} %");
            var testLine = plot.Add.HorizontalLine(100 * test);
            testLine.LineColor = line.LineColor;
            testLine.LinePattern = LinePattern.Dashed;
        }

        var chanceLine = plot.Add.HorizontalLine(100 * chance);
        chanceLine.LineColor = Colors.Gray;
        chanceLine.LinePattern = LinePattern.Dotted;
        chanceLine.LegendText = "chance";
        plot.ShowLegend(Alignment.LowerRight);
        plot.Title("Accuracy over the lifetime (one online pass)", 14);
        plot.XLabel("training samples seen");
        plot.YLabel("accuracy (%)");
        plot.Axes.SetLimitsY(0, 100);
        AtomicFile.WriteAllBytes(path, plot.GetImageBytes(PanelWidth + 160, PanelHeight, ImageFormat.Png));
    }

    /// <summary>
    /// A histogram of <c>fixed − float</c> over the plastic weights after the same lifetime, with the float weights' RMS
    /// (the scale to read the errors against) and the weight's LSB in the title.
    /// </summary>
    internal static void WeightErrors(IReadOnlyList<double> errors, double floatRms, FixedType weight, string path)
    {
        double lsb = Math.ScaleB(1, -weight.Format.FracBits);
        double max = errors.Count == 0 ? lsb : Math.Max(lsb, errors.Max(e => Math.Abs(e)));
        const int bins = 41;
        double width = 2 * max / bins;
        var counts = new double[bins];
        foreach (double e in errors)
        {
            counts[Math.Clamp((int)Math.Floor((e + max) / width), 0, bins - 1)]++;
        }

        double[] centres = [.. Enumerable.Range(0, bins).Select(i => -max + ((i + 0.5) * width))];
        var plot = new Plot();
        var bars = plot.Add.Bars(centres, counts);
        foreach (var bar in bars.Bars)
        {
            bar.Size = width * 0.95;
        }

        double rms = errors.Count == 0 ? 0 : Math.Sqrt(errors.Average(e => e * e));
        plot.Title(string.Create(CultureInfo.InvariantCulture,
            $"Plastic weights after the lifetime: fixed − float\n{errors.Count} weights; error RMS {rms:G3}, float weights RMS {floatRms:G3}, LSB {lsb:G3}"), 13);
        plot.XLabel($"fixed − float ({weight.Format})");
        plot.YLabel("weights");
        AtomicFile.WriteAllBytes(path, plot.GetImageBytes(PanelWidth + 160, PanelHeight, ImageFormat.Png));
    }

    /// <summary>The rule ROM's words (raw integers) by address, one series per table, with the word's range marked.</summary>
    internal static void RomWords(IReadOnlyList<(string Table, IReadOnlyList<long> Words)> tables, long minRaw, long maxRaw, string entryType, string path)
    {
        var plot = new Plot();
        int offset = 0;
        foreach (var (table, words) in tables)
        {
            double[] xs = [.. Enumerable.Range(offset, words.Count).Select(i => (double)i)];
            var points = plot.Add.ScatterPoints(xs, [.. words.Select(w => (double)w)]);
            points.MarkerSize = 4;
            points.LegendText = string.Create(CultureInfo.InvariantCulture, $"{table} ({words.Count} words, from {offset})");
            offset += words.Count;
        }

        foreach (long limit in new[] { minRaw, maxRaw })
        {
            var line = plot.Add.HorizontalLine(limit);
            line.LineColor = Colors.Gray;
            line.LinePattern = LinePattern.Dashed;
        }

        plot.ShowLegend(Alignment.UpperRight);
        plot.Title($"Rule ROM words: eta·entry in the weight's LSBs\n{entryType}; dashed: the word's range", 13);
        plot.XLabel("address (tables side by side)");
        plot.YLabel("raw word");
        AtomicFile.WriteAllBytes(path, plot.GetImageBytes(PanelWidth + 160, PanelHeight, ImageFormat.Png));
    }

    private static void TablePanel(Plot plot, TableQuantizationError table)
    {
        var xs = table.Targets.ToArray();
        var ys = Enumerable.Range(0, table.Entries).Select(table.Value).ToArray();
        double lo = Math.Min(xs.Min(), ys.Min()), hi = Math.Max(xs.Max(), ys.Max());
        var diagonal = plot.Add.Line(lo, lo, hi, hi);
        diagonal.LineColor = Colors.Gray;
        diagonal.LinePattern = LinePattern.Dashed;
        var points = plot.Add.ScatterPoints(xs, ys);
        points.MarkerSize = 5;
        string sqnr = table.Exact ? "exact" : string.Create(CultureInfo.InvariantCulture, $"SQNR {table.SqnrDb:F1} dB");
        plot.Title(string.Create(CultureInfo.InvariantCulture,
            $"{table.Table}: {table.Entries} entries, {sqnr}, {table.Saturated} saturated, {table.Zeroed} zeroed"), 14);
        plot.XLabel("eta·table[i]");
        plot.YLabel($"ROM word value ({table.Entry.Format})");
    }

    private static void ErrorPanel(Plot plot, QuantizationReport report)
    {
        int offset = 0;
        foreach (var table in report.Tables)
        {
            double lsb = table.Lsb;
            double[] xs = [.. Enumerable.Range(offset, table.Entries).Select(i => (double)i)];
            double[] ys = [.. Enumerable.Range(0, table.Entries).Select(i => (table.Value(i) - table.Targets[i]) / lsb)];
            var points = plot.Add.ScatterPoints(xs, ys);
            points.MarkerSize = 4;
            points.LegendText = string.Create(CultureInfo.InvariantCulture, $"{table.Table} (from {offset})");
            offset += table.Entries;
        }

        plot.ShowLegend(Alignment.UpperRight);
        plot.Title("ROM word error: value − eta·table[i]", 14);
        plot.XLabel("entry (tables side by side)");
        plot.YLabel("error (LSB)");
    }

    private static void DriftPanel(Plot plot, QuantizationReport report)
    {
        double[] samples = [.. report.Drift.Select(d => (double)d.Samples)];
        (string Name, Func<DriftCheckpoint, WeightDrift> Of)[] matrices =
        [
            ("Win (input)", d => d.Input),
            ("Wg (recurrent)", d => d.Recurrent),
            ("Wout (output)", d => d.Output),
        ];
        foreach (var (name, of) in matrices)
        {
            var line = plot.Add.Scatter(samples, report.Drift.Select(d => of(d).RmsDrift).ToArray());
            line.LegendText = report.FinalDrift is var last && of(last).Plastic ? name : name + ", fixed";
        }

        plot.ShowLegend(Alignment.UpperLeft);
        plot.Title("Weight drift: RMS of fixed − float", 14);
        plot.XLabel("samples learned");
        plot.YLabel("RMS drift");
    }

    private static double Midpoint(SweepResult result)
    {
        var accuracies = result.Cells.Where(c => c.Accuracy is not null).Select(c => 100 * c.Accuracy!.Value).ToArray();
        return accuracies.Length == 0 ? 0 : (accuracies.Min() + accuracies.Max()) / 2;
    }

    private static ScottPlot.TickGenerators.NumericManual IntegerTicks(IEnumerable<int> values)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        foreach (int v in values)
        {
            ticks.AddMajor(v, v.ToString(CultureInfo.InvariantCulture));
        }

        return ticks;
    }
}
