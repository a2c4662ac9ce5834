using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Neuro.FixedPointSim.Hebbian;
using Neuro.FixedPointSim.Patterns;
using Neuro.Rules.Continual;
using Neuro.Rules.Hebbian;
using Neuro.Rules.Patterns;
using Spectre.Console;

namespace Neuro.Cli.Continual;

/// <summary>
/// <c>neuro continual</c>: one lifetime of the continual protocol (tasks learned in turn, each training set streamed
/// once, no replay, no task label while learning), printing the accuracy matrices after every phase (rows: after phase;
/// columns: task), the forgetting and the average, class-incremental and task-incremental. The learner is a
/// <c>hebbian</c> rule (float, or fixed point with <c>--precision</c>), or a baseline: <c>sgd</c>, <c>ewc</c>, or
/// <c>pattern</c> (a pattern rule with <c>--pattern-rule</c>).
/// </summary>
internal static class ContinualCommand
{
    /// <summary>Builds the <c>continual</c> verb with its <c>evolve</c> subcommand.</summary>
    internal static Command Create()
    {
        var rule = new Option<string?>("--rule") { Description = "A hebbian rule file (rule.json, \"family\": \"hebbian\")", HelpName = "RULE.json" };
        var baseline = new Option<string?>("--baseline") { Description = "Run a baseline instead of a hebbian rule: sgd (MLP, backpropagation, fine-tuning), ewc (the same with elastic weight consolidation), pattern (a pattern rule, --pattern-rule)" };
        var patternRule = new Option<string?>("--pattern-rule") { Description = "--baseline pattern: the pattern rule file", HelpName = "RULE.json" };
        var patternPrecision = new Option<string?>("--pattern-precision") { Description = "--baseline pattern: run the fixed-point pattern network with this precision config ('default' or a file); without it, the float reference", HelpName = "default|FILE.json" };
        var precision = new Option<string?>("--precision")
        {
            Description = "Run the hebbian rule on the bit-accurate fixed-point network: 'default' (8-bit weights, 4-bit activities; see --print-default-precision) or a precision JSON file",
            HelpName = "default|FILE.json",
        };
        var printDefault = new Option<bool>("--print-default-precision") { Description = "Print the default hebbian precision config as JSON and exit" };
        var learningRate = new Option<double>("--learning-rate") { Description = "sgd/ewc: the SGD step", DefaultValueFactory = _ => new MlpSettings().LearningRate };
        var lambda = new Option<double>("--ewc-lambda") { Description = "ewc: the penalty strength lambda", DefaultValueFactory = _ => 100 };
        var fisher = new Option<int>("--fisher-samples") { Description = "ewc: training samples per task in the Fisher information", DefaultValueFactory = _ => new MlpSettings().FisherSamples };
        var cap = new Option<int?>("--cap") { Description = "--baseline pattern: neurons kept by the cap (default: half of --hidden)" };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON" };
        var plot = new Option<string?>("--plot") { Description = "Draw the accuracy matrices into a PNG file", HelpName = "FILE.png" };
        var validationSplit = new Option<int?>("--validation-split")
        {
            Description = "Score on the last N training images of each task instead of the test sets (and learn from the rest): for tuning settings without touching the test sets",
            HelpName = "N",
        };
        var options = new ContinualOptions();
        var command = new Command("continual", "Learn tasks one after another (MNIST, then Fashion-MNIST) and report the accuracy matrix, forgetting and average")
        {
            rule, baseline, patternRule, patternPrecision, precision, printDefault, learningRate, lambda, fisher, cap, json, plot, validationSplit,
        };
        options.AddTo(command);
        command.Subcommands.Add(ContinualEvolveCommand.Create());
        command.SetAction(result =>
        {
            var stdout = result.InvocationConfiguration.Output;
            if (result.GetValue(printDefault))
            {
                stdout.Write(HebbianPrecision.Default.ToJson());
                return Program.Success;
            }

            options.DataFolder(result);

            string? kind = result.GetValue(baseline);
            string? rulePath = result.GetValue(rule);
            if (kind is not (null or "sgd" or "ewc" or "pattern"))
            {
                throw new UsageException($"Unknown --baseline '{kind}'; expected sgd, ewc or pattern");
            }

            if ((kind is null) == (rulePath is null))
            {
                throw new UsageException(kind is null ? "Name the learner: --rule RULE.json (a hebbian rule) or --baseline sgd|ewc|pattern" : "--rule and --baseline exclude each other (the pattern baseline takes --pattern-rule)");
            }

            string? plotPath = result.GetValue(plot);
            if (plotPath is not null && !plotPath.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
            {
                throw new UsageException($"--plot must name a .png file, not '{plotPath}'");
            }

            if (plotPath is not null)
            {
                OutputOptions.CheckWritableFile(plotPath, "--plot");
            }

            options.TaskNames(result);
            HebbianRule? hebbian = rulePath is null ? null : ReadRule(rulePath);
            var hebbianPrecision = hebbian is null ? null : ResolvePrecision(result.GetValue(precision));
            if (hebbian is null && result.GetValue(precision) is not null)
            {
                throw new UsageException("--precision applies to a hebbian --rule; the pattern baseline takes --pattern-precision");
            }

            PatternRule? pattern = null;
            if (kind == "pattern")
            {
                string path = result.GetValue(patternRule) ?? throw new UsageException("--baseline pattern needs --pattern-rule RULE.json");
                pattern = SimulateCommand.ReadRule(path).Rule;
            }

            var tasks = options.Load(result);
            if (result.GetValue(validationSplit) is int held)
            {
                tasks = Usage(() => ContinualTasks.ValidationSplit(tasks, held));
            }

            int seed = result.GetValue(options.Seed);
            int hidden = result.GetValue(options.Hidden);
            int classes = tasks.Sum(t => t.Classes);
            IContinualLearner learner = kind switch
            {
                null when hebbianPrecision is null => new HebbianNetwork(options.Network(result, tasks), hebbian!),
                null => new FixedHebbianNetwork(options.Network(result, tasks), hebbian!, hebbianPrecision),
                "pattern" => PatternBaseline(pattern!, tasks, hidden, result.GetValue(cap) ?? hidden / 2, seed, PrecisionOption.Resolve(result.GetValue(patternPrecision))),
                _ => Usage(() => new MlpLearner(tasks[0].Train.Features, classes, new MlpSettings
                {
                    Hidden = hidden,
                    LearningRate = result.GetValue(learningRate),
                    EwcLambda = kind == "ewc" ? result.GetValue(lambda) : 0,
                    FisherSamples = result.GetValue(fisher),
                    Seed = seed,
                })),
            };

            var stderr = result.InvocationConfiguration.Error;
            string learnerName = kind ?? (hebbianPrecision is null ? "hebbian" : "hebbian (fixed point)");
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"neuro continual: {learnerName} on {string.Join(" then ", tasks.Select(t => $"{t.Name} ({t.Train.Count} train / {t.Test.Count} test)"))}, {hidden} hidden, seed {seed}"));
            var clock = Stopwatch.StartNew();
            var outcome = ContinualProtocol.Run(learner, tasks, seed);
            double seconds = clock.Elapsed.TotalSeconds;
            if (plotPath is not null)
            {
                ContinualPlot.Draw(outcome, $"{learnerName}, seed {seed}", plotPath);
                if (Plots.MissingFontsWarning() is { } warning)
                {
                    stderr.WriteLine(warning);
                }
            }

            if (result.GetValue(json))
            {
                Output.Json(stdout, w =>
                {
                    w.WriteStartObject();
                    w.WriteString("learner", kind ?? "hebbian");
                    bool fixedPoint = kind switch { null => hebbianPrecision is not null, "pattern" => result.GetValue(patternPrecision) is not null, _ => false };
                    w.WriteString("backend", fixedPoint ? "fixed" : "float");
                    if (rulePath is not null || kind == "pattern")
                    {
                        w.WriteString("rule", rulePath ?? result.GetValue(patternRule));
                    }

                    w.WriteNumber("seed", seed);
                    w.WriteString("scoredOn", result.GetValue(validationSplit) is int v ? $"the last {v} training images of each task" : "the test sets");
                    w.WriteNumber("hidden", hidden);
                    if (kind is null)
                    {
                        w.WriteNumber("active", result.GetValue(options.Active));
                    }

                    if (kind is "sgd" or "ewc")
                    {
                        w.WriteNumber("learningRate", result.GetValue(learningRate));
                    }

                    if (kind == "ewc")
                    {
                        w.WriteNumber("ewcLambda", result.GetValue(lambda));
                        w.WriteNumber("fisherSamples", result.GetValue(fisher));
                    }

                    if (hebbianPrecision is not null)
                    {
                        Output.Embed(w, "precision", hebbianPrecision.ToJson());
                    }

                    w.WriteStartArray("tasks");
                    foreach (string name in outcome.Tasks)
                    {
                        w.WriteStringValue(name);
                    }

                    w.WriteEndArray();
                    Variant(w, "classIncremental", outcome.ClassIncremental, outcome.ClassForgetting, outcome.ClassAverage);
                    Variant(w, "taskIncremental", outcome.TaskIncremental, outcome.TaskForgetting, outcome.TaskAverage);
                    w.WriteNumber("seconds", Math.Round(seconds, 3));
                    w.WriteEndObject();
                });
            }
            else
            {
                var console = Output.Console(stdout);
                Table(console, "class-incremental (no task label at test time)", outcome, outcome.ClassIncremental, outcome.ClassForgetting, outcome.ClassAverage);
                Table(console, "task-incremental (the task's units known at test time)", outcome, outcome.TaskIncremental, outcome.TaskForgetting, outcome.TaskAverage);
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{seconds:F1} s"));
            }

            return Program.Success;
        });
        return command;
    }

    /// <summary>Reads a hebbian rule; a missing file, another family or a schema error is a usage error.</summary>
    internal static HebbianRule ReadRule(string path)
    {
        try
        {
            return HebbianRuleFile.Read(path).Rule;
        }
        catch (Neuro.Rules.Json.JsonInputException e)
        {
            throw new UsageException(e.Message, e);
        }
    }

    /// <summary>The hebbian precision config named by <c>--precision</c>, or null for the float reference.</summary>
    internal static HebbianPrecision? ResolvePrecision(string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (value == "default")
        {
            return HebbianPrecision.Default;
        }

        if (!File.Exists(value))
        {
            throw new UsageException($"--precision: '{value}' is neither 'default' nor an existing precision file");
        }

        try
        {
            return HebbianPrecision.Load(value);
        }
        catch (PrecisionConfigException e)
        {
            throw new UsageException($"--precision {e.Message}", e);
        }
    }

    private static PatternLearner PatternBaseline(PatternRule rule, IReadOnlyList<ContinualTask> tasks, int hidden, int cap, int seed, PrecisionConfig? precision)
    {
        var spec = new PatternNetworkSpec(tasks[0].Train.Features, tasks.Sum(t => t.Classes), hidden, cap, Seed: seed);
        if (spec.Problem is { } problem)
        {
            throw new UsageException($"--hidden/--cap: {problem}");
        }

        if (precision is null)
        {
            return PatternLearner.Float(new ReferencePatternNetwork(spec, rule));
        }

        var fixedNetwork = (FastFixedPatternNetwork)PrecisionOption.Build(precision, spec, rule);
        return new PatternLearner(fixedNetwork, spec.Classes, scores =>
        {
            var logits = fixedNetwork.LogitsRaw;
            for (int c = 0; c < logits.Length; c++)
            {
                scores[c] = (double)logits[c];
            }
        });
    }

    private static T Usage<T>(Func<T> make)
    {
        try
        {
            return make();
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message, e);
        }
    }

    private static void Variant(Utf8JsonWriter w, string name, System.Collections.Immutable.ImmutableArray<System.Collections.Immutable.ImmutableArray<double>> matrix, double forgetting, double average)
    {
        w.WriteStartObject(name);
        w.WriteStartArray("matrix");
        foreach (var row in matrix)
        {
            w.WriteStartArray();
            foreach (double v in row)
            {
                w.WriteNumberValue(v);
            }

            w.WriteEndArray();
        }

        w.WriteEndArray();
        w.WriteNumber("forgetting", forgetting);
        w.WriteNumber("average", average);
        w.WriteEndObject();
    }

    private static void Table(IAnsiConsole console, string title, ContinualResult outcome, System.Collections.Immutable.ImmutableArray<System.Collections.Immutable.ImmutableArray<double>> matrix, double forgetting, double average)
    {
        var table = new Table { Title = new TableTitle(title) };
        table.AddColumn("after phase");
        foreach (string task in outcome.Tasks)
        {
            table.AddColumn(new TableColumn(task).RightAligned());
        }

        for (int p = 0; p < matrix.Length; p++)
        {
            table.AddRow([$"{p + 1}: {outcome.Tasks[p]}", .. matrix[p].Select(v => string.Create(CultureInfo.InvariantCulture, $"{100 * v:F2} %"))]);
        }

        console.Write(table);
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"forgetting {100 * forgetting:F2} points, average after the last phase {100 * average:F2} %"));
    }
}
