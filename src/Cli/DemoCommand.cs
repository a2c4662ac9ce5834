using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Neuro.FixedPointSim;
using Neuro.FixedPointSim.Patterns;
using Neuro.Rules.Data;
using Neuro.Rules.Evolution;
using Neuro.Rules.Patterns;
using Neuro.RtlExport;
using Spectre.Console;
using Overflow = Neuro.FixedPointSim.Overflow;

namespace Neuro.Cli;

/// <summary>
/// <c>neuro demo</c>: the pipeline as far as it is built, end to end, on an embedded task (Joosten's synthetic
/// 4-class problem, generated in memory; nothing is downloaded), saying plainly what it did and what is not built yet.
/// </summary>
/// <remarks>
/// Stages: <b>evolve</b> a pattern rule with OpenAI ES and the holdout-lifetime fitness (a small budget, seconds);
/// <b>simulate</b> one online pass over the training set with the evolved rule on the float reference and score the
/// test set; <b>quantize</b> the rule into ROM words <c>rom[i] = eta·table[i]</c> in the weight's LSB scale at the
/// default precision (<see cref="RuleRom"/>; DESIGN.md §5) and report the error; <b>simulate in fixed point</b> the same
/// lifetime on the bit-accurate integer network and compare; <b>export</b> the rule at the default precision as ROM images,
/// Verilog and golden vectors (docs/hardware.md); <b>cosim</b> the testbenches with Icarus Verilog and <b>synth</b> the
/// engine with Yosys when those tools are installed (otherwise the demo says which stage it skipped and why).
/// </remarks>
internal static class DemoCommand
{
    /// <summary>The precision the demo quantizes to and simulates at.</summary>
    internal static readonly PrecisionConfig Precision = PrecisionConfig.Default;

    /// <summary>The rule-ROM word type: the default precision's rule entry, in the weight's LSB scale.</summary>
    internal static FixedType RomWord => Precision.RuleEntry;

    private static readonly string[] SoftwareStages = ["evolve", "simulate", "quantize", "fixed-point simulation", "export"];

    private const int Generations = 25;
    private const int Population = 20;

    /// <summary>What the demo found.</summary>
    internal sealed record Report(
        int Seed,
        int Generations,
        double ValidationFitness,
        double OnlineTrainAccuracy,
        double TestAccuracy,
        PatternRule Rule,
        int RomEntries,
        double MaxAbsErrorLsb,
        int Saturated,
        int CollapsedToZero,
        IReadOnlyList<(int Index, double Target, Fixed Word)> FirstWords,
        double FixedTestAccuracy,
        ExportResult Export,
        TestbenchResult? Engine,
        SynthesisReport? Synthesis,
        IReadOnlyList<string> StagesRun,
        IReadOnlyList<string> Skipped,
        double Seconds);

    /// <summary>Builds the <c>demo</c> verb.</summary>
    internal static Command Create()
    {
        var seed = new Option<int>("--seed") { Description = "Seed of the whole demo (data, networks, evolution)", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text" };
        var output = new Option<string?>("--out") { Description = "Keep the evolution run (rule.json, log.csv, checkpoint.json) and the hardware export (hw/) in DIR", HelpName = "DIR" };
        var command = new Command("demo", "Run the pipeline on an embedded task: evolve, simulate, quantize, fixed point, export, cosim, synth")
        {
            seed, json, output,
        };
        command.SetAction((result, cancellation) =>
        {
            var report = Run(result.GetValue(seed), result.GetValue(output), result.InvocationConfiguration.Error, cancellation);
            var stdout = result.InvocationConfiguration.Output;
            if (result.GetValue(json))
            {
                WriteJson(stdout, report);
            }
            else
            {
                WriteText(stdout, report);
            }

            return Task.FromResult(Program.Success);
        });
        return command;
    }

    /// <summary>Runs the three stages.</summary>
    internal static Report Run(int seed, string? keep, TextWriter progress, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        var (train, test) = SyntheticClassification.GenerateJoosten(seed);
        var network = new PatternNetworkSpec(train.Features, train.Classes, Hidden: 20, Cap: 10, EdgeProbability: 0.5, Seed: seed);
        var settings = new PatternRuleSettings(EvolveInput: false);
        var decoder = new PatternRuleDecoder(settings);
        string dir = keep ?? Directory.CreateTempSubdirectory("neuro-demo-").FullName;
        try
        {
            var run = new EvolutionRun<PatternRule>(
                dir,
                OptimizerFactory.Create("es", settings.GeneCount, seed, population: Population),
                decoder,
                () => new HoldoutLifetimeEvaluator([train], network, lifetimeSamples: 500, holdoutSamples: 250, passes: 1, repeats: 1),
                "{\"demo\":true}");
            progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"neuro demo: evolving a {settings.GeneCount}-gene pattern rule with es on the synthetic task (seed {seed}), {Generations} generations of {Population}"));
            progress.Flush();
            run.Run(Generations, cancellation: cancellation);
            var rule = decoder.Decode(RuleGenome.Of(run.BestGenes)) ?? throw new InvalidOperationException("The evolved genome does not decode");
            PatternRuleFile.Write(Path.Combine(dir, EvolveCommand.RuleFile), rule, new RuleProvenance(seed, "es", "synthetic", run.BestFitness));

            var net = new ReferencePatternNetwork(network, rule);
            double online = PatternLifetime.Train(net, train, 1);
            double testAccuracy = PatternLifetime.Accuracy(net, test);

            // ROM words exactly as the hardware will hold them (RuleRom), every table in layout order.
            var rom = new RuleRom(rule, Precision);
            double[] targets = [.. rule.Genes().Select(e => rule.Eta * e)];
            long[] raws = rom.Words();
            var words = raws.Select(r => Fixed.FromRaw(r, RomWord.Format)).ToArray();
            double maxError = targets.Select((t, i) => Math.Abs(Math.ScaleB(words[i].ToDouble() - t, RomWord.Format.FracBits))).Max();
            int saturated = Enumerable.Range(0, rom.TableCount).Sum(t => rom.Stats(t).Saturated);
            int collapsed = Enumerable.Range(0, rom.TableCount).Sum(t => rom.Stats(t).Zeroed);

            var fixedNet = new FastFixedPatternNetwork(network, rule, Precision);
            PatternLifetime.Train(fixedNet, train, 1);
            double fixedTest = PatternLifetime.Accuracy(fixedNet, test);

            // Hardware: export at the default precision, co-simulate the golden vectors, synthesize, as far as the tools exist.
            string hw = Path.Combine(dir, "hw");
            var export = HardwareExporter.Export(rule, Precision, network, train, new HardwareExportSettings(), hw);
            var stages = new List<string>(SoftwareStages);
            var skipped = new List<string>();
            TestbenchResult? engine = null;
            if (Cosimulator.IsAvailable(Simulator.Iverilog))
            {
                var results = Cosimulator.Run(hw, Simulator.Iverilog);
                if (results.FirstOrDefault(r => !r.Passed) is { } failed)
                {
                    throw new InvalidOperationException($"co-simulation of {failed.Module} failed: {string.Join("; ", failed.MismatchLines.Take(3))}");
                }

                engine = results.Single(r => r.Module == export.Engine + "_tb");
                stages.Add("cosim");
            }
            else
            {
                skipped.Add("cosim (Icarus Verilog not installed: apt-get install iverilog)");
            }

            SynthesisReport? synthesis = null;
            if (Synthesizer.IsAvailable(SynthTarget.Generic))
            {
                synthesis = Synthesizer.Run(hw, SynthTarget.Generic);
                stages.Add("synth");
            }
            else
            {
                skipped.Add("synth (Yosys not installed: apt-get install yosys)");
            }

            return new Report(seed, Generations, run.BestFitness, online, testAccuracy, rule, words.Length, maxError, saturated, collapsed,
                [.. Enumerable.Range(0, 8).Select(i => (i, targets[i], words[i]))], fixedTest, export, engine, synthesis, stages, skipped,
                clock.Elapsed.TotalSeconds);
        }
        finally
        {
            if (keep is null)
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    private static void WriteText(TextWriter stdout, Report r)
    {
        var console = Output.Console(stdout);
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"evolve:   {r.Generations} generations of es; validation fitness of the best rule {r.ValidationFitness:P1} (holdout accuracy after a 500-sample lifetime)"));
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"simulate: one online pass over 4000 training samples (float reference, 20 hidden, cap 10, R = {r.Rule.Rounds}): train {r.OnlineTrainAccuracy:P1} online, test {r.TestAccuracy:P1} (chance 25 %)"));
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"quantize: {r.RomEntries} ROM words rom[i] = eta*table[i] in {RomWord} (the weight {Precision.Weight}'s LSB scale); max |error| {r.MaxAbsErrorLsb:0.0000} LSB, {r.Saturated} saturated, {r.CollapsedToZero} collapsed to zero"));
        var table = new Table()
            .AddColumn(new TableColumn("index").RightAligned())
            .AddColumn(new TableColumn("eta*entry").RightAligned())
            .AddColumn(new TableColumn("raw").RightAligned())
            .AddColumn("hex")
            .AddColumn(new TableColumn("value").RightAligned());
        foreach (var (index, target, word) in r.FirstWords)
        {
            table.AddRow(
                index.ToString(CultureInfo.InvariantCulture),
                target.ToString("G6", CultureInfo.InvariantCulture),
                word.Raw.ToString(CultureInfo.InvariantCulture),
                word.ToHex(),
                word.ToDecimalString());
        }

        console.Write(table);
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"fixed point: the same lifetime on the bit-accurate integer network at the default precision: test {r.FixedTestAccuracy:P1} (float {r.TestAccuracy:P1})"));
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"export:   rule ROMs, Verilog, testbenches and golden vectors ({r.Export.Files.Length} files, rule {r.Export.RuleHash[..15]}…); a {r.Export.Samples}-sample lifetime makes {r.Export.ExpectedUpdates} synapse updates"));
        if (r.Engine is { } e)
        {
            long updates = e.Stats.GetValueOrDefault("updates"), cycles = e.Stats.GetValueOrDefault("cycles");
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"cosim:    Icarus Verilog: both testbenches pass; the engine matched the model word for word ({e.Checks} checks), {updates} updates in {cycles} clocks = {(double)updates / Math.Max(1, cycles):F3} updates/clock"));
        }

        if (r.Synthesis is { } s)
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"synth:    Yosys generic: {s.Luts} LUT4s, {s.FlipFlops} flip-flops, {s.MemoryBits} memory bits"));
        }

        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Pipeline stages run: {string.Join(", ", r.StagesRun)} ({r.Seconds:F1} s).{(r.Skipped.Count == 0 ? "" : $" Skipped: {string.Join("; ", r.Skipped)}.")}"));
    }

    private static void WriteJson(TextWriter stdout, Report r)
    {
        Output.Json(stdout, json =>
        {
            json.WriteStartObject();
            json.WriteNumber("seed", r.Seed);
            json.WriteNumber("generations", r.Generations);
            json.WriteNumber("validationFitness", r.ValidationFitness);
            json.WriteNumber("onlineTrainAccuracy", r.OnlineTrainAccuracy);
            json.WriteNumber("testAccuracy", r.TestAccuracy);
            json.WriteNumber("fixedTestAccuracy", r.FixedTestAccuracy);
            json.WriteString("romType", RomWord.ToString());
            json.WriteNumber("romEntries", r.RomEntries);
            json.WriteNumber("maxAbsErrorLsb", r.MaxAbsErrorLsb);
            json.WriteNumber("saturated", r.Saturated);
            json.WriteNumber("collapsedToZero", r.CollapsedToZero);
            json.WriteStartObject("hardware");
            json.WriteString("ruleHash", r.Export.RuleHash);
            json.WriteNumber("files", r.Export.Files.Length);
            json.WriteNumber("expectedUpdates", r.Export.ExpectedUpdates);
            if (r.Engine is { } e)
            {
                long updates = e.Stats.GetValueOrDefault("updates"), cycles = e.Stats.GetValueOrDefault("cycles");
                json.WriteBoolean("cosimPassed", e.Passed);
                json.WriteNumber("cosimChecks", e.Checks);
                json.WriteNumber("updates", updates);
                json.WriteNumber("cycles", cycles);
                json.WriteNumber("updatesPerClock", Math.Round((double)updates / Math.Max(1, cycles), 4));
            }

            if (r.Synthesis is { } s)
            {
                json.WriteNumber("luts", s.Luts);
                json.WriteNumber("flipFlops", s.FlipFlops);
                json.WriteNumber("memoryBits", s.MemoryBits);
            }

            json.WriteEndObject();
            json.WriteStartArray("stagesRun");
            foreach (string stage in r.StagesRun)
            {
                json.WriteStringValue(stage);
            }

            json.WriteEndArray();
            json.WriteStartArray("skipped");
            foreach (string stage in r.Skipped)
            {
                json.WriteStringValue(stage);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });
    }
}
