using Neuro.Rules.Evolution;
using Neuro.Rules.Linear;

namespace Neuro.FixedPointSim.Linear;

/// <summary>
/// Scores a <see cref="LinearModel"/> in fixed point: W and b quantized into the weight type, then
/// <see cref="FixedLinearModel.MeanSquaredError"/>; fitness <c>−MSE</c>. A non-finite W or b scores <c>−∞</c>.
/// </summary>
public sealed class FixedLinearEvaluator(LinearTask task, LinearPrecision precision) : IRuleEvaluator<LinearModel>
{
    /// <summary>The task.</summary>
    public LinearTask Task { get; } = task ?? throw new ArgumentNullException(nameof(task));

    /// <summary>The types.</summary>
    public LinearPrecision Precision { get; } = precision ?? throw new ArgumentNullException(nameof(precision));

    /// <inheritdoc/>
    public bool IsDeterministic => true;

    /// <inheritdoc/>
    public bool EvaluatorsHaveState => false;

    /// <inheritdoc/>
    public Fitness Evaluate(LinearModel rule, EvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (!double.IsFinite(rule.W) || !double.IsFinite(rule.B))
        {
            return new(double.NegativeInfinity);
        }

        return new(-FixedLinearModel.Quantize(rule, Precision).MeanSquaredError(Task));
    }
}
