using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Neuro.FixedPointSim.Patterns;
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
        var rule = new Option<string?>("--rule") { Description = "The rule file (rule.json)", HelpName = "FILE" };
        var precision = PrecisionOption.Create();
        var fields = new PrecisionFieldOptions();
        var printDefault = new Option<bool>("--print-default-precision") { Description = "Print the built-in default precision config as JSON and exit" };
        var passes = new Option<int>("--passes") { Description = "Online passes over the training set (no resets between passes)", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print JSON (keys trainAccuracy, testAccuracy, …) instead of text" };
        var task = new TaskOptions();
        var command = new Command("simulate", "Run a lifetime with a fixed rule and report train and test accuracy") { rule, passes, json, precision, printDefault };
        task.AddTo(command);
        fields.AddTo(command);
        command.SetAction(result =>
        {
            var stdout = result.InvocationConfiguration.Output;
            if (result.GetValue(printDefault))
            {
                stdout.Write(PrecisionConfig.Default.ToJson());
                return Program.Success;
            }

            var config = fields.Apply(PrecisionOption.Resolve(result.GetValue(precision)), result);
            var choice = task.Read(result);
            int passCount = result.GetValue(passes);
            if (passCount < 1)
            {
                throw new UsageException($"--passes must be at least 1, not {passCount}");
            }

            string rulePath = result.GetValue(rule) ?? throw new UsageException("--rule FILE is required (or --print-default-precision)");
            var (patternRule, provenance) = ReadRule(rulePath);
            var (train, test) = choice.Load();
            var spec = choice.Network(train);
            var clock = Stopwatch.StartNew();
            var network = new RecordingNetwork(PrecisionOption.Build(config, spec, patternRule));
            double online = PatternLifetime.Train(network, train, passCount);
            double trainAccuracy = PatternLifetime.Accuracy(network, train);
            double testAccuracy = PatternLifetime.Accuracy(network, test);
            double seconds = clock.Elapsed.TotalSeconds;
            string backend = config is null ? "float" : "fixed";
            string weightsHash = WeightsHash(network.Inner);
            string predictionsHash = Hashes.Of(network.Predictions);
            if (result.GetValue(json))
            {
                Output.Json(stdout, w =>
                {
                    w.WriteStartObject();
                    w.WriteString("rule", rulePath);
                    w.WriteString("task", choice.Task);
                    w.WriteString("backend", backend);
                    if (config is not null)
                    {
                        w.WritePropertyName("precision");
                        w.WriteRawValue(config.ToJson());
                    }
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
                    w.WriteString("weightsSha256", weightsHash);
                    w.WriteString("predictionsSha256", predictionsHash);
                    w.WriteNumber("seconds", Math.Round(seconds, 3));
                    w.WriteEndObject();
                });
            }
            else
            {
                var console = Output.Console(stdout);
                console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"neuro simulate: {rulePath} ({provenance?.Algorithm ?? "no provenance"}) on {choice.Task}, {(config is null ? "float reference" : "fixed point")}, seed {choice.Seed}"));
                console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"network: {spec.Inputs} inputs, {spec.Hidden} hidden, cap {spec.Cap}, p {spec.EdgeProbability}, {patternRule.Rounds} rounds, {spec.Classes} classes"));
                var table = new Table().AddColumns("set", "samples", "accuracy");
                table.AddRow("train (online, last pass)", train.Count.ToString(CultureInfo.InvariantCulture), Percent(online));
                table.AddRow("train (frozen)", train.Count.ToString(CultureInfo.InvariantCulture), Percent(trainAccuracy));
                table.AddRow("test (frozen)", test.Count.ToString(CultureInfo.InvariantCulture), Percent(testAccuracy));
                console.Write(table);
                console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{passCount} pass(es) in {seconds:F2} s; weights sha256 {weightsHash}; predictions sha256 {predictionsHash}"));
            }

            return Program.Success;
        });
        return command;
    }

    /// <summary>SHA-256 of the final weights: raw integers (fixed) or IEEE bits (float), little-endian, Win then Wg then Wout.</summary>
    private static string WeightsHash(IPatternNetwork network) => network switch
    {
        IFixedPatternNetwork f => Hashes.Of(f.InputWeightsRaw, f.RecurrentWeightsRaw, f.OutputWeightsRaw),
        ReferencePatternNetwork r => Hashes.Of(r.InputWeights, r.RecurrentWeights, r.OutputWeights),
        _ => throw new InvalidOperationException($"No weight hash for {network.GetType().Name}"),
    };

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
