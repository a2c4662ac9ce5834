namespace Neuro.FixedPointSim;

/// <summary>
/// The seven quantization modes of SystemC <c>sc_fixed</c> (IEEE 1666 §7.10) and <c>ap_fixed</c>.
/// They decide which representable neighbour a value between two LSB steps becomes.
/// </summary>
/// <remarks>The SystemC oracle in <c>tests/oracles/systemc</c> judges that these match <c>SC_*</c> bit for bit.</remarks>
public enum Rounding
{
    /// <summary><c>SC_RND</c>/<c>AP_RND</c>: nearest; a tie goes toward +∞.</summary>
    Rnd,

    /// <summary><c>SC_RND_ZERO</c>/<c>AP_RND_ZERO</c>: nearest; a tie goes toward zero.</summary>
    RndZero,

    /// <summary><c>SC_RND_MIN_INF</c>/<c>AP_RND_MIN_INF</c>: nearest; a tie goes toward −∞.</summary>
    RndMinInf,

    /// <summary><c>SC_RND_INF</c>/<c>AP_RND_INF</c>: nearest; a tie goes away from zero.</summary>
    RndInf,

    /// <summary><c>SC_RND_CONV</c>/<c>AP_RND_CONV</c>: nearest; a tie goes to the even neighbour (convergent rounding).</summary>
    RndConv,

    /// <summary><c>SC_TRN</c>/<c>AP_TRN</c>: toward −∞ (floor; drop the low bits of the two's complement).</summary>
    Trn,

    /// <summary><c>SC_TRN_ZERO</c>/<c>AP_TRN_ZERO</c>: toward zero.</summary>
    TrnZero,
}
