using System.CommandLine;
using System.Globalization;
using Neuro.Rules.Baxter;
using Neuro.Rules.Json;
using Neuro.RtlExport;
using Spectre.Console;

namespace Neuro.Cli.Baxter;

/// <summary>
/// <c>neuro export --rule DIR/rule.json --out hw</c> for a <c>baxter</c> learner: the whole learner as Verilog with its
/// rule ROM, a self-checking testbench and the C# model's vectors over every trial of its task.
/// </summary>
internal static class BaxterExportCommand
{
    /// <summary>The exit code when <paramref name="rulePath"/> is a baxter rule file, or null to let the pattern family export.</summary>
    internal static int? TryRun(ParseResult result, string? rulePath, Option<string?> outDir, Option<string> name, Option<bool> json, IReadOnlyList<Option> others)
    {
        if (!BaxterSimulate.IsBaxter(rulePath))
        {
            return null;
        }

        if (others.FirstOrDefault(o => result.GetResult(o) is { Implicit: false }) is { } other)
        {
            throw new UsageException($"{other.Name} does not apply to a baxter rule (its network, task and protocol are in {rulePath})");
        }

        string dir = result.GetValue(outDir) ?? throw new UsageException("--out DIR is required");
        BaxterRuleDocument document;
        try
        {
            document = BaxterRuleFile.Read(rulePath);
        }
        catch (JsonInputException e)
        {
            throw new UsageException(e.Message, e);
        }

        Neuro.RtlExport.Baxter.BaxterExportResult exported;
        try
        {
            exported = HardwareExporter.Export(document, new HardwareExportSettings { Name = result.GetValue(name)! }, dir);
        }
        catch (RtlExportException e)
        {
            throw new UsageException(e.Message, e);
        }

        var stdout = result.InvocationConfiguration.Output;
        if (result.GetValue(json))
        {
            Output.Json(stdout, w =>
            {
                w.WriteStartObject();
                w.WriteString("rule", rulePath);
                w.WriteString("family", BaxterRuleFile.Family);
                w.WriteString("out", dir);
                w.WriteString("ruleHash", exported.RuleHash);
                w.WriteString("top", exported.Top);
                w.WriteNumber("cycles", exported.Cycles);
                w.WriteNumber("writes", exported.Writes);
                ExportedFile.WriteArray(w, exported.Files);
                w.WriteEndObject();
            });
        }
        else
        {
            var network = document.Learner.Network;
            var console = Output.Console(stdout);
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"neuro export: {rulePath} ({exported.RuleHash}) -> {dir}, top {exported.Top}"));
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"baxter learner: {network.Nodes} nodes, {network.Synapses.Length} synapses ({network.Learnable.Length} learnable), rule {document.Learner.Rule}"));
            var table = new Table().AddColumns("file", "kind", "sha256");
            foreach (var f in exported.Files)
            {
                table.AddRow(Markup.Escape(f.Path), f.Kind, f.Sha256);
            }

            console.Write(table);
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"golden vectors: every trial of {document.Task.Name}, {exported.Cycles} clocks ({exported.Writes} writing the weights); run 'neuro cosim {dir}'"));
        }

        return Program.Success;
    }
}
