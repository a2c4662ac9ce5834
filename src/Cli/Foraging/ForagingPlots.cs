using System.Globalization;
using Neuro.Rules;
using Neuro.Rules.Foraging;
using ScottPlot;

namespace Neuro.Cli.Foraging;

/// <summary>The PNG of <c>simulate --task foraging --plot</c>: one panel per food pattern with the arena, the food and the trajectory.</summary>
internal static class ForagingPlots
{
    private const int PanelWidth = 640;
    private const int PanelHeight = 520;

    /// <summary>Draws each lifetime of <paramref name="traces"/> (one per pattern of <paramref name="task"/>) into <paramref name="path"/>.</summary>
    internal static void Trajectories(ForagingTask task, IReadOnlyList<ForagingTrace> traces, double fitness, string label, string path)
    {
        int panels = traces.Count;
        int columns = Math.Min(panels, 2);
        int rows = (panels + columns - 1) / columns;
        var multiplot = new Multiplot();
        multiplot.AddPlots(panels);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(rows, columns);
        for (int i = 0; i < panels; i++)
        {
            Panel(multiplot.GetPlot(i), task, traces[i], task.Settings.Patterns[i]);
        }

        multiplot.GetPlot(0).Title(string.Create(CultureInfo.InvariantCulture,
            $"{label}: fitness {fitness:F1}\n{ForagingOptions.Name(task.Settings.Patterns[0])}: reward {traces[0].Rewards.Sum():F1}, eaten {traces[0].Eaten.Count}/{traces[0].Food.Count}"), 13);
        using var image = multiplot.Render(columns * PanelWidth, rows * PanelHeight);
        AtomicFile.WriteAllBytes(path, image.GetImageBytes(ImageFormat.Png, 100));
    }

    private static void Panel(Plot plot, ForagingTask task, ForagingTrace trace, FoodPattern pattern)
    {
        var s = task.Settings;
        var arena = plot.Add.Rectangle(0, s.Width, 0, s.Height);
        arena.FillStyle.Color = Colors.Transparent;
        arena.LineStyle.Color = Colors.Gray;
        var eaten = trace.Eaten.Select(e => e.Food).ToHashSet();
        var left = trace.Food.Where((_, i) => !eaten.Contains(i)).ToArray();
        var got = trace.Food.Where((_, i) => eaten.Contains(i)).ToArray();
        if (left.Length > 0)
        {
            var food = plot.Add.ScatterPoints(left.Select(p => p.X).ToArray(), left.Select(p => p.Y).ToArray());
            food.Color = Colors.Orange;
            food.MarkerSize = 7;
            food.LegendText = "food";
        }

        if (got.Length > 0)
        {
            var food = plot.Add.ScatterPoints(got.Select(p => p.X).ToArray(), got.Select(p => p.Y).ToArray());
            food.Color = Colors.Green;
            food.MarkerSize = 9;
            food.MarkerShape = MarkerShape.FilledDiamond;
            food.LegendText = "eaten";
        }

        var path = plot.Add.ScatterLine(trace.States.Select(st => st.Position.X).ToArray(), trace.States.Select(st => st.Position.Y).ToArray());
        path.Color = Colors.SteelBlue;
        path.LineWidth = 1.5f;
        path.LegendText = "worm";
        var start = plot.Add.Marker(trace.States[0].Position.X, trace.States[0].Position.Y);
        start.MarkerShape = MarkerShape.OpenCircle;
        start.Color = Colors.Black;
        start.MarkerSize = 12;
        var end = plot.Add.Marker(trace.States[^1].Position.X, trace.States[^1].Position.Y);
        end.MarkerShape = MarkerShape.FilledSquare;
        end.Color = Colors.Red;
        end.MarkerSize = 8;
        plot.Title(string.Create(CultureInfo.InvariantCulture,
            $"{ForagingOptions.Name(pattern)}: reward {trace.Rewards.Sum():F1}, eaten {trace.Eaten.Count}/{trace.Food.Count}"), 13);
        plot.ShowLegend(Alignment.UpperRight);
        plot.Axes.SetLimits(-20, s.Width + 20, -20, s.Height + 20);
        plot.Axes.SquareUnits();
        plot.XLabel("x (px)");
        plot.YLabel("y (px)");
    }
}
