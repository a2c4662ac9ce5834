namespace Neuro.FixedPointSim.Patterns;

/// <summary>How quantizing one rule table into ROM words went, for reports.</summary>
/// <param name="Entries">Number of entries in the table.</param>
/// <param name="Saturated">Entries whose rounded value <c>eta·table[i]</c> lay outside the ROM word's range, so the overflow
/// mode replaced it (with <c>AP_SAT</c>: pinned at <c>MinRaw</c>/<c>MaxRaw</c>).</param>
/// <param name="Zeroed">Entries with a nonzero value <c>eta·table[i]</c> that rounded to raw 0 (smaller than the weight's
/// LSB can express, so the update does nothing); overflows to 0 (<c>AP_SAT_ZERO</c>) count as saturated, not here.</param>
public sealed record RuleRomStats(int Entries, int Saturated, int Zeroed);
