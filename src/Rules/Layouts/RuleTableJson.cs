using System.Collections.Immutable;
using Neuro.Rules.Json;

namespace Neuro.Rules.Layouts;

/// <summary>
/// A table as rule files (<c>neuro-rule/2</c>, DESIGN.md §4) hold it, for every family:
/// <c>{ "name": "hidden", "synapses": "recurrent", "mode": "add", "fields": [ … ], "entries": [ … ] }</c>.
/// </summary>
/// <param name="Name">Table name.</param>
/// <param name="Synapses">Synapse group.</param>
/// <param name="Mode">add, multiply or write.</param>
/// <param name="Fields">The address fields, most significant first.</param>
/// <param name="Entries">2^(Σ bits) finite numbers, by address.</param>
public sealed record RuleTableJson(string Name, string Synapses, TableMode Mode, ImmutableArray<LayoutFieldJson> Fields, ImmutableArray<double> Entries)
{
    /// <summary>The JSON form of a table and its entries.</summary>
    public static RuleTableJson Of(TableLayout table, ImmutableArray<double> entries)
    {
        ArgumentNullException.ThrowIfNull(table);
        return new RuleTableJson(table.Name, table.Synapses, table.Mode, [.. table.Fields.Select(LayoutFieldJson.Of)], entries);
    }

    /// <summary>
    /// The layouts and entries of <paramref name="tables"/>, checked: valid fields, tables and layout, and the right number
    /// of entries; errors name <paramref name="source"/> and the JSON path (<c>tables[1].fields[2].bits</c>).
    /// </summary>
    /// <exception cref="JsonInputException">A table breaks the layout rules.</exception>
    public static (RuleLayout Layout, ImmutableArray<ImmutableArray<double>> Entries) ToLayout(ImmutableArray<RuleTableJson> tables, string source, Action<TableLayout>? checkTable = null)
    {
        if (tables.IsDefaultOrEmpty)
        {
            throw new JsonInputException(source, "tables", "a rule needs at least one table");
        }

        var layouts = ImmutableArray.CreateBuilder<TableLayout>(tables.Length);
        var entries = ImmutableArray.CreateBuilder<ImmutableArray<double>>(tables.Length);
        for (int t = 0; t < tables.Length; t++)
        {
            var json = tables[t];
            string at = $"tables[{t}]";
            if (json.Fields.IsDefaultOrEmpty)
            {
                throw new JsonInputException(source, $"{at}.fields", "a table needs at least one field");
            }

            var fields = ImmutableArray.CreateBuilder<LayoutField>(json.Fields.Length);
            for (int f = 0; f < json.Fields.Length; f++)
            {
                fields.Add(Checked(() => json.Fields[f].ToField(), source, $"{at}.fields[{f}]"));
            }

            var table = Checked(() => new TableLayout(json.Name, json.Synapses, json.Mode, fields.MoveToImmutable()), source, at);
            if (checkTable is not null)
            {
                Checked(() => { checkTable(table); return true; }, source, at);
            }

            int count = json.Entries.IsDefault ? 0 : json.Entries.Length;
            if (count != table.Entries)
            {
                throw new JsonInputException(source, $"{at}.entries", $"must have {table.Entries} entries (2^{table.AddressBits} for the fields {table.FieldList}), not {count}");
            }

            layouts.Add(table);
            entries.Add(json.Entries);
        }

        var layout = Checked(() => new RuleLayout(layouts.MoveToImmutable()), source, "tables");
        return (layout, entries.MoveToImmutable());
    }

    private static T Checked<T>(Func<T> make, string source, string path)
    {
        try
        {
            return make();
        }
        catch (ArgumentException e)
        {
            string message = e.ParamName is { } p && e.Message.EndsWith($" (Parameter '{p}')", StringComparison.Ordinal)
                ? e.Message[..^$" (Parameter '{p}')".Length]
                : e.Message;
            throw new JsonInputException(source, path, message);
        }
    }
}
