using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace Neuro.Rules.Layouts;

/// <summary>
/// The declared shape of one rule table (DESIGN.md §4): which synapses it updates, how (<see cref="TableMode"/>), and the
/// fields its address is made of, most significant first. The address is the fields' values concatenated:
/// <c>address = Σ value_f · 2^shift_f</c> with <c>shift_f</c> the bits of the fields after f, so a table has
/// <c>2^(Σ bits)</c> entries. This type (with <see cref="RuleLayout"/>) is the only place that knows shifts, widths and
/// offsets; engines ask it for each field's <see cref="Term"/> and OR the terms together.
/// </summary>
public sealed partial record TableLayout
{
    /// <summary>Most address bits of a table (65,536 entries).</summary>
    public const int MaxAddressBits = 16;

    private readonly int[] shifts;

    /// <summary>Creates a table layout and validates it.</summary>
    /// <param name="name">Table name: a letter, then letters, digits or underscores (it becomes a file and Verilog name).</param>
    /// <param name="synapses">The synapse group the table updates (a family's group name: <c>recurrent</c>, <c>input</c>, …).</param>
    /// <param name="mode">How a word changes a weight.</param>
    /// <param name="fields">The address fields, most significant first; each signal at most once.</param>
    /// <exception cref="ArgumentException">The message names what is wrong.</exception>
    public TableLayout(string name, string synapses, TableMode mode, ImmutableArray<LayoutField> fields)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(synapses);
        if (!Identifier().IsMatch(name))
        {
            throw new ArgumentException($"Table name '{name}' must be a letter followed by letters, digits or underscores (at most 32)", nameof(name));
        }

        if (!Identifier().IsMatch(synapses))
        {
            throw new ArgumentException($"Table '{name}': synapse group '{synapses}' must be a letter followed by letters, digits or underscores", nameof(synapses));
        }

        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentException($"Table '{name}': unknown mode {(int)mode}", nameof(mode));
        }

        if (fields.IsDefaultOrEmpty)
        {
            throw new ArgumentException($"Table '{name}' needs at least one field", nameof(fields));
        }

        int bits = 0;
        for (int i = 0; i < fields.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(fields[i], nameof(fields));
            for (int j = 0; j < i; j++)
            {
                if (fields[j].Signal == fields[i].Signal)
                {
                    throw new ArgumentException($"Table '{name}' names the signal '{LayoutField.Name(fields[i].Signal)}' twice", nameof(fields));
                }
            }

            bits += fields[i].Bits;
        }

        if (bits > MaxAddressBits)
        {
            throw new ArgumentException($"Table '{name}' has {bits} address bits ({string.Join(", ", fields)}); the most is {MaxAddressBits} (65,536 entries)", nameof(fields));
        }

        Name = name;
        Synapses = synapses;
        Mode = mode;
        Fields = fields;
        AddressBits = bits;
        shifts = new int[fields.Length];
        for (int i = fields.Length - 1, shift = 0; i >= 0; shift += fields[i].Bits, i--)
        {
            shifts[i] = shift;
        }
    }

    /// <summary>The table's name (<c>hidden</c>, <c>output</c>, <c>f</c>, …).</summary>
    public string Name { get; }

    /// <summary>The synapse group it updates.</summary>
    public string Synapses { get; }

    /// <summary>How a word changes a weight.</summary>
    public TableMode Mode { get; }

    /// <summary>The address fields, most significant first.</summary>
    public ImmutableArray<LayoutField> Fields { get; }

    /// <summary>Address width, the sum of the fields' bits.</summary>
    public int AddressBits { get; }

    /// <summary>Entries, <c>2^AddressBits</c>.</summary>
    public int Entries => 1 << AddressBits;

    /// <summary>Whether a field reads <paramref name="signal"/>.</summary>
    public bool Uses(Signal signal) => IndexOf(signal) >= 0;

    /// <summary>The position of the field that reads <paramref name="signal"/>, or −1.</summary>
    public int IndexOf(Signal signal)
    {
        for (int i = 0; i < Fields.Length; i++)
        {
            if (Fields[i].Signal == signal)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The field that reads <paramref name="signal"/>, or null.</summary>
    public LayoutField? Field(Signal signal) => IndexOf(signal) is int i and >= 0 ? Fields[i] : null;

    /// <summary>The lowest address bit of field <paramref name="index"/>.</summary>
    public int ShiftOf(int index) => shifts[index];

    /// <summary>
    /// The field's contribution to an address: <c>value · 2^shift</c> for the field reading <paramref name="signal"/>, 0
    /// when no field reads it. An address is the OR (equally, the sum) of its fields' terms.
    /// </summary>
    /// <remarks>Engines call this once per neuron or per sample and combine the terms in their inner loops; the value must
    /// be inside the field (<c>0 ≤ value &lt; 2^bits</c>), which <see cref="Address"/> checks and this does not.</remarks>
    public int Term(Signal signal, int value)
    {
        for (int i = 0; i < Fields.Length; i++)
        {
            if (Fields[i].Signal == signal)
            {
                return value << shifts[i];
            }
        }

        return 0;
    }

    /// <summary>The address of the field values <paramref name="values"/>, given in field order.</summary>
    /// <exception cref="ArgumentException">The count is wrong or a value is outside its field.</exception>
    public int Address(ReadOnlySpan<int> values)
    {
        if (values.Length != Fields.Length)
        {
            throw new ArgumentException($"Table '{Name}' has {Fields.Length} fields, not {values.Length}", nameof(values));
        }

        int address = 0;
        for (int i = 0; i < values.Length; i++)
        {
            if ((uint)values[i] >= (uint)Fields[i].Values)
            {
                throw new ArgumentException($"Table '{Name}': {Fields[i]} cannot hold {values[i]}", nameof(values));
            }

            address |= values[i] << shifts[i];
        }

        return address;
    }

    /// <summary>The field values of <paramref name="address"/>, in field order (the inverse of <see cref="Address"/>).</summary>
    public int[] Decode(int address)
    {
        if ((uint)address >= (uint)Entries)
        {
            throw new ArgumentOutOfRangeException(nameof(address), address, $"Table '{Name}' has addresses 0..{Entries - 1}");
        }

        var values = new int[Fields.Length];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (address >> shifts[i]) & (Fields[i].Values - 1);
        }

        return values;
    }

    /// <summary>What every address bit means, most significant first: (address bit, field, bit of the field, meaning).</summary>
    public IReadOnlyList<AddressBit> BitMeanings()
    {
        var bits = new List<AddressBit>(AddressBits);
        for (int i = 0; i < Fields.Length; i++)
        {
            for (int b = Fields[i].Bits - 1; b >= 0; b--)
            {
                bits.Add(new AddressBit(shifts[i] + b, LayoutField.Name(Fields[i].Signal), b, Fields[i].Meaning(b)));
            }
        }

        return bits;
    }

    /// <summary>
    /// The entries of this table made from a table <paramref name="from"/> whose fields are a subset of this one's (same
    /// signals, same bits and options): each address reads the entry of <paramref name="from"/> at the same values of the
    /// shared fields, so the new fields start out ignored (for example a margin field added to an evolved output table).
    /// </summary>
    /// <exception cref="ArgumentException">A field of <paramref name="from"/> is missing here or differs.</exception>
    public double[] Broadcast(TableLayout from, ReadOnlySpan<double> entries)
    {
        ArgumentNullException.ThrowIfNull(from);
        if (entries.Length != from.Entries)
        {
            throw new ArgumentException($"Table '{from.Name}' has {from.Entries} entries, not {entries.Length}", nameof(entries));
        }

        var map = new int[from.Fields.Length];
        for (int i = 0; i < from.Fields.Length; i++)
        {
            map[i] = IndexOf(from.Fields[i].Signal);
            if (map[i] < 0 || Fields[map[i]] != from.Fields[i])
            {
                throw new ArgumentException($"Table '{Name}' ({string.Join(", ", Fields)}) has no field {from.Fields[i]} like table '{from.Name}' ({string.Join(", ", from.Fields)})", nameof(from));
            }
        }

        var result = new double[Entries];
        Span<int> old = stackalloc int[from.Fields.Length];
        for (int address = 0; address < Entries; address++)
        {
            var values = Decode(address);
            for (int i = 0; i < old.Length; i++)
            {
                old[i] = values[map[i]];
            }

            result[address] = entries[from.Address(old)];
        }

        return result;
    }

    /// <summary>The fields as the command line spells them: <c>preHistory:4,role:1</c>.</summary>
    public string FieldList => string.Join(",", Fields);

    /// <summary>Value equality over name, group, mode and fields.</summary>
    public bool Equals(TableLayout? other) =>
        other is not null && Name == other.Name && Synapses == other.Synapses && Mode == other.Mode && Fields.SequenceEqual(other.Fields);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, Synapses, Mode, AddressBits);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,31}$")]
    private static partial Regex Identifier();
}
