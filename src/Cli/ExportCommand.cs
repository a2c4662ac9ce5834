using System.CommandLine;
using System.Globalization;
using Neuro.Cli.Baxter;
using Neuro.Cli.Continual;
using Neuro.FixedPointSim.Patterns;
using Neuro.Rules.Tasks.Synthetic;
using Neuro.RtlExport;
using Spectre.Console;

namespace Neuro.Cli;

/// <summary>
/// <c>neuro export</c>: writes a rule's hardware artifacts (ROM images, Verilog, testbenches, golden vectors, manifest)
/// into a folder; see docs/hardware.md.
/// </summary>
internal static class ExportCommand
{
    /// <summary>Builds the <c>export</c> verb.</summary>
    internal static Command Create()
    {
        var rule = new Option<string?>("--rule") { Description = "The rule file (rule.json); additive rules only", HelpName = "FILE" };
        var precision = PrecisionOption.Create();
        precision.Description = "Precision config: 'default' (the default when absent) or a precision config JSON file; sets the ROM word and weight widths and the overflow mode";
        var fields = new PrecisionFieldOptions();
        var outDir = new Option<string?>("--out") { Description = "The export folder, replaced as a whole (see --force)", HelpName = "DIR" };
        var force = OutputOptions.Force();
        var name = new Option<string>("--name") { Description = "Module and file name prefix: a Verilog identifier of letters, digits and '_'", DefaultValueFactory = _ => "neuro" };
        var samples = new Option<int>("--samples") { Description = "Training samples in the lifetime golden vectors", DefaultValueFactory = _ => new HardwareExportSettings().Samples };
        var vectorSeed = new Option<int>("--vector-seed") { Description = "Seed of the plasticity-unit and narrowing vectors and of the learner testbench's random stream gaps", DefaultValueFactory = _ => 1 };
        var lanes = new Option<int>("--lanes") { Description = "Learner lanes: hidden neurons processed in parallel (divides --hidden; at most 256)", DefaultValueFactory = _ => new HardwareExportSettings().Lanes };
        var testSamples = new Option<int>("--test-samples") { Description = "Samples the learner testbench runs after the lifetime with learning off", DefaultValueFactory = _ => new HardwareExportSettings().TestSamples };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text" };
        var active = new Option<int?>("--active") { Description = "hebbian rules: hidden neurons active per sample (default: a quarter of --hidden); hebbian exports read --data (the folder holding mnist/ and fashion-mnist/), --hidden, --seed, --samples (default 200) and --precision (a hebbian precision config)", HelpName = "N" };
        var task = new TaskOptions();
        var command = new Command("export", "Write rule ROM images, Verilog, testbenches, golden vectors and a manifest (the network and lifetime come from the task options; --task synthetic when none is named)") { rule, outDir, force, name, samples, vectorSeed, lanes, testSamples, json, precision, active };
        task.AddTo(command);
        fields.AddTo(command);
        command.SetAction(result =>
        {
            // baxter rule files: src/Cli/Baxter
            Option[] patternOnly = [precision, samples, vectorSeed, lanes, testSamples, .. fields.All, task.Task, task.Data, task.Train, task.Test, task.TrainIdx, task.TestIdx, task.Limit, task.Hidden, task.Cap, task.EdgeProbability, task.Seed, task.DataSeed];
            if (BaxterExportCommand.TryRun(result, result.GetValue(rule), outDir, name, json, [.. patternOnly, active]) is { } exitCode)
            {
                return exitCode;
            }

            // hebbian rule files: src/Cli/Continual/HebbianExportCommand.cs
            var hebbian = new HebbianExportCommand.Options(outDir, force, name, json, precision, samples, task.Data, task.Hidden, active, task.Seed);
            Option[] notHebbian = [vectorSeed, lanes, testSamples, .. fields.All, task.Task, task.Train, task.Test, task.TrainIdx, task.TestIdx, task.Limit, task.Cap, task.EdgeProbability, task.DataSeed];
            if (HebbianExportCommand.TryRun(result, result.GetValue(rule), hebbian, notHebbian) is { } hebbianExit)
            {
                return hebbianExit;
            }

            var stdout = result.InvocationConfiguration.Output;
            var config = fields.Apply(PrecisionOption.Resolve(result.GetValue(precision) ?? "default"), result) ?? PrecisionConfig.Default;
            string rulePath = result.GetValue(rule) ?? throw new UsageException("--rule FILE is required");
            string dir = result.GetValue(outDir) ?? throw new UsageException("--out DIR is required");
            var (patternRule, _) = SimulateCommand.ReadRule(rulePath);
            // Without a named task, the embedded synthetic task (a small network, no download).
            var choice = task.Read(result, unnamed: SyntheticTask.TaskName);
            var (train, _) = choice.Load();
            var spec = choice.Network(train);
            var settings = new HardwareExportSettings
            {
                Name = result.GetValue(name)!, Samples = result.GetValue(samples), VectorSeed = result.GetValue(vectorSeed), Lanes = result.GetValue(lanes), TestSamples = result.GetValue(testSamples),
            };
            ExportResult exported;
            try
            {
                RomCheck.Ensure(patternRule, config);
            }
            catch (RtlExportException e)
            {
                throw new UsageException(e.Message, e);
            }
            catch (PrecisionConfigException e)
            {
                throw new UsageException($"--precision: {e.Message}", e);
            }

            using var folder = OutputOptions.Stage(dir, "export", result.GetValue(force));
            try
            {
                exported = HardwareExporter.Export(patternRule, config, spec, train, settings, folder.WorkPath);
                OutputOptions.Commit(folder);
            }
            catch (RtlExportException e)
            {
                throw new UsageException(e.Message, e);
            }
            catch (PrecisionConfigException e)
            {
                throw new UsageException($"--precision: {e.Message}", e);
            }

            if (result.GetValue(json))
            {
                Output.Json(stdout, w =>
                {
                    w.WriteStartObject();
                    w.WriteString("rule", rulePath);
                    w.WriteString("out", dir);
                    w.WriteString("ruleHash", exported.RuleHash);
                    w.WriteString("top", exported.Learner);
                    w.WriteString("engine", exported.Engine);
                    w.WriteNumber("lanes", settings.Lanes);
                    w.WriteNumber("forwardClocks", exported.Timing.Forward);
                    w.WriteNumber("hiddenEdges", exported.HiddenEdges);
                    w.WriteNumber("inputEdges", exported.InputEdges);
                    w.WriteNumber("outputWords", exported.OutputWords);
                    w.WriteNumber("samples", exported.Samples);
                    w.WriteNumber("expectedUpdates", exported.ExpectedUpdates);
                    ExportedFile.WriteArray(w, exported.Files);
                    w.WriteEndObject();
                });
            }
            else
            {
                var console = Output.Console(stdout);
                console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"neuro export: {rulePath} ({exported.RuleHash}) -> {dir}, top {exported.Learner} (and {exported.Engine})"));
                console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"weights {config.Weight}{config.GroupWeightTypesText}, rule entries {config.RuleEntry}; {exported.HiddenEdges} recurrent, {exported.InputEdges} input, {exported.OutputWords} output weights"));
                var table = new Table().AddColumns("file", "kind", "sha256");
                foreach (var f in exported.Files)
                {
                    table.AddRow(Markup.Escape(f.Path), f.Kind, f.Sha256);
                }

                console.Write(table);
                console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"golden lifetime: {exported.Samples} samples, {exported.ExpectedUpdates} synapse updates; run 'neuro cosim {dir}'"));
            }

            return Program.Success;
        });
        return command;
    }
}
