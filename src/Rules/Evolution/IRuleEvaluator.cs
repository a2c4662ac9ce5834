namespace Neuro.Rules.Evolution;

/// <summary>
/// Runs lifetimes of a rule and scores it. Implementations live where their arithmetic lives: the float reference here,
/// the fixed-point one in FixedPointSim, the OpenCL one in OpenClKernels.
/// </summary>
/// <typeparam name="TRule">The rule type.</typeparam>
public interface IRuleEvaluator<in TRule>
{
    /// <summary>True when the same rule and context always give the same fitness.</summary>
    bool IsDeterministic { get; }

    /// <summary>True when an evaluator instance holds mutable state, so parallel evaluation needs one instance per thread.</summary>
    bool EvaluatorsHaveState { get; }

    /// <summary>Scores <paramref name="rule"/>; all randomness comes from <paramref name="context"/>.</summary>
    Fitness Evaluate(TRule rule, EvaluationContext context);
}
