using System.CommandLine;
using System.Globalization;
using Neuro.FixedPointSim.Patterns;
using Neuro.Rules;
using Neuro.Rules.Continual;
using Neuro.Rules.Hebbian;
using Neuro.RtlExport;
using Neuro.RtlExport.Hebbian;
using Spectre.Console;

namespace Neuro.Cli.Continual;

/// <summary>
/// <c>neuro export --rule rules/hebbian-continual.json --data ../shared/data --out hw</c> for a <c>hebbian</c> rule: the
/// compiled ROMs, the plasticity engine in Verilog, a self-checking testbench and the fixed-point model's vectors over the
/// first samples of a continual lifetime (MNIST then Fashion-MNIST, streamed as <c>neuro continual</c> streams them).
/// </summary>
internal static class HebbianExportCommand
{
    /// <summary>Golden-vector samples when <c>--samples</c> is not given.</summary>
    internal const int DefaultSamples = 200;

    /// <summary>The options of <c>neuro export</c> this family reads.</summary>
    internal sealed record Options(
        Option<string?> OutDir, Option<bool> Force, Option<string> Name, Option<bool> Json, Option<string?> Precision, Option<int> Samples,
        Option<string?> Data, Option<int> Hidden, Option<int?> Active, Option<int> Seed);

    /// <summary>The exit code when <paramref name="rulePath"/> is a hebbian rule file, or null to let another family export.</summary>
    /// <exception cref="UsageException">A hebbian-only option with another family's rule, an option that does not apply, or bad input.</exception>
    internal static int? TryRun(ParseResult result, string? rulePath, Options o, IReadOnlyList<Option> others)
    {
        if (!IsHebbian(rulePath))
        {
            if (result.GetResult(o.Active) is { Implicit: false })
            {
                throw new UsageException($"--active applies only to hebbian rule files; {rulePath ?? "--rule"} is not one");
            }

            return null;
        }

        if (others.FirstOrDefault(x => result.GetResult(x) is { Implicit: false }) is { } other)
        {
            throw new UsageException($"{other.Name} does not apply to a hebbian rule (its engine exports with --data, --hidden, --active, --seed, --samples and --precision)");
        }

        string dir = result.GetValue(o.OutDir) ?? throw new UsageException("--out DIR is required");
        var rule = ContinualCommand.ReadRule(rulePath);
        var precision = ContinualCommand.ResolvePrecision(result.GetValue(o.Precision)) ?? Neuro.FixedPointSim.Hebbian.HebbianPrecision.Default;
        int samples = result.GetResult(o.Samples) is { Implicit: false } ? result.GetValue(o.Samples) : DefaultSamples;
        if (samples < 1)
        {
            throw new UsageException($"--samples must be at least 1, not {samples}");
        }

        int hidden = result.GetValue(o.Hidden);
        int active = result.GetValue(o.Active) ?? Math.Max(1, hidden / 4);
        int seed = result.GetValue(o.Seed);
        try
        {
            HebbianRomCheck.Ensure(rule, precision);
        }
        catch (RtlExportException e)
        {
            throw new UsageException(e.Message, e);
        }

        string data = result.GetValue(o.Data) ?? throw new UsageException("--data DIR is required for a hebbian rule: the folder holding mnist/ and fashion-mnist/ (the golden vectors are the first --samples of a continual lifetime)");
        var tasks = ContinualOptions.LoadTasks(data, ContinualOptions.DefaultTasks.Split(','), null);
        var spec = new HebbianNetworkSpec(tasks[0].Train.Features, tasks.Sum(t => t.Classes), hidden, active, Seed: seed);
        if (spec.Problem is { } problem)
        {
            throw new UsageException($"--hidden/--active: {problem}");
        }

        if (samples > tasks.Sum(t => t.Train.Count))
        {
            throw new UsageException($"--samples {samples} exceeds the lifetime's {tasks.Sum(t => t.Train.Count)} training samples");
        }

        var stream = ContinualProtocol.Prefix(tasks, seed, samples);
        HebbianExportResult exported;
        using (var folder = OutputOptions.Stage(dir, "export", result.GetValue(o.Force)))
        {
            try
            {
                exported = HardwareExporter.Export(rule, precision, spec, stream, new HardwareExportSettings { Name = result.GetValue(o.Name)! }, folder.WorkPath);
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
        }

        var stdout = result.InvocationConfiguration.Output;
        if (result.GetValue(o.Json))
        {
            Output.Json(stdout, w =>
            {
                w.WriteStartObject();
                w.WriteString("rule", rulePath);
                w.WriteString("family", HebbianRule.Family);
                w.WriteString("out", dir);
                w.WriteString("ruleHash", exported.RuleHash);
                w.WriteString("top", exported.Top);
                w.WriteNumber("inputs", spec.Inputs);
                w.WriteNumber("hidden", spec.Hidden);
                w.WriteNumber("active", spec.Active);
                w.WriteNumber("classes", spec.Classes);
                w.WriteNumber("seed", seed);
                w.WriteNumber("samples", exported.Samples);
                w.WriteNumber("updates", exported.Updates);
                w.WriteNumber("clocksPerSample", exported.ClocksPerSample);
                w.WriteNumber("updatesPerSample", exported.UpdatesPerSample);
                Output.Embed(w, "precision", precision.ToJson());
                ExportedFile.WriteArray(w, exported.Files);
                w.WriteEndObject();
            });
        }
        else
        {
            var console = Output.Console(stdout);
            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"neuro export: {rulePath} ({exported.RuleHash}) -> {dir}, top {exported.Top}"));
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"hebbian engine: {spec.Inputs} -> {spec.Hidden} ({spec.Active} active) -> {spec.Classes}; weights {precision.HiddenWeight} / {precision.OutputWeight}, add words {precision.RuleEntry}, scale words {precision.ScaleEntry}"));
            var table = new Table().AddColumns("file", "kind", "sha256");
            foreach (var f in exported.Files)
            {
                table.AddRow(Markup.Escape(f.Path), f.Kind, f.Sha256);
            }

            console.Write(table);
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"golden vectors: the first {exported.Samples} samples of a lifetime (seed {seed}), {exported.Updates} synapse updates, {exported.ClocksPerSample} clocks per sample; run 'neuro cosim {dir}'"));
        }

        return Program.Success;
    }

    /// <summary>True when <paramref name="rulePath"/> names a readable rule file of the hebbian family.</summary>
    private static bool IsHebbian([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? rulePath)
    {
        if (rulePath is null || !File.Exists(rulePath))
        {
            return false;
        }

        try
        {
            return RuleFileHeader.Read(rulePath).Family == HebbianRule.Family;
        }
        catch (Neuro.Rules.Json.JsonInputException)
        {
            return false;
        }
    }
}
