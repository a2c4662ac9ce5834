namespace Neuro.Rules.Continual;

/// <summary>
/// Settings of <see cref="MlpLearner"/>, the backpropagation baselines: one hidden ReLU layer trained by online SGD
/// (batch 1) on the softmax cross-entropy over every output unit; with <see cref="EwcLambda"/> above 0, elastic weight
/// consolidation. Vary them with <c>with</c>.
/// </summary>
public sealed record MlpSettings
{
    /// <summary>Hidden neurons (the same size as the network it is compared with). Default 256.</summary>
    public int Hidden { get; init; } = 256;

    /// <summary>SGD step. Default 0.01.</summary>
    public double LearningRate { get; init; } = 0.01;

    /// <summary>EWC penalty strength λ in <c>(λ/2)·Σ F_i (θ_i − θ*_i)²</c>; 0 is plain SGD fine-tuning. Default 0.</summary>
    public double EwcLambda { get; init; }

    /// <summary>Training samples of a finished task whose squared log-likelihood gradients are averaged into the diagonal Fisher information. Default 1000.</summary>
    public int FisherSamples { get; init; } = 1000;

    /// <summary>Seed of the initial weights (He initialisation, biases 0). Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Says what is wrong with the settings, or null when they are valid.</summary>
    public string? Problem =>
        Hidden < 1 ? $"Hidden must be at least 1, not {Hidden}"
        : !(LearningRate > 0) || !double.IsFinite(LearningRate) ? FormattableString.Invariant($"LearningRate must be finite and positive, not {LearningRate}")
        : !(EwcLambda >= 0) || !double.IsFinite(EwcLambda) ? FormattableString.Invariant($"EwcLambda must be finite and non-negative, not {EwcLambda}")
        : FisherSamples < 1 ? $"FisherSamples must be at least 1, not {FisherSamples}"
        : null;
}
