using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using Neuro.Cli.SmallTasks;
using Neuro.FixedPointSim.Linear;
using Neuro.Rules.Evolution;
using Neuro.Rules.Json;
using Neuro.Rules.Linear;
using Spectre.Console;

namespace Neuro.Cli.Linear;

/// <summary>
/// <c>neuro evolve --task linear [--precision FILE] --generations 30 --seed S [--out DIR] --json</c>: EMNN's GA on
/// <c>y = W·x + b</c> against <c>Y = 2X + 3</c> (fitness <c>−MSE</c>), in float or at a fixed-point precision; reports
/// the best W, b and MSE of every generation and of the run. Without <c>--out</c> the run folder is a temporary one,
/// removed at the end.
/// </summary>
internal static class LinearEvolve
{
    /// <summary>Runs (or resumes) the evolution; the exit code.</summary>
    internal static int Run(ParseResult result, EvolveOptions options, string? plot, CancellationToken cancellation)
    {
        string? given = result.GetValue(options.Out);
        if (given is null && result.GetValue(options.Resume))
        {
            throw new UsageException("--resume needs --out DIR, the run folder");
        }

        string dir = given ?? Path.Combine(Path.GetTempPath(), "neuro-linear-" + Guid.NewGuid().ToString("N"));
        try
        {
            return RunIn(dir, given is not null, result, options, plot, cancellation);
        }
        finally
        {
            if (given is null && Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    private static int RunIn(string dir, bool kept, ParseResult result, EvolveOptions options, string? plot, CancellationToken cancellation)
    {
        int total = result.GetValue(options.Generations);
        if (total < 1)
        {
            throw new UsageException($"--generations must be at least 1, not {total}");
        }

        LinearEvolveConfig config;
        IOptimizer optimizer;
        EvolutionCheckpoint? checkpoint = null;
        if (result.GetValue(options.Resume))
        {
            (checkpoint, optimizer) = SmallTaskEvolve.LoadCheckpoint(dir);
            config = LinearEvolveConfig.FromJson(checkpoint.Config);
        }
        else
        {
            config = new LinearEvolveConfig(
                LinearModelFile.Family,
                result.GetResult(options.Algorithm) is { Implicit: false } ? result.GetValue(options.Algorithm)! : GeneticOptimizer.AlgorithmName,
                result.GetValue(options.Population),
                result.GetValue(options.Sigma),
                result.GetValue(options.Seed),
                Precision(result.GetValue(options.Precision))?.ToJson(),
                result.GetValue(options.LearningRate));
            if (!OptimizerFactory.Names.Contains(config.Algorithm))
            {
                throw new UsageException($"Unknown --algorithm '{config.Algorithm}'; expected one of {string.Join(", ", OptimizerFactory.Names)}");
            }

            bool ga = config.Algorithm == GeneticOptimizer.AlgorithmName;
            optimizer = SmallTaskEvolve.Usage(() => OptimizerFactory.Create(
                config.Algorithm, LinearModelDecoder.GeneCount, config.Seed, population: config.Population ?? LinearModelDecoder.GeneticSettings.Population, sigma: config.Sigma,
                learningRate: config.LearningRate, genetic: ga ? LinearModelDecoder.GeneticSettings : null));
        }

        var task = new LinearTask();
        var precision = config.Precision is null ? null : LinearPrecision.FromJson(config.Precision, "the checkpoint's precision");
        var decoder = new LinearModelDecoder();
        Func<IRuleEvaluator<LinearModel>> evaluators = precision is null ? () => new LinearModelEvaluator(task) : () => new FixedLinearEvaluator(task, precision);
        int population = optimizer.Ask().Count;
        var stderr = result.InvocationConfiguration.Error;
        stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"neuro evolve: {config.Algorithm} on linear (Y = {task.Slope}X + {task.Intercept}, {task.Points} points in [{task.XMin}, {task.XMax}]), {(precision is null ? "float" : $"fixed point (weight {precision.Weight})")}, population {population}, seed {config.Seed}, generations {optimizer.Generation}→{total}{(kept ? $", out {dir}" : "")}"));
        var outcome = SmallTaskRun.Run(
            dir, config.ToJson(), optimizer, checkpoint, decoder, evaluators, result.GetValue(options.Threads), total,
            history => LinearModelFile.Write(Path.Combine(dir, EvolveCommand.RuleFile), Document(GenerationHistory.Best(history), history, task, precision, config, population)),
            stderr, cancellation);
        if (!outcome.Completed)
        {
            return Program.Failure;
        }

        var rows = outcome.History.Select(r => Point.Of(r, precision)).ToList();
        var best = Point.Of(GenerationHistory.Best(outcome.History), precision);
        var nearest = precision is null ? null : FixedLinearModel.Nearest(task, precision);
        if (plot is not null)
        {
            LinearPlot.Run(
                [.. rows.Select(p => new LinearPlot.Point(p.Generation, p.W, p.B, p.Mse))],
                nearest?.W.ToDouble() ?? task.Slope,
                nearest?.B.ToDouble() ?? task.Intercept,
                string.Create(CultureInfo.InvariantCulture, $"{config.Algorithm}, seed {config.Seed}{(precision is null ? "" : $", weight {precision.Weight.Format}")}"),
                plot);
        }
        var stdout = result.InvocationConfiguration.Output;
        if (result.GetValue(options.Json))
        {
            Output.Json(stdout, w =>
            {
                w.WriteStartObject();
                if (kept)
                {
                    w.WriteString("rule", Path.Combine(dir, EvolveCommand.RuleFile));
                }

                w.WriteString("task", LinearTask.Name);
                w.WriteString("algorithm", config.Algorithm);
                w.WriteNumber("seed", config.Seed);
                w.WriteNumber("population", population);
                w.WriteNumber("evaluations", outcome.Evaluations);
                w.WriteString("backend", precision is null ? "float" : "fixed");
                if (precision is not null)
                {
                    Output.Embed(w, "precision", precision.ToJson());
                    w.WriteStartObject("target");
                    w.WriteNumber("w", nearest!.W.ToDouble());
                    w.WriteNumber("b", nearest.B.ToDouble());
                    w.WriteNumber("wRaw", (long)nearest.W.Raw);
                    w.WriteNumber("bRaw", (long)nearest.B.Raw);
                    w.WriteEndObject();
                }
                else
                {
                    w.WriteStartObject("target");
                    w.WriteNumber("w", task.Slope);
                    w.WriteNumber("b", task.Intercept);
                    w.WriteEndObject();
                }

                w.WriteStartArray("generations");
                foreach (var p in rows)
                {
                    w.WriteStartObject();
                    p.Write(w);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                best.Write(w);
                w.WriteEndObject();
            });
        }
        else
        {
            var console = Output.Console(stdout);
            var table = new Table().AddColumns("generation", "w", "b", "mse");
            foreach (var p in rows)
            {
                table.AddRow(p.Generation.ToString(CultureInfo.InvariantCulture), Num(p.W, p.WRaw), Num(p.B, p.BRaw), p.Mse.ToString("G6", CultureInfo.InvariantCulture));
            }

            console.Write(table);
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"best: w {Num(best.W, best.WRaw)}, b {Num(best.B, best.BRaw)}, mse {best.Mse:G6} (generation {best.Generation}); target w {nearest?.W.ToDouble() ?? task.Slope}, b {nearest?.B.ToDouble() ?? task.Intercept}"));
        }

        return Program.Success;
    }

    /// <summary>The precision named by <c>--precision</c>: <c>default</c> or a config file; null for float.</summary>
    private static LinearPrecision? Precision(string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (value == "default")
        {
            return LinearPrecision.Default;
        }

        try
        {
            return LinearPrecision.Load(value);
        }
        catch (JsonInputException e)
        {
            throw new UsageException($"--precision {e.Message}", e);
        }
    }

    private static LinearModelDocument Document(GenerationHistory.Row best, List<GenerationHistory.Row> history, LinearTask task, LinearPrecision? precision, LinearEvolveConfig config, int population)
    {
        var p = Point.Of(best, precision);
        var fixedPoint = precision is null ? null : new LinearFixedPoint(
            ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [new("input", precision.Input.ToString()), new KeyValuePair<string, string>("weight", precision.Weight.ToString()), new("output", precision.Output.ToString())]),
            p.WRaw!.Value, p.BRaw!.Value);
        return new LinearModelDocument(new LinearModel(p.W, p.B), p.Mse, task, fixedPoint,
            new LinearProvenance(config.Seed, config.Algorithm, history[^1].Generation, best.Generation, best.Evaluations, population));
    }

    private static string Num(double value, long? raw) =>
        value.ToString("R", CultureInfo.InvariantCulture) + (raw is { } r ? string.Create(CultureInfo.InvariantCulture, $" (raw {r})") : "");

    /// <summary>One generation's best model as reported: in fixed point, the values the quantized raw integers stand for.</summary>
    private sealed record Point(int Generation, double W, double B, double Mse, long? WRaw, long? BRaw)
    {
        internal static Point Of(GenerationHistory.Row row, LinearPrecision? precision)
        {
            var model = new LinearModel(row.Genes[0], row.Genes[1]);
            if (precision is null)
            {
                return new Point(row.Generation, model.W, model.B, -row.Fitness, null, null);
            }

            var q = FixedLinearModel.Quantize(model, precision);
            return new Point(row.Generation, q.W.ToDouble(), q.B.ToDouble(), -row.Fitness, (long)q.W.Raw, (long)q.B.Raw);
        }

        internal void Write(System.Text.Json.Utf8JsonWriter w)
        {
            w.WriteNumber("generation", Generation);
            w.WriteNumber("w", W);
            w.WriteNumber("b", B);
            w.WriteNumber("mse", Mse);
            if (WRaw is { } wr && BRaw is { } br)
            {
                w.WriteNumber("wRaw", wr);
                w.WriteNumber("bRaw", br);
            }
        }
    }
}
