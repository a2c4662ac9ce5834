using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Neuro.Cli.Baxter;
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
        var ridge = new Option<bool>("--ridge-readout")
        {
            Description = "Also fit the best offline linear (ridge) readout of the final hidden state on the training set and report its test accuracy (float reference only): what the hidden representation allows, against what the output rule learned",
        };
        var task = new TaskOptions();
        var backendOptions = new BackendOptions();
        var command = new Command("simulate", "Run a lifetime with a fixed rule and report train and test accuracy") { rule, passes, json, ridge, precision, printDefault };
        task.AddTo(command);
        fields.AddTo(command);
        backendOptions.AddTo(command);
        Foraging.ForagingOptions.AddToSimulate(command);
        var baxter = new BaxterSimulate(); // baxter rule files: src/Cli/Baxter (shares foraging's --plot)
        baxter.AddTo(command);
        command.SetAction(result =>
        {
            // baxter first: foraging refuses --plot for any rule but its own.
            Option[] patternOnly = [passes, ridge, precision, printDefault, .. fields.All, task.Task, task.Data, task.Train, task.Test, task.TrainIdx, task.TestIdx, task.Limit, task.Hidden, task.Cap, task.EdgeProbability, task.Seed, task.DataSeed, backendOptions.Backend, backendOptions.Device,
                .. command.Options.Where(o => o.Name is Foraging.ForagingOptions.Patterns or Foraging.ForagingOptions.Sensing)];
            if (baxter.TryRun(result, result.GetValue(rule), json, patternOnly) is { } exitCode)
            {
                return exitCode;
            }

            if (Foraging.ForagingSimulateCommand.TryRun(result) is { } foraging)
            {
                return foraging;
            }

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
            bool wantRidge = result.GetValue(ridge);
            if (wantRidge && config is not null)
            {
                throw new UsageException("--ridge-readout runs on the float reference only; leave out --precision and the field types");
            }

            using var openCl = backendOptions.Open(result, config);
            var (train, test) = choice.Load();
            var spec = choice.Network(train);
            var clock = Stopwatch.StartNew();
            var network = PrecisionOption.Build(config, spec, patternRule);
            var run = openCl is null
                ? ProgressBars.Run(result, "simulate: samples", ((double)passCount + 1) * train.Count + test.Count,
                    bar => RunOnCpu(network, train, test, passCount, wantRidge, bar))
                : RunOnOpenCl(openCl, config!, spec, patternRule, train, test, passCount);
            var (online, trainAccuracy, testAccuracy, weightsHash, predictionsHash, ridgeAccuracy) = run;
            double seconds = clock.Elapsed.TotalSeconds;
            string backend = openCl is not null ? "opencl" : config is null ? "float" : "fixed";
            if (result.GetValue(json))
            {
                Output.Json(stdout, w =>
                {
                    w.WriteStartObject();
                    w.WriteString("rule", rulePath);
                    w.WriteString("task", choice.Task);
                    w.WriteString("backend", backend);
                    if (openCl is not null)
                    {
                        w.WriteString("device", openCl.Device.Name);
                    }
                    if (config is not null)
                    {
                        w.WritePropertyName("precision");
                        w.WriteRawValue(config.ToJson());
                    }
                    w.WriteNumber("seed", choice.Seed);
                    w.WriteNumber("dataSeed", choice.DataSeed);
                    if (choice.ClustersPerClass is int clusters)
                    {
                        w.WriteNumber("clustersPerClass", clusters);
                    }

                    if (choice.ClassSep is double classSep)
                    {
                        w.WriteNumber("classSep", classSep);
                    }

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
                    if (ridgeAccuracy is { } ridgeTest)
                    {
                        w.WriteNumber("ridgeReadoutTestAccuracy", ridgeTest);
                    }

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
                    $"neuro simulate: {rulePath} ({provenance?.Algorithm ?? "no provenance"}) on {choice.Task}, {(config is null ? "float reference" : openCl is null ? "fixed point" : $"fixed point on OpenCL device {openCl.Device.Index} ({openCl.Device.Name})")}, seed {choice.Seed}"));
                console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"network: {spec.Inputs} inputs, {spec.Hidden} hidden, cap {spec.Cap}, p {spec.EdgeProbability}, {patternRule.Rounds} rounds, {spec.Classes} classes"));
                var table = new Table().AddColumns("set", "samples", "accuracy");
                table.AddRow("train (online, last pass)", train.Count.ToString(CultureInfo.InvariantCulture), Percent(online));
                table.AddRow("train (frozen)", train.Count.ToString(CultureInfo.InvariantCulture), Percent(trainAccuracy));
                table.AddRow("test (frozen)", test.Count.ToString(CultureInfo.InvariantCulture), Percent(testAccuracy));
                if (ridgeAccuracy is { } ridgeTest)
                {
                    table.AddRow("test, offline ridge readout of the hidden state", test.Count.ToString(CultureInfo.InvariantCulture), Percent(ridgeTest));
                }

                console.Write(table);
                console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{passCount} pass(es) in {seconds:F2} s; weights sha256 {weightsHash}; predictions sha256 {predictionsHash}"));
            }

            return Program.Success;
        });
        return command;
    }

    /// <summary>
    /// What a simulation reports: accuracies, the two hashes users compare across backends, and (with
    /// <c>--ridge-readout</c>) the test accuracy of the offline ridge readout of the hidden state.
    /// </summary>
    private readonly record struct Outcome(double Online, double Train, double Test, string WeightsHash, string PredictionsHash, double? Ridge = null);

    /// <summary>
    /// The lifetime on a C# network: every <c>Learn</c> and <c>Predict</c> recorded in order. The ridge readout's forward
    /// passes run after the hashes are taken and are not recorded.
    /// </summary>
    private static Outcome RunOnCpu(IPatternNetwork inner, Rules.Data.Dataset train, Rules.Data.Dataset test, int passes, bool ridge, ProgressSink progress)
    {
        var network = new RecordingNetwork(inner, progress.Active ? progress : null);
        double online = PatternLifetime.Train(network, train, passes);
        double trainAccuracy = PatternLifetime.Accuracy(network, train);
        double testAccuracy = PatternLifetime.Accuracy(network, test);
        if (inner is ReferencePatternNetwork floatNet && !AllFinite(floatNet))
        {
            throw new UsageException("the rule's updates drove the float weights to infinity or NaN during the lifetime; its steps eta·entry are too large for this task (fewer passes or a smaller eta)");
        }

        var outcome = new Outcome(online, trainAccuracy, testAccuracy, WeightsHash(network.Inner), Hashes.Of(network.Predictions));
        return ridge && inner is ReferencePatternNetwork reference
            ? outcome with { Ridge = RidgeReadout.HiddenStateAccuracy(reference, train, test) }
            : outcome;
    }

    /// <summary>
    /// The same lifetime on the OpenCL kernel: the frozen evaluation of the training set and then the test set runs as one
    /// holdout (the concatenation), so the prediction sequence is the CPU run's: training passes, train, test.
    /// </summary>
    private static Outcome RunOnOpenCl(
        OpenClKernels.Patterns.OpenClLifetimeBatch batch, PrecisionConfig precision, PatternNetworkSpec spec, PatternRule rule,
        Rules.Data.Dataset train, Rules.Data.Dataset test, int passes)
    {
        double[] values = [.. train.Values, .. test.Values];
        int[] labels = [.. train.Labels, .. test.Labels];
        var both = new Rules.Data.Dataset(train.Features, train.Classes, values, labels);
        OpenClKernels.Patterns.OpenClLifetimeResult r;
        try
        {
            r = batch.Run([new FixedLifetime(spec, rule, train, passes, both)], precision)[0];
        }
        catch (ArgumentException e) when (e.ParamName == "rule")
        {
            throw new UsageException($"--backend opencl: {UsageException.Describe(e)}", e);
        }
        catch (Exception e) when (e is PrecisionConfigException or ArgumentException)
        {
            throw new UsageException($"--precision: {UsageException.Describe(e)}", e);
        }

        var frozen = r.HoldoutPredictions;
        double Accuracy(int start, Rules.Data.Dataset data)
        {
            int correct = 0;
            for (int i = 0; i < data.Count; i++)
            {
                correct += frozen[start + i] == data.Label(i) ? 1 : 0;
            }

            return data.Count == 0 ? 0 : (double)correct / data.Count;
        }

        return new Outcome(
            r.OnlineAccuracy,
            Accuracy(0, train),
            Accuracy(train.Count, test),
            Hashes.Of(r.InputWeightsRaw, r.RecurrentWeightsRaw, r.OutputWeightsRaw),
            Hashes.Of([.. r.TrainPredictions, .. r.HoldoutPredictions]));
    }

    private static bool AllFinite(ReferencePatternNetwork network) =>
        Finite(network.InputWeights) && Finite(network.RecurrentWeights) && Finite(network.OutputWeights);

    private static bool Finite(ReadOnlySpan<double> values)
    {
        foreach (double v in values)
        {
            if (!double.IsFinite(v))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>SHA-256 of the final weights: raw integers (fixed) or IEEE bits (float), little-endian, Win then Wg then Wout.</summary>
    private static string WeightsHash(IPatternNetwork network) => network switch
    {
        IFixedPatternNetwork f => Hashes.Of(f.InputWeightsRaw, f.RecurrentWeightsRaw, f.OutputWeightsRaw),
        ReferencePatternNetwork r => Hashes.Of(r.InputWeights, r.RecurrentWeights, r.OutputWeights),
        _ => throw new InvalidOperationException($"No weight hash for {network.GetType().Name}"),
    };

    /// <summary>Reads a rule file, turning schema and I/O errors, and absurd magnitudes (<see cref="RuleMagnitudes"/>), into
    /// usage errors that name the file and field.</summary>
    internal static (PatternRule Rule, RuleProvenance? Provenance) ReadRule(string path)
    {
        (PatternRule Rule, RuleProvenance? Provenance) read;
        try
        {
            read = PatternRuleFile.Read(path);
        }
        catch (Neuro.Rules.Json.JsonInputException e)
        {
            throw new UsageException(e.Message, e);
        }

        return RuleMagnitudes.Problem(read.Rule) is { } problem ? throw new UsageException($"{path}: {problem}") : read;
    }

    private static string Percent(double accuracy) => accuracy.ToString("P2", CultureInfo.InvariantCulture);
}
