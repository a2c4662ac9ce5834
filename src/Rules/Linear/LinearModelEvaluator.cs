using Neuro.Rules.Evolution;

namespace Neuro.Rules.Linear;

/// <summary>
/// Scores a <see cref="LinearModel"/> in floating point: fitness <c>−MSE</c> on the task (higher is better, 0 is
/// exact); a model with a non-finite weight or bias scores <c>−∞</c>.
/// </summary>
public sealed class LinearModelEvaluator(LinearTask task) : IRuleEvaluator<LinearModel>
{
    /// <summary>The task.</summary>
    public LinearTask Task { get; } = task ?? throw new ArgumentNullException(nameof(task));

    /// <inheritdoc/>
    public bool IsDeterministic => true;

    /// <inheritdoc/>
    public bool EvaluatorsHaveState => false;

    /// <inheritdoc/>
    public Fitness Evaluate(LinearModel rule, EvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(rule);
        double mse = Task.MeanSquaredError(rule);
        return new(double.IsFinite(mse) ? -mse : double.NegativeInfinity);
    }
}
