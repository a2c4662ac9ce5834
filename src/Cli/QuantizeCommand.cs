using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Neuro.FixedPointSim.Patterns;
using Spectre.Console;

namespace Neuro.Cli;

/// <summary>
/// <c>neuro quantize</c>: what a precision config does to a rule and its network, against the float reference on the
/// same task, masks and seed (<see cref="QuantizationAnalysis"/>; docs/quantization-analysis.md): the ROM error per
/// rule table, the activation error per layer over a lifetime, how long the two networks agree, the weight drift, and
/// the test accuracy of both.
/// </summary>
internal static class QuantizeCommand
{
    private static readonly string[] TableNames = ["hidden", "input", "output"];

    /// <summary>Builds the <c>quantize</c> verb.</summary>
    internal static Command Create()
    {
        var rule = new Option<string?>("--rule") { Description = "The rule file (rule.json)", HelpName = "FILE" };
        var precision = new Option<string>("--precision")
        {
            Description = "The precision config to analyse: 'default' (see 'neuro simulate --print-default-precision') or a precision config JSON file",
            HelpName = "default|FILE.json",
            DefaultValueFactory = _ => "default",
        };
        var passes = new Option<int>("--passes") { Description = "Online passes over the training set (no resets between passes)", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print JSON (keys tables.hidden.maxAbsErrorLsb, layers.hidden.rmsError, weights.recurrent.maxAbsDrift, accuracy.lossPoints, …)" };
        var plot = new Option<string?>("--plot") { Description = "Also draw the ROM words against eta·table and the weight drift into a PNG", HelpName = "FILE.png" };
        var task = new TaskOptions();
        var command = new Command("quantize", "Measure a precision config against the float reference: rule-table error, activation error, weight drift, accuracy")
        {
            rule, precision, passes, json, plot,
        };
        task.AddTo(command);
        command.SetAction((result, cancellation) =>
        {
            var config = PrecisionOption.Resolve(result.GetValue(precision)) ?? throw new UsageException("--precision needs a value");
            var choice = task.Read(result);
            int passCount = result.GetValue(passes);
            if (passCount < 1)
            {
                throw new UsageException($"--passes must be at least 1, not {passCount}");
            }

            string rulePath = result.GetValue(rule) ?? throw new UsageException("--rule FILE is required");
            var (patternRule, _) = SimulateCommand.ReadRule(rulePath);
            string? plotPath = result.GetValue(plot);
            if (plotPath is not null)
            {
                OutputOptions.CheckWritableFile(plotPath, "--plot");
            }

            var (train, test) = choice.Load();
            var spec = choice.Network(train);
            _ = PrecisionOption.Build(config, spec, patternRule); // a config that does not suit the network is a usage error
            var report = QuantizationAnalysis.Run(spec, patternRule, config, train, test, new QuantizationAnalysisSettings { Passes = passCount }, cancellation);

            if (plotPath is not null)
            {
                Plots.Quantization(report, plotPath);
                if (Plots.MissingFontsWarning() is { } warning)
                {
                    result.InvocationConfiguration.Error.WriteLine(warning);
                }

            }

            var stdout = result.InvocationConfiguration.Output;
            if (result.GetValue(json))
            {
                WriteJson(stdout, rulePath, choice, patternRule.Rounds, report, plotPath);
            }
            else
            {
                WriteText(stdout, rulePath, choice, report, plotPath);
            }

            return Task.FromResult(Program.Success);
        });
        return command;
    }

    private static void WriteText(TextWriter stdout, string rulePath, TaskChoice choice, QuantizationReport r, string? plotPath)
    {
        var console = Output.Console(stdout);
        var p = r.Precision;
        console.WriteLine(Invariant(
            $"neuro quantize: {rulePath} on {choice.Task}, seed {choice.Seed}: {r.Passes} pass(es) over {r.TrainSamples} training samples, {r.TestSamples} test samples"));
        console.WriteLine(Invariant(
            $"network: {r.Spec.Inputs} inputs, {r.Spec.Hidden} hidden, cap {r.Spec.Cap}, p {r.Spec.EdgeProbability}, {r.Spec.Classes} classes"));
        console.WriteLine($"precision: input {p.Input}, weight {p.Weight}, activation {p.Activation}, ruleEntry {p.RuleEntry}"
            + p.GroupWeightTypesText);

        console.WriteLine();
        console.WriteLine("Rule tables: ROM word value vs eta*table(i); LSB: the value of one LSB of the table's ROM word");
        var tables = NewTable("table", "entries", "LSB", "max |err| (LSB)", "max |err|", "RMS err", "RMS err (LSB)", "SQNR (dB)", "saturated", "zeroed");
        foreach (var t in r.Tables)
        {
            tables.AddRow(
                t.Table, Int(t.Entries), Num(t.Lsb), Num(t.MaxAbsErrorLsb), Num(t.MaxAbsError), Num(t.RmsError), Num(t.RmsErrorLsb),
                t.Exact ? "+inf (exact)" : t.SqnrDb.ToString("F1", CultureInfo.InvariantCulture), Int(t.Saturated), Int(t.Zeroed));
        }

        console.Write(tables);

        console.WriteLine();
        console.WriteLine(Invariant($"Activations: fixed - float after each of the {r.LifetimeSamples} lifetime samples"));
        var layers = NewTable("layer", "max |err|", "RMS err", "lockstep max |err|", "lockstep RMS err");
        foreach (var l in new[] { r.Projection, r.Hidden, r.Logits })
        {
            layers.AddRow(LayerName(l.Layer), Num(l.MaxAbsError), Num(l.RmsError), Num(l.LockstepMaxAbsError), Num(l.LockstepRmsError));
        }

        console.Write(layers);
        string divergence = r.FirstDivergence is int d
            ? Invariant($"the first sample whose patterns or prediction differ is sample {d} (0-based): 'lockstep' columns cover the {d} samples before it")
            : "the two networks never diverged: 'lockstep' columns cover every sample";
        console.WriteLine(Invariant(
            $"agreement: identical firing patterns on {Percent(r.PatternAgreement)} of samples, identical predictions on {Percent(r.PredictionAgreement)}; {divergence}"));

        console.WriteLine();
        console.WriteLine(Invariant($"Weights after the lifetime ({r.LifetimeSamples} samples): fixed - float over the edges in use"));
        var weights = NewTable("matrix", "plastic", "weights", "max |drift|", "RMS drift", "RMS float weight");
        foreach (var w in new[] { r.FinalDrift.Input, r.FinalDrift.Recurrent, r.FinalDrift.Output })
        {
            weights.AddRow(MatrixName(w.Matrix), w.Plastic ? "yes" : "no", Int(w.Weights), Num(w.MaxAbsDrift), Num(w.RmsDrift), Num(w.FloatRms));
        }

        console.Write(weights);

        console.WriteLine();
        var accuracy = NewTable("test accuracy", "float", "fixed", "loss (points)");
        accuracy.AddRow("frozen after the lifetime", Percent(r.FloatAccuracy), Percent(r.FixedAccuracy), r.LossPoints.ToString("0.##", CultureInfo.InvariantCulture));
        console.Write(accuracy);
        if (plotPath is not null)
        {
            console.WriteLine($"plot: {plotPath}");
        }
    }

    private static void WriteJson(TextWriter stdout, string rulePath, TaskChoice choice, int rounds, QuantizationReport r, string? plotPath)
    {
        Output.Json(stdout, w =>
        {
            w.WriteStartObject();
            w.WriteString("rule", rulePath);
            w.WriteString("task", choice.Task);
            w.WriteNumber("seed", choice.Seed);
            w.WriteNumber("dataSeed", choice.DataSeed);
            Finite(w, "hidden", r.Spec.Hidden);
            Finite(w, "cap", r.Spec.Cap);
            Finite(w, "p", r.Spec.EdgeProbability);
            Finite(w, "rounds", rounds);
            Finite(w, "passes", r.Passes);
            Finite(w, "trainSamples", r.TrainSamples);
            Finite(w, "testSamples", r.TestSamples);
            Output.Embed(w, "precision", r.Precision.ToJson());

            w.WriteStartObject("tables");
            foreach (string name in TableNames)
            {
                if (r.Table(name) is not { } t)
                {
                    w.WriteNull(name);
                    continue;
                }

                w.WriteStartObject(name);
                Finite(w, "entries", t.Entries);
                Finite(w, "lsb", t.Lsb);
                Finite(w, "maxAbsErrorLsb", t.MaxAbsErrorLsb);
                Finite(w, "maxAbsError", t.MaxAbsError);
                Finite(w, "rmsError", t.RmsError);
                Finite(w, "rmsErrorLsb", t.RmsErrorLsb);
                Finite(w, "sqnrDb", t.SqnrDb);
                w.WriteBoolean("exact", t.Exact);
                Finite(w, "saturated", t.Saturated);
                Finite(w, "zeroed", t.Zeroed);
                w.WriteEndObject();
            }

            w.WriteEndObject();

            w.WriteStartObject("layers");
            foreach (var l in new[] { r.Projection, r.Hidden, r.Logits })
            {
                w.WriteStartObject(l.Layer);
                Finite(w, "elements", l.Elements);
                Finite(w, "maxAbsError", l.MaxAbsError);
                Finite(w, "rmsError", l.RmsError);
                Finite(w, "lockstepElements", l.LockstepElements);
                Finite(w, "lockstepMaxAbsError", l.LockstepMaxAbsError);
                Finite(w, "lockstepRmsError", l.LockstepRmsError);
                w.WriteEndObject();
            }

            w.WriteEndObject();

            w.WriteStartObject("agreement");
            Finite(w, "samples", r.LifetimeSamples);
            Finite(w, "patterns", r.PatternAgreement);
            Finite(w, "predictions", r.PredictionAgreement);
            if (r.FirstDivergence is int first)
            {
                Finite(w, "firstDivergence", first);
            }
            else
            {
                w.WriteNull("firstDivergence");
            }

            w.WriteEndObject();

            w.WritePropertyName("weights");
            WriteDrift(w, r.FinalDrift);
            w.WriteStartArray("drift");
            foreach (var checkpoint in r.Drift)
            {
                WriteDrift(w, checkpoint);
            }

            w.WriteEndArray();

            w.WriteStartObject("accuracy");
            Finite(w, "float", r.FloatAccuracy);
            Finite(w, "fixed", r.FixedAccuracy);
            Finite(w, "lossPoints", r.LossPoints);
            w.WriteEndObject();
            if (plotPath is not null)
            {
                w.WriteString("plot", plotPath);
            }

            w.WriteEndObject();
        });
    }

    /// <summary><c>{ "samples": n, "input": {…}, "recurrent": {…}, "output": {…} }</c>.</summary>
    private static void WriteDrift(Utf8JsonWriter w, DriftCheckpoint checkpoint)
    {
        w.WriteStartObject();
        Finite(w, "samples", checkpoint.Samples);
        foreach (var m in new[] { checkpoint.Input, checkpoint.Recurrent, checkpoint.Output })
        {
            w.WriteStartObject(m.Matrix);
            w.WriteBoolean("plastic", m.Plastic);
            Finite(w, "weights", m.Weights);
            Finite(w, "maxAbsDrift", m.MaxAbsDrift);
            Finite(w, "rmsDrift", m.RmsDrift);
            Finite(w, "floatRms", m.FloatRms);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    /// <summary>A number, or null where JSON has none (SQNR of an exact table is +∞; see <c>exact</c>; an error that
    /// overflowed is ±∞ or NaN), so <c>--json</c> never fails on a value it cannot spell.</summary>
    private static void Finite(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value))
        {
            w.WriteNumber(name, value);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static Table NewTable(string first, params string[] numeric)
    {
        var table = new Table().AddColumn(new TableColumn(new Text(first)));
        foreach (string header in numeric)
        {
            table.AddColumn(new TableColumn(new Text(header)).RightAligned());
        }

        return table;
    }

    private static string LayerName(string layer) => layer switch
    {
        "projection" => "projection u",
        "hidden" => "hidden h (last round)",
        _ => "logits",
    };

    private static string MatrixName(string matrix) => matrix switch
    {
        "input" => "Win (input)",
        "recurrent" => "Wg (recurrent)",
        _ => "Wout (output)",
    };

    private static string Num(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

    private static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Percent(double fraction) => fraction.ToString("P2", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
