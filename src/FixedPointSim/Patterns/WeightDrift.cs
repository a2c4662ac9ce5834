namespace Neuro.FixedPointSim.Patterns;

/// <summary>
/// How far one weight matrix of the fixed-point network (raw → value through the weight format) is from the float
/// reference's at one point of the lifetime, over the edges the matrix uses (those of the input mask for <c>Win</c>,
/// of the recurrent mask for <c>Wg</c>, every entry of <c>Wout</c>).
/// </summary>
/// <param name="Matrix"><c>input</c> (<c>Win</c>), <c>recurrent</c> (<c>Wg</c>) or <c>output</c> (<c>Wout</c>).</param>
/// <param name="Plastic">Whether a rule table updates this matrix (otherwise the drift is the quantization of its fixed draws).</param>
/// <param name="Weights">Number of weights compared.</param>
/// <param name="MaxAbsDrift">Largest <c>|w_fixed − w_float|</c>.</param>
/// <param name="RmsDrift">Root mean square of <c>w_fixed − w_float</c>.</param>
/// <param name="FloatRms">Root mean square of the float weights, the scale to judge the drift against.</param>
public sealed record WeightDrift(string Matrix, bool Plastic, int Weights, double MaxAbsDrift, double RmsDrift, double FloatRms);
