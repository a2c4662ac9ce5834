using System.CommandLine;
using System.Globalization;
using Neuro.FixedPointSim;
using Spectre.Console;
using Overflow = Neuro.FixedPointSim.Overflow;

namespace Neuro.Cli;

/// <summary>
/// <c>neuro demo</c>: runs what exists of the pipeline end to end on embedded data and says plainly what it did.
/// </summary>
/// <remarks>
/// Today that is one stage: a rule table is quantized into a rule-ROM word in the weight's LSB scale
/// (<c>rom[i] = eta·table[i]</c> in <c>sQ2.14</c>, RndConv, Sat), as DESIGN §5 describes. Evolution, simulation,
/// export, co-simulation and synthesis are not built yet, and the output says so.
/// </remarks>
internal static class DemoCommand
{
    /// <summary>
    /// A made-up table of 16 entries in [−1, 1] standing in for the hidden-rule diagonal (<c>hidden[p·16 + p]</c>)
    /// of a pattern rule with R = 3; it is a fixed literal, not the result of evolution.
    /// </summary>
    private static readonly double[] Table =
    [
        -1.0, -0.8125, -0.6, -0.4375, -0.3, -0.15, -0.05, 0.0,
        0.0123, 0.1, 0.25, 0.3, 0.45, 0.6875, 0.9, 1.0,
    ];

    /// <summary>The plasticity step size of the pattern rule (DESIGN §3).</summary>
    private const double Eta = 0.01;

    /// <summary>The rule-ROM word: the weight format <c>sQ2.14</c>, rounded to nearest-even and saturated.</summary>
    private static readonly FixedType RomWord = new(QFormat.S(2, 14), Rounding.RndConv, Overflow.Sat);

    private static readonly string[] StagesRun = ["quantize"];

    private static readonly string[] StagesNotBuilt = ["evolve", "simulate", "export", "cosim", "synth"];

    private const string RuleDescription =
        "made-up 16-entry table standing in for the hidden-rule diagonal of a pattern rule (a fixed literal, not evolved)";

    /// <summary>Builds the <c>demo</c> verb.</summary>
    internal static Command Create()
    {
        var seed = new Option<int>("--seed")
        {
            Description = "Seed for the pipeline's random stages; the current demo has none, so it does not change the output",
            DefaultValueFactory = _ => 1,
        };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
        var command = new Command("demo", "Run what exists of the pipeline on embedded data (today: quantize a rule table into a ROM word)")
        {
            seed, json,
        };
        command.SetAction(result =>
        {
            var rows = Quantize();
            var stdout = result.InvocationConfiguration.Output;
            if (result.GetValue(json))
            {
                WriteJson(stdout, result.GetValue(seed), rows);
            }
            else
            {
                WriteTable(stdout, rows);
            }

            return Program.Success;
        });
        return command;
    }

    /// <summary>One ROM entry: the table entry, the float target <c>eta·entry</c>, its quantized word and the error in LSBs.</summary>
    internal readonly record struct Row(int Index, double Entry, double Target, Fixed Word, double ErrorLsb);

    /// <summary>Quantizes <c>eta·table[i]</c> into the ROM word for every entry.</summary>
    internal static IReadOnlyList<Row> Quantize()
    {
        return [.. Table.Select((entry, i) =>
        {
            double target = Eta * entry;
            var word = Fixed.FromDouble(target, RomWord);
            return new Row(i, entry, target, word, Math.ScaleB(word.ToDouble() - target, RomWord.Format.FracBits));
        })];
    }

    private static void WriteTable(TextWriter stdout, IReadOnlyList<Row> rows)
    {
        var console = Output.Console(stdout);
        console.WriteLine($"neuro demo: rule = {RuleDescription}");
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ROM word rom[i] = eta*table[i], eta = {Eta}, in {RomWord} ({RomWord.Format})"));
        var table = new Table()
            .AddColumn(new TableColumn("index").RightAligned())
            .AddColumn(new TableColumn("entry").RightAligned())
            .AddColumn(new TableColumn("float").RightAligned())
            .AddColumn(new TableColumn("raw").RightAligned())
            .AddColumn("hex")
            .AddColumn(new TableColumn("value").RightAligned())
            .AddColumn(new TableColumn("error (LSB)").RightAligned());
        foreach (var row in rows)
        {
            table.AddRow(
                new Text(row.Index.ToString(CultureInfo.InvariantCulture)),
                new Text(row.Entry.ToString("R", CultureInfo.InvariantCulture)),
                new Text(row.Target.ToString("R", CultureInfo.InvariantCulture)),
                new Text(row.Word.Raw.ToString(CultureInfo.InvariantCulture)),
                new Text(row.Word.ToHex()),
                new Text(row.Word.ToDecimalString()),
                new Text(row.ErrorLsb.ToString("+0.0000;-0.0000;0", CultureInfo.InvariantCulture)));
        }

        console.Write(table);
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"max |error| = {MaxAbsError(rows):0.0000} LSB"));
        console.WriteLine(
            $"Pipeline stages run: {string.Join(", ", StagesRun)}. Not built yet (future work): {string.Join(", ", StagesNotBuilt)}.");
    }

    private static void WriteJson(TextWriter stdout, int seed, IReadOnlyList<Row> rows)
    {
        Output.Json(stdout, json =>
        {
            json.WriteStartObject();
            json.WriteString("rule", RuleDescription);
            json.WriteNumber("seed", seed);
            json.WriteNumber("eta", Eta);
            json.WriteString("type", RomWord.ToString());
            json.WriteString("format", RomWord.Format.ToString());
            json.WriteStartArray("entries");
            foreach (var row in rows)
            {
                json.WriteStartObject();
                json.WriteNumber("index", row.Index);
                json.WriteNumber("entry", row.Entry);
                json.WriteNumber("float", row.Target);
                json.WritePropertyName("raw");
                json.WriteRawValue(row.Word.Raw.ToString(CultureInfo.InvariantCulture));
                json.WriteString("hex", row.Word.ToHex());
                json.WritePropertyName("value");
                json.WriteRawValue(row.Word.ToDecimalString());
                json.WriteNumber("errorLsb", row.ErrorLsb);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteNumber("maxAbsErrorLsb", MaxAbsError(rows));
            json.WriteStartObject("stages");
            WriteStrings(json, "run", StagesRun);
            WriteStrings(json, "notBuilt", StagesNotBuilt);
            json.WriteEndObject();
            json.WriteEndObject();
        });
    }

    private static double MaxAbsError(IReadOnlyList<Row> rows) => rows.Max(r => Math.Abs(r.ErrorLsb));

    private static void WriteStrings(System.Text.Json.Utf8JsonWriter json, string name, string[] values)
    {
        json.WriteStartArray(name);
        foreach (string value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
