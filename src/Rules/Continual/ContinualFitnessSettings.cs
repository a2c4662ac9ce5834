namespace Neuro.Rules.Continual;

/// <summary>
/// Settings of <see cref="ContinualEvaluator"/>: how much of each task a fitness lifetime learns and scores. Vary them
/// with <c>with</c>: <c>new ContinualFitnessSettings() with { SamplesPerTask = 5000 }</c>.
/// </summary>
public sealed record ContinualFitnessSettings
{
    /// <summary>Training samples streamed per task in a fitness lifetime (a window of the learning part of the training set). Default 2000.</summary>
    public int SamplesPerTask { get; init; } = 2000;

    /// <summary>Held-out validation samples scored per task after the last phase. Default 1000.</summary>
    public int ValidationPerTask { get; init; } = 1000;

    /// <summary>Lifetimes per evaluation, each on its own windows and network draw; fitness is their mean. Default 1.</summary>
    public int Repeats { get; init; } = 1;

    /// <summary>Says what is wrong with the settings, or null when they are valid.</summary>
    public string? Problem =>
        SamplesPerTask < 1 ? $"SamplesPerTask must be at least 1, not {SamplesPerTask}"
        : ValidationPerTask < 1 ? $"ValidationPerTask must be at least 1, not {ValidationPerTask}"
        : Repeats < 1 ? $"Repeats must be at least 1, not {Repeats}"
        : null;
}
