using System.Globalization;
using Neuro.Rules;
using Neuro.Rules.Baxter;
using ScottPlot;

namespace Neuro.Cli.Baxter;

/// <summary>
/// The PNG of <c>simulate --plot</c> for a baxter learner: one panel per function, time across, one row per node (the
/// activities each step read), one for the output after the step (in the test, the answer is the last one), and one per
/// learnable weight (after the step); +1 yellow, −1 purple; a red line where the test begins.
/// </summary>
internal static class BaxterPlot
{
    private const int PanelWidth = 640;
    private const int PanelHeight = 360;

    /// <summary>Draws <paramref name="trials"/> into <paramref name="path"/> (written atomically).</summary>
    internal static void Trials(BaxterLearner learner, IReadOnlyList<BaxterTrialResult> trials, string path)
    {
        int columns = trials.Count == 1 ? 1 : 2;
        int rows = (trials.Count + columns - 1) / columns;
        var multiplot = new Multiplot();
        multiplot.AddPlots(trials.Count);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(rows, columns);
        for (int i = 0; i < trials.Count; i++)
        {
            Panel(multiplot.GetPlot(i), learner, trials[i]);
        }

        using var image = multiplot.Render(columns * PanelWidth, rows * PanelHeight);
        AtomicFile.WriteAllBytes(path, image.GetImageBytes(ImageFormat.Png, 100));
    }

    private static void Panel(Plot plot, BaxterLearner learner, BaxterTrialResult trial)
    {
        var network = learner.Network;
        var labels = Enumerable.Range(0, network.Nodes).Select(network.NodeName)
            .Append("out after step")
            .Concat(network.Learnable.Select(s => "w " + BaxterSimulate.SynapseName(network, s))).ToArray();
        int steps = trial.Trace.Length;
        var cells = new double[labels.Length, steps];
        for (int t = 0; t < steps; t++)
        {
            var step = trial.Trace[t];
            for (int r = 0; r < network.Nodes; r++)
            {
                cells[r, t] = step.Presented[r];
            }

            cells[network.Nodes, t] = step.Activities[network.Output];
            for (int k = 0; k < step.Weights.Length; k++)
            {
                cells[network.Nodes + 1 + k, t] = step.Weights[k];
            }
        }

        var heatmap = plot.Add.Heatmap(cells);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.ManualRange = new ScottPlot.Range(-1, 1);
        // Row 0 (the bias) is drawn at the top: row r sits at y = rows − 1 − r.
        heatmap.Rectangle = new CoordinateRect(-0.5, steps - 0.5, -0.5, labels.Length - 0.5);
        int firstTest = trial.Trace.ToList().FindIndex(s => !s.Training);
        if (firstTest > 0)
        {
            var line = plot.Add.VerticalLine(firstTest - 0.5);
            line.LineColor = Colors.Red;
            line.LineWidth = 2;
        }

        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (int r = 0; r < labels.Length; r++)
        {
            ticks.AddMajor(labels.Length - 1 - r, labels[r]);
        }

        plot.Axes.Left.TickGenerator = ticks;
        plot.Axes.SetLimits(-0.5, steps - 0.5, -0.5, labels.Length - 0.5);
        string outputs = BaxterEvolve.Signs(trial.Outputs);
        plot.Title(string.Create(CultureInfo.InvariantCulture,
            $"{trial.Function.Name}: {(trial.Learned ? "learned" : "not learned")} (test outputs {outputs}); yellow +1, purple -1"), 13);
        plot.XLabel("step (red line: test begins)");
    }
}
