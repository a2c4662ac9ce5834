using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Neuro.Rules.Patterns;
using Spectre.Console;

namespace Neuro.Cli;

/// <summary>
/// <c>neuro simulate</c>: one lifetime with a fixed rule on the float reference: stream the training set through the
/// network <c>--passes</c> times, one sample at a time, then report train and test accuracy with frozen weights.
/// </summary>
internal static class SimulateCommand
{
    /// <summary>Builds the <c>simulate</c> verb.</summary>
    internal static Command Create()
    {
        var rule = new Option<string>("--rule") { Description = "The rule file (rule.json)", Required = true, HelpName = "FILE" };
        var passes = new Option<int>("--passes") { Description = "Online passes over the training set (no resets between passes)", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print JSON (keys trainAccuracy, testAccuracy, …) instead of text" };
        var task = new TaskOptions();
        var command = new Command("simulate", "Run a lifetime with a fixed rule and report train and test accuracy") { rule, passes, json };
        task.AddTo(command);
        command.SetAction(result =>
        {
            var choice = task.Read(result);
            int passCount = result.GetValue(passes);
            if (passCount < 1)
            {
                throw new UsageException($"--passes must be at least 1, not {passCount}");
            }

            string rulePath = result.GetRequiredValue(rule);
            var (patternRule, provenance) = ReadRule(rulePath);
            var (train, test) = choice.Load();
            var spec = choice.Network(train);
            var clock = Stopwatch.StartNew();
            var network = new ReferencePatternNetwork(spec, patternRule);
            double online = PatternLifetime.Train(network, train, passCount);
            double trainAccuracy = PatternLifetime.Accuracy(network, train);
            double testAccuracy = PatternLifetime.Accuracy(network, test);
            double seconds = clock.Elapsed.TotalSeconds;
            var stdout = result.InvocationConfiguration.Output;
            if (result.GetValue(json))
            {
                Output.Json(stdout, w =>
                {
                    w.WriteStartObject();
                    w.WriteString("rule", rulePath);
                    w.WriteString("task", choice.Task);
                    w.WriteString("backend", "float");
                    w.WriteNumber("seed", choice.Seed);
                    w.WriteNumber("dataSeed", choice.DataSeed);
                    w.WriteNumber("hidden", spec.Hidden);
                    w.WriteNumber("cap", spec.Cap);
                    w.WriteNumber("p", spec.EdgeProbability);
                    w.WriteNumber("rounds", patternRule.Rounds);
                    w.WriteNumber("passes", passCount);
                    w.WriteNumber("trainSamples", train.Count);
                    w.WriteNumber("testSamples", test.Count);
                    w.WriteNumber("onlineAccuracy", online);
                    w.WriteNumber("trainAccuracy", trainAccuracy);
                    w.WriteNumber("testAccuracy", testAccuracy);
                    w.WriteNumber("seconds", Math.Round(seconds, 3));
                    w.WriteEndObject();
                });
            }
            else
            {
                var console = Output.Console(stdout);
                console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"neuro simulate: {rulePath} ({provenance?.Algorithm ?? "no provenance"}) on {choice.Task}, float reference, seed {choice.Seed}"));
                console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"network: {spec.Inputs} inputs, {spec.Hidden} hidden, cap {spec.Cap}, p {spec.EdgeProbability}, {patternRule.Rounds} rounds, {spec.Classes} classes"));
                var table = new Table().AddColumns("set", "samples", "accuracy");
                table.AddRow("train (online, last pass)", train.Count.ToString(CultureInfo.InvariantCulture), Percent(online));
                table.AddRow("train (frozen)", train.Count.ToString(CultureInfo.InvariantCulture), Percent(trainAccuracy));
                table.AddRow("test (frozen)", test.Count.ToString(CultureInfo.InvariantCulture), Percent(testAccuracy));
                console.Write(table);
                console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{passCount} pass(es) in {seconds:F2} s"));
            }

            return Program.Success;
        });
        return command;
    }

    /// <summary>Reads a rule file, turning schema and I/O errors into usage errors that name the file and field.</summary>
    internal static (PatternRule Rule, RuleProvenance? Provenance) ReadRule(string path)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"Rule file '{path}' does not exist");
        }

        try
        {
            return PatternRuleFile.Read(path);
        }
        catch (RuleFileException e)
        {
            throw new UsageException(e.Message, e);
        }
    }

    private static string Percent(double accuracy) => accuracy.ToString("P2", CultureInfo.InvariantCulture);
}
