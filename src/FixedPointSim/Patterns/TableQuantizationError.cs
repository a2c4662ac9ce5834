using System.Collections.Immutable;

namespace Neuro.FixedPointSim.Patterns;

/// <summary>
/// How one rule table's ROM words (<see cref="RuleRom"/>) differ from the values they stand for, <c>eta·table[i]</c>.
/// The error of entry i is <c>e_i = value(raw_i) − eta·table[i]</c>, where <c>value(raw) = raw · 2^-f</c> in the
/// entry's format (<c>f</c> = the weight's fractional bits, so one LSB of the word is one LSB of a weight).
/// </summary>
/// <param name="Table">Which table: <c>hidden</c>, <c>input</c> or <c>output</c>.</param>
/// <param name="Entry">The ROM word's type (format, rounding, overflow).</param>
/// <param name="Targets">The exact values <c>eta·table[i]</c> (the double products the float reference adds), by address.</param>
/// <param name="Raw">The ROM words, by address (raw integers of <see cref="FixedType.Format"/>).</param>
/// <param name="MaxAbsErrorLsb">Largest <c>|e_i|</c> in LSBs of the word.</param>
/// <param name="MaxAbsError">Largest <c>|e_i|</c> as a value.</param>
/// <param name="RmsError">Root mean square of <c>e_i</c> as a value: <c>sqrt(Σ e_i² / n)</c>.</param>
/// <param name="SqnrDb">Signal-to-quantization-noise ratio <c>10·log10(Σ target_i² / Σ e_i²)</c> in dB;
/// <see cref="double.PositiveInfinity"/> when every word is exact.</param>
/// <param name="Saturated">Entries the overflow mode replaced (<see cref="RuleRomStats.Saturated"/>).</param>
/// <param name="Zeroed">Nonzero entries that rounded to 0, so their update does nothing (<see cref="RuleRomStats.Zeroed"/>).</param>
public sealed record TableQuantizationError(
    string Table,
    FixedType Entry,
    ImmutableArray<double> Targets,
    ImmutableArray<long> Raw,
    double MaxAbsErrorLsb,
    double MaxAbsError,
    double RmsError,
    double SqnrDb,
    int Saturated,
    int Zeroed)
{
    /// <summary>Number of entries in the table.</summary>
    public int Entries => Targets.Length;

    /// <summary>The value of one LSB of the word, <c>2^-f</c>.</summary>
    public double Lsb => Math.ScaleB(1.0, -Entry.Format.FracBits);

    /// <summary><see cref="RmsError"/> in LSBs of the word.</summary>
    public double RmsErrorLsb => RmsError / Lsb;

    /// <summary>True when every word equals its target exactly (then <see cref="SqnrDb"/> is +∞).</summary>
    public bool Exact => double.IsPositiveInfinity(SqnrDb);

    /// <summary>The value ROM word <paramref name="index"/> stands for, <c>raw · 2^-f</c>.</summary>
    public double Value(int index) => Fixed.FromRaw(Raw[index], Entry.Format).ToDouble();
}
