using System.Globalization;
using Neuro.Rules.Layouts;
using Neuro.Rules.Patterns;

namespace Neuro.Cli;

/// <summary>
/// Refuses rules that are well-formed but absurd: a table entry whose step <c>eta·entry</c> (or, for multiplicative
/// rules, factor <c>1 + eta·entry</c>) is not a finite number, or so large that a lifetime's updates would overflow a
/// float weight to infinity and then to NaN. Every verb that reads a rule file checks it (through
/// <see cref="SimulateCommand.ReadRule"/>).
/// </summary>
internal static class RuleMagnitudes
{
    /// <summary>
    /// The largest step <c>|eta·entry|</c> accepted: 2^64. A weight takes at most one step per sample, so a float weight
    /// stays finite for any lifetime shorter than 2^959 samples, and the products and sums of the forward pass of a network
    /// the size limits allow stay far below <see cref="double.MaxValue"/> for realistic lifetimes; larger steps are not a
    /// learning rule but an overflow waiting to happen.
    /// </summary>
    internal static readonly double MaxStep = Math.ScaleB(1, 64);

    /// <summary>What is absurd about <paramref name="rule"/>, naming the table entry as a JSON path, or null.</summary>
    internal static string? Problem(PatternRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        for (int t = 0; t < rule.Tables.Length; t++)
        {
            var layout = rule.Layout.Tables[t];
            var table = rule.Tables[t];
            for (int i = 0; i < table.Length; i++)
            {
                double step = rule.Eta * table[i];
                string where = string.Create(CultureInfo.InvariantCulture, $"{layout.Name}[{i}]: eta·entry = {rule.Eta:G6} × {table[i]:G6}");
                if (!double.IsFinite(step))
                {
                    return $"{where} overflows to infinity";
                }

                if (Math.Abs(step) > MaxStep)
                {
                    return string.Create(CultureInfo.InvariantCulture, $"{where} = {step:G6} is beyond ±2^64; the weights would overflow to infinity and NaN");
                }

                if (layout.Mode == TableMode.Multiply && !double.IsFinite(1 + step))
                {
                    return $"{where}: the factor 1 + eta·entry is not finite";
                }
            }
        }

        return null;
    }
}
