namespace Neuro.Rules.Evolution;

/// <summary>
/// Settings of <see cref="OpenAiEsOptimizer"/>; the defaults follow Salimans et al. (2017) scaled to our rule tables.
/// Vary them with <c>with</c>: <c>new OpenAiEsSettings() with { Sigma = 0.05 }</c>.
/// </summary>
public sealed record OpenAiEsSettings
{
    /// <summary>Candidates per generation, λ; even, because they come in antithetic pairs <c>θ ± σε</c>. Default 50.</summary>
    public int Population { get; init; } = 50;

    /// <summary>Noise scale σ of the perturbations. Default 0.1.</summary>
    public double Sigma { get; init; } = 0.1;

    /// <summary>Learning rate α of the step rule. Default 0.03.</summary>
    public double LearningRate { get; init; } = 0.03;

    /// <summary>The step rule. Default <see cref="OpenAiEsStep.Adam"/>.</summary>
    public OpenAiEsStep Step { get; init; } = OpenAiEsStep.Adam;

    /// <summary>Adam's first-moment decay β1, in [0, 1). Default 0.9.</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>Adam's second-moment decay β2, in [0, 1). Default 0.999.</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>Adam's denominator guard ε. Default 1e-8.</summary>
    public double Epsilon { get; init; } = 1e-8;

    /// <summary>Momentum μ of <see cref="OpenAiEsStep.MomentumSgd"/>, in [0, 1). Default 0.9.</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>L2 weight decay λ_2: the ascent direction is <c>g - λ_2·θ</c>. Default 0 (off).</summary>
    public double WeightDecay { get; init; }
}
