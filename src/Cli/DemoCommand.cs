using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Neuro.FixedPointSim;
using Neuro.FixedPointSim.Patterns;
using Neuro.Rules;
using Neuro.Rules.Data;
using Neuro.Rules.Files;
using Neuro.Rules.Patterns;
using Neuro.RtlExport;

namespace Neuro.Cli;

/// <summary>
/// <c>neuro demo</c>: the main job on an embedded task, end to end, kept in a folder with a one-page report. It refines
/// a shipped rule with a short evolution at the hardware's precision, shows it learning (float and bit-accurate fixed
/// point), measures what quantization does, sweeps the widths, exports the hardware, co-simulates it and synthesizes it,
/// and writes <c>report.md</c> with the plots and the command that redoes each stage alone.
/// </summary>
/// <remarks>
/// <para>Every stage but the plots runs a <c>neuro</c> verb in-process with the very command line the report shows, so
/// the report's commands redo the stages exactly. The folder is an <see cref="OutputFolder"/>: staged, renamed into place
/// when complete, locked while written.</para>
/// <para>The task is Joosten's synthetic 4-class problem (generated in memory, nothing is downloaded) on a 100-hidden,
/// cap-50 network; the start rule is <c>rules/synthetic-es-100hidden.json</c> and the precision
/// <c>configs/precision-w30-e12.json</c>, both embedded. Co-simulation needs Icarus Verilog and synthesis Yosys; without
/// them the demo says which package to install and runs the other stages (<c>./neuro demo</c> installs them as root).</para>
/// </remarks>
internal static class DemoCommand
{
    /// <summary>The folder the demo writes when <c>--out</c> is not given.</summary>
    internal const string DefaultOut = "demo-out";

    /// <summary>Network and task of the demo.</summary>
    internal const string Network = "--task synthetic --hidden 100 --cap 50";

    /// <summary>Generations of the refinement (each evaluates <see cref="Population"/> rules plus 4 validation lifetimes).</summary>
    internal const int Generations = 8;

    /// <summary>Candidates per generation.</summary>
    internal const int Population = 8;

    /// <summary>Window of the online-accuracy curve.</summary>
    private const int Window = 250;

    private const string StartRuleResource = "Neuro.Cli.Demo.start-rule.json";
    private const string PrecisionResource = "Neuro.Cli.Demo.precision.json";

    /// <summary>Builds the <c>demo</c> verb.</summary>
    internal static Command Create()
    {
        var seed = new Option<int>("--seed") { Description = "Seed of the whole demo (data, networks, evolution)", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print a JSON summary instead of text" };
        var output = new Option<string>("--out") { Description = "Folder for rule.json, the hardware export, the plots and report.md", HelpName = "DIR", DefaultValueFactory = _ => DefaultOut };
        var force = OutputOptions.Force();
        var command = new Command("demo", "Run the whole pipeline on an embedded task and write a report: evolve, simulate, quantize, sweep, export, cosim, synth")
        {
            seed, json, output, force,
        };
        command.SetAction((result, cancellation) =>
        {
            var report = ProgressBars.Run(result, "demo: stages", Stages.Length, bar =>
                Run(result.GetValue(seed), result.GetRequiredValue(output), result.GetValue(force), result.InvocationConfiguration.Error, bar, cancellation));
            var stdout = result.InvocationConfiguration.Output;
            if (result.GetValue(json))
            {
                WriteJson(stdout, report);
            }
            else
            {
                stdout.Write(report.Summary());
            }

            return Task.FromResult(Program.Success);
        });
        return command;
    }

    /// <summary>The stages, in order, as the progress shows them.</summary>
    internal static readonly string[] Stages = ["evolve", "simulate", "lifetime plots", "quantize", "sweep", "export", "cosim", "synth", "report"];

    /// <summary>Runs the demo into <paramref name="outDir"/> (shown in commands as given).</summary>
    internal static DemoReport Run(int seed, string outDir, bool force, TextWriter log, ProgressSink bar, CancellationToken cancellation)
    {
        if (seed < 0)
        {
            throw new UsageException($"--seed must be 0 or more, not {seed}");
        }

        var clock = Stopwatch.StartNew();
        using var folder = OutputOptions.Stage(outDir, "demo", force);
        var stages = new Stager(folder.WorkPath, outDir, log, bar, cancellation);
        string s = seed.ToString(CultureInfo.InvariantCulture);
        string task = $"{Network} --seed {s}";
        File.WriteAllBytes(Path.Combine(folder.WorkPath, "start-rule.json"), Resource(StartRuleResource));
        File.WriteAllBytes(Path.Combine(folder.WorkPath, "precision.json"), Resource(PrecisionResource));
        var precision = PrecisionConfig.Load(Path.Combine(folder.WorkPath, "precision.json"));
        var (startRule, _) = PatternRuleFile.Read(Path.Combine(folder.WorkPath, "start-rule.json"));
        var settings = PatternRuleSettings.Of(startRule);

        // 1. Evolve: refine the shipped rule at the hardware's precision (fitness in fixed point).
        string eta = startRule.Eta.ToString("R", CultureInfo.InvariantCulture);
        var evolved = stages.Verb("evolve",
            $"evolve {task} --init {{out}}/start-rule.json{(settings.EvolveInput ? "" : " --no-input-rule")}{(settings.EvolveOutput ? "" : " --no-output-rule")}" +
            $"{(startRule.MisclassifiedOnly ? "" : " --always")} --eta {eta} --precision {{out}}/precision.json --fitness holdout --lifetime 1000 --holdout 500" +
            $" --population {Population} --generations {Generations} --sigma 0.05 --out {{out}}/evolve --force --json");
        File.Copy(Path.Combine(folder.WorkPath, "evolve", EvolveCommand.RuleFile), Path.Combine(folder.WorkPath, "rule.json"));
        var (rule, _) = PatternRuleFile.Read(Path.Combine(folder.WorkPath, "rule.json"));

        // 2. Simulate: one online pass over the training set, then the test set, for the start and the evolved rule.
        var startFloat = stages.Verb("simulate", $"simulate --rule {{out}}/start-rule.json {task} --json", quiet: true);
        var startFixed = stages.Verb("simulate", $"simulate --rule {{out}}/start-rule.json {task} --precision {{out}}/precision.json --json", quiet: true);
        var finalFloat = stages.Verb("simulate", $"simulate --rule {{out}}/rule.json {task} --json", quiet: true);
        var finalFixed = stages.Verb("simulate", $"simulate --rule {{out}}/rule.json {task} --precision {{out}}/precision.json --json");

        // 3. The same lifetime, step by step: online accuracy, weight error and ROM words, drawn.
        stages.Begin("lifetime plots", null);
        var (train, test) = SyntheticClassification.GenerateJoosten(seed);
        var spec = new PatternNetworkSpec(train.Features, train.Classes, Hidden: 100, Cap: 50, EdgeProbability: 0.5, Seed: seed);
        var floatNet = new ReferencePatternNetwork(spec, rule);
        var fixedNet = new FastFixedPatternNetwork(spec, rule, precision);
        bool[] floatCorrect = Lifetime(floatNet, train), fixedCorrect = Lifetime(fixedNet, train);
        double floatTest = PatternLifetime.Accuracy(floatNet, test), fixedTest = PatternLifetime.Accuracy(fixedNet, test);
        Plots.Lifetime([("float", floatCorrect, floatTest), ("fixed point", fixedCorrect, fixedTest)], Window, 1.0 / train.Classes, Path.Combine(folder.WorkPath, "lifetime.png"));
        var errors = WeightErrors(spec, floatNet, fixedNet, precision);
        Plots.WeightErrors(errors, Rms(floatNet), precision.Weight, Path.Combine(folder.WorkPath, "weight-error.png"));
        var rom = new RuleRom(rule, precision);
        var entry = precision.RuleEntry.Format;
        Plots.RomWords(
            [.. Enumerable.Range(0, rom.TableCount).Select(t => (rom.Layout.Tables[t].Name, (IReadOnlyList<long>)rom.Table(t)))],
            entry.MinRaw, entry.MaxRaw, precision.RuleEntry.ToString(), Path.Combine(folder.WorkPath, "rom-words.png"));
        if (Plots.MissingFontsWarning() is { } warning)
        {
            log.WriteLine(warning);
        }

        // 4-8. Quantization, widths, hardware.
        var quantized = stages.Verb("quantize", $"quantize --rule {{out}}/rule.json {task} --precision {{out}}/precision.json --plot {{out}}/quantize.png --json");
        var sweep = stages.Verb("sweep",
            $"sweep --rule {{out}}/rule.json {task} --limit 1000 --precision {{out}}/precision.json --entry-bits 8..12 --weight-bits 18..28 --budget 2 --out {{out}}/sweep --force --json");
        var export = stages.Verb("export", $"export --rule {{out}}/rule.json {task} --precision {{out}}/precision.json --out {{out}}/hw --force --json");
        var skipped = new List<string>();
        JsonElement? cosim = null, synth = null;
        if (Cosimulator.IsAvailable(Simulator.Iverilog))
        {
            cosim = stages.Verb("cosim", "cosim {out}/hw --json");
        }
        else
        {
            skipped.Add(stages.Skip("cosim", "cosim {out}/hw", "Icarus Verilog is not installed (Debian: apt-get install iverilog; './neuro demo' as root installs it)"));
        }

        if (Synthesizer.IsAvailable(SynthTarget.Generic))
        {
            synth = stages.Verb("synth", "synth {out}/hw --json");
        }
        else
        {
            skipped.Add(stages.Skip("synth", "synth {out}/hw", "Yosys is not installed (Debian: apt-get install yosys; './neuro demo' as root installs it)"));
        }

        stages.Begin("report", null);
        var report = new DemoReport(
            seed, outDir, Generations, Population, evolved, startFloat, startFixed, finalFloat, finalFixed, floatTest, fixedTest,
            errors, rom.Words().Length, quantized, sweep, export, cosim, synth,
            stages.Commands, skipped, precision, clock.Elapsed.TotalSeconds);
        AtomicFile.WriteAllText(Path.Combine(folder.WorkPath, "report.md"), report.Markdown());
        OutputOptions.Commit(folder);
        bar.Advance();
        return report;
    }

    /// <summary>One online pass over <paramref name="train"/>: whether each sample was predicted right before learning from it.</summary>
    private static bool[] Lifetime(IPatternNetwork network, Dataset train)
    {
        network.Reset();
        var correct = new bool[train.Count];
        for (int i = 0; i < train.Count; i++)
        {
            correct[i] = network.Learn(train.Row(i), train.Label(i)) == train.Label(i);
        }

        return correct;
    }

    /// <summary>RMS of the float network's plastic weights (recurrent and output), the scale the weight errors are read against.</summary>
    private static double Rms(ReferencePatternNetwork network)
    {
        double sum = 0;
        int count = 0;
        foreach (double w in network.RecurrentWeights)
        {
            sum += w * w;
            count += w == 0 ? 0 : 1;
        }

        foreach (double w in network.OutputWeights)
        {
            sum += w * w;
            count++;
        }

        return count == 0 ? 0 : Math.Sqrt(sum / count);
    }

    /// <summary><c>fixed − float</c> of every plastic weight in use (recurrent edges of the mask, output weights).</summary>
    private static List<double> WeightErrors(PatternNetworkSpec spec, ReferencePatternNetwork floatNet, FastFixedPatternNetwork fixedNet, PrecisionConfig precision)
    {
        int frac = precision.WeightOf(PatternLayouts.Recurrent).Format.FracBits;
        var mask = spec.BuildMasks().Recurrent;
        var errors = new List<double>();
        var recurrentFloat = floatNet.RecurrentWeights;
        var recurrentFixed = fixedNet.RecurrentWeightsRaw;
        for (int i = 0; i < mask.Length; i++)
        {
            if (mask[i])
            {
                errors.Add(Math.ScaleB(recurrentFixed[i], -frac) - recurrentFloat[i]);
            }
        }

        if (fixedNet.Rule.Output is not null)
        {
            var outputFloat = floatNet.OutputWeights;
            var outputFixed = fixedNet.OutputWeightsRaw;
            for (int i = 0; i < outputFloat.Length; i++)
            {
                errors.Add(Math.ScaleB(outputFixed[i], -precision.WeightOf(PatternLayouts.Output).Format.FracBits) - outputFloat[i]);
            }
        }

        return errors;
    }

    private static byte[] Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The demo's embedded resource {name} is missing from the build");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static void WriteJson(TextWriter stdout, DemoReport r)
    {
        Output.Json(stdout, w =>
        {
            w.WriteStartObject();
            w.WriteNumber("seed", r.Seed);
            w.WriteString("out", r.Out);
            w.WriteString("report", Path.Combine(r.Out, "report.md"));
            w.WriteNumber("generations", r.Generations);
            w.WriteNumber("startFloatTestAccuracy", r.StartFloat.GetProperty("testAccuracy").GetDouble());
            w.WriteNumber("startFixedTestAccuracy", r.StartFixed.GetProperty("testAccuracy").GetDouble());
            w.WriteNumber("floatTestAccuracy", r.FinalFloat.GetProperty("testAccuracy").GetDouble());
            w.WriteNumber("fixedTestAccuracy", r.FinalFixed.GetProperty("testAccuracy").GetDouble());
            w.WriteNumber("romWords", r.RomWords);
            w.WriteNumber("weightErrorRms", r.WeightErrorRms);
            w.WriteNumber("lifetimeFloatTestAccuracy", r.LifetimeFloatTest);
            w.WriteNumber("lifetimeFixedTestAccuracy", r.LifetimeFixedTest);
            w.WriteStartObject("hardware");
            w.WriteString("ruleHash", r.Export.GetProperty("ruleHash").GetString());
            w.WriteNumber("files", r.Export.GetProperty("files").GetArrayLength());
            if (r.Cosim is { } cosim)
            {
                w.WriteBoolean("cosimPassed", cosim.GetProperty("passed").GetBoolean());
            }

            if (r.Synth is { } synth)
            {
                w.WriteNumber("luts", synth.GetProperty("luts").GetInt64());
                w.WriteNumber("flipFlops", synth.GetProperty("flipFlops").GetInt64());
                w.WriteNumber("memoryBits", synth.GetProperty("memoryBits").GetInt64());
            }

            w.WriteEndObject();
            w.WriteStartArray("stages");
            foreach (var (stage, command) in r.Commands)
            {
                w.WriteStartObject();
                w.WriteString("stage", stage);
                w.WriteString("command", command);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("skipped");
            foreach (string skip in r.Skipped)
            {
                w.WriteStringValue(skip);
            }

            w.WriteEndArray();
            w.WriteNumber("seconds", Math.Round(r.Seconds, 1));
            w.WriteEndObject();
        });
    }

    /// <summary>Runs the stages' verbs in the staging folder and remembers each command as the user would type it.</summary>
    private sealed class Stager(string work, string shown, TextWriter log, ProgressSink bar, CancellationToken cancellation)
    {
        private string? current;

        /// <summary>Each stage and the command that redoes it, in order.</summary>
        internal List<(string Stage, string Command)> Commands { get; } = [];

        /// <summary>Marks the start of <paramref name="stage"/> (moving the bar past the previous one).</summary>
        internal void Begin(string stage, string? command)
        {
            cancellation.ThrowIfCancellationRequested();
            if (current != stage)
            {
                if (current is not null)
                {
                    bar.Advance();
                }

                current = stage;
                bar.Status(stage);
                if (!bar.Active)
                {
                    log.WriteLine($"neuro demo: [{Array.IndexOf(Stages, stage) + 1}/{Stages.Length}] {stage}");
                }
            }

            if (command is not null && !Commands.Contains((stage, command)))
            {
                Commands.Add((stage, command));
            }
        }

        /// <summary>Records a skipped stage and says why; returns the line for the report.</summary>
        internal string Skip(string stage, string template, string why)
        {
            Begin(stage, "neuro " + template.Replace("{out}", shown, StringComparison.Ordinal));
            log.WriteLine($"neuro demo: skipped {stage}: {why}");
            return $"{stage}: {why}";
        }

        /// <summary>
        /// Runs the verb of <paramref name="template"/> (<c>{out}</c> = the output folder) and returns its <c>--json</c>
        /// document. A verb that fails fails the demo with the verb's exit code and its error line.
        /// </summary>
        internal JsonElement Verb(string stage, string template, bool quiet = false)
        {
            string command = "neuro " + template.Replace("{out}", Quote(shown), StringComparison.Ordinal);
            Begin(stage, quiet ? null : command);
            string[] args = [.. template.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(a => a.Replace("{out}", work, StringComparison.Ordinal))];
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            int code = Program.Run(args, stdout, stderr, cancellation);
            if (code == Program.Interrupted)
            {
                throw new OperationCanceledException(cancellation);
            }

            if (code != Program.Success)
            {
                string error = stderr.ToString().Split('\n').LastOrDefault(l => l.StartsWith("neuro: error: ", StringComparison.Ordinal))?["neuro: error: ".Length..].Trim()
                    ?? $"exit code {code}";
                throw new DemoStageException(code, $"demo stage '{stage}' ({command}) failed: {error}");
            }

            using var doc = JsonDocument.Parse(stdout.ToString());
            return doc.RootElement.Clone();
        }

        private static string Quote(string path) => path.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"' or '$' or '`' or '\\') ? $"'{path.Replace("'", "'\\''", StringComparison.Ordinal)}'" : path;
    }
}
