namespace Neuro.RtlExport;

/// <summary>
/// The learner's clocks per sample as a formula of its parameters (docs/hardware.md, "Cycles per sample"). The RTL is a
/// sequence of walks, each issuing one step per clock over <c>ROWS = HIDDEN / LANES</c> neurons per lane and then
/// draining its pipeline for <see cref="Drain"/> clocks; no walk's length depends on the data, only whether a sample
/// updates and how many output rows it updates.
/// </summary>
/// <param name="Inputs">Input features n.</param>
/// <param name="Hidden">Hidden neurons V.</param>
/// <param name="Classes">Classes m.</param>
/// <param name="Rounds">Recurrent rounds R.</param>
/// <param name="Lanes">Lanes L (neurons processed in parallel); divides <paramref name="Hidden"/>.</param>
/// <param name="ActivationWidth">Bits A of the activation format (the cap searches its A − 1 magnitude bits).</param>
/// <param name="InputTable">The rule has an input table (the input weights are plastic).</param>
/// <param name="OutputTable">The rule has an output table (the output weights are plastic).</param>
/// <param name="OutputAverage">The learner keeps the output weights' moving average (a walk over them after every sample learned from).</param>
public sealed record LearnerTiming(int Inputs, int Hidden, int Classes, int Rounds, int Lanes, int ActivationWidth, bool InputTable, bool OutputTable, bool OutputAverage = false)
{
    /// <summary>Clocks every walk spends after its last step, draining the pipeline (read, operand, product, accumulate, write, compare).</summary>
    public const int Drain = 6;

    /// <summary>Clocks between the clock edge that accepts a sample's last input beat and the first edge at which the
    /// prediction's <c>TVALID</c> is seen high, beyond the walks: the start edge and the done register.</summary>
    public const int Overhead = 2;

    /// <summary>Neurons per lane: <c>HIDDEN / LANES</c>.</summary>
    public int Rows => Hidden / Lanes;

    /// <summary>The input projection: <c>ROWS·INPUTS + DRAIN</c>.</summary>
    public long Projection => (long)Rows * Inputs + Drain;

    /// <summary>One cap: <c>(A + 1)·(ROWS + DRAIN)</c> (A − 1 threshold-search walks, one count, one apply).</summary>
    public long Cap => (ActivationWidth + 1L) * (Rows + Drain);

    /// <summary>One recurrent round: <c>ROWS·HIDDEN + DRAIN</c>.</summary>
    public long Round => (long)Rows * Hidden + Drain;

    /// <summary>The logits and argmax: <c>CLASSES·ROWS + DRAIN</c>.</summary>
    public long Logits => (long)Classes * Rows + Drain;

    /// <summary>The forward pass: projection, R + 1 caps, R rounds, logits.</summary>
    public long Forward => Projection + (Rounds + 1) * Cap + Rounds * Round + Logits;

    /// <summary>The plastic step: <c>ROWS·HIDDEN + DRAIN</c> for the recurrent weights, <c>ROWS·INPUTS + DRAIN</c> for the
    /// input weights (with an input table), <c>rows·ROWS + DRAIN</c> for the output weights (with an output table).</summary>
    /// <param name="outputRows">Output rows updated: every class with <c>allEdges</c>, else 2 (label and prediction) or 1 (a correct sample updated anyway).</param>
    public long Update(int outputRows) =>
        (long)Rows * Hidden + Drain + (InputTable ? (long)Rows * Inputs + Drain : 0) + (OutputTable ? (long)outputRows * Rows + Drain : 0);

    /// <summary>The output average's step (with <see cref="OutputAverage"/>, after every sample learned from, updated or
    /// not): <c>CLASSES·ROWS + DRAIN</c>; 0 without an average.</summary>
    public long Average => OutputAverage ? (long)Classes * Rows + Drain : 0;

    /// <summary>Clocks from the edge accepting the sample's last beat to the first edge seeing the prediction valid.</summary>
    /// <param name="updated">The sample updated the weights.</param>
    /// <param name="outputRows">Output rows updated (see <see cref="Update"/>).</param>
    /// <param name="learned">The sample was learned from (LEARN on): the output average, if any, steps.</param>
    public long Latency(bool updated, int outputRows, bool learned = false) => Forward + (updated ? Update(outputRows) : 0) + (learned ? Average : 0) + Overhead;

    /// <summary>Clocks of the clear sequence (after reset or <c>CLEAR</c>): one per word of the deepest plastic weight memory of a lane.</summary>
    public long Clear => Math.Max((long)Rows * Hidden, Math.Max(InputTable ? (long)Rows * Inputs : 0, OutputTable ? (long)Classes * Rows : 0));
}
