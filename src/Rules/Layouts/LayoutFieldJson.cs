using System.Collections.Immutable;

namespace Neuro.Rules.Layouts;

/// <summary>A field as rule files (<c>neuro-rule/2</c>) hold it: <c>{ "signal": "margin", "bits": 2, "thresholds": [-1, 0, 1] }</c>.</summary>
/// <param name="Signal">The signal, by its camelCase name.</param>
/// <param name="Bits">Address bits.</param>
/// <param name="Thresholds">Margin fields: the thresholds (default: <see cref="LayoutField.DefaultMarginThresholds"/>, scale 1); pre fields: relative levels (none by default).</param>
/// <param name="Range">Weight fields: the power of two the codes span (default 1).</param>
/// <param name="Relative">Margin fields: thresholds relative to the largest logit magnitude (default false).</param>
public sealed record LayoutFieldJson(Signal Signal, int Bits, double[]? Thresholds = null, double? Range = null, bool? Relative = null)
{
    /// <summary>The JSON form of <paramref name="field"/> (thresholds and range written out, so files say what they mean).</summary>
    public static LayoutFieldJson Of(LayoutField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return new LayoutFieldJson(
            field.Signal,
            field.Bits,
            field.Signal == Signal.Margin || field.HasPreLevels ? [.. field.Thresholds] : null,
            field.Signal == Signal.Weight ? field.Range : null,
            field.Relative ? true : null);
    }

    /// <summary>The field.</summary>
    /// <exception cref="ArgumentException">The field is invalid; the message says why.</exception>
    public LayoutField ToField() => new(Signal, Bits, Thresholds is null ? default : ImmutableArray.Create(Thresholds), Range, Relative ?? false);
}
