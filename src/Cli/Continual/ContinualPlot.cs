using Neuro.Rules;
using Neuro.Rules.Continual;
using ScottPlot;

namespace Neuro.Cli.Continual;

/// <summary>The PNG of <c>neuro continual --plot</c>: per variant (class- and task-incremental), each task's accuracy after every phase.</summary>
internal static class ContinualPlot
{
    /// <summary>Draws the two accuracy matrices of <paramref name="outcome"/> as grouped bars (one group per phase) into <paramref name="path"/>, atomically.</summary>
    internal static void Draw(ContinualResult outcome, string title, string path)
    {
        var multiplot = new Multiplot();
        multiplot.AddPlots(2);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(1, 2);
        Panel(multiplot.GetPlot(0), outcome, outcome.ClassIncremental, $"{title}: class-incremental", outcome.ClassForgetting, outcome.ClassAverage);
        Panel(multiplot.GetPlot(1), outcome, outcome.TaskIncremental, $"{title}: task-incremental", outcome.TaskForgetting, outcome.TaskAverage);
        using var image = multiplot.Render(1280, 480);
        AtomicFile.WriteAllBytes(path, image.GetImageBytes(ImageFormat.Png, 100));
    }

    private static void Panel(Plot plot, ContinualResult outcome, System.Collections.Immutable.ImmutableArray<System.Collections.Immutable.ImmutableArray<double>> matrix, string title, double forgetting, double average)
    {
        var palette = new ScottPlot.Palettes.Category10();
        int tasks = outcome.Tasks.Length;
        var bars = new List<Bar>();
        for (int p = 0; p < matrix.Length; p++)
        {
            for (int t = 0; t < tasks; t++)
            {
                double value = 100 * matrix[p][t];
                bars.Add(new Bar
                {
                    Position = p * (tasks + 1) + t,
                    Value = value,
                    FillColor = palette.GetColor(t),
                    Label = value.ToString("F1", System.Globalization.CultureInfo.InvariantCulture),
                });
            }
        }

        var series = plot.Add.Bars(bars);
        series.ValueLabelStyle.FontSize = 11;
        for (int t = 0; t < tasks; t++)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = outcome.Tasks[t], FillColor = palette.GetColor(t) });
        }

        var ticks = Enumerable.Range(0, matrix.Length).Select(p => new Tick(p * (tasks + 1) + (tasks - 1) / 2.0, $"after {outcome.Tasks[p]}")).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        plot.Axes.SetLimitsY(0, 105);
        plot.YLabel("test accuracy (%)");
        plot.Title(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{title}\nforgetting {100 * forgetting:F1} points, average {100 * average:F1} %"));
        plot.ShowLegend(Alignment.UpperRight);
    }
}
