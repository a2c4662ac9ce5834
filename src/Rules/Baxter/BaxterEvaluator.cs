using Neuro.Rules.Evolution;

namespace Neuro.Rules.Baxter;

/// <summary>
/// Scores a Baxter learner on a <see cref="BooleanTask"/>: the fraction of (function, case) tests it answers right
/// after training on each function, 1 exactly when it learns every function. Deterministic and context-free: no
/// random draw, the same value in every generation.
/// </summary>
public sealed class BaxterEvaluator(BooleanTask task) : IRuleEvaluator<BaxterLearner>
{
    /// <summary>The task scored.</summary>
    public BooleanTask Task { get; } = task ?? throw new ArgumentNullException(nameof(task));

    /// <inheritdoc/>
    public bool IsDeterministic => true;

    /// <inheritdoc/>
    public bool EvaluatorsHaveState => false;

    /// <inheritdoc/>
    public Fitness Evaluate(BaxterLearner rule, EvaluationContext context) => new(Fraction(BaxterTrial.RunAll(rule, Task)));

    /// <summary>The fraction of tests answered right over <paramref name="trials"/>.</summary>
    public static double Fraction(IReadOnlyList<BaxterTrialResult> trials)
    {
        ArgumentNullException.ThrowIfNull(trials);
        int correct = 0, total = 0;
        foreach (var t in trials)
        {
            correct += t.Correct;
            total += t.Outputs.Length;
        }

        return total == 0 ? 0 : (double)correct / total;
    }
}
