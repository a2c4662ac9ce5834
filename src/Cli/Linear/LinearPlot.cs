using System.Globalization;
using Neuro.Rules;
using ScottPlot;

namespace Neuro.Cli.Linear;

/// <summary>
/// The PNG of <c>evolve --task linear --plot</c>: per generation, the best model's MSE (log scale), its W and its b
/// against the target, and the distance of each from the target (log scale).
/// </summary>
internal static class LinearPlot
{
    private const int PanelWidth = 560;
    private const int PanelHeight = 380;

    /// <summary>Floor for a log scale: an exact model (MSE 0, in fixed point) is drawn here.</summary>
    private const double Floor = 1e-16;

    /// <summary>One generation's best model.</summary>
    internal readonly record struct Point(int Generation, double W, double B, double Mse);

    /// <summary>Draws the run into <paramref name="path"/> (written atomically).</summary>
    internal static void Run(IReadOnlyList<Point> points, double targetW, double targetB, string title, string path)
    {
        double[] g = [.. points.Select(p => (double)p.Generation)];
        var multiplot = new Multiplot();
        multiplot.AddPlots(4);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(2, 2);

        var mse = multiplot.GetPlot(0);
        mse.Add.Scatter(g, [.. points.Select(p => Math.Log10(Math.Max(p.Mse, Floor)))]);
        mse.Title($"{title}: best MSE", 13);
        mse.YLabel("log10 MSE (0 drawn at -16)");

        Value(multiplot.GetPlot(1), g, [.. points.Select(p => p.W)], targetW, "W");
        Value(multiplot.GetPlot(2), g, [.. points.Select(p => p.B)], targetB, "b");

        var distance = multiplot.GetPlot(3);
        var dw = distance.Add.Scatter(g, [.. points.Select(p => Math.Log10(Math.Max(Math.Abs(p.W - targetW), Floor)))]);
        dw.LegendText = "|W - target|";
        var db = distance.Add.Scatter(g, [.. points.Select(p => Math.Log10(Math.Max(Math.Abs(p.B - targetB), Floor)))]);
        db.LegendText = "|b - target|";
        var tolerance = distance.Add.HorizontalLine(-3);
        tolerance.LineColor = Colors.Gray;
        tolerance.LinePattern = LinePattern.Dashed;
        tolerance.LegendText = "1e-3";
        distance.ShowLegend(Alignment.UpperRight);
        distance.Title("distance from the target", 13);
        distance.YLabel("log10 distance (0 drawn at -16)");
        for (int i = 0; i < 4; i++)
        {
            multiplot.GetPlot(i).XLabel("generation");
        }

        using var image = multiplot.Render(2 * PanelWidth, 2 * PanelHeight);
        AtomicFile.WriteAllBytes(path, image.GetImageBytes(ImageFormat.Png, 100));
    }

    private static void Value(Plot plot, double[] g, double[] values, double target, string name)
    {
        var line = plot.Add.HorizontalLine(target);
        line.LineColor = Colors.Gray;
        line.LinePattern = LinePattern.Dashed;
        plot.Add.Scatter(g, values);
        plot.Title(string.Create(CultureInfo.InvariantCulture, $"best {name} (target {target})"), 13);
        plot.YLabel(name);
    }
}
