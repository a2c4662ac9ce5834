namespace Neuro.FixedPointSim;

/// <summary>
/// The overflow modes of SystemC <c>sc_fixed</c> (IEEE 1666 §7.10, with <c>n_bits = 0</c>) and <c>ap_fixed</c>:
/// what a quantized value outside <c>[MinRaw, MaxRaw]</c> becomes.
/// </summary>
public enum Overflow
{
    /// <summary><c>SC_SAT</c>/<c>AP_SAT</c>: clamp to the largest or smallest representable value.</summary>
    Sat,

    /// <summary><c>SC_SAT_ZERO</c>/<c>AP_SAT_ZERO</c>: any overflow gives zero.</summary>
    SatZero,

    /// <summary>
    /// <c>SC_SAT_SYM</c>/<c>AP_SAT_SYM</c>: clamp to the symmetric range <c>[−MaxRaw, MaxRaw]</c>; for signed formats the most
    /// negative code <c>MinRaw</c> is itself treated as an overflow and becomes <c>−MaxRaw</c>; unsigned negatives become 0.
    /// </summary>
    SatSym,

    /// <summary><c>SC_WRAP</c>/<c>AP_WRAP</c>: keep the low <c>Width</c> bits (two's complement wrap-around).</summary>
    Wrap,
}
