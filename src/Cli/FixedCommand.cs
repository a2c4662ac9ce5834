using System.CommandLine;
using System.Globalization;
using Neuro.FixedPointSim;
using Spectre.Console;
using Overflow = Neuro.FixedPointSim.Overflow;

namespace Neuro.Cli;

/// <summary>
/// <c>neuro fixed</c>: quantizes decimal values exactly into a fixed-point type and shows, per value, the raw integer,
/// its two's complement hex and the exact value it stands for.
/// </summary>
/// <remarks>
/// Values go from their decimal text straight to the raw integer (<see cref="Fixed.ParseDecimal"/>), never through a double.
/// Rounding and overflow have no silent defaults: each must come from <c>--rounding</c>/<c>--overflow</c> or from the
/// <c>ap_fixed&lt;W,I,Q,O&gt;</c> spelling, and the two must agree when both give it.
/// </remarks>
internal static class FixedCommand
{
    /// <summary>Builds the <c>fixed</c> verb.</summary>
    internal static Command Create()
    {
        var format = new Option<string>("--format")
        {
            Description = "Target type: sQ4.12, uQ0.8, ap_fixed<16,4> or ap_fixed<16,4,AP_RND_CONV,AP_SAT>",
            Required = true,
        };
        var rounding = new Option<string?>("--rounding")
        {
            Description = "Rounding mode: Rnd, RndZero, RndMinInf, RndInf, RndConv, Trn, TrnZero (or AP_/SC_ names); required unless the format spells it",
        };
        var overflow = new Option<string?>("--overflow")
        {
            Description = "Overflow mode: Sat, SatZero, SatSym, Wrap (or AP_/SC_ names); required unless the format spells it",
        };
        var input = new Option<string?>("--in")
        {
            Description = "Read values from FILE, one per line; blank lines and lines starting with # are skipped",
            HelpName = "FILE",
        };
        var json = new Option<bool>("--json") { Description = "Print a JSON array instead of a table" };
        var values = new Argument<string[]>("values")
        {
            Description = "Decimal values such as 0.3, -0.5, 1.25e-3 (converted exactly)",
            Arity = ArgumentArity.ZeroOrMore,
        };

        var command = new Command("fixed", "Quantize decimal values exactly into a fixed-point type: raw integer, hex and exact value")
        {
            format, rounding, overflow, input, json, values,
        };
        command.SetAction(result =>
        {
            var type = ResolveType(result.GetRequiredValue(format), result.GetValue(rounding), result.GetValue(overflow));
            var texts = Inputs(result.GetValue(values) ?? [], result.GetValue(input));
            var quantized = Quantize(texts, type);
            var stdout = result.InvocationConfiguration.Output;
            if (result.GetValue(json))
            {
                WriteJson(stdout, quantized);
            }
            else
            {
                WriteTable(stdout, type, quantized);
            }

            return Program.Success;
        });
        return command;
    }

    /// <summary>
    /// The type named by <paramref name="format"/>, with modes from the spelling or the flags; throws
    /// <see cref="UsageException"/> when a mode is missing or the two sources disagree.
    /// </summary>
    internal static FixedType ResolveType(string format, string? rounding, string? overflow)
    {
        var (spelled, hasRounding, hasOverflow) = Usage(() => FixedType.ParseDetailed(format), "--format");
        var r = Resolve<Rounding>(
            "--rounding", format, hasRounding ? spelled.Rounding : null,
            rounding is null ? null : Usage(() => FixedType.ParseRounding(rounding), "--rounding"));
        var o = Resolve<Overflow>(
            "--overflow", format, hasOverflow ? spelled.Overflow : null,
            overflow is null ? null : Usage(() => FixedType.ParseOverflow(overflow), "--overflow"));
        return spelled with { Rounding = r, Overflow = o };
    }

    /// <summary>The values to quantize with where each came from: <c>FILE:LINE</c> for <c>--in</c>, null for the command line.</summary>
    internal static IReadOnlyList<(string Text, string? Where)> Inputs(string[] values, string? file)
    {
        if (file is null)
        {
            return values.Length == 0
                ? throw new UsageException("no values: give VALUES... or --in FILE")
                : [.. values.Select(v => (v, (string?)null))];
        }

        if (values.Length > 0)
        {
            throw new UsageException($"give VALUES... or --in FILE, not both (got {values.Length} value(s) and --in '{file}')");
        }

        string[] lines;
        try
        {
            lines = File.ReadAllLines(file);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new UsageException($"--in '{file}': {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"--in '{file}' could not be read: {e.Message}", e);
        }

        var texts = new List<(string, string?)>();
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                texts.Add((line, string.Create(CultureInfo.InvariantCulture, $"{file}:{i + 1}")));
            }
        }

        return texts.Count == 0 ? throw new UsageException($"--in '{file}' has no values") : texts;
    }

    /// <summary>Quantizes every value, or throws <see cref="UsageException"/> at the first bad one before anything is printed.</summary>
    internal static IReadOnlyList<(string Input, Fixed Value)> Quantize(IReadOnlyList<(string Text, string? Where)> texts, FixedType type)
    {
        return [.. texts.Select(t => (t.Text, Usage(() => Fixed.ParseDecimal(t.Text, type.Format, type.Rounding, type.Overflow), t.Where)))];
    }

    private static T Resolve<T>(string flag, string format, T? fromFormat, T? fromFlag)
        where T : struct, Enum
    {
        return (fromFormat, fromFlag) switch
        {
            (null, null) => throw new UsageException($"{flag} is required (or spell it inside ap_fixed<...>)"),
            ({ } f, { } g) when !f.Equals(g) =>
                throw new UsageException($"{flag} says {g} but --format '{format}' says {f}; give the mode once or make them agree"),
            ({ } f, _) => f,
            (_, { } g) => g,
        };
    }

    /// <summary>Runs <paramref name="parse"/>, turning a <see cref="FormatException"/> into a <see cref="UsageException"/> prefixed with <paramref name="where"/>.</summary>
    private static T Usage<T>(Func<T> parse, string? where)
    {
        try
        {
            return parse();
        }
        catch (FormatException e)
        {
            throw new UsageException(where is null ? e.Message : $"{where}: {e.Message}", e);
        }
    }

    private static void WriteTable(TextWriter stdout, FixedType type, IReadOnlyList<(string Input, Fixed Value)> rows)
    {
        var console = Output.Console(stdout);
        console.WriteLine($"{type} ({type.Format})");
        var table = new Table()
            .AddColumn("input")
            .AddColumn(new TableColumn("raw").RightAligned())
            .AddColumn("hex")
            .AddColumn("value");
        foreach (var (input, value) in rows)
        {
            table.AddRow(
                new Text(input),
                new Text(value.Raw.ToString(CultureInfo.InvariantCulture)),
                new Text(value.ToHex()),
                new Text(value.ToDecimalString()));
        }

        console.Write(table);
    }

    private static void WriteJson(TextWriter stdout, IReadOnlyList<(string Input, Fixed Value)> rows)
    {
        Output.Json(stdout, json =>
        {
            json.WriteStartArray();
            foreach (var (input, value) in rows)
            {
                json.WriteStartObject();
                json.WriteString("input", input);
                json.WritePropertyName("raw");
                json.WriteRawValue(value.Raw.ToString(CultureInfo.InvariantCulture));
                json.WriteString("hex", value.ToHex());
                json.WritePropertyName("value");
                json.WriteRawValue(value.ToDecimalString());
                json.WriteEndObject();
            }

            json.WriteEndArray();
        });
    }
}
