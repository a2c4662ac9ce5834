using System.Globalization;
using Neuro.FixedPointSim.Patterns;
using Neuro.Rules;
using ScottPlot;

namespace Neuro.Cli;

/// <summary>The PNG figures of <c>quantize --plot</c> and <c>sweep</c> (ScottPlot, rendered off-screen), written atomically.</summary>
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
