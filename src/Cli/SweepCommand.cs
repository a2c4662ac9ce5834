using System.CommandLine;
using System.Globalization;
using System.Text;
using Neuro.FixedPointSim.Patterns;
using Neuro.Rules;
using Spectre.Console;

namespace Neuro.Cli;

/// <summary>
/// <c>neuro sweep</c>: test accuracy of the fixed-point network over a grid of rule-entry width × weight width
/// (<see cref="PrecisionSweep"/>; docs/quantization-analysis.md), against the float reference, with the smallest formats
/// within an accuracy-loss budget. Writes <c>sweep.csv</c> and <c>sweep.png</c> into <c>--out</c>, an
/// <see cref="Neuro.Rules.Files.OutputFolder"/> checked before any work; the CSV grows cell by cell, and Ctrl-C keeps the
/// finished cells (exit 130).
/// </summary>
internal static class SweepCommand
{
    /// <summary>The CSV the sweep writes into <c>--out</c>.</summary>
    internal const string CsvFile = "sweep.csv";

    /// <summary>The heat map the sweep writes into <c>--out</c>.</summary>
    internal const string PngFile = "sweep.png";

    /// <summary>The folder the sweep writes when <c>--out</c> is not given.</summary>
    internal const string DefaultOut = "sweep-out";

    /// <summary>The CSV header.</summary>
    internal const string CsvHeader = "entryBits,weightBits,accuracy,lossPoints,valid";

    /// <summary>Builds the <c>sweep</c> verb.</summary>
    internal static Command Create()
    {
        var defaults = new PrecisionSweepSettings();
        var rule = new Option<string?>("--rule") { Description = "The rule file (rule.json)", HelpName = "FILE" };
        var precision = new Option<string>("--precision")
        {
            Description = "Base precision config: cells keep its weight integer bits, its modes, its input and activation types ('default' or a JSON file)",
            HelpName = "default|FILE.json",
            DefaultValueFactory = _ => "default",
        };
        var entryBits = new Option<string>("--entry-bits")
        {
            Description = "Rule-entry (ROM word) widths to try, LOW..HIGH or one width",
            HelpName = "LOW..HIGH",
            DefaultValueFactory = _ => defaults.EntryBits.ToString(),
        };
        var weightBits = new Option<string>("--weight-bits")
        {
            Description = "Weight widths to try, LOW..HIGH or one width",
            HelpName = "LOW..HIGH",
            DefaultValueFactory = _ => defaults.WeightBits.ToString(),
        };
        var budget = new Option<double>("--budget")
        {
            Description = "Accuracy loss against the float reference, in percentage points, that the smallest formats may have",
            DefaultValueFactory = _ => defaults.BudgetPoints,
        };
        var passes = new Option<int>("--passes") { Description = "Online passes over the training set (no resets between passes)", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = $"Folder for {CsvFile} and {PngFile} (replaced as a whole; see --force)", HelpName = "DIR", DefaultValueFactory = _ => DefaultOut };
        var force = OutputOptions.Force();
        var threads = new Option<int>("--threads") { Description = "Cells run at once (0: all cores); results do not depend on it", DefaultValueFactory = _ => 0 };
        var json = new Option<bool>("--json") { Description = "Print JSON (floatAccuracy, cells, smallest, …) instead of text" };
        var task = new TaskOptions();
        var backendOptions = new BackendOptions();
        var command = new Command("sweep", "Test accuracy over rule-entry width × weight width, and the smallest formats within an accuracy-loss budget")
        {
            rule, precision, entryBits, weightBits, budget, passes, output, force, threads, json,
        };
        task.AddTo(command);
        backendOptions.AddTo(command);
        command.SetAction((result, cancellation) =>
        {
            var config = PrecisionOption.Resolve(result.GetValue(precision)) ?? throw new UsageException("--precision needs a value");
            var choice = task.Read(result);
            var settings = new PrecisionSweepSettings
            {
                Base = config,
                EntryBits = Range("--entry-bits", result.GetValue(entryBits)),
                WeightBits = Range("--weight-bits", result.GetValue(weightBits)),
                Passes = result.GetValue(passes),
                BudgetPoints = result.GetValue(budget),
                Threads = result.GetValue(threads),
            };
            if (settings.Passes < 1)
            {
                throw new UsageException($"--passes must be at least 1, not {settings.Passes}");
            }

            if (!(settings.BudgetPoints >= 0))
            {
                throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--budget must be at least 0 percentage points, not {settings.BudgetPoints}"));
            }

            if (settings.Threads < 0)
            {
                throw new UsageException($"--threads must be at least 0 (0: all cores), not {settings.Threads}");
            }

            string rulePath = result.GetValue(rule) ?? throw new UsageException("--rule FILE is required");
            var (patternRule, _) = SimulateCommand.ReadRule(rulePath);
            if (!config.UniformWeights)
            {
                throw new UsageException(
                    "neuro sweep varies the one weight type; this precision config gives a synapse group its own (inputWeight, recurrentWeight or outputWeight). Sweep a config without them");
            }

            if (!settings.EntryBits.Widths.Any(e => settings.WeightBits.Widths.Any(w => Derivable(config, e, w))))
            {
                string? example = Problem(config, settings.EntryBits.Min, settings.WeightBits.Max);
                throw new UsageException($"every cell of --entry-bits {settings.EntryBits} × --weight-bits {settings.WeightBits} is invalid (e.g. entry {settings.EntryBits.Min} × weight {settings.WeightBits.Max}: {example}); choose wider weights or narrower entries");
            }

            string dir = result.GetRequiredValue(output);
            using var folder = OutputOptions.Stage(dir, "sweep", result.GetValue(force));
            using var openCl = backendOptions.Open(result, config);
            var (train, test) = choice.Load();
            var spec = choice.Network(train);

            var stderr = result.InvocationConfiguration.Error;
            int total = settings.EntryBits.Count * settings.WeightBits.Count;
            var finished = new List<SweepCell>();
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"neuro sweep: {total} cells (entry {settings.EntryBits} × weight {settings.WeightBits} bits), {settings.Passes} pass(es) over {train.Count} samples each{(openCl is null ? "" : $", on OpenCL device {openCl.Device.Index} ({openCl.Device.Name})")}"));
            Func<FixedLifetime, PrecisionConfig, FixedLifetimeResult>? runLifetime = openCl is null
                ? null
                : (lifetime, cellConfig) => openCl.Run([lifetime], cellConfig, cancellation)[0].ToFixedLifetimeResult();
            string csvPath = Path.Combine(dir, CsvFile), pngPath = Path.Combine(dir, PngFile);
            ProgressSink bar = ProgressSink.None;
            void OnCell(SweepCell cell)
            {
                // Finished cells go to the CSV as they come, so an interruption keeps them.
                finished.Add(cell);
                AtomicFile.WriteAllText(Path.Combine(folder.WorkPath, CsvFile), Csv(finished));
                if (bar.Active)
                {
                    bar.Advance();
                }
                else
                {
                    stderr.WriteLine(Progress(finished.Count, total, cell));
                }
            }

            SweepResult? sweep = ProgressBars.Run(result, "sweep: cells", total, sink =>
            {
                bar = sink;
                try
                {
                    return PrecisionSweep.Run(spec, patternRule, train, test, settings, OnCell, runLifetime, cancellation);
                }
                catch (OperationCanceledException)
                {
                    return null;
                }
            });
            if (sweep is null)
            {
                AtomicFile.WriteAllText(Path.Combine(folder.WorkPath, CsvFile), Csv(finished));
                OutputOptions.Commit(folder);
                stderr.WriteLine($"neuro sweep: interrupted after {finished.Count} of {total} cells; the finished cells are in {csvPath}");
                return Task.FromResult(Program.Interrupted);
            }

            if (!sweep.Cells.Any(c => c.Valid))
            {
                var first = sweep.Cells[0];
                throw new UsageException($"every cell is invalid for this network (e.g. entry {first.EntryBits} × weight {first.WeightBits}: {first.Problem}); choose other --entry-bits/--weight-bits or --precision");
            }

            AtomicFile.WriteAllText(Path.Combine(folder.WorkPath, CsvFile), Csv(sweep.Cells));
            Plots.Sweep(sweep, Path.Combine(folder.WorkPath, PngFile));
            OutputOptions.Commit(folder);
            if (Plots.MissingFontsWarning() is { } warning)
            {
                stderr.WriteLine(warning);
            }

            var stdout = result.InvocationConfiguration.Output;
            if (result.GetValue(json))
            {
                WriteJson(stdout, rulePath, choice, sweep, csvPath, pngPath);
            }
            else
            {
                WriteText(stdout, rulePath, choice, sweep, csvPath, pngPath);
            }

            return Task.FromResult(Program.Success);
        });
        return command;
    }

    private static bool Derivable(PrecisionConfig config, int entryBits, int weightBits) => Problem(config, entryBits, weightBits) is null;

    /// <summary>Why a cell's widths give no config (<see cref="PrecisionSweep.Derive"/>), or null when they give one.</summary>
    private static string? Problem(PrecisionConfig config, int entryBits, int weightBits)
    {
        try
        {
            _ = PrecisionSweep.Derive(config, entryBits, weightBits);
            return null;
        }
        catch (Exception e) when (e is PrecisionConfigException or ArgumentException)
        {
            return UsageException.Describe(e);
        }
    }

    /// <summary>
    /// Cells as CSV: <see cref="CsvHeader"/>, then one row per cell by entry bits, then weight bits (the order of
    /// <see cref="SweepResult.Cells"/>); an invalid cell has empty accuracy and loss.
    /// </summary>
    internal static string Csv(IEnumerable<SweepCell> cells)
    {
        var csv = new StringBuilder(CsvHeader).Append('\n');
        foreach (var cell in cells.OrderBy(c => c.EntryBits).ThenBy(c => c.WeightBits))
        {
            csv.Append(CultureInfo.InvariantCulture, $"{cell.EntryBits},{cell.WeightBits},{cell.Accuracy},{cell.LossPoints},{(cell.Valid ? "true" : "false")}\n");
        }

        return csv.ToString();
    }

    private static BitRange Range(string option, string? text)
    {
        try
        {
            return BitRange.Parse(text ?? "");
        }
        catch (FormatException e)
        {
            throw new UsageException($"{option}: {e.Message}", e);
        }
    }

    private static string Progress(int done, int total, SweepCell cell) => cell.Valid
        ? string.Create(CultureInfo.InvariantCulture,
            $"sweep: [{done}/{total}] entry {cell.EntryBits}, weight {cell.WeightBits} bits: accuracy {cell.Accuracy:P2} (loss {cell.LossPoints:0.##} points)")
        : string.Create(CultureInfo.InvariantCulture, $"sweep: [{done}/{total}] entry {cell.EntryBits}, weight {cell.WeightBits} bits: invalid ({cell.Problem})");

    private static void WriteText(TextWriter stdout, string rulePath, TaskChoice choice, SweepResult sweep, string csvPath, string pngPath)
    {
        var s = sweep.Settings;
        var console = Output.Console(stdout);
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"neuro sweep: {rulePath} on {choice.Task}, seed {choice.Seed}, {s.Passes} pass(es); float reference test accuracy {sweep.FloatAccuracy:P2}"));
        console.WriteLine($"base precision: input {s.Base.Input}, weight {s.Base.Weight}, activation {s.Base.Activation}, ruleEntry {s.Base.RuleEntry}");
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Test accuracy (%) by rule-entry bits (rows) and weight bits (columns); weight integer bits {s.Base.Weight.Format.IntBits}, fractional bits = width - {s.Base.Weight.Format.IntBits}; '-' = invalid cell"));
        var table = new Table().AddColumn(new TableColumn(new Text("entry \\ weight")));
        foreach (int w in s.WeightBits.Widths)
        {
            table.AddColumn(new TableColumn(new Text(w.ToString(CultureInfo.InvariantCulture))).RightAligned());
        }

        foreach (int e in s.EntryBits.Widths)
        {
            var row = new List<string> { e.ToString(CultureInfo.InvariantCulture) };
            foreach (int w in s.WeightBits.Widths)
            {
                var cell = sweep.Cell(e, w);
                string text = cell.Accuracy is { } a ? (100 * a).ToString("F1", CultureInfo.InvariantCulture) : "-";
                row.Add(cell == sweep.Smallest ? $"*{text}" : text);
            }

            table.AddRow([.. row]);
        }

        console.Write(table);
        var invalid = sweep.Cells.Where(c => !c.Valid).ToArray();
        if (invalid.Length > 0)
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{invalid.Length} invalid cell(s), e.g. entry {invalid[0].EntryBits} × weight {invalid[0].WeightBits}: {invalid[0].Problem}"));
        }

        if (sweep.Smallest is { } best)
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"smallest within {s.BudgetPoints:0.###} percentage point(s) (*): rule entry {best.EntryBits} bits {best.Precision!.RuleEntry}, weight {best.WeightBits} bits {best.Precision.Weight}: accuracy {best.Accuracy:P2}, loss {best.LossPoints:0.##} points ({best.TotalBits} bits in all)"));
        }
        else
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"no cell is within {s.BudgetPoints:0.###} percentage point(s) of the float reference"));
        }

        console.WriteLine($"wrote {csvPath}, {pngPath}");
    }

    private static void WriteJson(TextWriter stdout, string rulePath, TaskChoice choice, SweepResult sweep, string csvPath, string pngPath)
    {
        var s = sweep.Settings;
        Output.Json(stdout, w =>
        {
            w.WriteStartObject();
            w.WriteString("rule", rulePath);
            w.WriteString("task", choice.Task);
            w.WriteNumber("seed", choice.Seed);
            w.WriteNumber("dataSeed", choice.DataSeed);
            w.WriteNumber("hidden", choice.Hidden);
            w.WriteNumber("cap", choice.Cap);
            w.WriteNumber("p", choice.EdgeProbability);
            w.WriteNumber("passes", s.Passes);
            Output.Embed(w, "basePrecision", s.Base.ToJson());
            foreach (var (name, range) in new[] { ("entryBits", s.EntryBits), ("weightBits", s.WeightBits) })
            {
                w.WriteStartObject(name);
                w.WriteNumber("min", range.Min);
                w.WriteNumber("max", range.Max);
                w.WriteEndObject();
            }

            w.WriteNumber("budgetPoints", s.BudgetPoints);
            w.WriteNumber("floatAccuracy", sweep.FloatAccuracy);
            w.WriteStartArray("cells");
            foreach (var cell in sweep.Cells)
            {
                WriteCell(w, cell);
            }

            w.WriteEndArray();
            if (sweep.Smallest is { } best)
            {
                w.WritePropertyName("smallest");
                WriteCell(w, best);
            }
            else
            {
                w.WriteNull("smallest");
            }

            w.WriteStartObject("files");
            w.WriteString("csv", csvPath);
            w.WriteString("png", pngPath);
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    private static void WriteCell(System.Text.Json.Utf8JsonWriter w, SweepCell cell)
    {
        w.WriteStartObject();
        w.WriteNumber("entryBits", cell.EntryBits);
        w.WriteNumber("weightBits", cell.WeightBits);
        w.WriteBoolean("valid", cell.Valid);
        if (cell.Valid)
        {
            w.WriteNumber("accuracy", cell.Accuracy!.Value);
            w.WriteNumber("lossPoints", cell.LossPoints!.Value);
            w.WriteString("weight", cell.Precision!.Weight.ToString());
            w.WriteString("ruleEntry", cell.Precision.RuleEntry.ToString());
        }
        else
        {
            w.WriteString("problem", cell.Problem);
        }

        w.WriteEndObject();
    }
}
