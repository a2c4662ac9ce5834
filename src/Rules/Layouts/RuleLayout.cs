using System.Collections.Immutable;
using System.Globalization;

namespace Neuro.Rules.Layouts;

/// <summary>
/// A rule's tables, in order (DESIGN.md §4): the one owner of table offsets and sizes. Genes, ROM words and the device's
/// ROM buffer all lay the tables out one after another in this order: table <c>i</c> starts at <see cref="Offset"/>(i).
/// </summary>
public sealed record RuleLayout
{
    private readonly int[] offsets;

    /// <summary>Creates a layout and validates it: at least one table, distinct names, each synapse group at most once.</summary>
    /// <exception cref="ArgumentException">The message names what is wrong.</exception>
    public RuleLayout(ImmutableArray<TableLayout> tables)
    {
        if (tables.IsDefaultOrEmpty)
        {
            throw new ArgumentException("A rule needs at least one table", nameof(tables));
        }

        offsets = new int[tables.Length + 1];
        for (int i = 0; i < tables.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(tables[i], nameof(tables));
            for (int j = 0; j < i; j++)
            {
                if (tables[j].Name == tables[i].Name)
                {
                    throw new ArgumentException($"Two tables are named '{tables[i].Name}'", nameof(tables));
                }

                if (tables[j].Synapses == tables[i].Synapses)
                {
                    throw new ArgumentException($"Tables '{tables[j].Name}' and '{tables[i].Name}' both update the '{tables[i].Synapses}' synapses", nameof(tables));
                }
            }

            offsets[i + 1] = offsets[i] + tables[i].Entries;
        }

        Tables = tables;
    }

    /// <summary>The tables, in gene and ROM order.</summary>
    public ImmutableArray<TableLayout> Tables { get; }

    /// <summary>Entries of all tables together (the gene count of a rule with this layout).</summary>
    public int TotalEntries => offsets[^1];

    /// <summary>Where table <paramref name="index"/>'s entries start among all entries.</summary>
    public int Offset(int index) => offsets[index];

    /// <summary>The index of the table that updates <paramref name="synapses"/>, or −1.</summary>
    public int IndexOf(string synapses)
    {
        for (int i = 0; i < Tables.Length; i++)
        {
            if (Tables[i].Synapses == synapses)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The table that updates <paramref name="synapses"/>, or null.</summary>
    public TableLayout? Find(string synapses) => IndexOf(synapses) is int i and >= 0 ? Tables[i] : null;

    /// <summary>Parses a command-line field list, <c>signal:bits[:option]</c> separated by commas (<c>preHistory:4,role:1,margin:2:0.5</c>);
    /// the option is a margin field's threshold scale, a weight field's range or a pre field's top level
    /// (<c>pre:1</c> is <c>pre:1:0.5</c>, <see cref="LayoutField.DefaultPreThresholds"/>; <c>pre:2:0/0.25/0.5</c> names
    /// every level); <c>margin:2:relative</c> (or
    /// <c>margin:2:relative:0.25</c>) makes the margin's thresholds relative to the largest logit magnitude.</summary>
    /// <exception cref="FormatException">The message names the bad item.</exception>
    public static ImmutableArray<LayoutField> ParseFields(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var fields = ImmutableArray.CreateBuilder<LayoutField>();
        foreach (string item in text.Split(',', StringSplitOptions.TrimEntries))
        {
            string[] parts = item.Split(':');
            bool relative = parts.Length >= 3 && parts[2] == "relative";
            if (relative)
            {
                parts = [.. parts[..2], .. parts[3..]];
            }

            if (parts.Length is < 2 or > 3 || LayoutField.Parse(parts[0]) is not Signal signal
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int bits))
            {
                throw new FormatException($"'{item}' is not a field; write signal:bits[:option] with a signal of {LayoutField.Names}");
            }

            double? option = null;
            if (parts.Length == 3 && signal == Signal.Pre && parts[2].Contains('/', StringComparison.Ordinal))
            {
                // Every level of a pre field: pre:2:0/0.25/0.5.
                var levels = ImmutableArray.CreateBuilder<double>();
                foreach (string level in parts[2].Split('/'))
                {
                    if (!double.TryParse(level, NumberStyles.Float, CultureInfo.InvariantCulture, out double t) || !double.IsFinite(t))
                    {
                        throw new FormatException($"'{item}': the level '{level}' is not a finite number");
                    }

                    levels.Add(t);
                }

                try
                {
                    fields.Add(new LayoutField(signal, bits, levels.ToImmutable()));
                }
                catch (ArgumentException e)
                {
                    throw new FormatException($"'{item}': {e.Message}", e);
                }

                continue;
            }

            if (parts.Length == 3)
            {
                if (!double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
                {
                    throw new FormatException($"'{item}': the option '{parts[2]}' is not a finite number");
                }

                option = value;
            }

            try
            {
                fields.Add(signal switch
                {
                    Signal.Margin when relative => new LayoutField(signal, bits, LayoutField.DefaultRelativeMarginThresholds(Math.Clamp(bits, 1, LayoutField.MaxMarginBits), option ?? 0.125), relative: true),
                    Signal.Margin => new LayoutField(signal, bits, LayoutField.DefaultMarginThresholds(Math.Clamp(bits, 1, LayoutField.MaxMarginBits), option ?? 1.0)),
                    Signal.Weight => new LayoutField(signal, bits, range: option),
                    Signal.Pre => new LayoutField(signal, bits, LayoutField.DefaultPreThresholds(Math.Clamp(bits, 1, LayoutField.MaxPreLevelBits), option ?? 0.5)),
                    _ when relative => throw new ArgumentException($"only a margin field is relative, not '{LayoutField.Name(signal)}'"),
                    _ when option is not null => throw new ArgumentException($"'{LayoutField.Name(signal)}' takes no option"),
                    _ => new LayoutField(signal, bits),
                });
            }
            catch (ArgumentException e)
            {
                throw new FormatException($"'{item}': {e.Message}", e);
            }
        }

        return fields.ToImmutable();
    }

    /// <summary>Value equality over the tables.</summary>
    public bool Equals(RuleLayout? other) => other is not null && Tables.SequenceEqual(other.Tables);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Tables.Length, TotalEntries);
}
