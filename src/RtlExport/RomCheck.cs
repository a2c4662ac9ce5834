using System.Globalization;
using Neuro.FixedPointSim;
using Neuro.FixedPointSim.Patterns;
using Neuro.Rules.Patterns;

namespace Neuro.RtlExport;

/// <summary>
/// Refuses a rule whose ROM words at a precision are all zero (DESIGN.md §6): it cannot learn at that precision, and its
/// hardware would be a costly no-op. The message names the format to widen and by how much. <c>neuro export</c> checks
/// it before it writes anything.
/// </summary>
public static class RomCheck
{
    /// <summary>
    /// Says why <paramref name="rule"/>'s ROM words at <paramref name="precision"/> (<see cref="RuleRom"/>, exactly what
    /// the export writes) cannot move a weight, or null when some word is not zero.
    /// </summary>
    /// <exception cref="PrecisionConfigException">The precision does not suit the rule.</exception>
    public static string? Problem(PatternRule rule, PrecisionConfig precision)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(precision);
        var rom = new RuleRom(rule, precision);
        if (rom.Words().Any(w => w != 0))
        {
            return null;
        }

        var weight = precision.Weight;
        var entry = precision.RuleEntry;
        double largest = rule.Tables.SelectMany(t => t).Select(e => Math.Abs(rule.Eta * e)).DefaultIfEmpty(0).Max();
        if (largest == 0)
        {
            return "every entry of the rule's tables is zero, so no weight ever changes; there is nothing to export";
        }

        int frac = entry.Format.FracBits;
        string lsb = string.Create(CultureInfo.InvariantCulture, $"2^{-frac}");
        if (Math.ScaleB(largest, frac) >= 1)
        {
            // Big enough for the LSB, yet zero: the words overflowed and the overflow mode (SatZero) zeroed them.
            return string.Create(CultureInfo.InvariantCulture,
                $"every rule-ROM word is zero: the largest |eta·entry| ({largest:G4}) overflows the ruleEntry {entry} and its overflow mode sets it to zero; give the ruleEntry more integer bits (a wider type) or another overflow mode");
        }

        int needed = (int)Math.Ceiling(-Math.Log2(largest));
        int more = needed - frac;
        string suggestion = weight.Format.Width + more <= QFormat.MaxWidth
            ? $" (e.g. weight {weight with { Format = new QFormat(true, weight.Format.Width + more, needed) }}, ruleEntry {entry with { Format = new QFormat(true, entry.Format.Width + more, needed) }})"
            : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"every rule-ROM word is zero at ruleEntry {entry}: the largest |eta·entry| is {largest:G4}, below its LSB {lsb}, so the rule cannot learn at this precision; widen the weight and ruleEntry types to at least {needed} fractional bits{suggestion}");
    }

    /// <summary>Throws when <see cref="Problem"/> finds one.</summary>
    /// <exception cref="RtlExportException">Every ROM word is zero.</exception>
    public static void Ensure(PatternRule rule, PrecisionConfig precision)
    {
        if (Problem(rule, precision) is { } problem)
        {
            throw new RtlExportException(problem);
        }
    }
}
