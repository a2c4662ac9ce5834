using System.Collections.Immutable;

namespace Neuro.Rules.Patterns;

/// <summary>
/// A lookup-table plasticity rule indexed by firing patterns (Cristian et al. 2021; Joosten 2021; DESIGN.md §3).
/// A hidden neuron's pattern has <c>Rounds + 1</c> bits, round 0 the most significant, so there are
/// <c>P = 2^(Rounds+1)</c> patterns.
/// </summary>
/// <remarks>
/// Tables: <c>Hidden</c> has <c>P·P</c> entries indexed <c>pre·P + post</c>; <c>Input</c> (optional) has <c>P</c> entries
/// indexed by the post pattern; <c>Output</c> (optional) has <c>2P</c> entries, <c>2·pattern + 0</c> for the label's row and
/// <c>2·pattern + 1</c> for the prediction's row (or every non-label row with <see cref="OutputEdges.AllEdges"/>).
/// </remarks>
public sealed record PatternRule
{
    /// <summary>Largest supported number of recurrent rounds (P = 256 patterns, a 65,536-entry hidden table).</summary>
    public const int MaxRounds = 7;

    /// <summary>Creates a rule and validates every table against <paramref name="rounds"/>.</summary>
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
    {
        if (rounds < 0 || rounds > MaxRounds)
        {
            throw new ArgumentOutOfRangeException(nameof(rounds), rounds, $"Rounds must be 0..{MaxRounds}, not {rounds}");
        }

        if (!double.IsFinite(eta) || eta <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(eta), eta, $"Eta must be a finite positive number, not {eta}");
        }

        Rounds = rounds;
        Eta = eta;
        int p = Patterns;
        Hidden = Check(hidden, p * p, "hidden");
        Input = input is { } i ? Check(i, p, "input") : null;
        Output = output is { } o ? Check(o, 2 * p, "output") : null;
        Mode = mode;
        MisclassifiedOnly = misclassifiedOnly;
        OutputEdges = outputEdges;
    }

    /// <summary>Recurrent rounds R after round 0.</summary>
    public int Rounds { get; }

    /// <summary>Number of distinct firing patterns, <c>P = 2^(Rounds+1)</c>.</summary>
    public int Patterns => 1 << (Rounds + 1);

    /// <summary>Step size: every update is <c>eta · table[index]</c>.</summary>
    public double Eta { get; }

    /// <summary>The hidden (recurrent) table, <c>P·P</c> entries, index <c>pre·P + post</c>.</summary>
    public ImmutableArray<double> Hidden { get; }

    /// <summary>The input table, <c>P</c> entries indexed by the post pattern, or null when input weights stay fixed.</summary>
    public ImmutableArray<double>? Input { get; }

    /// <summary>The output table, <c>2P</c> entries, or null when output weights stay fixed.</summary>
    public ImmutableArray<double>? Output { get; }

    /// <summary>Additive or multiplicative updates.</summary>
    public PatternUpdateMode Mode { get; }

    /// <summary>Update only after a misclassified sample (true) or after every sample.</summary>
    public bool MisclassifiedOnly { get; }

    /// <summary>Which rows the output rule's second entry updates.</summary>
    public OutputEdges OutputEdges { get; }

    /// <summary>The number of table entries (genes): <c>P² + (P if input) + (2P if output)</c>.</summary>
    public int GeneCount => Hidden.Length + (Input?.Length ?? 0) + (Output?.Length ?? 0);

    /// <summary>The pattern of a neuron from its per-round firing bits, round 0 first (most significant).</summary>
    public static int PatternOf(ReadOnlySpan<bool> firedPerRound)
    {
        int pattern = 0;
        foreach (bool fired in firedPerRound)
        {
            pattern = 2 * pattern + (fired ? 1 : 0);
        }

        return pattern;
    }

    /// <summary>Index into <see cref="Hidden"/> for an edge from a neuron with pattern <paramref name="pre"/> to one with <paramref name="post"/>: <c>pre·P + post</c>.</summary>
    public int HiddenIndex(int pre, int post) => pre * Patterns + post;

    /// <summary>Value equality includes the tables' contents.</summary>
    public bool Equals(PatternRule? other) =>
        other is not null && Rounds == other.Rounds && Eta.Equals(other.Eta) && Mode == other.Mode
        && MisclassifiedOnly == other.MisclassifiedOnly && OutputEdges == other.OutputEdges
        && Hidden.SequenceEqual(other.Hidden) && Same(Input, other.Input) && Same(Output, other.Output);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Rounds, Eta, Mode, MisclassifiedOnly, OutputEdges, Hidden.Length);

    private static bool Same(ImmutableArray<double>? a, ImmutableArray<double>? b) =>
        a is null ? b is null : b is not null && a.Value.SequenceEqual(b.Value);

    private static ImmutableArray<double> Check(ImmutableArray<double> table, int expected, string name)
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

        return table;
    }
}
