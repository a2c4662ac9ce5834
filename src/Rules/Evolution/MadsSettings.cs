namespace Neuro.Rules.Evolution;

/// <summary>
/// Settings of <see cref="MadsOptimizer"/>. Vary them with <c>with</c>:
/// <c>new MadsSettings { Granularity = MadsSettings.Grid(4), BlockSize = 8 }</c>.
/// </summary>
public sealed record MadsSettings
{
    /// <summary>
    /// The initial frame (poll) size <c>Δ0</c>, the same for every variable, positive; null means a tenth of the
    /// variable's bound range when both of its bounds are finite, else 1 (NOMAD's default). With a
    /// <see cref="Granularity"/> <c>g</c> it is raised to the nearest <c>g·2^k</c>, k ≥ 0.
    /// </summary>
    public double? InitialFrameSize { get; init; }

    /// <summary>
    /// The granularity <c>g</c> of every variable, ≥ 0; 0 means continuous. With <c>g &gt; 0</c> every mesh and frame size
    /// is <c>g·2^k</c> and every trial point a multiple of <c>g</c> (the start point and finite bounds must be multiples
    /// of <c>g</c>), so the search can run on a fixed-point grid of <c>2^-f</c> (<see cref="Grid"/>).
    /// </summary>
    public double Granularity { get; init; }

    /// <summary>
    /// The smallest frame size, positive: the search stops (converged) after a failed poll once the frame size of every
    /// variable is at most <c>max(MinFrameSize, Granularity)</c>. Default 1e-9.
    /// </summary>
    public double MinFrameSize { get; init; } = 1e-9;

    /// <summary>
    /// Trial points per <see cref="MadsOptimizer.Ask"/>, at least 1; null means the whole poll (2n points). The sequence
    /// of incumbents does not depend on it (see <see cref="MadsOptimizer"/>), only how many evaluations an opportunistic
    /// poll spends after its first improvement.
    /// </summary>
    public int? BlockSize { get; init; }

    /// <summary>
    /// Opportunistic polling: the poll stops at its first improving point, in poll order. When false, every point of the
    /// poll is evaluated and the best one (the first of equals) is taken. Default true.
    /// </summary>
    public bool Opportunistic { get; init; } = true;

    /// <summary>
    /// Speculative search: after a success that moved the incumbent by <c>s</c>, the next iteration first tries
    /// <c>x + s</c> (on the current mesh, within the bounds) before polling. Default true, as in NOMAD.
    /// </summary>
    public bool SpeculativeSearch { get; init; } = true;

    /// <summary>
    /// Order each poll by the cosine between its directions and the last successful step, best aligned first (NOMAD's
    /// default); when false, or before any success, the poll keeps its seeded random order. Default true.
    /// </summary>
    public bool OrderByLastSuccess { get; init; } = true;

    /// <summary>Evaluations the search may spend, start point included, at least 1; null means unlimited.</summary>
    public long? MaxEvaluations { get; init; }

    /// <summary>The granularity <c>2^-<paramref name="fractionBits"/></c> of a fixed-point grid with that many fraction bits.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fractionBits"/> is outside 0..52.</exception>
    public static double Grid(int fractionBits) =>
        fractionBits is >= 0 and <= 52
            ? Math.ScaleB(1.0, -fractionBits)
            : throw new ArgumentOutOfRangeException(nameof(fractionBits), fractionBits, $"Fraction bits must be 0..52, not {fractionBits}");
}
