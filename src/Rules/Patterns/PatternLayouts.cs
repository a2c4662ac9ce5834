using System.Collections.Immutable;
using Neuro.Rules.Layouts;

namespace Neuro.Rules.Patterns;

/// <summary>
/// The pattern family's rule layouts (DESIGN.md §3, §4): its synapse groups, the signals each group's synapses can see,
/// the classic layout of the first rule-file format, and the checks every pattern layout passes.
/// </summary>
/// <remarks>
/// <para>Groups and the signals their synapses see:</para>
/// <list type="bullet">
/// <item><c>recurrent</c> (Wg, row = post, column = pre): <c>preHistory</c>, <c>postHistory</c>, <c>weight</c>, <c>margin</c>, <c>phase</c>;</item>
/// <item><c>input</c> (Win, row = hidden neuron): <c>postHistory</c> (the hidden neuron's), <c>weight</c>, <c>margin</c>, <c>phase</c>;</item>
/// <item><c>output</c> (Wout, row = class): <c>preHistory</c> (the hidden neuron's), <c>pre</c> (the hidden neuron's
/// last-round activity h as a level relative to the largest, <c>#{t : h &gt; t·max h}</c> over the field's thresholds,
/// which it must have), <c>role</c>, <c>weight</c>, <c>margin</c>, <c>phase</c>.</item>
/// </list>
/// <para>History fields have exactly <c>rounds + 1</c> bits. Tables are <c>add</c> or <c>multiply</c>.</para>
/// <para>The classic layout (every file in the first format loads as it): <c>hidden</c> on recurrent synapses with
/// [preHistory, postHistory] (address <c>pre·P + post</c>), <c>input</c> with [postHistory], <c>output</c> with
/// [preHistory, role(1)] (address <c>2·pattern + role</c>), in that order.</para>
/// </remarks>
public static class PatternLayouts
{
    /// <summary>The recurrent synapse group (Wg).</summary>
    public const string Recurrent = "recurrent";

    /// <summary>The input synapse group (Win).</summary>
    public const string Input = "input";

    /// <summary>The output synapse group (Wout).</summary>
    public const string Output = "output";

    /// <summary>Name of the classic recurrent table.</summary>
    public const string HiddenTable = "hidden";

    private static readonly Signal[] RecurrentSignals = [Signal.PreHistory, Signal.PostHistory, Signal.Weight, Signal.Margin, Signal.Phase];
    private static readonly Signal[] InputSignals = [Signal.PostHistory, Signal.Weight, Signal.Margin, Signal.Phase];
    private static readonly Signal[] OutputSignals = [Signal.PreHistory, Signal.Pre, Signal.Role, Signal.Weight, Signal.Margin, Signal.Phase];

    /// <summary>The classic recurrent fields for <paramref name="rounds"/>: [preHistory, postHistory].</summary>
    public static ImmutableArray<LayoutField> ClassicHiddenFields(int rounds) => [History(Signal.PreHistory, rounds), History(Signal.PostHistory, rounds)];

    /// <summary>The classic input fields: [postHistory].</summary>
    public static ImmutableArray<LayoutField> ClassicInputFields(int rounds) => [History(Signal.PostHistory, rounds)];

    /// <summary>The classic output fields: [preHistory, role(1)].</summary>
    public static ImmutableArray<LayoutField> ClassicOutputFields(int rounds) => [History(Signal.PreHistory, rounds), new LayoutField(Signal.Role, 1)];

    /// <summary>
    /// A pattern layout: the recurrent table <c>hidden</c>, then <c>input</c> and <c>output</c> when their fields are given,
    /// all with <paramref name="mode"/>; default fields are the classic ones.
    /// </summary>
    /// <exception cref="ArgumentException">The layout breaks <see cref="Validate"/>.</exception>
    public static RuleLayout Build(
        int rounds,
        TableMode mode,
        bool input,
        bool output,
        ImmutableArray<LayoutField> hiddenFields = default,
        ImmutableArray<LayoutField> inputFields = default,
        ImmutableArray<LayoutField> outputFields = default)
    {
        CheckRounds(rounds);
        var tables = ImmutableArray.CreateBuilder<TableLayout>(3);
        tables.Add(new TableLayout(HiddenTable, Recurrent, mode, hiddenFields.IsDefault ? ClassicHiddenFields(rounds) : hiddenFields));
        if (input)
        {
            tables.Add(new TableLayout(Input, Input, mode, inputFields.IsDefault ? ClassicInputFields(rounds) : inputFields));
        }

        if (output)
        {
            tables.Add(new TableLayout(Output, Output, mode, outputFields.IsDefault ? ClassicOutputFields(rounds) : outputFields));
        }

        var layout = new RuleLayout(tables.ToImmutable());
        Validate(layout, rounds);
        return layout;
    }

    /// <summary>The classic layout of a first-format rule file.</summary>
    public static RuleLayout Classic(int rounds, bool input, bool output, TableMode mode) => Build(rounds, mode, input, output);

    /// <summary>Whether <paramref name="layout"/> is the classic layout for <paramref name="rounds"/> (the first file format can hold it).</summary>
    public static bool IsClassic(RuleLayout layout, int rounds)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var mode = layout.Tables[0].Mode;
        return layout.Tables.All(t => t.Mode == mode)
            && layout == Classic(rounds, layout.IndexOf(Input) >= 0, layout.IndexOf(Output) >= 0, mode);
    }

    /// <summary>
    /// Checks <paramref name="layout"/> against the family: known synapse groups, signals their synapses can see, history
    /// fields of <c>rounds + 1</c> bits, role fields of 1 or 2 bits, modes add or multiply.
    /// </summary>
    /// <exception cref="ArgumentException">The message names the table and field.</exception>
    public static void Validate(RuleLayout layout, int rounds)
    {
        ArgumentNullException.ThrowIfNull(layout);
        foreach (var table in layout.Tables)
        {
            ValidateTable(table, rounds);
        }
    }

    /// <summary>Checks one table against the family (see <see cref="Validate"/>).</summary>
    /// <exception cref="ArgumentException">The message names the table and field.</exception>
    public static void ValidateTable(TableLayout table, int rounds)
    {
        ArgumentNullException.ThrowIfNull(table);
        CheckRounds(rounds);
        Signal[] allowed = table.Synapses switch
        {
            Recurrent => RecurrentSignals,
            Input => InputSignals,
            Output => OutputSignals,
            _ => throw new ArgumentException($"Table '{table.Name}': the pattern family has no '{table.Synapses}' synapses; its groups are {Recurrent}, {Input}, {Output}"),
        };
        if (table.Mode == TableMode.Write)
        {
            throw new ArgumentException($"Table '{table.Name}': the pattern family's tables are add or multiply, not write");
        }

        foreach (var field in table.Fields)
        {
            string name = LayoutField.Name(field.Signal);
            if (Array.IndexOf(allowed, field.Signal) < 0)
            {
                throw new ArgumentException($"Table '{table.Name}': {table.Synapses} synapses cannot see '{name}'; they see {string.Join(", ", allowed.Select(LayoutField.Name))}");
            }

            if (field.Signal is Signal.PreHistory or Signal.PostHistory && field.Bits != rounds + 1)
            {
                throw new ArgumentException($"Table '{table.Name}': '{name}' has {rounds + 1} bits with {rounds} rounds, not {field.Bits}");
            }

            if (field.Signal == Signal.Pre && !field.HasPreLevels)
            {
                throw new ArgumentException($"Table '{table.Name}': 'pre' needs its levels as thresholds, fractions of the layer's largest activity (for example \"thresholds\": [0.5]; on the command line pre:1:0.5)");
            }

            if (field.Signal == Signal.Role && field.Bits > 2)
            {
                throw new ArgumentException($"Table '{table.Name}': 'role' has 1 or 2 bits, not {field.Bits}");
            }
        }
    }

    private static LayoutField History(Signal signal, int rounds)
    {
        CheckRounds(rounds);
        return new LayoutField(signal, rounds + 1);
    }

    private static void CheckRounds(int rounds)
    {
        if (rounds < 0 || rounds > PatternRule.MaxRounds)
        {
            throw new ArgumentOutOfRangeException(nameof(rounds), rounds, $"Rounds must be 0..{PatternRule.MaxRounds}, not {rounds}");
        }
    }
}
