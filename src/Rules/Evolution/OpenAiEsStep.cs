namespace Neuro.Rules.Evolution;

/// <summary>How <see cref="OpenAiEsOptimizer"/> turns its gradient estimate into a step of the mean.</summary>
public enum OpenAiEsStep
{
    /// <summary>
    /// Adam (Kingma &amp; Ba 2015), as in Salimans et al.'s code: <c>m = β1·m + (1-β1)·g</c>, <c>v = β2·v + (1-β2)·g²</c>,
    /// <c>θ += α·√(1-β2^t)/(1-β1^t) · m/(√v + ε)</c>.
    /// </summary>
    Adam,

    /// <summary>Gradient ascent with momentum: <c>u = μ·u + (1-μ)·g</c>, <c>θ += α·u</c>.</summary>
    MomentumSgd,
}
