using System.Collections.Immutable;

namespace Neuro.Rules.Baxter;

/// <summary>
/// A Baxter task: a set of Boolean functions, each learned in its own trial from the same reset state, and the
/// training protocol every trial follows.
/// </summary>
/// <remarks>
/// <para>A trial (<see cref="BaxterTrial"/>): reset the learner; train for <see cref="Epochs"/> passes over the
/// function's cases in case order (case 0 first), holding each case's input and clamping the output to its target for
/// <see cref="Steps"/> steps; then test each case from the initial activities (weights kept), its input held, the
/// output unclamped and the weights frozen, for <see cref="Steps"/> steps, and read the output. The function is
/// learned when every case's output equals its target.</para>
/// <para><c>boolean1</c>: the four functions of one variable (identity, not, zero, one); <c>boolean2</c>: the 16
/// functions of two variables. Fitness (<see cref="BaxterEvaluator"/>) is the fraction of (function, case) tests
/// answered right, 1 exactly when every function is learned.</para>
/// </remarks>
public sealed class BooleanTask
{
    /// <summary>Default passes over the cases while training: 2.</summary>
    public const int DefaultEpochs = 2;

    /// <summary>Default steps each case is held, in training and in the test: 2 (input → hidden → output).</summary>
    public const int DefaultSteps = 2;

    /// <summary>The task names: <c>boolean1</c>, <c>boolean2</c>.</summary>
    public static ImmutableArray<string> Names { get; } = ["boolean1", "boolean2"];

    /// <summary>Creates and validates a task.</summary>
    /// <exception cref="ArgumentException">No function, functions of different arities, or a protocol count below 1.</exception>
    public BooleanTask(string name, IEnumerable<BooleanFunction> functions, int epochs = DefaultEpochs, int steps = DefaultSteps)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(functions);
        Functions = [.. functions];
        if (Functions.IsEmpty)
        {
            throw new ArgumentException("A Boolean task needs at least one function", nameof(functions));
        }

        int inputs = Functions[0].Inputs;
        if (inputs is < 1 or > 2 || Functions.Any(f => f.Inputs != inputs || f.Table < 0 || f.Table >= 1 << (1 << inputs)))
        {
            throw new ArgumentException("Every function of a task must be a truth table over the same 1 or 2 inputs", nameof(functions));
        }

        if (epochs < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(epochs), epochs, $"Epochs must be at least 1, not {epochs}");
        }

        if (steps < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(steps), steps, $"Steps must be at least 1, not {steps}");
        }

        Name = name;
        Inputs = inputs;
        Epochs = epochs;
        Steps = steps;
    }

    /// <summary>The task's name.</summary>
    public string Name { get; }

    /// <summary>Variables of every function, the learner's input nodes.</summary>
    public int Inputs { get; }

    /// <summary>The functions, each one trial.</summary>
    public ImmutableArray<BooleanFunction> Functions { get; }

    /// <summary>Passes over the cases while training.</summary>
    public int Epochs { get; }

    /// <summary>Steps each case is held, in training and in the test.</summary>
    public int Steps { get; }

    /// <summary>Steps of one trial: training and test together.</summary>
    public int StepsPerTrial => (Epochs + 1) * (1 << Inputs) * Steps;

    /// <summary>The four functions of one variable: identity, not, zero (constant −1), one (constant +1).</summary>
    public static ImmutableArray<BooleanFunction> OneVariable { get; } =
        [new("identity", 1, 0b10), new("not", 1, 0b01), new("zero", 1, 0b00), new("one", 1, 0b11)];

    /// <summary>The 16 functions of two variables <c>a</c>, <c>b</c>, by truth table 0..15 (case <c>2·a + b</c>).</summary>
    public static ImmutableArray<BooleanFunction> TwoVariables { get; } =
    [
        .. new[]
        {
            "false", "nor", "b and not a", "not a", "a and not b", "not b", "xor", "nand",
            "and", "xnor", "b", "a implies b", "a", "b implies a", "or", "true",
        }.Select((name, table) => new BooleanFunction(name, 2, table)),
    ];

    /// <summary>The task called <paramref name="name"/> (<c>boolean1</c> or <c>boolean2</c>) with this protocol.</summary>
    /// <exception cref="ArgumentException">An unknown name (the message lists the known ones) or a bad protocol count.</exception>
    public static BooleanTask Named(string name, int epochs = DefaultEpochs, int steps = DefaultSteps) => name switch
    {
        "boolean1" => new BooleanTask(name, OneVariable, epochs, steps),
        "boolean2" => new BooleanTask(name, TwoVariables, epochs, steps),
        _ => throw new ArgumentException($"Unknown Boolean task '{name}'; expected {string.Join(" or ", Names)}", nameof(name)),
    };
}
