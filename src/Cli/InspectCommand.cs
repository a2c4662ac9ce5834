using System.CommandLine;
using System.Globalization;
using Neuro.FixedPointSim.Patterns;
using Neuro.Rules;
using Neuro.Rules.Layouts;
using Neuro.Rules.Patterns;
using Spectre.Console;

namespace Neuro.Cli;

/// <summary>
/// <c>neuro inspect RULE.json</c>: what a rule file declares, read through its layout (DESIGN.md §4): the family and
/// format, each table's synapse group, mode, fields, address width, entries and offset, the meaning of every address bit,
/// and the ROM bits each table takes at a precision.
/// </summary>
internal static class InspectCommand
{
    /// <summary>Builds the <c>inspect</c> verb.</summary>
    internal static Command Create()
    {
        var rule = new Argument<string>("RULE.json") { Description = "The rule file (either format)" };
        var precision = new Option<string?>("--precision")
        {
            Description = "Precision config for the ROM sizes: 'default' or a precision config JSON file (default: 'default')",
            HelpName = "default|FILE.json",
        };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of tables" };
        var command = new Command("inspect", "Show a rule's tables, their fields, what every address bit means, and the ROM bits at a precision")
        {
            rule, precision, json,
        };
        command.SetAction(result =>
        {
            string path = result.GetRequiredValue(rule);
            var header = RuleFileHeader.Read(path);
            var (patternRule, provenance) = SimulateCommand.ReadRule(path);
            var config = PrecisionOption.Resolve(result.GetValue(precision) ?? "default")!;
            int wordBits = config.RuleEntry.Format.Width;
            var layout = patternRule.Layout;
            var stdout = result.InvocationConfiguration.Output;
            if (result.GetValue(json))
            {
                Output.Json(stdout, w =>
                {
                    w.WriteStartObject();
                    w.WriteString("rule", path);
                    w.WriteString("family", header.Family);
                    w.WriteString("format", header.Format ?? "first (no format member)");
                    w.WriteNumber("rounds", patternRule.Rounds);
                    w.WriteNumber("eta", patternRule.Eta);
                    w.WriteBoolean("misclassifiedOnly", patternRule.MisclassifiedOnly);
                    w.WriteString("outputEdges", patternRule.OutputEdges == OutputEdges.AllEdges ? "allEdges" : "labelAndPrediction");
                    w.WriteNumber("outputAverageShift", patternRule.OutputAverageShift);
                    w.WriteBoolean("classicLayout", PatternLayouts.IsClassic(layout, patternRule.Rounds));
                    w.WriteString("ruleEntry", config.RuleEntry.ToString());
                    w.WriteStartArray("tables");
                    for (int t = 0; t < layout.Tables.Length; t++)
                    {
                        var table = layout.Tables[t];
                        w.WriteStartObject();
                        w.WriteString("name", table.Name);
                        w.WriteString("synapses", table.Synapses);
                        w.WriteString("mode", ModeName(table.Mode));
                        w.WriteString("fields", table.FieldList);
                        w.WriteNumber("addressBits", table.AddressBits);
                        w.WriteNumber("entries", table.Entries);
                        w.WriteNumber("offset", layout.Offset(t));
                        w.WriteNumber("romBits", (long)table.Entries * wordBits);
                        w.WriteStartArray("bits");
                        foreach (var bit in table.BitMeanings())
                        {
                            w.WriteStartObject();
                            w.WriteNumber("bit", bit.Bit);
                            w.WriteString("signal", bit.Signal);
                            w.WriteNumber("fieldBit", bit.FieldBit);
                            w.WriteString("meaning", bit.Meaning);
                            w.WriteEndObject();
                        }

                        w.WriteEndArray();
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                    w.WriteNumber("totalEntries", layout.TotalEntries);
                    w.WriteNumber("totalRomBits", (long)layout.TotalEntries * wordBits);
                    if (provenance is not null)
                    {
                        w.WriteString("provenance", $"{provenance.Algorithm} on {provenance.Task}, seed {provenance.Seed}, fitness {provenance.Fitness.ToString("R", CultureInfo.InvariantCulture)}");
                    }

                    w.WriteEndObject();
                });
                return Program.Success;
            }

            var console = Output.Console(stdout);
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{path}: family {header.Family}, format {header.Format ?? "first (no format member)"}, {patternRule.Rounds} rounds, eta {patternRule.Eta:R}, {(patternRule.MisclassifiedOnly ? "updates after misclassified samples" : "updates after every sample")}, output edges {(patternRule.OutputEdges == OutputEdges.AllEdges ? "all" : "label and prediction")}{(patternRule.AveragesOutput ? $", predictions read the output weights' moving average (factor 2^-{patternRule.OutputAverageShift} per sample)" : "")}{(PatternLayouts.IsClassic(layout, patternRule.Rounds) ? ", classic layout" : "")}"));
            var tables = new Table().AddColumns("table", "synapses", "mode", "fields (most significant first)", "address bits", "entries", "offset", $"ROM bits ({config.RuleEntry.Format} words)");
            for (int t = 0; t < layout.Tables.Length; t++)
            {
                var table = layout.Tables[t];
                tables.AddRow(Markup.Escape(table.Name), Markup.Escape(table.Synapses), ModeName(table.Mode), Markup.Escape(table.FieldList), Num(table.AddressBits), Num(table.Entries), Num(layout.Offset(t)), Num((long)table.Entries * wordBits));
            }

            tables.AddRow("total", "", "", "", "", Num(layout.TotalEntries), "", Num((long)layout.TotalEntries * wordBits));
            console.Write(tables);
            foreach (var table in layout.Tables)
            {
                var bits = new Table().Title(Markup.Escape($"{table.Name}: address bits")).AddColumns("bit", "field", "meaning");
                foreach (var bit in table.BitMeanings())
                {
                    bits.AddRow(Num(bit.Bit), Markup.Escape($"{bit.Signal}[{bit.FieldBit}]"), Markup.Escape(bit.Meaning));
                }

                console.Write(bits);
            }

            return Program.Success;
        });
        return command;
    }

    private static string ModeName(TableMode mode) => mode switch
    {
        TableMode.Add => "add",
        TableMode.Multiply => "multiply",
        _ => "write",
    };

    private static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);
}
