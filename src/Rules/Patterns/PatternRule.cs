using System.Collections.Immutable;
using Neuro.Rules.Layouts;

namespace Neuro.Rules.Patterns;

/// <summary>
/// A lookup-table plasticity rule of the pattern family (Cristian et al. 2021; Joosten 2021; DESIGN.md §3, §4): tables
/// declared by a <see cref="RuleLayout"/>, each updating one synapse group (<c>recurrent</c>, <c>input</c>, <c>output</c>)
/// with entries addressed by the layout's fields. A hidden neuron's firing history has <c>Rounds + 1</c> bits, round 0
/// the most significant.
/// </summary>
/// <remarks>
/// Entries are in layout order: table <c>t</c>'s entry at address <c>a</c> is <c>Tables[t][a]</c>; what an address means
/// is the layout's business (<see cref="TableLayout.Term"/>), never the consumer's. The classic rule of the first file
/// format (<see cref="PatternLayouts.Classic"/>) is one layout among others.
/// </remarks>
public sealed record PatternRule
{
    /// <summary>Largest supported number of recurrent rounds (256 firing histories, a 65,536-entry classic hidden table).</summary>
    public const int MaxRounds = 7;

    /// <summary>Creates a rule and validates the layout against the family and every table against the layout.</summary>
    /// <param name="rounds">Recurrent rounds R after round 0.</param>
    /// <param name="eta">Step size: an update adds <c>eta · entry</c> (or multiplies by <c>1 + eta · entry</c>).</param>
    /// <param name="layout">The tables' layout (<see cref="PatternLayouts.Validate"/>).</param>
    /// <param name="tables">Each table's entries, in layout order.</param>
    /// <param name="misclassifiedOnly">Update only after a misclassified sample (true) or after every sample.</param>
    /// <param name="outputEdges">Which output rows other than the label's are updated.</param>
    /// <param name="outputAverageShift">0, or <c>s</c> in 1..<see cref="MaxOutputAverageShift"/>: predictions with frozen
    /// weights read an exponential moving average of the output weights with factor <c>2^-s</c> per sample
    /// (<see cref="OutputAverageShift"/>); needs an output table.</param>
    /// <exception cref="ArgumentException">A size is wrong, an entry is not finite, or the layout breaks the family's rules; the message names the table.</exception>
    public PatternRule(int rounds, double eta, RuleLayout layout, ImmutableArray<ImmutableArray<double>> tables, bool misclassifiedOnly = true, OutputEdges outputEdges = OutputEdges.LabelAndPrediction, int outputAverageShift = 0)
    {
        if (rounds < 0 || rounds > MaxRounds)
        {
            throw new ArgumentOutOfRangeException(nameof(rounds), rounds, $"Rounds must be 0..{MaxRounds}, not {rounds}");
        }

        if (!double.IsFinite(eta) || eta <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(eta), eta, $"Eta must be a finite positive number, not {eta}");
        }

        ArgumentNullException.ThrowIfNull(layout);
        PatternLayouts.Validate(layout, rounds);
        if (tables.IsDefault || tables.Length != layout.Tables.Length)
        {
            throw new ArgumentException($"The layout has {layout.Tables.Length} tables; {(tables.IsDefault ? 0 : tables.Length)} were given", nameof(tables));
        }

        for (int t = 0; t < tables.Length; t++)
        {
            Check(tables[t], layout.Tables[t].Entries, layout.Tables[t].Name);
        }

        if (!Enum.IsDefined(outputEdges))
        {
            throw new ArgumentOutOfRangeException(nameof(outputEdges), outputEdges, "Unknown output-edges option");
        }

        if (outputAverageShift < 0 || outputAverageShift > MaxOutputAverageShift)
        {
            throw new ArgumentOutOfRangeException(nameof(outputAverageShift), outputAverageShift, $"The output average shift must be 0 (off) or 1..{MaxOutputAverageShift}, not {outputAverageShift}");
        }

        if (outputAverageShift > 0 && layout.Find(PatternLayouts.Output) is null)
        {
            throw new ArgumentException("An output average needs an output table: without one the output weights never move", nameof(outputAverageShift));
        }

        Rounds = rounds;
        Eta = eta;
        Layout = layout;
        Tables = tables;
        MisclassifiedOnly = misclassifiedOnly;
        OutputEdges = outputEdges;
        OutputAverageShift = outputAverageShift;
    }

    /// <summary>Creates a rule with the classic layout (the first file format): hidden, optional input, optional output tables.</summary>
    /// <exception cref="ArgumentException">A size is wrong or an entry is not finite; the message names the table and index.</exception>
    public PatternRule(
        int rounds,
        double eta,
        ImmutableArray<double> hidden,
        ImmutableArray<double>? input,
        ImmutableArray<double>? output,
        PatternUpdateMode mode = PatternUpdateMode.Additive,
        bool misclassifiedOnly = true,
        OutputEdges outputEdges = OutputEdges.LabelAndPrediction)
        : this(
            rounds,
            eta,
            PatternLayouts.Classic(CheckedRounds(rounds), input is not null, output is not null, mode == PatternUpdateMode.Multiplicative ? TableMode.Multiply : TableMode.Add),
            [hidden, .. input is { } i ? [i] : Array.Empty<ImmutableArray<double>>(), .. output is { } o ? [o] : Array.Empty<ImmutableArray<double>>()],
            misclassifiedOnly,
            outputEdges)
    {
    }

    /// <summary>Largest <see cref="OutputAverageShift"/> (a window of about a million samples).</summary>
    public const int MaxOutputAverageShift = 20;

    /// <summary>Recurrent rounds R after round 0.</summary>
    public int Rounds { get; }

    /// <summary>Step size: every update is <c>eta · entry</c>.</summary>
    public double Eta { get; }

    /// <summary>The tables' layout: groups, modes, fields, offsets.</summary>
    public RuleLayout Layout { get; }

    /// <summary>Each table's entries, in layout order, indexed by address.</summary>
    public ImmutableArray<ImmutableArray<double>> Tables { get; }

    /// <summary>Update only after a misclassified sample (true) or after every sample.</summary>
    public bool MisclassifiedOnly { get; }

    /// <summary>Which rows besides the label's the output table updates.</summary>
    public OutputEdges OutputEdges { get; }

    /// <summary>
    /// 0 (off), or <c>s</c>: the network keeps an exponential moving average <c>a</c> of every output weight, reset to the
    /// weight's start and stepped after every sample it learns from (whether or not the rule updated it):
    /// <c>a ← a + (w − a)·2^-s</c>. Learning (its forward pass, margin and roles) uses the weights <c>w</c>; predictions
    /// with frozen weights (<see cref="IPatternNetwork.Predict"/>) read <c>a</c> instead (Polyak averaging: the average
    /// of a constant-step online rule's weights is less noisy than its last weights). DESIGN.md §4, docs/file-formats.md.
    /// </summary>
    public int OutputAverageShift { get; }

    /// <summary>Whether predictions read the output weights' moving average (<see cref="OutputAverageShift"/> &gt; 0).</summary>
    public bool AveragesOutput => OutputAverageShift > 0;

    /// <summary>The recurrent table's entries, or null when recurrent weights stay fixed.</summary>
    public ImmutableArray<double>? Hidden => TableOf(PatternLayouts.Recurrent);

    /// <summary>The input table's entries, or null when input weights stay fixed.</summary>
    public ImmutableArray<double>? Input => TableOf(PatternLayouts.Input);

    /// <summary>The output table's entries, or null when output weights stay fixed.</summary>
    public ImmutableArray<double>? Output => TableOf(PatternLayouts.Output);

    /// <summary>The number of table entries (genes), all tables together.</summary>
    public int GeneCount => Layout.TotalEntries;

    /// <summary>The table updating <paramref name="synapses"/>, or null.</summary>
    public TableLayout? TableLayoutOf(string synapses) => Layout.Find(synapses);

    /// <summary>The mode of the table updating <paramref name="synapses"/>, or null without one.</summary>
    public TableMode? ModeOf(string synapses) => Layout.Find(synapses)?.Mode;

    /// <summary>The firing history of a neuron from its per-round firing bits, round 0 first (most significant).</summary>
    public static int PatternOf(ReadOnlySpan<bool> firedPerRound)
    {
        int pattern = 0;
        foreach (bool fired in firedPerRound)
        {
            pattern = NextHistory(pattern, fired);
        }

        return pattern;
    }

    /// <summary>A firing history after one more round: the earlier rounds move up a bit and the new round is the lowest bit.</summary>
    public static int NextHistory(int history, bool fired) => (history << 1) | (fired ? 1 : 0);

    /// <summary>The same rule with other entries (for example decoded genes), validated.</summary>
    public PatternRule WithTables(ImmutableArray<ImmutableArray<double>> tables) => new(Rounds, Eta, Layout, tables, MisclassifiedOnly, OutputEdges, OutputAverageShift);

    /// <summary>The same rule with another <see cref="OutputAverageShift"/> (0: off), validated.</summary>
    public PatternRule WithOutputAverage(int shift) => new(Rounds, Eta, Layout, Tables, MisclassifiedOnly, OutputEdges, shift);

    /// <summary>All entries, tables one after another in layout order (the genes).</summary>
    public double[] Genes()
    {
        var genes = new double[GeneCount];
        for (int t = 0; t < Tables.Length; t++)
        {
            Tables[t].CopyTo(genes, Layout.Offset(t));
        }

        return genes;
    }

    /// <summary>Value equality includes the layout and the tables' contents.</summary>
    public bool Equals(PatternRule? other) =>
        other is not null && Rounds == other.Rounds && Eta.Equals(other.Eta)
        && MisclassifiedOnly == other.MisclassifiedOnly && OutputEdges == other.OutputEdges && OutputAverageShift == other.OutputAverageShift && Layout == other.Layout
        && Tables.Length == other.Tables.Length && Tables.Zip(other.Tables).All(p => p.First.SequenceEqual(p.Second));

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Rounds, Eta, MisclassifiedOnly, OutputEdges, OutputAverageShift, Layout);

    private ImmutableArray<double>? TableOf(string synapses) => Layout.IndexOf(synapses) is int i and >= 0 ? Tables[i] : null;

    private static int CheckedRounds(int rounds) =>
        rounds < 0 || rounds > MaxRounds
            ? throw new ArgumentOutOfRangeException(nameof(rounds), rounds, $"Rounds must be 0..{MaxRounds}, not {rounds}")
            : rounds;

    private static void Check(ImmutableArray<double> table, int expected, string name)
    {
        if (table.IsDefault || table.Length != expected)
        {
            throw new ArgumentException($"Table '{name}' must have {expected} entries, not {(table.IsDefault ? 0 : table.Length)}", name);
        }

        for (int i = 0; i < table.Length; i++)
        {
            if (!double.IsFinite(table[i]))
            {
                throw new ArgumentException($"Table '{name}' entry [{i}] is {table[i]}; entries must be finite", name);
            }
        }
    }
}
